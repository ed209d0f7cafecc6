"""The SQLite scoreboard: records attempts turn by turn and answers the views' queries.

Each call is its own short transaction, so a turn is on disk as soon as `record_turn` returns and
a killed process loses nothing already recorded. One `Scoreboard` may be shared by threads (the
app queries from workers): calls are serialised by a lock.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.store import timestamps
from simulator.store.assignments import Assignment
from simulator.store.certificates import Certificate
from simulator.store.checking import ImportResult, export_batches
from simulator.store.errors import (
    CorruptScoreboardError,
    ExportError,
    InvalidRecordError,
    ScoreboardUnavailableError,
    UnknownAttemptError,
)
from simulator.store.export_file import write_export
from simulator.store.notes import Note, new_note
from simulator.store.reading import export_assignments, export_certificates, export_notes
from simulator.store.records import AttemptId, AttemptRecord, new_attempt_id
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
from simulator.store.sqlite import assigning, certifying, lookups, noting, queries, summaries
from simulator.store.sqlite.bulk import (
    bigger_cache,
    foreign_keys_trusted,
    gc_paused,
    journals_in_memory,
)
from simulator.store.sqlite.connection import (
    DEFAULT_SYNCHRONOUS,
    UpgradeNotice,
    open_connection,
)
from simulator.store.sqlite.export import attempts_with_turns
from simulator.store.sqlite.importing import Merge
from simulator.store.sqlite.schema import DIMENSION_COLUMNS
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

_DIM_SET = ", ".join(f"{name} = ?" for name in DIMENSION_COLUMNS)
ONGOING = "ongoing"  # stored outcome until the attempt is finished


class SqliteStore:
    """The `Store` kept in one SQLite file: one person's scoreboard, or a few on one machine."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path
        self.where = str(path)
        self._lock = threading.RLock()

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        on_upgrade: UpgradeNotice | None = None,
        synchronous: str = DEFAULT_SYNCHRONOUS,
    ) -> SqliteStore:
        """Open (or create) the scoreboard file at `path`.

        Raises a `ScoreboardError` subclass, with a message for the user, if the file is not a
        scoreboard this version can use; such a file is left untouched. `on_upgrade` is told
        before a file from an earlier version is migrated. `synchronous` is SQLite's setting
        (NORMAL or FULL; see docs/SCOREBOARD.md).
        """
        resolved = Path(path)
        return cls(open_connection(resolved, on_upgrade, synchronous), resolved)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> SqliteStore:
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
        attempt_id = new_attempt_id(moment)
        started = timestamps.to_db(moment)
        with self._write() as conn:
            trainee_id = lookups.trainee_row_id(conn, name, team_name)
            conn.execute(
                "INSERT INTO attempts (uuid, trainee_id, scenario_id, scenario_hash,"
                " scorer_version, mode, started_at, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (attempt_id, trainee_id, *values, started, ONGOING),
            )
        return attempt_id

    def record_turn(self, attempt_id: str, turn: Turn) -> None:
        """Commit one turn of an unfinished attempt; it is on disk when this returns."""
        stored = stored_turn(turn)
        with self._write() as conn:
            row_id = self._open_attempt(conn, attempt_id)
            turns = lookups.stored_turns(conn, row_id)
            if any(earlier[0] == turn.index for earlier in turns):
                raise InvalidRecordError(
                    f"turn {turn.index} of attempt {attempt_id} is already recorded"
                )
            turns.append(stored)
            turns.sort(key=itemgetter(0))
            conn.execute(
                "INSERT INTO turns (attempt_id, list) VALUES (?, ?)"
                " ON CONFLICT (attempt_id) DO UPDATE SET list = excluded.list",
                (row_id, json.dumps(turns, ensure_ascii=False, separators=(",", ":"))),
            )

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
        ended = timestamps.to_db(ended_at or timestamps.now())
        with self._write() as conn:
            row_id = self._open_attempt(conn, attempt_id)
            conn.execute(
                f"UPDATE attempts SET ended_at = ?, outcome = ?, overall = ?, {_DIM_SET},"
                " pass_mark = ?, passed = ? WHERE id = ?",
                (ended, checked_outcome, checked_overall, *scores, pass_mark, passed, row_id),
            )
            trainee_id, team, scenario_id, mode, scorer_version, scenario_hash = conn.execute(
                "SELECT a.trainee_id, t.team, a.scenario_id, a.mode, a.scorer_version,"
                " a.scenario_hash FROM attempts a JOIN trainees t ON t.id = a.trainee_id"
                " WHERE a.id = ?",
                (row_id,),
            ).fetchone()
            finished = summaries.Finished(
                trainee_id=trainee_id,
                team=team,
                scenario_id=scenario_id,
                mode=mode,
                overall=checked_overall,
                ended_at=ended,
                uuid=str(attempt_id),
                outcome=checked_outcome,
                scorer_version=scorer_version,
                scenario_hash=scenario_hash,
                dimensions=scores,
            )
            summaries.add_finished(conn, [finished])
            if passed is not False:  # a pass (or practice, never judged) may earn a certificate
                certifying.issue_after(conn, row_id)

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
        with self._read() as conn:
            return lookups.find_attempt(conn, prefix)

    def attempt(self, attempt_id: str) -> AttemptRecord:
        """One attempt with its turns (raises UnknownAttemptError)."""
        with self._read() as conn:
            return lookups.attempt(conn, attempt_id)

    def attempts(
        self, filters: Filters = NO_FILTERS, *, limit: int | None = None
    ) -> tuple[AttemptRecord, ...]:
        """Attempts newest first, unfinished ones (abandoned) included, without their turns;
        here the date filters bound `started_at`, as unfinished attempts have no end."""
        with self._read() as conn:
            return lookups.attempts(conn, lookups.canonical_filters(conn, filters), limit)

    def leaderboard(
        self,
        filters: Filters = NO_FILTERS,
        reference: Reference | None = None,
        *,
        limit: int | None = None,
    ) -> tuple[LeaderboardRow, ...]:
        """Each trainee's best finished attempt, best first (the top `limit` if given);
        `filters.scenario` None = over all scenarios."""
        with self._read() as conn:
            return queries.leaderboard(
                conn, lookups.canonical_filters(conn, filters), reference, limit
            )

    def compare(
        self,
        by: GroupBy = "team",
        filters: Filters = NO_FILTERS,
        reference: Reference | None = None,
    ) -> tuple[GroupRow, ...]:
        """Totals per team (the team comparison) or per scenario, ordered by key."""
        with self._read() as conn:
            return queries.compare(conn, by, lookups.canonical_filters(conn, filters), reference)

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
        """A trainee's overall over time, one series per scenario (and team, if `team` is None)."""
        with self._read() as conn:
            return queries.progress(
                conn,
                trainee,
                team and lookups.team_spelling(conn, team),
                lookups.canonical_filters(conn, filters),
                reference,
            )

    def skills(self, filters: Filters = NO_FILTERS) -> tuple[SkillRow, ...]:
        """Each trainee's means of the six (simulator.store.skills.trainee_skills)."""
        with self._read() as conn:
            return queries.skills(conn, lookups.canonical_filters(conn, filters))

    def teams(self) -> tuple[str, ...]:
        with self._read() as conn:
            return lookups.distinct(conn, "SELECT DISTINCT team FROM trainees ORDER BY team")

    def scenarios(self) -> tuple[str, ...]:
        with self._read() as conn:
            return lookups.scenarios(conn)

    def trainees(self, team: str | None = None) -> tuple[tuple[str, str], ...]:
        """(name, team) pairs, by team then name."""
        with self._read() as conn:
            return lookups.trainees(conn, team)

    def export_to(self, path: str | os.PathLike[str]) -> int:
        """Write every attempt with its turns to a JSON export; returns how many."""
        target = Path(path)
        with self._read() as conn:
            try:
                return write_export(
                    target,
                    attempts_with_turns(conn),
                    assigning.listed(conn, None),
                    noting.every(conn),
                    certifying.every(conn),
                )
            except OSError as error:
                raise ExportError(target, error.strerror or str(error)) from None

    def import_files(self, paths: Sequence[str | os.PathLike[str]]) -> ImportResult:
        """Merge exports in one transaction: a malformed record anywhere imports nothing."""
        # Batch k+1 is checked while a worker summarises batch k (see importing.Merge).
        with (
            gc_paused(),
            self._lock,
            foreign_keys_trusted(self._conn),
            journals_in_memory(self._conn),
        ):
            with self._write() as conn, bigger_cache(conn), Merge(conn) as merge:
                for path in paths:
                    for batch in export_batches(Path(path)):
                        merge.add(batch)
                    assigning.merge(conn, export_assignments(Path(path)))
                result = merge.result()
                for path in paths:  # after every file's attempts: a note may be on any of them
                    noting.merge(conn, export_notes(Path(path)), str(path))
                    certifying.merge(conn, export_certificates(Path(path)))
                return result

    def reference(self) -> Reference:
        """The versions results are compared against: the most common ones stored."""
        with self._read() as conn:
            return queries.resolve_reference(conn, None)

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
        with self._write() as conn:
            return assigning.add(conn, name, scenario_id, due, checked_mode, attempts, named)

    def assignments(self, team: str | None = None) -> tuple[Assignment, ...]:
        with self._read() as conn:
            return assigning.listed(conn, team)

    def remove_assignment(self, prefix: str) -> Assignment:
        with self._write() as conn:
            return assigning.remove(conn, prefix)

    # Coaching notes --------------------------------------------------------------------------

    def add_note(self, attempt: str, text: str, author: str) -> Note:
        """Add a lead's note to the attempt whose id is or starts with `attempt` (unique)."""
        with self._write() as conn:
            found = lookups.find_attempt_id(conn, attempt)
            return noting.add(conn, new_note(found, author, text))

    def notes_for(self, attempt_id: str) -> tuple[Note, ...]:
        """The notes on one attempt (by its full id), oldest first."""
        with self._read() as conn:
            return noting.for_attempt(conn, attempt_id)

    # Certificates ----------------------------------------------------------------------------

    def certificate(self, prefix: str) -> Certificate:
        """The certificate whose id is or starts with `prefix` (UnknownCertificateError)."""
        with self._read() as conn:
            return certifying.find(conn, prefix)

    def certificates(self, team: str | None = None) -> tuple[Certificate, ...]:
        with self._read() as conn:
            return certifying.listed(conn, team)

    def revoke_certificate(self, prefix: str) -> Certificate:
        with self._write() as conn:
            return certifying.revoke(conn, prefix)

    # Plumbing -----------------------------------------------------------------------------

    def _open_attempt(self, conn: sqlite3.Connection, attempt_id: str) -> int:
        row = conn.execute(
            "SELECT id, ended_at FROM attempts WHERE uuid = ?", (str(attempt_id),)
        ).fetchone()
        if row is None:
            raise UnknownAttemptError(str(attempt_id))
        if row[1] is not None:
            raise InvalidRecordError(f"attempt {attempt_id} is already finished")
        return int(row[0])

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One IMMEDIATE transaction: takes the write lock up front, so waiting writers queue
        on the busy timeout instead of failing on a lock upgrade."""
        with self._lock, self._translated():
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """Reads in one transaction, so a view's several queries see one snapshot."""
        with self._lock, self._translated():
            self._conn.execute("BEGIN")
            try:
                yield self._conn
            finally:
                if self._conn.in_transaction:
                    self._conn.execute("COMMIT")

    @contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.OperationalError as error:
            if "readonly" in str(error):
                detail = (
                    "it is read-only here: it can be read, but nothing can be recorded in it; "
                    "the file is not damaged"
                )
                raise ScoreboardUnavailableError(self.path, detail) from None
            raise ScoreboardUnavailableError(self.path, str(error)) from None
        except sqlite3.IntegrityError:
            raise
        except sqlite3.DatabaseError as error:
            raise CorruptScoreboardError(self.path, str(error)) from None
