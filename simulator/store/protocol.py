"""What the app and the command line need of a scoreboard, whichever database keeps it.

`open_store` (simulator.store.opening) returns one of the two implementations: `SqliteStore`
(one file, the default) or `PostgresStore` (a team's server). One behaviour test suite runs
against both (tests/store_backends.py), so they answer every call alike.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Protocol

from simulator.store.assignments import Assignment
from simulator.store.certificates import Certificate
from simulator.store.checking import ImportResult
from simulator.store.notes import Note
from simulator.store.records import AttemptId, AttemptRecord
from simulator.store.results import (
    Filters,
    GroupBy,
    GroupRow,
    LeaderboardRow,
    ProgressSeries,
    Reference,
)

if TYPE_CHECKING:
    from simulator.engine.model import Debrief, Turn
    from simulator.engine.passing import Verdict
    from simulator.store.skills import SkillRow


class Store(Protocol):
    """A scoreboard. Every call is its own transaction: a turn is stored when `record_turn`
    returns. Failures raise `ScoreboardError` subclasses whose text is written for the user
    (and never holds a password)."""

    # Where it is, for messages: a file path, or a server URL without its password.
    where: str

    def close(self) -> None: ...
    def __enter__(self) -> Store: ...
    def __exit__(self, *_: object) -> None: ...

    # Recording
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
    ) -> AttemptId: ...
    def record_turn(self, attempt_id: str, turn: Turn) -> None: ...
    def finish_attempt(
        self,
        attempt_id: str,
        outcome: str,
        overall: int,
        dimensions: Mapping[str, int],
        *,
        ended_at: datetime | None = None,
        verdict: Verdict | None = None,
    ) -> None: ...
    def finish_from_debrief(
        self, attempt_id: str, debrief: Debrief, verdict: Verdict | None = None
    ) -> None: ...

    # Reading
    def attempt(self, attempt_id: str) -> AttemptRecord: ...
    def find_attempt(self, prefix: str) -> AttemptRecord: ...
    def attempts(
        self, filters: Filters = ..., *, limit: int | None = None
    ) -> tuple[AttemptRecord, ...]: ...
    def leaderboard(
        self,
        filters: Filters = ...,
        reference: Reference | None = None,
        *,
        limit: int | None = None,
    ) -> tuple[LeaderboardRow, ...]: ...
    def compare(
        self, by: GroupBy = "team", filters: Filters = ..., reference: Reference | None = None
    ) -> tuple[GroupRow, ...]: ...
    def team_comparison(
        self, filters: Filters = ..., reference: Reference | None = None
    ) -> tuple[GroupRow, ...]: ...
    def progress(
        self,
        trainee: str,
        team: str | None = None,
        filters: Filters = ...,
        reference: Reference | None = None,
    ) -> tuple[ProgressSeries, ...]: ...
    def skills(self, filters: Filters = ...) -> tuple[SkillRow, ...]: ...
    def teams(self) -> tuple[str, ...]: ...
    def scenarios(self) -> tuple[str, ...]: ...
    def trainees(self, team: str | None = None) -> tuple[tuple[str, str], ...]: ...
    def reference(self) -> Reference: ...

    # Assignments (simulator.store.assignments works out where each trainee stands)
    def assign(
        self,
        team: str,
        scenario_id: str,
        due: date,
        mode: str = ...,
        attempts: int | None = ...,
        trainee: str | None = ...,
    ) -> Assignment: ...
    def assignments(self, team: str | None = None) -> tuple[Assignment, ...]: ...
    def remove_assignment(self, prefix: str) -> Assignment: ...

    # Certificates (simulator.store.certificates): issued as a trainee passes an assignment
    def certificate(self, prefix: str) -> Certificate: ...
    def certificates(self, team: str | None = None) -> tuple[Certificate, ...]: ...
    def revoke_certificate(self, prefix: str) -> Certificate: ...

    # Coaching notes (simulator.store.notes): a lead's words on an attempt, shown with its replay
    def add_note(self, attempt: str, text: str, author: str) -> Note: ...
    def notes_for(self, attempt_id: str) -> tuple[Note, ...]: ...

    # Moving attempts between scoreboards
    def export_to(self, path: str | os.PathLike[str]) -> int: ...
    def import_files(self, paths: Sequence[str | os.PathLike[str]]) -> ImportResult: ...
