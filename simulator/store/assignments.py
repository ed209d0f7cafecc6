"""Assignments: a lead asks a team to play a scenario by a date, and sees who has.

An assignment is kept in the scoreboard (both backends, `Store.assign` and friends); where each
trainee stands on it is worked out here from the attempts, the same way for both backends:

- passed: an attempt in the assignment's mode, among the first it allows, passed its pass mark
  (a practice assignment: was finished without giving up);
- failed: every attempt it allows was used and none passed;
- overdue: the due date has gone by without a pass (and attempts were left);
- in progress: at least one attempt, none passed yet, and still time;
- not started: no attempt yet, and still time.

Attempts count from the day the assignment was made, so earlier practice of the same
scenario does not fill it in.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from simulator.store import timestamps
from simulator.store.errors import InvalidRecordError
from simulator.store.names import name_key
from simulator.store.records import AttemptRecord

if TYPE_CHECKING:
    from simulator.store.protocol import Store

STATUSES = ("not started", "in progress", "passed", "failed", "overdue")


@dataclass(frozen=True, slots=True)
class Assignment:
    id: str  # a UUID; the command line accepts a short prefix
    team: str
    scenario_id: str
    due: date  # the last day it may be done on
    mode: str = "assessment"
    attempts: int | None = None  # attempts allowed; None: as many as the trainee likes
    created_at: datetime | None = None
    trainee: str | None = None  # one named trainee of the team; None: the whole team


@dataclass(frozen=True, slots=True)
class Standing:
    """One trainee on one assignment."""

    assignment: Assignment
    trainee: str
    status: str
    attempts: int  # attempts counted towards it
    best: int | None  # best overall among them (finished, not given up)


def standing(
    assignment: Assignment, trainee: str, attempts: Iterable[AttemptRecord], today: date
) -> Standing:
    """Where `trainee` stands on `assignment`, from their attempts (any; filtered here)."""
    counted = counted_attempts(assignment, trainee, attempts)
    allowed = counted if assignment.attempts is None else counted[: assignment.attempts]
    scored = [a.overall for a in allowed if a.finished and a.outcome != "abandoned"]
    best = max((s for s in scored if s is not None), default=None)
    if any(_done(assignment, a) for a in allowed):
        status = "passed"
    elif (
        assignment.attempts is not None
        and len(allowed) >= assignment.attempts
        and all(a.finished for a in allowed)
    ):
        status = "failed"
    elif today > assignment.due:
        status = "overdue"
    elif counted:
        status = "in progress"
    else:
        status = "not started"
    return Standing(assignment, trainee, status, len(allowed), best)


def counted_attempts(
    assignment: Assignment, trainee: str, attempts: Iterable[AttemptRecord]
) -> list[AttemptRecord]:
    """The trainee's attempts that count towards the assignment, oldest first (its limit not
    applied)."""
    since = assignment.created_at
    return sorted(
        (
            a
            for a in attempts
            if a.scenario_id == assignment.scenario_id
            and a.mode == assignment.mode
            and name_key(a.trainee) == name_key(trainee)
            and (since is None or a.started_at >= since)
        ),
        key=lambda a: a.started_at,
    )


def passing_attempt(
    assignment: Assignment, trainee: str, attempts: Iterable[AttemptRecord]
) -> AttemptRecord | None:
    """The attempt that passed the assignment for the trainee (the first), if any."""
    counted = counted_attempts(assignment, trainee, attempts)
    allowed = counted if assignment.attempts is None else counted[: assignment.attempts]
    return next((a for a in allowed if _done(assignment, a)), None)


def _done(assignment: Assignment, attempt: AttemptRecord) -> bool:
    """Assessment: the attempt passed its pass mark. Practice is never judged: any finished
    attempt that was not given up does it."""
    if assignment.mode == "assessment":
        return bool(attempt.passed)
    return attempt.finished and attempt.outcome != "abandoned"


def progress(
    assignments: Sequence[Assignment],
    trainees: Sequence[tuple[str, str]],
    attempts: Sequence[AttemptRecord],
    today: date,
) -> tuple[Standing, ...]:
    """Every trainee of each assignment's team on it: by due date, then team, then name."""
    # Each trainee's attempts once, by name key: a team of 50 with 10,000 attempts is looked
    # through once, not once per trainee per assignment.
    by_trainee: dict[str, list[AttemptRecord]] = {}
    for attempt in attempts:
        by_trainee.setdefault(name_key(attempt.trainee), []).append(attempt)
    rows = []
    for assignment in sorted(assignments, key=lambda a: (a.due, name_key(a.team), a.scenario_id)):
        team = name_key(assignment.team)
        members = [
            name
            for name, its_team in sorted(trainees, key=lambda t: name_key(t[0]))
            if name_key(its_team) == team
        ]
        if assignment.trainee is not None:  # one trainee: shown even before they first play
            wanted = name_key(assignment.trainee)
            members = [n for n in members if name_key(n) == wanted][:1] or [assignment.trainee]
        rows.extend(
            standing(assignment, name, by_trainee.get(name_key(name), ()), today)
            for name in members
        )
    return tuple(rows)


# Where a trainee is behind: the date went by, or every allowed attempt was used, without a pass.
BEHIND = ("overdue", "failed")


def team_progress(
    board: Store, team: str | None, today: date, scenarios: Collection[str] | None = None
) -> tuple[tuple[Assignment, ...], tuple[Standing, ...]]:
    """The assignments (of `team`, or all; of `scenarios` only, if given) and every trainee's
    standing on them: what `recovery-sim progress` prints and the app's progress screen shows,
    read the same way."""
    assignments = board.assignments(team)
    if scenarios is not None:
        assignments = tuple(a for a in assignments if a.scenario_id in scenarios)
    teams = sorted({name_key(a.team): a.team for a in assignments}.values())
    trainees = tuple(t for each in teams for t in board.trainees(each))
    return assignments, progress(
        assignments, trainees, assigned_attempts(board, assignments), today
    )


def assigned_attempts(board: Store, assignments: Iterable[Assignment]) -> tuple[AttemptRecord, ...]:
    """The attempts that can count towards `assignments`: of its team, scenario and mode (one
    read through the per-trainee index each, not every attempt of the team). When each was made
    is left to `counted_attempts`: given as a date filter, PostgreSQL read the attempts of every
    trainee since that date instead (240 ms instead of 33 ms over a million attempts)."""
    from simulator.store.results import Filters

    spelled = {name_key(a.team): a.team for a in assignments}
    wanted = dict.fromkeys((name_key(a.team), a.scenario_id, a.mode) for a in assignments)
    found: dict[str, AttemptRecord] = {}
    for team, scenario, mode in wanted:
        filters = Filters(team=spelled[team], scenario=scenario, mode=mode)
        found.update((a.id, a) for a in board.attempts(filters))
    return tuple(found.values())


def trainee_progress(board: Store, trainee: str, team: str, today: date) -> tuple[Standing, ...]:
    """One trainee's standing on each of their team's assignments, soonest due first."""
    key = name_key(trainee)
    assignments = tuple(
        a for a in board.assignments(team) if a.trainee is None or name_key(a.trainee) == key
    )  # another trainee's own assignment is not on this trainee's list
    if not assignments:
        return ()
    mine = tuple(a for a in assigned_attempts(board, assignments) if name_key(a.trainee) == key)
    return progress(assignments, ((trainee, team),), mine, today)


def status_counts(rows: Sequence[Standing]) -> dict[str, int]:
    return {status: sum(r.status == status for r in rows) for status in STATUSES}


# Said of a team that has assignments but nobody to list: the scoreboard knows a trainee once
# they have played anything, so a new team's table is empty, which looked like a broken view.
NOBODY_YET = "nobody listed yet; a trainee appears once they have played any scenario"


def teams_nobody_yet(
    assignments: Sequence[Assignment], rows: Sequence[Standing]
) -> tuple[str, ...]:
    """Teams with an assignment and no trainee listed under it, as the assignments spell them."""
    listed = {name_key(row.assignment.team) for row in rows}
    teams = {name_key(a.team): a.team for a in assignments}
    return tuple(team for key, team in sorted(teams.items()) if key not in listed)


def behind(rows: Sequence[Standing]) -> tuple[str, ...]:
    """Trainees overdue or failed on something, by name (each once, as first written)."""
    names = {name_key(r.trainee): r.trainee for r in rows if r.status in BEHIND}
    return tuple(names[key] for key in sorted(names))


def assignment_to_json(item: Assignment) -> dict[str, Any]:
    return {
        "id": item.id,
        "team": item.team,
        "scenario_id": item.scenario_id,
        "due": item.due.isoformat(),
        "mode": item.mode,
        "attempts": item.attempts,
        "created_at": timestamps.to_iso(item.created_at) if item.created_at else None,
        "trainee": item.trainee,
    }


def assignment_from_json(record: object, number: int) -> Assignment:
    """A checked assignment from an export (InvalidRecordError says which field is wrong)."""
    from simulator.store.validation import check_assignment, clean_name

    if not isinstance(record, dict):
        raise InvalidRecordError(f"assignment {number} must be an object")
    try:
        ident = str(uuid.UUID(str(record.get("id"))))
        due = date.fromisoformat(str(record.get("due")))
        created = record.get("created_at")
        created_at = None if created is None else timestamps.parse_iso(str(created))
    except ValueError as error:
        raise InvalidRecordError(f"assignment {number}: {error}") from None
    attempts = record.get("attempts")
    if attempts is not None and type(attempts) is not int:
        raise InvalidRecordError(f'assignment {number}: "attempts" must be a whole number')
    team, mode = check_assignment(
        record.get("team"),  # type: ignore[arg-type]
        record.get("scenario_id"),  # type: ignore[arg-type]
        record.get("mode", "assessment"),  # type: ignore[arg-type]
        attempts,
    )
    return Assignment(
        id=ident,
        team=team,
        scenario_id=str(record.get("scenario_id")),
        due=due,
        mode=mode,
        attempts=attempts,
        created_at=created_at,
        trainee=None
        if record.get("trainee") is None
        else clean_name(record.get("trainee"), f"assignment {number}: trainee"),
    )
