"""What the query layer returns: filters in, frozen rows out. Shared by the CLI and the app."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from simulator.store.records import AttemptId

GroupBy = Literal["team", "scenario"]


@dataclass(frozen=True, slots=True)
class Filters:
    """Which finished attempts a view covers. None means "any". Dates bound `ended_at`:
    `since` inclusive, `until` exclusive. `without_abandoned` leaves given-up attempts out of
    the team comparison, progress and attempt lists (they are never a leaderboard's best)."""

    team: str | None = None
    scenario: str | None = None
    mode: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    without_abandoned: bool = False
    # Only these scenarios (one difficulty of the library, say): None means any.
    scenarios: frozenset[str] | None = None

    @property
    def has_dates(self) -> bool:
        return self.since is not None or self.until is not None


NO_FILTERS = Filters()


@dataclass(frozen=True, slots=True)
class Reference:
    """The versions results are compared against: rows scored otherwise are marked.

    `scorer_version` None means the most common version in the scoreboard; a scenario missing from
    `scenario_hashes` is compared with its most common hash.
    """

    scorer_version: str | None = None
    scenario_hashes: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class LeaderboardRow:
    """A trainee's best finished attempt (ties: the earliest to reach the score)."""

    rank: int
    trainee: str
    team: str
    attempts: int
    best_overall: int
    attempt_id: AttemptId
    scenario_id: str
    mode: str
    outcome: str
    ended_at: datetime
    scorer_version: str
    scenario_hash: str
    other_scorer: bool  # best attempt scored by a scorer other than the reference
    other_scenario_version: bool  # best attempt played on a changed scenario file

    @property
    def marked(self) -> bool:
        return self.other_scorer or self.other_scenario_version


@dataclass(frozen=True, slots=True)
class GroupRow:
    """Totals for one team (or one scenario): the team comparison's row."""

    key: str
    trainees: int
    attempts: int
    resolved: int
    mean_overall: float
    dimension_means: Mapping[str, float]
    marked_attempts: int  # attempts scored by another scorer version or on a changed scenario

    @property
    def resolved_rate(self) -> float:
        return self.resolved / self.attempts if self.attempts else 0.0

    @property
    def marked(self) -> bool:
        return self.marked_attempts > 0


@dataclass(frozen=True, slots=True)
class ProgressPoint:
    attempt_id: AttemptId
    ended_at: datetime
    overall: int
    mode: str
    outcome: str
    marked: bool


@dataclass(frozen=True, slots=True)
class ProgressSeries:
    """One trainee's finished attempts at one scenario, oldest first."""

    trainee: str
    team: str
    scenario_id: str
    points: tuple[ProgressPoint, ...]
