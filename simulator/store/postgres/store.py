"""The PostgreSQL scoreboard: a team's attempts on one server, for many writers at once.

Each call is one transaction on a pooled connection (`connecting.Server.run`), retried on
deadlocks, serialisation failures and lost connections. A retry after a lost connection may
find its own earlier run committed, so every write is keyed by the attempt's uuid: starting an
attempt inserts it `ON CONFLICT DO NOTHING`, and a turn or a finish found already stored with
the very same content counts as done. A call that gave up on an outage remembers that, so the
caller trying it again (the same turn, the same finish, the same start) is idempotent too.
"""

from __future__ import annotations

import json
import os
import uuid as uuid_module
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import psycopg

from simulator.store import timestamps
from simulator.store.assignments import Assignment
from simulator.store.certificates import Certificate
from simulator.store.checking import ImportResult
from simulator.store.columns import DIMENSION_COLUMNS
from simulator.store.errors import (
    AMBIGUOUS_SHOWN,
    NUL_PROBLEM,
    AmbiguousAttemptError,
    ExportError,
    InvalidRecordError,
    ServerUnavailableError,
    UnknownAttemptError,
)
from simulator.store.export_file import write_export
from simulator.store.names import name_key
from simulator.store.notes import Note, new_note
from simulator.store.postgres import (
    assigning,
    certifying,
    exchange,
    names,
    noting,
    summaries,
    views,
)
from simulator.store.postgres.connecting import DEFAULT_OUTAGE_SECONDS, Server
from simulator.store.postgres.opening import prepare
from simulator.store.records import AttemptId, AttemptRecord, new_attempt_id, uuid_bounds
from simulator.store.results import (
    NO_FILTERS,
    Filters,
    GroupBy,
    GroupRow,
    LeaderboardRow,
    ProgressSeries,
    Reference,
)
from simulator.store.skills import SkillRow
from simulator.store.sqlite.lookups import turn_from_json
from simulator.store.validation import (
    check_assignment,
    check_dimensions,
    check_outcome,
    check_score,
    checked_start,
    checked_verdict,
    clean_name,
    stored_turn,
)

if TYPE_CHECKING:
    from simulator.engine.model import Debrief, Turn
    from simulator.engine.passing import Verdict

ONGOING = "ongoing"
_DIM_SET = ", ".join(f"{name} = %s" for name in DIMENSION_COLUMNS)
_DIM_LIST = ", ".join(f"a.{name}" for name in DIMENSION_COLUMNS)


class PostgresStore:
    """The `Store` on a PostgreSQL server (a `postgresql://` URL)."""

    def __init__(self, server: Server) -> None:
        self._server = server
        self.where = server.where
        # Calls that gave up on an outage and may have committed: key -> the attempt id used.
        self._uncertain: dict[tuple[Any, ...], str] = {}

    @classmethod
    def open(
        cls,
        url: str,
        *,
        on_upgrade: object = None,
        outage_seconds: float = DEFAULT_OUTAGE_SECONDS,
    ) -> PostgresStore:
        """Connect, and set up or upgrade the server's scoreboard if needed (once, under a
        lock). Raises a `ScoreboardError` whose message names the server without password."""
        server = Server(url, outage_seconds=outage_seconds)
        try:
            server.run(lambda conn, _: prepare(conn, server.where, on_upgrade))
        except BaseException:
            server.close()
            raise
        return cls(server)

    @property
    def server(self) -> Server:
        return self._server

    def close(self) -> None:
        self._server.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # Recording -----------------------------------------------------------------------------

    def start_attempt(
        self,
        trainee: str,
        team: str,
        scenario_id: str,
        scenario_hash: str,
        scorer_version: str,
        mode: str = "practice",
        *,
        started_at: datetime | None = None,
    ) -> AttemptId:
        """Record a new attempt (it reads back as abandoned until finished) and return its id."""
        name, team_name, values = checked_start(
            trainee, team, scenario_id, scenario_hash, scorer_version, mode
        )
        moment = started_at or timestamps.now()
        key = ("start", name, team_name, *values, started_at)
        attempt_id = AttemptId(self._uncertain.get(key) or new_attempt_id(moment))

        def work(conn: psycopg.Connection, _: bool) -> None:
            trainee_id = names.trainee_id(conn, name, team_name)
            conn.execute(
                "INSERT INTO attempts (uuid, trainee_id, scenario_id, scenario_hash,"
                " scorer_version, mode, started_at, outcome)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (uuid) DO NOTHING",
                (attempt_id, trainee_id, *values, moment, ONGOING),
            )

        self._write(key, work, attempt_id)
        return attempt_id

    def record_turn(self, attempt_id: str, turn: Turn) -> None:
        """Commit one turn of an unfinished attempt; it is stored when this returns."""
        stored = stored_turn(turn)
        if "\x00" in stored[1] or "\x00" in stored[2]:  # jsonb cannot hold it
            problem = f"{NUL_PROBLEM}; send the reply again without it"
            raise InvalidRecordError(f"turn {turn.index} of attempt {attempt_id}: {problem}")
        key = ("turn", str(attempt_id), json.dumps(stored))

        def work(conn: psycopg.Connection, retrying: bool) -> None:
            row_id, finished = _attempt_row(conn, attempt_id)
            found = conn.execute(
                "SELECT list FROM turns WHERE attempt_id = %s", (row_id,)
            ).fetchone()
            turns: list[Any] = found[0] if found else []
            same = [earlier for earlier in turns if earlier[0] == turn.index]
            if same and retrying and same[0] == stored:
                return  # an earlier run of this very call committed
            if finished:
                raise InvalidRecordError(f"attempt {attempt_id} is already finished")
            if same:
                raise InvalidRecordError(
                    f"turn {turn.index} of attempt {attempt_id} is already recorded"
                )
            turns.append(stored)
            turns.sort(key=lambda item: item[0])
            conn.execute(
                "INSERT INTO turns (attempt_id, list) VALUES (%s, %s::jsonb)"
                " ON CONFLICT (attempt_id) DO UPDATE SET list = excluded.list",
                (row_id, json.dumps(turns, ensure_ascii=False)),
            )

        self._write(key, work, str(attempt_id))

    def finish_attempt(
        self,
        attempt_id: str,
        outcome: str,
        overall: int,
        dimensions: Mapping[str, int],
        *,
        ended_at: datetime | None = None,
        verdict: Verdict | None = None,
    ) -> None:
        """Close an attempt with its result (and an assessment's verdict against its pass
        mark) and add it to the views' summaries."""
        pass_mark, passed = checked_verdict(verdict)
        checked_outcome = check_outcome(outcome)
        checked_overall = check_score(overall, "overall score")
        scores = check_dimensions(dimensions)
        ended = ended_at or timestamps.now()
        key = ("finish", str(attempt_id), checked_outcome, checked_overall, scores)

        def work(conn: psycopg.Connection, retrying: bool) -> None:
            row_id = _uuid_or_unknown(attempt_id)
            row = conn.execute(
                f"SELECT a.id, a.ended_at, a.outcome, a.overall, {_DIM_LIST} FROM attempts a"
                " WHERE a.uuid = %s FOR UPDATE",
                (row_id,),
            ).fetchone()
            if row is None:
                raise UnknownAttemptError(str(attempt_id))
            if row[1] is not None:
                if retrying and tuple(row[2:]) == (checked_outcome, checked_overall, *scores):
                    return  # an earlier run of this very call committed
                raise InvalidRecordError(f"attempt {attempt_id} is already finished")
            conn.execute(
                f"UPDATE attempts SET ended_at = %s, outcome = %s, overall = %s, {_DIM_SET},"
                " pass_mark = %s, passed = %s WHERE id = %s",
                (ended, checked_outcome, checked_overall, *scores, pass_mark, passed, row[0]),
            )
            summaries.add_finished(conn, row[0])
            if passed is not False:  # a pass (or practice, never judged) may earn a certificate
                certifying.issue_after(conn, row[0])

        self._write(key, work, str(attempt_id))

    def finish_from_debrief(
        self, attempt_id: str, debrief: Debrief, verdict: Verdict | None = None
    ) -> None:
        outcome = "abandoned" if debrief.outcome == ONGOING else debrief.outcome
        self.finish_attempt(
            attempt_id, outcome, debrief.overall, debrief.dimensions, verdict=verdict
        )

    # Reading ------------------------------------------------------------------------------

    def find_attempt(self, prefix: str) -> AttemptRecord:
        """The attempt whose id is or starts with `prefix` (unique), with its turns."""
        return self.attempt(self._server.run(lambda conn, _: _find_attempt_id(conn, prefix)))

    def attempt(self, attempt_id: str) -> AttemptRecord:
        def work(conn: psycopg.Connection, _: bool) -> AttemptRecord:
            row = conn.execute(
                f"SELECT {views.ATTEMPT_COLUMNS}, l.list FROM {views.ATTEMPT_SOURCE}"
                " LEFT JOIN turns l ON l.attempt_id = a.id WHERE a.uuid = %s",
                (_uuid_or_unknown(attempt_id),),
            ).fetchone()
            if row is None:
                raise UnknownAttemptError(str(attempt_id))
            turns = tuple(map(turn_from_json, row[-1] or []))
            return views.attempt_from_row(row[1:-1], turns)

        return self._server.run(work)

    def attempts(
        self, filters: Filters = NO_FILTERS, *, limit: int | None = None
    ) -> tuple[AttemptRecord, ...]:
        return self._server.run(
            lambda conn, _: views.attempts(conn, names.canonical_filters(conn, filters), limit)
        )

    def leaderboard(
        self,
        filters: Filters = NO_FILTERS,
        reference: Reference | None = None,
        *,
        limit: int | None = None,
    ) -> tuple[LeaderboardRow, ...]:
        return self._server.run(
            lambda conn, _: views.leaderboard(
                conn, names.canonical_filters(conn, filters), reference, limit
            )
        )

    def compare(
        self,
        by: GroupBy = "team",
        filters: Filters = NO_FILTERS,
        reference: Reference | None = None,
    ) -> tuple[GroupRow, ...]:
        return self._server.run(
            lambda conn, _: views.compare(
                conn, by, names.canonical_filters(conn, filters), reference
            )
        )

    def team_comparison(
        self, filters: Filters = NO_FILTERS, reference: Reference | None = None
    ) -> tuple[GroupRow, ...]:
        return self.compare("team", filters, reference)

    def progress(
        self,
        trainee: str,
        team: str | None = None,
        filters: Filters = NO_FILTERS,
        reference: Reference | None = None,
    ) -> tuple[ProgressSeries, ...]:
        return self._server.run(
            lambda conn, _: views.progress(
                conn,
                trainee,
                team and names.team_spelling(conn, team),
                names.canonical_filters(conn, filters),
                reference,
            )
        )

    def skills(self, filters: Filters = NO_FILTERS) -> tuple[SkillRow, ...]:
        return self._server.run(
            lambda conn, _: views.skills(conn, names.canonical_filters(conn, filters))
        )

    def teams(self) -> tuple[str, ...]:
        return self._column("SELECT DISTINCT team FROM trainees ORDER BY team")

    def scenarios(self) -> tuple[str, ...]:
        return self._column("SELECT DISTINCT scenario_id FROM version_totals ORDER BY scenario_id")

    def trainees(self, team: str | None = None) -> tuple[tuple[str, str], ...]:
        def work(conn: psycopg.Connection, _: bool) -> tuple[tuple[str, str], ...]:
            if team is None:
                rows = conn.execute("SELECT name, team FROM trainees ORDER BY team, name")
            else:
                rows = conn.execute(
                    "SELECT name, team FROM trainees WHERE team_key = %s ORDER BY name",
                    (name_key(team),),
                )
            return tuple((name, team_name) for name, team_name in rows)

        return self._server.run(work)

    def reference(self) -> Reference:
        return self._server.run(lambda conn, _: views.versions(conn, None).as_reference())

    def export_to(self, path: str | os.PathLike[str]) -> int:
        """Write every attempt with its turns to a JSON export; returns how many."""
        target = Path(path)

        def work(conn: psycopg.Connection, _: bool) -> int:
            try:
                return write_export(
                    target,
                    exchange.attempts_with_turns(conn),
                    assigning.listed(conn, None),
                    noting.every(conn),
                    certifying.every(conn),
                )
            except OSError as error:
                raise ExportError(target, error.strerror or str(error)) from None

        return self._server.run(work)

    def import_files(self, paths: Sequence[str | os.PathLike[str]]) -> ImportResult:
        """Merge exports in one transaction: a malformed record anywhere imports nothing."""
        files = [Path(path) for path in paths]
        return self._server.run(lambda conn, _: exchange.import_files(conn, files))

    # Assignments ----------------------------------------------------------------------------

    def assign(
        self,
        team: str,
        scenario_id: str,
        due: date,
        mode: str = "assessment",
        attempts: int | None = None,
        trainee: str | None = None,
    ) -> Assignment:
        name, checked_mode = check_assignment(team, scenario_id, mode, attempts)
        named = None if trainee is None else clean_name(trainee, "trainee name")
        return self._server.run(
            lambda conn, _: assigning.add(
                conn, name, scenario_id, due, checked_mode, attempts, named
            )
        )

    def assignments(self, team: str | None = None) -> tuple[Assignment, ...]:
        return self._server.run(lambda conn, _: assigning.listed(conn, team))

    def remove_assignment(self, prefix: str) -> Assignment:
        return self._server.run(lambda conn, _: assigning.remove(conn, prefix))

    # Coaching notes --------------------------------------------------------------------------

    def add_note(self, attempt: str, text: str, author: str) -> Note:
        """Add a lead's note to the attempt whose id is or starts with `attempt` (unique)."""
        note = new_note("", author, text)  # checked before the server is asked anything

        def work(conn: psycopg.Connection, _: bool) -> Note:
            found = _find_attempt_id(conn, attempt)
            conn.execute("SELECT 1 FROM attempts WHERE uuid = %s FOR SHARE", (found,))
            return noting.add(conn, replace(note, attempt_id=found))

        return self._server.run(work)

    def notes_for(self, attempt_id: str) -> tuple[Note, ...]:
        """The notes on one attempt (by its full id), oldest first."""
        try:
            ident = str(uuid_module.UUID(str(attempt_id)))
        except ValueError:
            return ()
        return self._server.run(lambda conn, _: noting.for_attempt(conn, ident))

    # Certificates ----------------------------------------------------------------------------

    def certificate(self, prefix: str) -> Certificate:
        """The certificate whose id is or starts with `prefix` (UnknownCertificateError)."""
        return self._server.run(lambda conn, _: certifying.find(conn, prefix))

    def certificates(self, team: str | None = None) -> tuple[Certificate, ...]:
        return self._server.run(lambda conn, _: certifying.listed(conn, team))

    def revoke_certificate(self, prefix: str) -> Certificate:
        return self._server.run(lambda conn, _: certifying.revoke(conn, prefix))

    # Plumbing -----------------------------------------------------------------------------

    def _column(self, sql: str) -> tuple[str, ...]:
        return self._server.run(lambda conn, _: tuple(row[0] for row in conn.execute(sql)))

    def _write(self, key: tuple[Any, ...], work: Any, attempt_id: str) -> None:
        uncertain = key in self._uncertain
        try:
            self._server.run(lambda conn, retrying: work(conn, retrying or uncertain))
        except ServerUnavailableError:
            self._uncertain[key] = attempt_id  # the caller may try again: make that safe
            raise
        self._uncertain.pop(key, None)


def _find_attempt_id(conn: psycopg.Connection, prefix: str) -> str:
    bounds = uuid_bounds(prefix)
    if bounds is None:
        raise UnknownAttemptError(prefix)
    rows = conn.execute(
        "SELECT uuid::text FROM attempts WHERE uuid BETWEEN %s AND %s ORDER BY uuid LIMIT %s",
        (*bounds, AMBIGUOUS_SHOWN + 1),
    ).fetchall()
    if not rows:
        raise UnknownAttemptError(prefix)
    if len(rows) > 1:
        raise AmbiguousAttemptError(prefix, [str(row[0]) for row in rows])
    return str(rows[0][0])


def _uuid_or_unknown(attempt_id: str) -> str:
    try:
        return str(uuid_module.UUID(str(attempt_id)))
    except ValueError:
        raise UnknownAttemptError(str(attempt_id)) from None


def _attempt_row(conn: psycopg.Connection, attempt_id: str) -> tuple[int, bool]:
    """The attempt's row id and whether it is finished, locked for this transaction."""
    row = conn.execute(
        "SELECT id, ended_at IS NOT NULL FROM attempts WHERE uuid = %s FOR UPDATE",
        (_uuid_or_unknown(attempt_id),),
    ).fetchone()
    if row is None:
        raise UnknownAttemptError(str(attempt_id))
    return int(row[0]), bool(row[1])
