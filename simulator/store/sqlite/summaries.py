"""Keeping the summary tables in step with finished attempts.

Two ways in, checked against each other by the tests:
- `add_finished` / `Fold` (finishing an attempt, importing): the new attempts are folded in
  Python into one row per summary key and upserted with executemany. Cost follows the number
  of new attempts, never the size of the scoreboard.
- `rebuild_summaries` (the v2 migration, the benchmark's bulk fill) and `add_row_range` (an
  import's batches, on a worker thread): set-based SQL over finished attempts. The attempt
  list drives the joins (CROSS JOIN fixes SQLite's join order).

Best attempt = highest overall, then the earliest to reach it, then the smallest UUID, so the
result does not depend on arrival order and two machines importing the same attempts agree. A
given-up (abandoned) attempt is never a trainee's best and is not counted in trainee_best; the
team totals keep given-up attempts in rows of their own (`given_up`), so views can leave them out.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import Any, NamedTuple

from simulator.store.sqlite.schema import ALL, DIMENSION_COLUMNS

GIVEN_UP = "abandoned"  # the outcome that never counts as a best, kept apart in team totals

# What trainee_best keeps of the best attempt, and where each comes from (a: the attempt,
# v: its version_totals row).
_BEST_FROM = {
    "best_overall": "a.overall",
    "best_ended_at": "a.ended_at",
    "best_uuid": "a.uuid",
    "best_mode": "a.mode",
    "best_outcome": "a.outcome",
    "best_version": "v.id",
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


_BEST_LIST = ", ".join(_BEST_COLUMNS)
# Every write to trainee_best: the attempts add up, the best is kept unless the new one beats it.
_KEEP_BEST = f"""
    ON CONFLICT (scenario_id, mode, trainee_id) DO UPDATE SET
        attempts = attempts + excluded.attempts,
        {_PICK_BEST}"""


_VERSION_OF_ATTEMPT = (
    "(v.scenario_id, v.scenario_hash, v.scorer_version)"
    " = (a.scenario_id, a.scenario_hash, a.scorer_version)"
)


def _best_of_pending(scenario_expr: str, mode_expr: str) -> str:
    """The pending attempts' best per (scenario_expr, mode_expr, trainee), as trainee_best rows."""
    partition = f"{scenario_expr}, {mode_expr}, a.trainee_id"
    picked = ", ".join(f"{source} AS {best}" for best, source in _BEST_FROM.items())
    return f"""
    SELECT scenario_id, mode, trainee_id, n, {_BEST_LIST} FROM (
        SELECT {scenario_expr} AS scenario_id, {mode_expr} AS mode, a.trainee_id, {picked},
               count(*) OVER batch AS n,
               row_number() OVER (batch ORDER BY a.overall DESC, a.ended_at, a.uuid) AS position
        FROM temp.pending_summary p CROSS JOIN attempts a ON a.id = p.id
             CROSS JOIN version_totals v ON {_VERSION_OF_ATTEMPT}
        WHERE a.outcome != '{GIVEN_UP}'
        WINDOW batch AS (PARTITION BY {partition})
    ) WHERE position = 1"""


_INTO_BEST = f"INSERT INTO trainee_best (scenario_id, mode, trainee_id, attempts, {_BEST_LIST})"
_BEST_UPSERTS = tuple(
    _INTO_BEST + _best_of_pending(scenario_expr, mode_expr) + _KEEP_BEST
    for scenario_expr in ("a.scenario_id", f"'{ALL}'")
    for mode_expr in ("a.mode", f"'{ALL}'")
)

# An import's batches (add_row_range): each batch's best attempt per scenario, mode and trainee
# is picked once, into batch_best, and the best over both modes is picked from those rows,
# not from the batch's attempts again (measured, interleaved runs: the summaries of 100,000
# attempts took 3.6-3.9 s before, 3.3-3.7 s after).
_BATCH_BEST = "INSERT INTO temp.batch_best" + _best_of_pending("a.scenario_id", "a.mode")
_UPSERT_BATCH_BEST = f"{_INTO_BEST} SELECT * FROM temp.batch_best WHERE true {_KEEP_BEST}"
_UPSERT_BATCH_BEST_BOTH_MODES = f"""{_INTO_BEST}
    SELECT scenario_id, '{ALL}', trainee_id, n, {_BEST_LIST} FROM (
        SELECT *, sum(attempts) OVER both_modes AS n,
               row_number() OVER (
                   both_modes ORDER BY best_overall DESC, best_ended_at, best_uuid
               ) AS position
        FROM temp.batch_best
        WINDOW both_modes AS (PARTITION BY scenario_id, trainee_id)
    ) WHERE position = 1 {_KEEP_BEST}"""

_SUM_COLUMNS = ", ".join(f"sum_{name}" for name in DIMENSION_COLUMNS)
_SUMS = ", ".join(f"sum(a.{name})" for name in DIMENSION_COLUMNS)
_ADD_SUMS = ",\n".join(
    f"{column} = {column} + excluded.{column}"
    for column in ("attempts", "resolved", "sum_overall")
    + tuple(f"sum_{name}" for name in DIMENSION_COLUMNS)
)
_TEAM_UPSERT = f"""
    INSERT INTO team_totals (team, scenario_id, mode, scorer_version, scenario_hash, given_up,
                             attempts, resolved, sum_overall, {_SUM_COLUMNS})
    SELECT t.team, a.scenario_id, a.mode, a.scorer_version, a.scenario_hash,
           a.outcome = '{GIVEN_UP}', count(*), sum(a.outcome = 'resolved'), sum(a.overall), {_SUMS}
    FROM temp.pending_summary p CROSS JOIN attempts a ON a.id = p.id
         JOIN trainees t ON t.id = a.trainee_id
    WHERE true
    GROUP BY t.team, a.scenario_id, a.mode, a.scorer_version, a.scenario_hash,
             a.outcome = '{GIVEN_UP}'
    ON CONFLICT (team, scenario_id, mode, scorer_version, scenario_hash, given_up) DO UPDATE SET
        {_ADD_SUMS}"""


_VERSION_UPSERT = """
    INSERT INTO version_totals (scenario_id, scenario_hash, scorer_version, attempts)
    SELECT a.scenario_id, a.scenario_hash, a.scorer_version, count(*)
    FROM temp.pending_summary p CROSS JOIN attempts a ON a.id = p.id
    WHERE true
    GROUP BY a.scenario_id, a.scenario_hash, a.scorer_version
    ON CONFLICT (scenario_id, scenario_hash, scorer_version) DO UPDATE SET
        attempts = attempts + excluded.attempts"""

SUMMARY_TABLES = ("trainee_best", "team_totals", "version_totals")


# Versions first: the best rows refer to their ids.
_ALL_UPSERTS = (_VERSION_UPSERT, *_BEST_UPSERTS, _TEAM_UPSERT)


def _fold_pending(conn: sqlite3.Connection) -> None:
    for upsert in _ALL_UPSERTS:
        conn.execute(upsert)
    conn.execute("DELETE FROM temp.pending_summary")


def _ensure_pending(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS pending_summary (id INTEGER PRIMARY KEY)")


class Finished(NamedTuple):
    """What the summaries need of one newly finished attempt."""

    trainee_id: int
    team: str
    scenario_id: str
    mode: str
    overall: int
    ended_at: str
    uuid: str
    outcome: str
    scorer_version: str
    scenario_hash: str
    dimensions: tuple[int, ...]


_BEST_VALUES = ", ".join("?" for _ in range(4 + len(_BEST_COLUMNS)))
_BEST_ROW_UPSERT = f"{_INTO_BEST} VALUES ({_BEST_VALUES}) {_KEEP_BEST}"
_TEAM_ROW_UPSERT = f"""
    INSERT INTO team_totals (team, scenario_id, mode, scorer_version, scenario_hash, given_up,
                             attempts, resolved, sum_overall, {_SUM_COLUMNS})
    VALUES ({", ".join("?" for _ in range(9 + len(DIMENSION_COLUMNS)))})
    ON CONFLICT (team, scenario_id, mode, scorer_version, scenario_hash, given_up) DO UPDATE SET
        {_ADD_SUMS}"""
_VERSION_ROW_UPSERT = """
    INSERT INTO version_totals (scenario_id, scenario_hash, scorer_version, attempts)
    VALUES (?, ?, ?, ?)
    ON CONFLICT (scenario_id, scenario_hash, scorer_version) DO UPDATE SET
        attempts = attempts + excluded.attempts"""


_TEAM_KEY = attrgetter("team", "scenario_id", "mode", "scorer_version", "scenario_hash")
_VERSION_KEY = attrgetter("scenario_id", "scenario_hash", "scorer_version")
# The best attempt's details in trainee_best, in _BEST_COLUMNS order, but for its version's id.
_BEST_DETAILS = attrgetter("overall", "ended_at", "uuid", "mode", "outcome")


def add_finished(conn: sqlite3.Connection, attempts: Sequence[Finished]) -> None:
    """Fold newly finished attempts into the summaries, in the caller's transaction."""
    fold = Fold()
    fold.add(attempts)
    fold.write(conn)


def _rank(item: Finished) -> tuple[int, str, str]:
    """Smaller is better: highest overall, then earliest end, then smallest UUID."""
    return (-item.overall, item.ended_at, item.uuid)


class _Group(NamedTuple):
    """One of trainee_best's groupings: the key an attempt has in it, and that key as the
    row's (scenario, mode, trainee)."""

    key_of: Callable[[Finished], Any]
    row_key: Callable[[Any], tuple[str, str, int]]


# Its scenario in its mode, its scenario in both modes; every scenario in its mode, in both.
_PER_SCENARIO = (
    _Group(attrgetter("scenario_id", "mode", "trainee_id"), lambda key: key),
    _Group(attrgetter("scenario_id", "trainee_id"), lambda key: (key[0], ALL, key[1])),
)
_ACROSS_SCENARIOS = (
    _Group(attrgetter("mode", "trainee_id"), lambda key: (ALL, key[0], key[1])),
    _Group(attrgetter("trainee_id"), lambda key: (ALL, ALL, key)),
)


class Fold:
    """Summary rows folded in Python from batches of finished attempts, then upserted.

    An import brings 100,000 attempts at once, so the per-attempt work is done by built-ins
    (sorting, counting, building dicts), and Python only loops over each batch's distinct keys.
    An import folds only the every-scenario best rows and the team totals this way, batch by
    batch, while a worker thread summarises the rest in SQL (`add_row_range`): those rows would
    otherwise be upserted again for every batch."""

    def __init__(self, *, every_group: bool = True) -> None:
        self._every_group = every_group
        self._groups = (_PER_SCENARIO + _ACROSS_SCENARIOS) if every_group else _ACROSS_SCENARIOS
        # per group: key -> [attempts, the best attempt]
        self._best: list[dict[Any, list[Any]]] = [{} for _ in self._groups]
        self._teams: dict[tuple[str, str, str, str, str, bool], list[Finished]] = {}
        self._versions: Counter[tuple[str, str, str]] = Counter()

    def add(self, attempts: Sequence[Finished]) -> None:
        # Best first (overall descending, then earliest end, then smallest UUID: two stable
        # sorts). A dict built from the pairs in reverse keeps, for each key, the last pair it
        # sees: the batch's best. Only the best of an earlier batch needs comparing.
        counted = [a for a in attempts if a.outcome != GIVEN_UP]
        ordered = sorted(counted, key=attrgetter("ended_at", "uuid"))
        ordered.sort(key=attrgetter("overall"), reverse=True)
        backwards = ordered[::-1]
        for (key_of, _), best in zip(self._groups, self._best, strict=True):
            keys = list(map(key_of, backwards))
            counts = Counter(keys)
            for key, item in dict(zip(keys, backwards, strict=True)).items():
                entry = best.get(key)
                if entry is None:
                    best[key] = [counts[key], item]
                else:
                    entry[0] += counts[key]
                    if _rank(item) < _rank(entry[1]):
                        entry[1] = item
        teams = self._teams
        for a in attempts:
            teams.setdefault((*_TEAM_KEY(a), a.outcome == GIVEN_UP), []).append(a)
        if self._every_group:
            self._versions.update(map(_VERSION_KEY, attempts))

    def write(self, conn: sqlite3.Connection) -> None:
        """Upsert the folded rows, in primary-key order (one pass along each table)."""
        versions = self._versions.items()
        conn.executemany(_VERSION_ROW_UPSERT, ((*key, n) for key, n in versions))
        version_ids = {
            tuple(key): version_id
            for version_id, *key in conn.execute(
                "SELECT id, scenario_id, scenario_hash, scorer_version FROM version_totals"
            )
        }
        rows = sorted(
            (*row_key(key), count, *_BEST_DETAILS(item), version_ids[_VERSION_KEY(item)])
            for (_, row_key), best in zip(self._groups, self._best, strict=True)
            for key, (count, item) in best.items()
        )
        conn.executemany(_BEST_ROW_UPSERT, rows)
        conn.executemany(
            _TEAM_ROW_UPSERT,
            (
                (
                    *key,
                    len(group),
                    list(map(attrgetter("outcome"), group)).count("resolved"),
                    sum(map(attrgetter("overall"), group)),
                    *map(sum, zip(*map(attrgetter("dimensions"), group), strict=True)),
                )
                for key, group in sorted(self._teams.items())
            ),
        )


def add_row_range(conn: sqlite3.Connection, first_id: int, last_id: int) -> None:
    """Fold the finished attempts with row ids `first_id`..`last_id` into the per-scenario best
    rows and the version totals, in the caller's transaction. Set-based SQL, all inside SQLite:
    an import runs it on a worker thread for each batch it has written, while it parses the
    next batch; the every-scenario best rows and team totals are left to its
    `Fold(every_group=False)`."""
    _ensure_pending(conn)
    conn.execute(
        "INSERT INTO temp.pending_summary (id)"
        " SELECT id FROM attempts WHERE id BETWEEN ? AND ? AND ended_at IS NOT NULL",
        (first_id, last_id),
    )
    conn.execute(
        f"CREATE TEMP TABLE IF NOT EXISTS batch_best"
        f" (scenario_id, mode, trainee_id, attempts, {_BEST_LIST})"
    )
    for statement in (
        _VERSION_UPSERT,  # first: the best rows refer to the versions' ids
        _BATCH_BEST,
        _UPSERT_BATCH_BEST,
        _UPSERT_BATCH_BEST_BOTH_MODES,
    ):
        conn.execute(statement)
    conn.execute("DELETE FROM temp.batch_best")
    conn.execute("DELETE FROM temp.pending_summary")


def rebuild_summaries(conn: sqlite3.Connection) -> None:
    """Recompute the summaries from every finished attempt (migration, bulk fill)."""
    for table in SUMMARY_TABLES:
        conn.execute(f"DELETE FROM {table}")
    _ensure_pending(conn)
    conn.execute(
        "INSERT INTO temp.pending_summary (id) SELECT id FROM attempts WHERE ended_at IS NOT NULL"
    )
    _fold_pending(conn)
