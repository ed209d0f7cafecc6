"""Keeping the summary tables in step with finished attempts.

Every write path (finishing an attempt, importing, migrating, the benchmark's bulk fill) goes
through `add_finished`: the attempts to add are listed in a temporary table and folded into
the summary tables with set-based upserts, so the result does not depend on the
order attempts arrive in. Best attempt = highest overall, then the earliest to reach it, then the
smallest UUID, so two machines importing the same attempts agree.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from simulator.store.schema import ALL, DIMENSION_COLUMNS

# What trainee_best keeps of the best attempt, and the attempts column each comes from.
_BEST_FROM = {
    "best_overall": "overall",
    "best_ended_at": "ended_at",
    "best_uuid": "uuid",
    "best_scenario_id": "scenario_id",
    "best_mode": "mode",
    "best_outcome": "outcome",
    "best_scorer_version": "scorer_version",
    "best_scenario_hash": "scenario_hash",
}
_BEST_COLUMNS = tuple(_BEST_FROM)
_BETTER = (
    "(-excluded.best_overall, excluded.best_ended_at, excluded.best_uuid)"
    " < (-best_overall, best_ended_at, best_uuid)"
)
_PICK_BEST = ",\n".join(
    f"{column} = CASE WHEN {_BETTER} THEN excluded.{column} ELSE {column} END"
    for column in _BEST_COLUMNS
)


def _best_upsert(scenario_expr: str, mode_expr: str) -> str:
    partition = f"{scenario_expr}, {mode_expr}, a.trainee_id"
    picked = ", ".join(f"a.{column} AS {best}" for best, column in _BEST_FROM.items())
    return f"""
    INSERT INTO trainee_best (scenario_id, mode, trainee_id, attempts, {", ".join(_BEST_COLUMNS)})
    SELECT scenario_id, mode, trainee_id, n, {", ".join(_BEST_COLUMNS)} FROM (
        SELECT {scenario_expr} AS scenario_id, {mode_expr} AS mode, a.trainee_id, {picked},
               count(*) OVER batch AS n,
               row_number() OVER (batch ORDER BY a.overall DESC, a.ended_at, a.uuid) AS position
        FROM attempts a JOIN temp.pending_summary p ON p.id = a.id
        WINDOW batch AS (PARTITION BY {partition})
    ) WHERE position = 1
    ON CONFLICT (scenario_id, mode, trainee_id) DO UPDATE SET
        attempts = attempts + excluded.attempts,
        {_PICK_BEST}"""


_BEST_UPSERTS = tuple(
    _best_upsert(scenario_expr, mode_expr)
    for scenario_expr in ("a.scenario_id", f"'{ALL}'")
    for mode_expr in ("a.mode", f"'{ALL}'")
)

_SUM_COLUMNS = ", ".join(f"sum_{name}" for name in DIMENSION_COLUMNS)
_SUMS = ", ".join(f"sum(a.{name})" for name in DIMENSION_COLUMNS)
_ADD_SUMS = ",\n".join(
    f"{column} = {column} + excluded.{column}"
    for column in ("attempts", "resolved", "sum_overall")
    + tuple(f"sum_{name}" for name in DIMENSION_COLUMNS)
)
_TEAM_UPSERT = f"""
    INSERT INTO team_totals (team, scenario_id, mode, scorer_version, scenario_hash,
                             attempts, resolved, sum_overall, {_SUM_COLUMNS})
    SELECT t.team, a.scenario_id, a.mode, a.scorer_version, a.scenario_hash,
           count(*), sum(a.outcome = 'resolved'), sum(a.overall), {_SUMS}
    FROM attempts a JOIN temp.pending_summary p ON p.id = a.id
         JOIN trainees t ON t.id = a.trainee_id
    WHERE true
    GROUP BY t.team, a.scenario_id, a.mode, a.scorer_version, a.scenario_hash
    ON CONFLICT (team, scenario_id, mode, scorer_version, scenario_hash) DO UPDATE SET
        {_ADD_SUMS}"""


_VERSION_UPSERT = """
    INSERT INTO version_totals (scenario_id, scenario_hash, scorer_version, attempts)
    SELECT a.scenario_id, a.scenario_hash, a.scorer_version, count(*)
    FROM attempts a JOIN temp.pending_summary p ON p.id = a.id
    WHERE true
    GROUP BY a.scenario_id, a.scenario_hash, a.scorer_version
    ON CONFLICT (scenario_id, scenario_hash, scorer_version) DO UPDATE SET
        attempts = attempts + excluded.attempts"""

SUMMARY_TABLES = ("trainee_best", "team_totals", "version_totals")


def _fold_pending(conn: sqlite3.Connection) -> None:
    for upsert in (*_BEST_UPSERTS, _TEAM_UPSERT, _VERSION_UPSERT):
        conn.execute(upsert)
    conn.execute("DELETE FROM temp.pending_summary")


def _ensure_pending(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS pending_summary (id INTEGER PRIMARY KEY)")


def add_finished(conn: sqlite3.Connection, attempt_row_ids: Iterable[int]) -> None:
    """Fold newly finished attempts (by row id) into the summaries, in the open transaction."""
    _ensure_pending(conn)
    conn.executemany(
        "INSERT OR IGNORE INTO temp.pending_summary (id) VALUES (?)",
        ((row_id,) for row_id in attempt_row_ids),
    )
    _fold_pending(conn)


def rebuild_summaries(conn: sqlite3.Connection) -> None:
    """Recompute the summaries from every finished attempt (migration, bulk fill)."""
    for table in SUMMARY_TABLES:
        conn.execute(f"DELETE FROM {table}")
    _ensure_pending(conn)
    conn.execute(
        "INSERT INTO temp.pending_summary (id) SELECT id FROM attempts WHERE ended_at IS NOT NULL"
    )
    _fold_pending(conn)
