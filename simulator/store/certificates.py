"""Certificates: passing an assignment earns one, issued the moment the passing attempt is
recorded, with an id that `recovery-sim verify` checks against the scoreboard.

An assignment is one scenario (`Store.assign`), so "every scenario of the assignment" is its
one; a certificate still keeps a list of scores, one per scenario passed, so the page and the
check read the same however many there are. Issuing and checking work the same for both
backends, from the records each reads.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from simulator.store import timestamps
from simulator.store.assignments import Assignment, passing_attempt
from simulator.store.errors import InvalidRecordError, ScoreboardError
from simulator.store.names import name_key
from simulator.store.records import AttemptRecord
from simulator.store.validation import check_scenario_id, clean_name


class UnknownCertificateError(ScoreboardError, LookupError):
    def __init__(self, prefix: str, *, ambiguous: bool = False) -> None:
        if ambiguous:
            text = f"more than one certificate starts with {prefix!r}; give more of its id"
        else:
            text = f"no certificate {prefix!r} in this scoreboard"
        super().__init__(text)
        self.ambiguous = ambiguous


@dataclass(frozen=True, slots=True)
class Score:
    """One scenario passed for the certificate: by which attempt, with what score."""

    scenario_id: str
    attempt_id: str
    overall: int
    pass_mark: int | None  # None: a practice assignment, passed by finishing


@dataclass(frozen=True, slots=True)
class Certificate:
    id: str  # a UUID: the verification id
    assignment_id: str
    trainee: str
    team: str
    mode: str
    issued_at: datetime
    scores: tuple[Score, ...]
    revoked_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Check:
    """What `verify` found: `status` is valid, unknown, revoked or mismatch."""

    status: str
    message: str

    @property
    def valid(self) -> bool:
        return self.status == "valid"


def earned(
    assignment: Assignment, trainee: str, team: str, attempts: Iterable[AttemptRecord]
) -> Certificate | None:
    """The certificate `trainee` has earned on `assignment` from their attempts, if passed."""
    passing = passing_attempt(assignment, trainee, attempts)
    if passing is None or passing.overall is None:
        return None
    return Certificate(
        id=str(uuid.uuid4()),
        assignment_id=assignment.id,
        trainee=trainee,
        team=team,
        mode=assignment.mode,
        issued_at=passing.ended_at or timestamps.now(),
        scores=(Score(passing.scenario_id, passing.id, passing.overall, passing.pass_mark),),
    )


def check(
    certificate: Certificate | None, prefix: str, found: Mapping[str, AttemptRecord]
) -> Check:
    """The certificate against the attempts it names (`found`: those the scoreboard has)."""
    if certificate is None:
        return Check(
            "unknown",
            f"unknown: no certificate {prefix!r} in this scoreboard; check the id, and that"
            " --db is the scoreboard that issued it",
        )
    who = f"{certificate.trainee} ({certificate.team})"
    if certificate.revoked_at is not None:
        return Check(
            "revoked",
            f"revoked: certificate {certificate.id} for {who} was revoked on"
            f" {certificate.revoked_at.date().isoformat()}; it is not valid",
        )
    for score in certificate.scores:
        attempt = found.get(score.attempt_id)
        problem = _mismatch(certificate, score, attempt)
        if problem:
            return Check(
                "mismatch",
                f"mismatch: certificate {certificate.id} for {who} does not match the"
                f" scoreboard: {problem}; it is not valid",
            )
    passed = ", ".join(f"{s.scenario_id} {s.overall}" for s in certificate.scores)
    return Check(
        "valid",
        f"valid: certificate {certificate.id}: {who} passed {passed}"
        f" ({certificate.mode}), issued {certificate.issued_at.date().isoformat()}",
    )


def _mismatch(certificate: Certificate, score: Score, attempt: AttemptRecord | None) -> str:
    if attempt is None:
        return f"attempt {score.attempt_id} is not in it"
    if name_key(attempt.trainee) != name_key(certificate.trainee) or name_key(
        attempt.team
    ) != name_key(certificate.team):
        return f"attempt {attempt.id} was played by {attempt.trainee} ({attempt.team})"
    if attempt.scenario_id != score.scenario_id:
        return f"attempt {attempt.id} is of {attempt.scenario_id}, not {score.scenario_id}"
    if attempt.overall != score.overall:
        return f"attempt {attempt.id} scored {attempt.overall}, not {score.overall}"
    if certificate.mode == "assessment" and not attempt.passed:
        return f"attempt {attempt.id} did not pass its pass mark"
    return ""


def scores_to_json(scores: Iterable[Score]) -> str:
    return json.dumps(
        [[s.scenario_id, s.attempt_id, s.overall, s.pass_mark] for s in scores],
        separators=(",", ":"),
    )


def scores_from_json(text: str) -> tuple[Score, ...]:
    return tuple(
        Score(str(a), str(b), int(c), None if d is None else int(d))
        for a, b, c, d in json.loads(text)
    )


def certificate_to_json(item: Certificate) -> dict[str, Any]:
    return {
        "id": item.id,
        "assignment_id": item.assignment_id,
        "trainee": item.trainee,
        "team": item.team,
        "mode": item.mode,
        "issued_at": timestamps.to_iso(item.issued_at),
        "revoked_at": timestamps.to_iso(item.revoked_at) if item.revoked_at else None,
        "scores": json.loads(scores_to_json(item.scores)),
    }


def certificate_from_json(record: object, number: int) -> Certificate:
    """A checked certificate from an export (InvalidRecordError says which field is wrong)."""
    what = f"certificate {number}"
    if not isinstance(record, dict):
        raise InvalidRecordError(f"{what} must be an object")
    try:
        ident = str(uuid.UUID(str(record.get("id"))))
        assignment = str(uuid.UUID(str(record.get("assignment_id"))))
        issued = timestamps.parse_iso(str(record.get("issued_at")))
        revoked = record.get("revoked_at")
        revoked_at = None if revoked is None else timestamps.parse_iso(str(revoked))
        scores = tuple(_score_from_json(item, what) for item in record.get("scores") or ())
    except (ValueError, TypeError) as error:
        raise InvalidRecordError(f"{what}: {str(error)[:80]}") from None
    if not scores:
        raise InvalidRecordError(f'{what}: "scores" must list the scenarios passed')
    mode = record.get("mode")
    if mode not in ("practice", "assessment"):
        raise InvalidRecordError(f'{what}: "mode" must be practice or assessment')
    return Certificate(
        id=ident,
        assignment_id=assignment,
        trainee=clean_name(record.get("trainee"), f"{what}: trainee"),
        team=clean_name(record.get("team"), f"{what}: team"),
        mode=str(mode),
        issued_at=issued,
        scores=scores,
        revoked_at=revoked_at,
    )


def _score_from_json(item: Any, what: str) -> Score:
    scenario, attempt, overall, mark = item
    if type(overall) is not int or not 0 <= overall <= 100:
        raise ValueError("a score must be a whole number from 0 to 100")
    if mark is not None and (type(mark) is not int or not 0 <= mark <= 100):
        raise ValueError("a pass mark must be a whole number from 0 to 100")
    return Score(
        check_scenario_id(scenario, f"{what}: scenario"),
        str(uuid.UUID(str(attempt))),
        overall,
        mark,
    )


def verify(board: Any, prefix: str) -> Check:
    """Check the certificate whose id is or starts with `prefix` against `board` (a Store):
    unknown, revoked, mismatch (an attempt it names is gone or differs) or valid. Errors
    reaching the scoreboard are raised, never reported as a verdict."""
    from simulator.store.errors import UnknownAttemptError

    try:
        certificate = board.certificate(prefix)
    except UnknownCertificateError as error:
        if error.ambiguous:
            raise
        return check(None, prefix, {})
    found: dict[str, AttemptRecord] = {}
    for score in certificate.scores:
        try:
            found[score.attempt_id] = board.attempt(score.attempt_id)
        except UnknownAttemptError:
            pass
    return check(certificate, prefix, found)
