"""The views on PostgreSQL: the same rows as the SQLite backend gives for the same data.

Without a date range they read the summary tables; with one, the attempts in range (through
the end-time index). The SQL mirrors `simulator/store/sqlite/queries.py`; the tests run both
backends on the same data and compare.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import psycopg

from simulator.store.columns import DIMENSION_COLUMNS
from simulator.store.names import name_key
from simulator.store.postgres.names import trainee_spelling
from simulator.store.postgres.schema import ALL
from simulator.store.records import AttemptId, AttemptRecord
from simulator.store.results import (
    Filters,
    GroupBy,
    GroupRow,
    LeaderboardRow,
    ProgressSeries,
    Reference,
)
from simulator.store.rows import Where, group_rows, leaderboard_rows, progress_series
from simulator.store.skills import SkillRow, rows_from_sums
from simulator.store.versions import Versions, fill_versions


def _same(moment: datetime) -> datetime:
    return moment  # psycopg returns timestamptz as datetime already


def versions(conn: psycopg.Connection, reference: Reference | None) -> Versions:
    totals = conn.execute(
        "SELECT scenario_id, scenario_hash, scorer_version, attempts::int FROM version_totals"
    )
    return fill_versions(totals, reference)


def _Where(*always: str) -> Where:  # noqa: N802 - reads as the class it builds
    return Where(*always, mark="%s")


def leaderboard(
    conn: psycopg.Connection, filters: Filters, reference: Reference | None, limit: int | None
) -> tuple[LeaderboardRow, ...]:
    marks = versions(conn, reference)
    columns = "overall, ended_at, uuid, scenario_id, mode, outcome, scorer_version, scenario_hash"
    if filters.has_dates:
        inner = _Where("ended_at IS NOT NULL", "outcome <> 'abandoned'").dates("ended_at", filters)
        inner.add("scenario_id = %s", filters.scenario).add("mode = %s", filters.mode)
        inner.among("scenario_id", filters.scenarios)
        source = f"""
            SELECT trainee_id, count(*) OVER w AS attempts, {columns},
                   row_number() OVER (w ORDER BY overall DESC, ended_at, uuid) AS position
            FROM attempts {inner.sql} WINDOW w AS (PARTITION BY trainee_id)"""
        outer = _Where("b.position = 1")
    elif filters.scenarios is not None:
        # A set of scenarios: each trainee's best of their per-scenario best rows.
        inner = _Where().among("b.scenario_id", filters.scenarios)
        inner.add("b.scenario_id = %s", filters.scenario).add("b.mode = %s", filters.mode or ALL)
        source = f"""
            SELECT b.trainee_id, sum(b.attempts) OVER w AS attempts,
                   b.best_overall AS overall, b.best_ended_at AS ended_at, b.best_uuid AS uuid,
                   v.scenario_id, b.best_mode AS mode, b.best_outcome AS outcome,
                   v.scorer_version, v.scenario_hash,
                   row_number() OVER (w ORDER BY b.best_overall DESC, b.best_ended_at,
                                      b.best_uuid) AS position
            FROM trainee_best b JOIN version_totals v ON v.id = b.best_version {inner.sql}
            WINDOW w AS (PARTITION BY b.trainee_id)"""
        outer = _Where("b.position = 1")
    else:
        inner = _Where().add("b.scenario_id = %s", filters.scenario or ALL)
        inner.add("b.mode = %s", filters.mode or ALL)
        source = f"""
            SELECT b.trainee_id, b.attempts, b.best_overall AS overall,
                   b.best_ended_at AS ended_at, b.best_uuid AS uuid, v.scenario_id,
                   b.best_mode AS mode, b.best_outcome AS outcome, v.scorer_version,
                   v.scenario_hash
            FROM trainee_best b JOIN version_totals v ON v.id = b.best_version {inner.sql}"""
        outer = _Where()
    outer.add("t.team = %s", filters.team)
    rows = conn.execute(
        f"""SELECT t.name, t.team, b.attempts::int, b.overall, b.uuid::text, b.scenario_id,
                   b.mode, b.outcome, b.ended_at, b.scorer_version, b.scenario_hash
            FROM ({source}) b JOIN trainees t ON t.id = b.trainee_id
            {outer.sql}
            ORDER BY b.overall DESC, b.ended_at, b.uuid
            LIMIT %s""",
        [*inner.params, *outer.params, limit],
    )
    return leaderboard_rows(rows, marks, _same)


_SUM_COLUMNS = ("attempts", "resolved", "sum_overall") + tuple(
    f"sum_{name}" for name in DIMENSION_COLUMNS
)


def compare(
    conn: psycopg.Connection, by: GroupBy, filters: Filters, reference: Reference | None
) -> tuple[GroupRow, ...]:
    if by not in ("team", "scenario"):
        raise ValueError(f"cannot compare by {by!r}")
    marks = versions(conn, reference)
    source, params = _totals_source(by, filters)
    sums = ", ".join(f"sum(src.{column})::bigint" for column in _SUM_COLUMNS)
    rows = conn.execute(
        f"""WITH reference AS MATERIALIZED (SELECT key, value FROM jsonb_each_text(%s::jsonb))
            SELECT src.key, {sums},
                   sum(CASE WHEN (%s::text IS NOT NULL AND src.scorer_version <> %s::text)
                             OR src.scenario_hash <> coalesce(r.value, src.scenario_hash)
                        THEN src.attempts ELSE 0 END)::bigint
            FROM ({source}) src LEFT JOIN reference r ON r.key = src.scenario_id
            GROUP BY src.key ORDER BY src.key""",
        [json.dumps(dict(marks.hashes)), marks.scorer, marks.scorer, *params],
    ).fetchall()
    return group_rows(rows, dict(_trainee_counts(conn, by, filters)))


def _totals_source(by: GroupBy, filters: Filters) -> tuple[str, list[object]]:
    if filters.has_dates:
        key = "t.team" if by == "team" else "a.scenario_id"
        where = _Where("a.ended_at IS NOT NULL").dates("a.ended_at", filters)
        where.add("t.team = %s", filters.team).add("a.scenario_id = %s", filters.scenario)
        where.add("a.mode = %s", filters.mode).among("a.scenario_id", filters.scenarios)
        where.when("a.outcome <> 'abandoned'", filters.without_abandoned)
        dimension_sums = ", ".join(f"sum(a.{name}) AS sum_{name}" for name in DIMENSION_COLUMNS)
        sql = f"""SELECT {key} AS key, a.scenario_id, a.scorer_version, a.scenario_hash,
                         count(*) AS attempts,
                         count(*) FILTER (WHERE a.outcome = 'resolved') AS resolved,
                         sum(a.overall) AS sum_overall, {dimension_sums}
                  FROM attempts a JOIN trainees t ON t.id = a.trainee_id {where.sql}
                  GROUP BY {key}, a.scenario_id, a.scorer_version, a.scenario_hash"""
        return sql, where.params
    key = "team" if by == "team" else "scenario_id"
    where = _Where().add("team = %s", filters.team).add("scenario_id = %s", filters.scenario)
    where.add("mode = %s", filters.mode).when("NOT given_up", filters.without_abandoned)
    where.among("scenario_id", filters.scenarios)
    columns = ", ".join(_SUM_COLUMNS)
    sql = f"""SELECT {key} AS key, scenario_id, scorer_version, scenario_hash, {columns}
              FROM team_totals {where.sql}"""
    return sql, where.params


def _trainee_counts(conn: psycopg.Connection, by: GroupBy, filters: Filters) -> Any:
    """Trainees with a finished attempt that was not given up, per group."""
    if filters.has_dates:
        key = "t.team" if by == "team" else "a.scenario_id"
        where = _Where("a.ended_at IS NOT NULL", "a.outcome <> 'abandoned'")
        where.dates("a.ended_at", filters)
        where.add("t.team = %s", filters.team).add("a.scenario_id = %s", filters.scenario)
        where.add("a.mode = %s", filters.mode).among("a.scenario_id", filters.scenarios)
        return conn.execute(
            f"""SELECT {key}, count(DISTINCT a.trainee_id)::int
                FROM attempts a JOIN trainees t ON t.id = a.trainee_id {where.sql}
                GROUP BY {key}""",
            where.params,
        )
    if by == "team" and filters.scenarios is not None:  # any of a set's per-scenario rows
        where = _Where().among("b.scenario_id", filters.scenarios)
        where.add("b.scenario_id = %s", filters.scenario).add("b.mode = %s", filters.mode or ALL)
        where.add("t.team = %s", filters.team)
        return conn.execute(
            f"""SELECT t.team, count(DISTINCT b.trainee_id)::int FROM trainee_best b
                JOIN trainees t ON t.id = b.trainee_id {where.sql} GROUP BY t.team""",
            where.params,
        )
    if by == "team":
        where = _Where().add("b.scenario_id = %s", filters.scenario or ALL)
        where.add("b.mode = %s", filters.mode or ALL).add("t.team = %s", filters.team)
        return conn.execute(
            f"""SELECT t.team, count(*)::int FROM trainee_best b
                JOIN trainees t ON t.id = b.trainee_id {where.sql} GROUP BY t.team""",
            where.params,
        )
    where = _Where("b.scenario_id <> ''").add("b.mode = %s", filters.mode or ALL)
    where.add("b.scenario_id = %s", filters.scenario).among("b.scenario_id", filters.scenarios)
    where.add("b.trainee_id IN (SELECT id FROM trainees WHERE team = %s)", filters.team)
    return conn.execute(
        f"SELECT b.scenario_id, count(*)::int FROM trainee_best b {where.sql}"
        " GROUP BY b.scenario_id",
        where.params,
    )


def progress(
    conn: psycopg.Connection,
    trainee: str,
    team: str | None,
    filters: Filters,
    reference: Reference | None,
) -> tuple[ProgressSeries, ...]:
    marks = versions(conn, reference)
    name = trainee_spelling(conn, trainee, team)
    where = _Where("t.name_key = %s", "a.ended_at IS NOT NULL")
    where.params.append(name_key(trainee))
    where.add("t.team = %s", team or filters.team).add("a.scenario_id = %s", filters.scenario)
    where.add("a.mode = %s", filters.mode).dates("a.ended_at", filters)
    where.among("a.scenario_id", filters.scenarios)
    where.when("a.outcome <> 'abandoned'", filters.without_abandoned)
    rows = conn.execute(
        f"""SELECT t.team, a.scenario_id, a.uuid::text, a.ended_at, a.overall, a.mode,
                   a.outcome, a.scorer_version, a.scenario_hash
            FROM trainees t JOIN attempts a ON a.trainee_id = t.id {where.sql}
            ORDER BY t.team, a.scenario_id, a.ended_at, a.uuid""",
        where.params,
    )
    return progress_series(rows, name, marks, _same)


# Attempts, one at a time or listed ---------------------------------------------------------

ATTEMPT_COLUMNS = (
    "a.id, a.uuid::text, t.name, t.team, a.scenario_id, a.scenario_hash, a.scorer_version,"
    " a.mode, a.started_at, a.ended_at, a.outcome, a.overall, "
    + ", ".join(f"a.{name}" for name in DIMENSION_COLUMNS)
    + ", a.pass_mark, a.passed"
)
ATTEMPT_SOURCE = "attempts a JOIN trainees t ON t.id = a.trainee_id"


def attempt_from_row(row: Any, turns: tuple[Any, ...] = ()) -> AttemptRecord:
    """An attempt record from ATTEMPT_COLUMNS (after the row id). Never finished = abandoned."""
    uuid, name, team, scenario_id, digest, version, mode, started, ended, outcome, overall = row[
        :11
    ]
    finished = ended is not None
    return AttemptRecord(
        id=AttemptId(uuid),
        trainee=name,
        team=team,
        scenario_id=scenario_id,
        scenario_hash=digest,
        scorer_version=version,
        mode=mode,
        started_at=started,
        ended_at=ended if finished else None,
        outcome=outcome if finished else "abandoned",
        overall=overall if finished else None,
        dimensions=dict(zip(DIMENSION_COLUMNS, row[11:17], strict=True)) if finished else {},
        turns=turns,
        pass_mark=row[17],
        passed=row[18],
    )


def attempts(
    conn: psycopg.Connection, filters: Filters, limit: int | None
) -> tuple[AttemptRecord, ...]:
    where = _Where().add("t.team = %s", filters.team).add("a.scenario_id = %s", filters.scenario)
    where.add("a.mode = %s", filters.mode).dates("a.started_at", filters)
    where.among("a.scenario_id", filters.scenarios)
    where.when("a.ended_at IS NOT NULL AND a.outcome <> 'abandoned'", filters.without_abandoned)
    rows = conn.execute(
        f"SELECT {ATTEMPT_COLUMNS} FROM {ATTEMPT_SOURCE} {where.sql}"
        " ORDER BY a.started_at DESC, a.uuid LIMIT %s",
        [*where.params, limit],
    )
    return tuple(attempt_from_row(row[1:]) for row in rows)


def skills(conn: psycopg.Connection, filters: Filters) -> tuple[SkillRow, ...]:
    """Each trainee's sums of the six over finished attempts not given up
    (`simulator.store.skills.rows_from_sums` makes the rows), added up per trainee from the
    attempts_for_skills index (schema 7) before the names are joined: over a million
    attempts, joining first took 90 ms, this 46 ms."""
    where = _Where("a.ended_at IS NOT NULL", "a.outcome <> 'abandoned'")
    where.add("a.mode = %s", filters.mode)
    where.when("a.mode IN ('practice', 'assessment')", not filters.mode)
    where.add("a.trainee_id IN (SELECT id FROM trainees WHERE team = %s)", filters.team)
    where.add("a.scenario_id = %s", filters.scenario).dates("a.started_at", filters)
    chosen = None if filters.scenarios is None else sorted(filters.scenarios)
    where.add("a.scenario_id = ANY(%s)", chosen)
    sums = ", ".join(f"sum(a.{name})" for name in DIMENSION_COLUMNS)
    rows = conn.execute(
        f"""SELECT t.name, t.team, s.* FROM (
                SELECT count(*), {sums}, a.trainee_id FROM attempts a {where.sql}
                GROUP BY a.trainee_id
            ) s JOIN trainees t ON t.id = s.trainee_id""",
        where.params,
    )
    return rows_from_sums(row[:-1] for row in rows)  # less the id
