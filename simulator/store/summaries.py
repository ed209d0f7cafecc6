"""Keeping the summary tables in step with finished attempts.

Every write path (finishing an attempt, importing, migrating, the benchmark's bulk fill) goes
through `add_finished`: the attempts to add are listed in a temporary table and folded into
`trainee_best` and `team_totals` with set-based upserts, so the result does not depend on the
order attempts arrive in. Best attempt = highest overall, then the earliest to reach it, then the
smallest UUID, so two machines importing the same attempts agree.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from simulator.store.schema import ALL_SCENARIOS, DIMENSION_COLUMNS

_BEST_COLUMNS = ("best_overall", "best_ended_at", "best_uuid", "best_attempt_id")
_BETTER = (
    "(-excluded.best_overall, excluded.best_ended_at, excluded.best_uuid)"
    " < (-best_overall, best_ended_at, best_uuid)"
)
_PICK_BEST = ",\n".join(
    f"{column} = CASE WHEN {_BETTER} THEN excluded.{column} ELSE {column} END"
    for column in _BEST_COLUMNS
)


def _best_upsert(scenario_expr: str, partition: str) -> str:
    return f"""
    INSERT INTO trainee_best (scenario_id, mode, trainee_id, attempts, best_overall,
                              best_ended_at, best_uuid, best_attempt_id)
    SELECT scenario_id, mode, trainee_id, n, overall, ended_at, uuid, id FROM (
        SELECT {scenario_expr} AS scenario_id, a.mode, a.trainee_id, a.overall, a.ended_at,
               a.uuid, a.id, count(*) OVER batch AS n,
               row_number() OVER (batch ORDER BY a.overall DESC, a.ended_at, a.uuid) AS position
        FROM attempts a JOIN temp.pending_summary p ON p.id = a.id
        WINDOW batch AS (PARTITION BY {partition})
    ) WHERE position = 1
    ON CONFLICT (scenario_id, mode, trainee_id) DO UPDATE SET
        attempts = attempts + excluded.attempts,
        {_PICK_BEST}"""


_BEST_PER_SCENARIO = _best_upsert("a.scenario_id", "a.scenario_id, a.mode, a.trainee_id")
_BEST_OVERALL = _best_upsert(f"'{ALL_SCENARIOS}'", "a.mode, a.trainee_id")

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


def _fold_pending(conn: sqlite3.Connection) -> None:
    conn.execute(_BEST_PER_SCENARIO)
    conn.execute(_BEST_OVERALL)
    conn.execute(_TEAM_UPSERT)
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
    """Recompute both summaries from every finished attempt (migration, bulk fill)."""
    conn.execute("DELETE FROM trainee_best")
    conn.execute("DELETE FROM team_totals")
    _ensure_pending(conn)
    conn.execute(
        "INSERT INTO temp.pending_summary (id) SELECT id FROM attempts WHERE ended_at IS NOT NULL"
    )
    _fold_pending(conn)
