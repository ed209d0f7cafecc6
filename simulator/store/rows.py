"""What both backends' views share: WHERE clauses built from filters, and result rows built
from the rows their SQL returns (the SQL itself is per dialect)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any

from simulator.store.columns import DIMENSION_COLUMNS
from simulator.store.records import AttemptId
from simulator.store.results import (
    Filters,
    GroupRow,
    LeaderboardRow,
    ProgressPoint,
    ProgressSeries,
)
from simulator.store.versions import Versions

MEAN_DIGITS = 1  # means are shown to one decimal place

ToTime = Callable[[Any], datetime]  # a stored time, as the driver returns it, to a datetime


class Where:
    """A WHERE clause built from optional conditions, with its parameters in order. `mark` is
    the driver's placeholder; `to_db` turns a filter's time into the stored form."""

    def __init__(
        self, *always: str, mark: str = "?", to_db: Callable[[datetime], object] = lambda t: t
    ) -> None:
        self.clauses = list(always)
        self.params: list[object] = []
        self._mark = mark
        self._to_db = to_db

    def add(self, clause: str, value: object | None) -> Where:
        if value is not None:
            self.clauses.append(clause)
            self.params.append(value)
        return self

    def when(self, clause: str, condition: bool) -> Where:
        if condition:
            self.clauses.append(clause)
        return self

    def among(self, column: str, values: frozenset[str] | None) -> Where:
        """`column` is one of `values` (None: no condition; empty: nothing matches)."""
        if values is not None:
            marks = ", ".join([self._mark] * len(values))
            self.clauses.append(f"{column} IN ({marks})" if values else "1 = 0")
            self.params.extend(sorted(values))
        return self

    def dates(self, column: str, filters: Filters) -> Where:
        self.add(f"{column} >= {self._mark}", filters.since and self._to_db(filters.since))
        return self.add(f"{column} < {self._mark}", filters.until and self._to_db(filters.until))

    @property
    def sql(self) -> str:
        return "WHERE " + " AND ".join(self.clauses) if self.clauses else ""


def leaderboard_rows(
    rows: Iterable[Any], versions: Versions, to_time: ToTime
) -> tuple[LeaderboardRow, ...]:
    """From (name, team, attempts, overall, uuid, scenario_id, mode, outcome, ended_at,
    scorer_version, scenario_hash) rows, best first: equal scores share a rank."""
    result: list[LeaderboardRow] = []
    for position, row in enumerate(rows, start=1):
        name, team, total, overall, uuid, scenario_id, mode, outcome, ended, version, digest = row
        rank = result[-1].rank if result and result[-1].best_overall == overall else position
        result.append(
            LeaderboardRow(
                rank=rank,
                trainee=name,
                team=team,
                attempts=total,
                best_overall=overall,
                attempt_id=AttemptId(uuid),
                scenario_id=scenario_id,
                mode=mode,
                outcome=outcome,
                ended_at=to_time(ended),
                scorer_version=version,
                scenario_hash=digest,
                other_scorer=versions.other_scorer(version),
                other_scenario_version=versions.other_scenario(scenario_id, digest),
            )
        )
    return tuple(result)


def group_rows(rows: Iterable[Any], trainee_counts: Mapping[str, int]) -> tuple[GroupRow, ...]:
    """From (key, attempts, resolved, sum_overall, six dimension sums, marked) rows."""
    return tuple(
        GroupRow(
            key=key,
            trainees=trainee_counts.get(key, 0),
            attempts=attempts,
            resolved=resolved,
            mean_overall=round(sum_overall / attempts, MEAN_DIGITS),
            dimension_means={
                name: round(total / attempts, MEAN_DIGITS)
                for name, total in zip(DIMENSION_COLUMNS, dimension_sums, strict=True)
            },
            marked_attempts=marked,
        )
        for key, attempts, resolved, sum_overall, *dimension_sums, marked in rows
        if attempts
    )


def progress_series(
    rows: Iterable[Any], trainee: str, versions: Versions, to_time: ToTime
) -> tuple[ProgressSeries, ...]:
    """From (team, scenario_id, uuid, ended_at, overall, mode, outcome, scorer_version,
    scenario_hash) rows ordered by team, scenario and time: one series per team and scenario."""
    series: dict[tuple[str, str], list[ProgressPoint]] = defaultdict(list)
    for team_name, scenario_id, uuid, ended, overall, mode, outcome, version, digest in rows:
        series[(team_name, scenario_id)].append(
            ProgressPoint(
                attempt_id=AttemptId(uuid),
                ended_at=to_time(ended),
                overall=overall,
                mode=mode,
                outcome=outcome,
                marked=versions.marked(scenario_id, version, digest),
            )
        )
    return tuple(
        ProgressSeries(trainee=trainee, team=key[0], scenario_id=key[1], points=tuple(points))
        for key, points in series.items()
    )
