"""The views: leaderboard, team (or scenario) comparison and progress. One layer for CLI and app.

Without a date range the views read the summary tables (`trainee_best`, `team_totals`), which
hold thousands of rows however many attempts there are. With a date range they aggregate the
attempts themselves, via the `ended_at` index; both paths give the same rows for the same data,
which the tests check.
"""

from __future__ import annotations

import json
import sqlite3

from simulator.store import timestamps
from simulator.store.names import name_key
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
from simulator.store.sqlite.lookups import trainee_spelling
from simulator.store.sqlite.schema import ALL, DIMENSION_COLUMNS
from simulator.store.sqlite.summaries import GIVEN_UP
from simulator.store.versions import Versions, fill_versions


def resolve_reference(conn: sqlite3.Connection, reference: Reference | None) -> Reference:
    return _versions(conn, reference).as_reference()


def _versions(conn: sqlite3.Connection, reference: Reference | None) -> Versions:
    totals = conn.execute(
        "SELECT scenario_id, scenario_hash, scorer_version, attempts FROM version_totals"
    )
    return fill_versions(totals, reference)


def _Where(*always: str) -> Where:  # noqa: N802 - reads as the class it builds
    return Where(*always, mark="?", to_db=timestamps.to_db)


# Leaderboard ------------------------------------------------------------------------------


def leaderboard(
    conn: sqlite3.Connection,
    filters: Filters,
    reference: Reference | None,
    limit: int | None = None,
) -> tuple[LeaderboardRow, ...]:
    versions = _versions(conn, reference)
    columns = "overall, ended_at, uuid, scenario_id, mode, outcome, scorer_version, scenario_hash"
    if filters.has_dates:
        # One pass over the attempts, the ones in range sorted by trainee: left to choose,
        # SQLite walks the per-trainee index and looks up every attempt one by one (measured
        # on a month of a million attempts: 3.6 s instead of 0.25 s).
        inner = _Where("ended_at IS NOT NULL", f"outcome != '{GIVEN_UP}'")
        inner.dates("ended_at", filters)
        inner.add("scenario_id = ?", filters.scenario).add("mode = ?", filters.mode)
        inner.among("scenario_id", filters.scenarios)
        source = f"""
            SELECT trainee_id, count(*) OVER w AS attempts, {columns},
                   row_number() OVER (w ORDER BY overall DESC, ended_at, uuid) AS position
            FROM attempts NOT INDEXED {inner.sql} WINDOW w AS (PARTITION BY trainee_id)"""
        outer = _Where("b.position = 1")
    elif filters.scenarios is not None:
        # A set of scenarios (one difficulty): each trainee's best of their per-scenario best
        # rows, in the attempts' own order, with the attempts summed.
        inner = _Where().among("b.scenario_id", filters.scenarios)
        inner.add("b.scenario_id = ?", filters.scenario).add("b.mode = ?", filters.mode or ALL)
        # One min() picks the row (SQLite takes the bare columns from it): highest overall,
        # then the earliest end, then the uuid, as text of fixed width. A window ranking the
        # rows instead sorted 80,000 of them twice (170 ms against 40 ms over a million).
        source = f"""
            SELECT b.trainee_id, sum(b.attempts) AS attempts,
                   min(printf('%03d', 100 - b.best_overall) || b.best_ended_at || b.best_uuid),
                   b.best_overall AS overall, b.best_ended_at AS ended_at, b.best_uuid AS uuid,
                   v.scenario_id, b.best_mode AS mode, b.best_outcome AS outcome,
                   v.scorer_version, v.scenario_hash
            FROM trainee_best b JOIN version_totals v ON v.id = b.best_version {inner.sql}
            GROUP BY b.trainee_id"""
        outer = _Where()
    else:
        # One summary row per trainee: '' stands for every scenario or both modes.
        inner = _Where().add("b.scenario_id = ?", filters.scenario or ALL)
        inner.add("b.mode = ?", filters.mode or ALL)
        source = f"""
            SELECT b.trainee_id, b.attempts, b.best_overall AS overall,
                   b.best_ended_at AS ended_at, b.best_uuid AS uuid, v.scenario_id,
                   b.best_mode AS mode, b.best_outcome AS outcome, v.scorer_version,
                   v.scenario_hash
            FROM trainee_best b JOIN version_totals v ON v.id = b.best_version {inner.sql}"""
        outer = _Where()
    outer.add("t.team = ?", filters.team)
    rows = conn.execute(
        f"""SELECT t.name, t.team, b.attempts, b.overall, b.uuid, b.scenario_id, b.mode,
                   b.outcome, b.ended_at, b.scorer_version, b.scenario_hash
            FROM ({source}) b JOIN trainees t ON t.id = b.trainee_id
            {outer.sql}
            ORDER BY b.overall DESC, b.ended_at, b.uuid
            LIMIT ?""",
        [*inner.params, *outer.params, -1 if limit is None else limit],
    )
    return leaderboard_rows(rows, versions, timestamps.from_db)


# Team / scenario comparison -----------------------------------------------------------------

_SUM_COLUMNS = ("attempts", "resolved", "sum_overall") + tuple(
    f"sum_{name}" for name in DIMENSION_COLUMNS
)


def compare(
    conn: sqlite3.Connection, by: GroupBy, filters: Filters, reference: Reference | None
) -> tuple[GroupRow, ...]:
    if by not in ("team", "scenario"):
        raise ValueError(f"cannot compare by {by!r}")
    versions = _versions(conn, reference)
    source, params = _totals_source(by, filters)
    sums = ", ".join(f"sum(src.{column})" for column in _SUM_COLUMNS)
    # Marking happens in SQL, against the reference hashes passed as one JSON object, so only
    # one row per group comes back however many version pairs the totals hold.
    rows = conn.execute(
        f"""WITH reference AS MATERIALIZED (SELECT key, value FROM json_each(?))
            SELECT src.key, {sums},
                   sum(CASE WHEN (? IS NOT NULL AND src.scorer_version != ?)
                             OR src.scenario_hash != coalesce(r.value, src.scenario_hash)
                        THEN src.attempts ELSE 0 END)
            FROM ({source}) src LEFT JOIN reference r ON r.key = src.scenario_id
            GROUP BY src.key ORDER BY src.key""",
        [json.dumps(dict(versions.hashes)), versions.scorer, versions.scorer, *params],
    ).fetchall()
    return group_rows(rows, dict(_trainee_counts(conn, by, filters)))


def _totals_source(by: GroupBy, filters: Filters) -> tuple[str, list[object]]:
    """SQL giving (key, scenario_id, scorer_version, scenario_hash, sums...) rows to add up.

    With dates, the attempts in the date range drive the join (CROSS JOIN fixes SQLite's order):
    left to choose, it may start from every trainee and read all their attempts (measured: 5 s
    instead of 0.6 s for a month of a million-attempt scoreboard). NOT INDEXED: given the
    choice, SQLite walked the skills index (schema 12), whose condition these attempts meet, and
    looked up every attempt from it (2.5 s instead of 0.6 s)."""
    if filters.has_dates:
        key = "t.team" if by == "team" else "a.scenario_id"
        where = _Where("a.ended_at IS NOT NULL").dates("a.ended_at", filters)
        where.add("t.team = ?", filters.team).add("a.scenario_id = ?", filters.scenario)
        where.add("a.mode = ?", filters.mode).among("a.scenario_id", filters.scenarios)
        where.when(f"a.outcome != '{GIVEN_UP}'", filters.without_abandoned)
        dimension_sums = ", ".join(f"sum(a.{name}) AS sum_{name}" for name in DIMENSION_COLUMNS)
        sql = f"""SELECT {key} AS key, a.scenario_id, a.scorer_version, a.scenario_hash,
                         count(*) AS attempts, sum(a.outcome = 'resolved') AS resolved,
                         sum(a.overall) AS sum_overall, {dimension_sums}
                  FROM attempts a NOT INDEXED CROSS JOIN trainees t ON t.id = a.trainee_id
                  {where.sql}
                  GROUP BY {key}, a.scenario_id, a.scorer_version, a.scenario_hash"""
        return sql, where.params
    key = "team" if by == "team" else "scenario_id"
    where = _Where().add("team = ?", filters.team).add("scenario_id = ?", filters.scenario)
    where.add("mode = ?", filters.mode).when("given_up = 0", filters.without_abandoned)
    where.among("scenario_id", filters.scenarios)
    columns = ", ".join(_SUM_COLUMNS)
    sql = f"""SELECT {key} AS key, scenario_id, scorer_version, scenario_hash, {columns}
              FROM team_totals {where.sql}"""
    return sql, where.params


def _trainee_counts(conn: sqlite3.Connection, by: GroupBy, filters: Filters) -> sqlite3.Cursor:
    """Trainees with a finished attempt that was not given up, per group."""
    if filters.has_dates:
        key = "t.team" if by == "team" else "a.scenario_id"
        where = _Where("a.ended_at IS NOT NULL", f"a.outcome != '{GIVEN_UP}'")
        where.dates("a.ended_at", filters)
        where.add("t.team = ?", filters.team).add("a.scenario_id = ?", filters.scenario)
        where.add("a.mode = ?", filters.mode).among("a.scenario_id", filters.scenarios)
        return conn.execute(
            f"""SELECT {key}, count(DISTINCT a.trainee_id)
                FROM attempts a NOT INDEXED CROSS JOIN trainees t ON t.id = a.trainee_id
                {where.sql} GROUP BY {key}""",
            where.params,
        )
    # trainee_best has one row per trainee for each (scenario or '', mode or '') pair.
    if by == "team" and filters.scenarios is not None:  # any of a set's per-scenario rows
        where = _Where().among("b.scenario_id", filters.scenarios)
        where.add("b.scenario_id = ?", filters.scenario).add("b.mode = ?", filters.mode or ALL)
        where.add("t.team = ?", filters.team)
        return conn.execute(
            f"""SELECT t.team, count(DISTINCT b.trainee_id) FROM trainee_best b
                JOIN trainees t ON t.id = b.trainee_id {where.sql} GROUP BY t.team""",
            where.params,
        )
    if by == "team":
        where = _Where().add("b.scenario_id = ?", filters.scenario or ALL)
        where.add("b.mode = ?", filters.mode or ALL).add("t.team = ?", filters.team)
        return conn.execute(
            f"""SELECT t.team, count(*) FROM trainee_best b JOIN trainees t ON t.id = b.trainee_id
                {where.sql} GROUP BY t.team""",
            where.params,
        )
    # Per scenario: one key-range count per scenario, so only that scenario's rows are read
    # (a scan with "scenario_id != ''" would read every scenario's rows for both modes).
    inner = _Where("b.scenario_id = s.scenario_id").add("b.mode = ?", filters.mode or ALL)
    inner.add("b.trainee_id IN (SELECT id FROM trainees WHERE team = ?)", filters.team)
    outer = _Where().add("s.scenario_id = ?", filters.scenario)
    outer.among("s.scenario_id", filters.scenarios)
    return conn.execute(
        f"""SELECT s.scenario_id, (SELECT count(*) FROM trainee_best b {inner.sql})
            FROM (SELECT DISTINCT scenario_id FROM version_totals) s {outer.sql}""",
        inner.params + outer.params,
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
    where = _Where("t.name_key = ?", "a.ended_at IS NOT NULL")
    where.params.append(name_key(trainee))
    where.add("t.team = ?", team or filters.team).add("a.scenario_id = ?", filters.scenario)
    where.add("a.mode = ?", filters.mode).dates("a.ended_at", filters)
    where.among("a.scenario_id", filters.scenarios)
    where.when(f"a.outcome != '{GIVEN_UP}'", filters.without_abandoned)
    rows = conn.execute(
        f"""SELECT t.team, a.scenario_id, a.uuid, a.ended_at, a.overall, a.mode, a.outcome,
                   a.scorer_version, a.scenario_hash
            FROM trainees t JOIN attempts a ON a.trainee_id = t.id {where.sql}
            ORDER BY t.team, a.scenario_id, a.ended_at, a.uuid""",
        where.params,
    )
    return progress_series(
        rows, trainee_spelling(conn, trainee, team), versions, timestamps.from_db
    )


# Skills by trainee -----------------------------------------------------------------------


def skills(conn: sqlite3.Connection, filters: Filters) -> tuple[SkillRow, ...]:
    """Each trainee's sums of the six over finished attempts not given up, added up here
    (`simulator.store.skills.rows_from_sums` makes the rows), from the attempts_for_skills
    index (schema 12) alone unless a scenario or date narrows them. For one team, the team's
    trainees drive the join (CROSS JOIN fixes SQLite's order)."""
    where = _Where("a.ended_at IS NOT NULL", f"a.outcome != '{GIVEN_UP}'")
    # Both modes named, so the index (mode first) serves "either mode" too.
    where.add("a.mode = ?", filters.mode).when(
        "a.mode IN ('practice', 'assessment')", not filters.mode
    )
    where.add("a.scenario_id = ?", filters.scenario).dates("a.started_at", filters)
    chosen = None if filters.scenarios is None else json.dumps(sorted(filters.scenarios))
    where.add("a.scenario_id IN (SELECT value FROM json_each(?))", chosen)
    sums = ", ".join(f"sum(a.{name})" for name in DIMENSION_COLUMNS)
    if filters.team is not None:
        where.add("t.team = ?", filters.team)
        sql = f"""SELECT t.name, t.team, count(*), {sums}, t.id
                  FROM trainees t CROSS JOIN attempts a ON a.trainee_id = t.id {where.sql}
                  GROUP BY t.id"""
    elif filters.mode is not None:  # one mode: the index's order is the trainees' (no sort)
        sql = f"""SELECT t.name, t.team, s.* FROM (
                      SELECT count(*), {sums}, a.trainee_id FROM attempts a {where.sql}
                      GROUP BY a.trainee_id
                  ) s JOIN trainees t ON t.id = s.trainee_id"""
    else:
        # Summed per mode and trainee first, in the index's order (no sort), then per trainee:
        # grouped by trainee alone over both modes, SQLite walked the per-trainee index and
        # looked up every attempt instead (2.3 s over a million attempts; this way 160 ms).
        inner = ", ".join(f"sum(a.{name}) AS s_{name}" for name in DIMENSION_COLUMNS)
        outer = ", ".join(f"sum(s_{name})" for name in DIMENSION_COLUMNS)
        sql = f"""SELECT t.name, t.team, s.* FROM (
                      SELECT sum(n), {outer}, trainee_id FROM (
                          SELECT count(*) AS n, {inner}, a.trainee_id FROM attempts a
                          {where.sql} GROUP BY a.mode, a.trainee_id
                      ) GROUP BY trainee_id
                  ) s JOIN trainees t ON t.id = s.trainee_id"""
    return rows_from_sums(row[:-1] for row in conn.execute(sql, where.params))  # less the id
