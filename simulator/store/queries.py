"""The views: leaderboard, team (or scenario) comparison and progress. One layer for CLI and app.

Without a date range the views read the summary tables (`trainee_best`, `team_totals`), which
hold thousands of rows however many attempts there are. With a date range they aggregate the
attempts themselves, via the `ended_at` index; both paths give the same rows for the same data,
which the tests check.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from simulator.store import timestamps
from simulator.store.records import AttemptId
from simulator.store.results import (
    Filters,
    GroupBy,
    GroupRow,
    LeaderboardRow,
    ProgressPoint,
    ProgressSeries,
    Reference,
)
from simulator.store.schema import ALL_SCENARIOS, DIMENSION_COLUMNS

MEAN_DIGITS = 1  # means are shown to one decimal place


@dataclass(frozen=True, slots=True)
class _Versions:
    """A `Reference` with its gaps filled from the data: what counts as "the same version"."""

    scorer: str | None
    hashes: Mapping[str, str]

    def other_scorer(self, version: str) -> bool:
        return self.scorer is not None and version != self.scorer

    def other_scenario(self, scenario_id: str, scenario_hash: str) -> bool:
        expected = self.hashes.get(scenario_id)
        return expected is not None and scenario_hash != expected

    def marked(self, scenario_id: str, version: str, scenario_hash: str) -> bool:
        return self.other_scorer(version) or self.other_scenario(scenario_id, scenario_hash)


def resolve_reference(conn: sqlite3.Connection, reference: Reference | None) -> Reference:
    versions = _versions(conn, reference)
    return Reference(scorer_version=versions.scorer, scenario_hashes=dict(versions.hashes))


def _versions(conn: sqlite3.Connection, reference: Reference | None) -> _Versions:
    reference = reference or Reference()
    scorer = reference.scorer_version
    if scorer is None:
        row = conn.execute(
            "SELECT scorer_version FROM team_totals GROUP BY scorer_version"
            " ORDER BY sum(attempts) DESC, scorer_version DESC LIMIT 1"
        ).fetchone()
        scorer = row[0] if row else None
    counts: dict[str, tuple[int, str]] = {}
    rows = conn.execute(
        "SELECT scenario_id, scenario_hash, sum(attempts) FROM team_totals"
        " GROUP BY scenario_id, scenario_hash"
    )
    for scenario_id, scenario_hash, attempts in rows:
        counts[scenario_id] = max(counts.get(scenario_id, (0, "")), (attempts, scenario_hash))
    hashes = {scenario_id: best[1] for scenario_id, best in counts.items()}
    hashes.update(reference.scenario_hashes)
    return _Versions(scorer, hashes)


class _Where:
    """A WHERE clause built from optional conditions, with its parameters in order."""

    def __init__(self, *always: str) -> None:
        self.clauses = list(always)
        self.params: list[object] = []

    def add(self, clause: str, value: object | None) -> _Where:
        if value is not None:
            self.clauses.append(clause)
            self.params.append(value)
        return self

    def dates(self, column: str, filters: Filters) -> _Where:
        self.add(f"{column} >= ?", filters.since and timestamps.to_db(filters.since))
        return self.add(f"{column} < ?", filters.until and timestamps.to_db(filters.until))

    @property
    def sql(self) -> str:
        return "WHERE " + " AND ".join(self.clauses) if self.clauses else ""


# Leaderboard ------------------------------------------------------------------------------


def leaderboard(
    conn: sqlite3.Connection, filters: Filters, reference: Reference | None
) -> tuple[LeaderboardRow, ...]:
    versions = _versions(conn, reference)
    if filters.has_dates:
        inner = _Where("ended_at IS NOT NULL").dates("ended_at", filters)
        inner.add("scenario_id = ?", filters.scenario).add("mode = ?", filters.mode)
        source = f"""
            SELECT trainee_id, overall, ended_at, uuid, id AS attempt_row,
                   count(*) OVER w AS total,
                   row_number() OVER (w ORDER BY overall DESC, ended_at, uuid) AS position
            FROM attempts {inner.sql} WINDOW w AS (PARTITION BY trainee_id)"""
    else:
        inner = _Where().add("scenario_id = ?", filters.scenario or ALL_SCENARIOS)
        inner.add("mode = ?", filters.mode)
        source = f"""
            SELECT trainee_id, best_overall AS overall, best_ended_at AS ended_at,
                   best_uuid AS uuid, best_attempt_id AS attempt_row,
                   sum(attempts) OVER w AS total,
                   row_number() OVER (w ORDER BY best_overall DESC, best_ended_at, best_uuid)
                       AS position
            FROM trainee_best {inner.sql} WINDOW w AS (PARTITION BY trainee_id)"""
    outer = _Where("b.position = 1").add("t.team = ?", filters.team)
    rows = conn.execute(
        f"""SELECT t.name, t.team, b.total, b.overall, a.uuid, a.scenario_id, a.mode,
                   a.outcome, a.ended_at, a.scorer_version, a.scenario_hash
            FROM ({source}) b JOIN trainees t ON t.id = b.trainee_id
                 JOIN attempts a ON a.id = b.attempt_row
            {outer.sql}
            ORDER BY b.overall DESC, b.ended_at, b.uuid""",
        inner.params + outer.params,
    )
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
                ended_at=timestamps.from_db(ended),
                scorer_version=version,
                scenario_hash=digest,
                other_scorer=versions.other_scorer(version),
                other_scenario_version=versions.other_scenario(scenario_id, digest),
            )
        )
    return tuple(result)


# Team / scenario comparison -----------------------------------------------------------------

_TOTAL_COLUMNS = ("attempts", "resolved", "sum_overall") + tuple(
    f"sum_{name}" for name in DIMENSION_COLUMNS
)


def compare(
    conn: sqlite3.Connection, by: GroupBy, filters: Filters, reference: Reference | None
) -> tuple[GroupRow, ...]:
    if by not in ("team", "scenario"):
        raise ValueError(f"cannot compare by {by!r}")
    versions = _versions(conn, reference)
    totals: dict[str, list[int]] = defaultdict(lambda: [0] * (len(_TOTAL_COLUMNS) + 1))
    for key, scenario_id, version, digest, *sums in _totals_rows(conn, by, filters):
        bucket = totals[key]
        for position, value in enumerate(sums):
            bucket[position] += value
        if versions.marked(scenario_id, version, digest):
            bucket[-1] += sums[0]
    trainee_counts = dict(_trainee_counts(conn, by, filters))
    result = []
    for key in sorted(totals):
        attempts, resolved, sum_overall, *dimension_sums, marked = totals[key]
        result.append(
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
        )
    return tuple(row for row in result if row.attempts)


def _totals_rows(conn: sqlite3.Connection, by: GroupBy, filters: Filters) -> sqlite3.Cursor:
    if filters.has_dates:
        key = "t.team" if by == "team" else "a.scenario_id"
        where = _Where("a.ended_at IS NOT NULL").dates("a.ended_at", filters)
        where.add("t.team = ?", filters.team).add("a.scenario_id = ?", filters.scenario)
        where.add("a.mode = ?", filters.mode)
        sums = ", ".join(f"sum(a.{name})" for name in DIMENSION_COLUMNS)
        return conn.execute(
            f"""SELECT {key}, a.scenario_id, a.scorer_version, a.scenario_hash, count(*),
                       sum(a.outcome = 'resolved'), sum(a.overall), {sums}
                FROM attempts a JOIN trainees t ON t.id = a.trainee_id {where.sql}
                GROUP BY {key}, a.scenario_id, a.scorer_version, a.scenario_hash""",
            where.params,
        )
    key = "team" if by == "team" else "scenario_id"
    where = _Where().add("team = ?", filters.team).add("scenario_id = ?", filters.scenario)
    where.add("mode = ?", filters.mode)
    sums = ", ".join(f"sum({column})" for column in _TOTAL_COLUMNS)
    return conn.execute(
        f"""SELECT {key}, scenario_id, scorer_version, scenario_hash, {sums}
            FROM team_totals {where.sql}
            GROUP BY {key}, scenario_id, scorer_version, scenario_hash""",
        where.params,
    )


def _trainee_counts(conn: sqlite3.Connection, by: GroupBy, filters: Filters) -> sqlite3.Cursor:
    """Distinct trainees with a finished attempt, per group."""
    if filters.has_dates:
        key = "t.team" if by == "team" else "a.scenario_id"
        where = _Where("a.ended_at IS NOT NULL").dates("a.ended_at", filters)
        where.add("t.team = ?", filters.team).add("a.scenario_id = ?", filters.scenario)
        where.add("a.mode = ?", filters.mode)
        source = "attempts a JOIN trainees t ON t.id = a.trainee_id"
        trainee = "a.trainee_id"
    else:
        key = "t.team" if by == "team" else "b.scenario_id"
        if filters.scenario is not None:
            where = _Where().add("b.scenario_id = ?", filters.scenario)
        elif by == "team":
            where = _Where().add("b.scenario_id = ?", ALL_SCENARIOS)
        else:
            where = _Where("b.scenario_id != ''")
        where.add("b.mode = ?", filters.mode).add("t.team = ?", filters.team)
        source = "trainee_best b JOIN trainees t ON t.id = b.trainee_id"
        trainee = "b.trainee_id"
    return conn.execute(
        f"SELECT {key}, count(DISTINCT {trainee}) FROM {source} {where.sql} GROUP BY {key}",
        where.params,
    )


# Progress ---------------------------------------------------------------------------------


def progress(
    conn: sqlite3.Connection,
    trainee: str,
    team: str | None,
    filters: Filters,
    reference: Reference | None,
) -> tuple[ProgressSeries, ...]:
    versions = _versions(conn, reference)
    where = _Where("t.name = ?", "a.ended_at IS NOT NULL")
    where.params.append(" ".join(trainee.split()))
    where.add("t.team = ?", team or filters.team).add("a.scenario_id = ?", filters.scenario)
    where.add("a.mode = ?", filters.mode).dates("a.ended_at", filters)
    rows = conn.execute(
        f"""SELECT t.team, a.scenario_id, a.uuid, a.ended_at, a.overall, a.mode, a.outcome,
                   a.scorer_version, a.scenario_hash
            FROM trainees t JOIN attempts a ON a.trainee_id = t.id {where.sql}
            ORDER BY t.team, a.scenario_id, a.ended_at, a.uuid""",
        where.params,
    )
    series: dict[tuple[str, str], list[ProgressPoint]] = defaultdict(list)
    for team_name, scenario_id, uuid, ended, overall, mode, outcome, version, digest in rows:
        series[(team_name, scenario_id)].append(
            ProgressPoint(
                attempt_id=AttemptId(uuid),
                ended_at=timestamps.from_db(ended),
                overall=overall,
                mode=mode,
                outcome=outcome,
                marked=versions.marked(scenario_id, version, digest),
            )
        )
    name = " ".join(trainee.split())
    return tuple(
        ProgressSeries(trainee=name, team=key[0], scenario_id=key[1], points=tuple(points))
        for key, points in series.items()
    )
