"""The scoreboard's tables, version by version, and the migrations between them.

Version 1 holds what is recorded (trainees, attempts, turns). Version 2 adds the summary tables
the views read, kept up to date as attempts finish, so a leaderboard over a million attempts
reads thousands of rows instead of scanning them all. Versions 3 and 4 narrow and drop indexes
that made imports slow; version 5 keeps an attempt's turns in one row. Each version's DDL stays
here unchanged so tests can build a database of any earlier version and migrate it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from simulator.store.columns import DIMENSION_COLUMNS, TURN_FIELDS  # noqa: F401 (re-exported)

# "RSSB" (recovery-sim scoreboard): tells our files from other programs' SQLite databases.
APPLICATION_ID = 0x52535342
CURRENT_VERSION = 12

_DIMS_DDL = ",\n    ".join(f"{name} INTEGER" for name in DIMENSION_COLUMNS)

V1_TABLES = f"""
CREATE TABLE trainees (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    team TEXT NOT NULL,
    UNIQUE (name, team)
);
CREATE TABLE attempts (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    trainee_id INTEGER NOT NULL REFERENCES trainees (id),
    scenario_id TEXT NOT NULL,
    scenario_hash TEXT NOT NULL,
    scorer_version TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('practice', 'assessment')),
    started_at TEXT NOT NULL,  -- UTC, '%Y-%m-%dT%H:%M:%S.%fZ' so text order is time order
    ended_at TEXT,             -- NULL until finished: never finished reads back as abandoned
    outcome TEXT NOT NULL,
    overall INTEGER,
    {_DIMS_DDL}
);
CREATE INDEX attempts_by_trainee ON attempts (trainee_id, scenario_id, ended_at);
CREATE TABLE turns (
    attempt_id INTEGER NOT NULL REFERENCES attempts (id),
    idx INTEGER NOT NULL,
    reply TEXT NOT NULL,
    customer TEXT NOT NULL,
    anger_before INTEGER NOT NULL,
    anger_after INTEGER NOT NULL,
    overall INTEGER NOT NULL,
    {_DIMS_DDL},
    events TEXT NOT NULL,  -- JSON array of scorer event names
    PRIMARY KEY (attempt_id, idx)
) WITHOUT ROWID;  -- stored in attempt order, as they are read; no separate key index
"""

_SUMS_DDL = ",\n    ".join(f"sum_{name} INTEGER NOT NULL" for name in DIMENSION_COLUMNS)

# trainee_best: per trainee, scenario and mode, the best finished attempt; '' in scenario_id or
#   mode means "all", so every leaderboard without dates is one range of one row per trainee.
# team_totals: per team, scenario, mode and version pair, the sums the team comparison averages.
# version_totals: attempts per scenario file version and scorer version, a few hundred rows at
#   most, from which the "current" versions that results are compared against are read.
V2_TABLES = f"""
CREATE TABLE trainee_best (
    scenario_id TEXT NOT NULL,
    mode TEXT NOT NULL,
    trainee_id INTEGER NOT NULL REFERENCES trainees (id),
    attempts INTEGER NOT NULL,
    best_overall INTEGER NOT NULL,
    best_ended_at TEXT NOT NULL,
    best_uuid TEXT NOT NULL,
    best_scenario_id TEXT NOT NULL,  -- the best attempt's own details, copied so the
    best_mode TEXT NOT NULL,         -- leaderboard never has to look up thousands of
    best_outcome TEXT NOT NULL,      -- attempts scattered through a big file
    best_scorer_version TEXT NOT NULL,
    best_scenario_hash TEXT NOT NULL,
    PRIMARY KEY (scenario_id, mode, trainee_id)
) WITHOUT ROWID;
CREATE TABLE team_totals (
    team TEXT NOT NULL,
    scenario_id TEXT NOT NULL,
    mode TEXT NOT NULL,
    scorer_version TEXT NOT NULL,
    scenario_hash TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    resolved INTEGER NOT NULL,
    sum_overall INTEGER NOT NULL,
    {_SUMS_DDL},
    PRIMARY KEY (team, scenario_id, mode, scorer_version, scenario_hash)
) WITHOUT ROWID;
CREATE TABLE version_totals (
    scenario_id TEXT NOT NULL,
    scenario_hash TEXT NOT NULL,
    scorer_version TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    PRIMARY KEY (scenario_id, scenario_hash, scorer_version)
) WITHOUT ROWID;
CREATE INDEX trainees_by_team ON trainees (team, name);
CREATE INDEX attempts_by_end ON attempts (ended_at);
"""

# Version 3 narrows the per-trainee index to the trainee alone. Its scenario and end time
# made every entry about 50 bytes, and an import of 100,000 attempts dirtied most of its pages
# (measured: about 2 s of a 15 s import into a million attempts); the views that use it read
# one trainee's few hundred attempts, which need no more than the trainee to find.
V3_INDEXES = """
DROP INDEX attempts_by_trainee;
CREATE INDEX attempts_of_trainee ON attempts (trainee_id);
"""

# Version 4 drops the end-time index. An import of 100,000 attempts spread over two years
# dirtied nearly all of its 40 MB (measured: about 1 s of a 10 s import into a million), and the
# only views that used it, those with a date range, are as quick scanning the attempts: 0.25 s
# for a month of a million attempts, against 0.41 s through the index, which then looked up
# each attempt in range one by one.
V4_INDEXES = """
DROP INDEX IF EXISTS attempts_by_end;
"""

# Version 5 keeps each attempt's turns as one JSON array (of TURN_FIELDS arrays, in index order)
# in one row, instead of a row per turn. An import of 100,000 attempts wrote 600,000 turn rows;
# as 100,000 rows the same text went in in 0.2-0.9 s instead of 2.1-2.6 s (measured into a
# million-attempt scoreboard). A turn is still committed as it happens: its attempt's row is
# rewritten with the turn added. SQLite's JSON functions read the turns in SQL, e.g.
#   SELECT t.attempt_id, turn.value ->> 1 AS reply FROM turns t, json_each(t.list) turn
V5_TURNS = """
CREATE TABLE turn_lists (
    attempt_id INTEGER PRIMARY KEY REFERENCES attempts (id),
    list TEXT NOT NULL  -- JSON: [[index, reply, customer, ..., [events]], ...]
);
"""
_V4_TURN_AS_JSON = (
    "json_array(idx, reply, customer, anger_before, anger_after, overall, "
    + ", ".join(DIMENSION_COLUMNS)
    + ", json(events))"
)
# Version 5 also gives each scenario file and scorer version pair an id, and trainee_best keeps
# the best attempt's pair as that id instead of three copied texts (a scenario's hash alone is
# 64 characters): about 80 bytes less in each of the table's rows, 670,000 of them for a
# million attempts, most of which an import rewrites.
V5_SUMMARIES = """
DROP TABLE trainee_best;
DROP TABLE version_totals;
CREATE TABLE version_totals (
    id INTEGER PRIMARY KEY,
    scenario_id TEXT NOT NULL,
    scenario_hash TEXT NOT NULL,
    scorer_version TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    UNIQUE (scenario_id, scenario_hash, scorer_version)
);
CREATE TABLE trainee_best (
    scenario_id TEXT NOT NULL,
    mode TEXT NOT NULL,
    trainee_id INTEGER NOT NULL REFERENCES trainees (id),
    attempts INTEGER NOT NULL,
    best_overall INTEGER NOT NULL,  -- the best attempt's own details, copied so the
    best_ended_at TEXT NOT NULL,    -- leaderboard never has to look up thousands of
    best_uuid TEXT NOT NULL,        -- attempts scattered through a big file
    best_mode TEXT NOT NULL,
    best_outcome TEXT NOT NULL,
    best_version INTEGER NOT NULL REFERENCES version_totals (id),
    PRIMARY KEY (scenario_id, mode, trainee_id)
) WITHOUT ROWID;
"""

# Version 6 keeps given-up (abandoned) attempts apart in the team totals, so a view can leave
# them out, and never lets one be a trainee's best: both summaries are rebuilt.
V6_SUMMARIES = f"""
DROP TABLE team_totals;
CREATE TABLE team_totals (
    team TEXT NOT NULL,
    scenario_id TEXT NOT NULL,
    mode TEXT NOT NULL,
    scorer_version TEXT NOT NULL,
    scenario_hash TEXT NOT NULL,
    given_up INTEGER NOT NULL,  -- 1: the attempts were abandoned
    attempts INTEGER NOT NULL,
    resolved INTEGER NOT NULL,
    sum_overall INTEGER NOT NULL,
    {_SUMS_DDL},
    PRIMARY KEY (team, scenario_id, mode, scorer_version, scenario_hash, given_up)
) WITHOUT ROWID;
"""

# Version 7 matches names as a lead means them (simulator/store/names.py): each trainee row gets
# the keys of its name and team, unique together; trainees whose names differed only in case or
# spacing are merged into the first written, and a team takes its first-written spelling.
V7_KEYS = """
ALTER TABLE trainees ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
ALTER TABLE trainees ADD COLUMN team_key TEXT NOT NULL DEFAULT '';
"""
V7_INDEX = """
CREATE UNIQUE INDEX trainees_by_key ON trainees (team_key, name_key);
"""

# Version 8 keeps an assessment attempt's verdict: the pass mark it was judged against and
# whether it passed (NULL for practice, unfinished attempts and those from before version 8).
V8_VERDICTS = """
ALTER TABLE attempts ADD COLUMN pass_mark INTEGER;
ALTER TABLE attempts ADD COLUMN passed INTEGER;
"""

# Version 12 serves the lead's views (docs/SCOREBOARD.md, "Assignments and progress"):
# - the skills view (`scoreboard --by skill`, the app's heatmap) adds up each trainee's six
#   scores from a small index instead of the attempts themselves: over a million attempts,
#   every trainee's assessment means took 184 ms scanning the table, 46 ms this way. Only the
#   attempts the view counts are in it (finished, not given up);
# - a trainee's attempts are found by trainee and scenario, so an assignment's progress reads a
#   team's attempts of that scenario only: 85 to 190 ms for a team of 50 over a million
#   attempts, 2 to 9 ms this way. The index replaces the one by trainee alone, which it serves
#   as well (the same number of indexes to keep up on an import).
V12_LEAD_INDEXES = f"""
CREATE INDEX attempts_for_skills ON attempts (mode, trainee_id, {", ".join(DIMENSION_COLUMNS)})
    WHERE ended_at IS NOT NULL AND outcome != 'abandoned';
CREATE INDEX attempts_of_trainee_scenario ON attempts (trainee_id, scenario_id);
DROP INDEX attempts_of_trainee;
"""

# Attempts converted at a time: each chunk's old rows are deleted before the next is written,
# so their pages are reused and the file does not grow by a copy of every turn.
V5_CHUNK = 20_000

ALL = ""  # trainee_best's scenario_id or mode for "every scenario" / "both modes"


def _to_v1(conn: sqlite3.Connection) -> None:
    _run_script(conn, V1_TABLES)


def _to_v2(conn: sqlite3.Connection) -> None:
    _run_script(conn, V2_TABLES)  # filled by version 6, which rebuilds every summary


def _to_v3(conn: sqlite3.Connection) -> None:
    _run_script(conn, V3_INDEXES)


def _to_v4(conn: sqlite3.Connection) -> None:
    _run_script(conn, V4_INDEXES)


def _to_v5(conn: sqlite3.Connection) -> None:
    _run_script(conn, V5_TURNS)
    last = conn.execute("SELECT coalesce(max(attempt_id), 0) FROM turns").fetchone()[0]
    for first in range(0, last + 1, V5_CHUNK):
        bounds = (first, first + V5_CHUNK - 1)
        # The subquery's order is the order json_group_array adds each attempt's turns in.
        conn.execute(
            f"""INSERT INTO turn_lists (attempt_id, list)
                SELECT attempt_id, json_group_array(json(turn)) FROM (
                    SELECT attempt_id, {_V4_TURN_AS_JSON} AS turn FROM turns
                    WHERE attempt_id BETWEEN ? AND ? ORDER BY attempt_id, idx
                ) GROUP BY attempt_id""",
            bounds,
        )
        conn.execute("DELETE FROM turns WHERE attempt_id BETWEEN ? AND ?", bounds)
    conn.execute("DROP TABLE turns")
    conn.execute("ALTER TABLE turn_lists RENAME TO turns")
    _run_script(conn, V5_SUMMARIES)  # filled by version 6, which rebuilds every summary


def _to_v6(conn: sqlite3.Connection) -> None:
    from simulator.store.sqlite.summaries import rebuild_summaries  # it reads this module's names

    _run_script(conn, V6_SUMMARIES)
    rebuild_summaries(conn)  # every earlier version's summaries, in the new layout


def _to_v7(conn: sqlite3.Connection) -> None:
    from simulator.store.names import merge_plan
    from simulator.store.sqlite.summaries import rebuild_summaries

    _run_script(conn, V7_KEYS)
    rows = conn.execute("SELECT id, name, team FROM trainees ORDER BY id").fetchall()
    merges, keep = merge_plan(rows)
    conn.executemany(
        "UPDATE attempts SET trainee_id = ? WHERE trainee_id = ?",
        [(kept, gone) for gone, kept in merges.items()],
    )
    if merges:
        conn.execute("DELETE FROM trainee_best")  # rebuilt below; it refers to merged rows
    conn.executemany("DELETE FROM trainees WHERE id = ?", [(gone,) for gone in merges])
    conn.executemany(
        "UPDATE trainees SET name = ?, team = ?, name_key = ?, team_key = ? WHERE id = ?",
        [(*values, row_id) for row_id, values in keep.items()],
    )
    _run_script(conn, V7_INDEX)
    respelled = any(row_id in keep and keep[row_id][1] != team for row_id, _, team in rows)
    if merges or respelled:
        rebuild_summaries(conn)  # team totals are kept by team spelling, best rows by trainee


def _to_v8(conn: sqlite3.Connection) -> None:
    _run_script(conn, V8_VERDICTS)


def _to_v9(conn: sqlite3.Connection) -> None:
    from simulator.store.sqlite.assigning import V9_ASSIGNMENTS  # assignments of scenarios

    _run_script(conn, V9_ASSIGNMENTS)


def _to_v10(conn: sqlite3.Connection) -> None:
    from simulator.store.sqlite.noting import V10_NOTES  # coaching notes on attempts

    _run_script(conn, V10_NOTES)


def _to_v11(conn: sqlite3.Connection) -> None:
    from simulator.store.sqlite.assigning import V11_ASSIGNMENT_TRAINEE  # assign --trainee
    from simulator.store.sqlite.certifying import V11_CERTIFICATES  # passing an assignment

    _run_script(conn, V11_CERTIFICATES)
    _run_script(conn, V11_ASSIGNMENT_TRAINEE)


def _to_v12(conn: sqlite3.Connection) -> None:
    _run_script(conn, V12_LEAD_INDEXES)


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run DDL statement by statement: `executescript` would commit the open transaction."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete statement in schema script: {statement!r}")


# MIGRATIONS[n] takes a database at version n - 1 to version n.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _to_v1,
    2: _to_v2,
    3: _to_v3,
    4: _to_v4,
    5: _to_v5,
    6: _to_v6,
    7: _to_v7,
    8: _to_v8,
    9: _to_v9,
    10: _to_v10,
    11: _to_v11,
    12: _to_v12,
}


def migrate(conn: sqlite3.Connection, current: int, target: int = CURRENT_VERSION) -> None:
    """Bring a database from `current` to `target` inside the caller's open transaction."""
    for version in range(current + 1, target + 1):
        MIGRATIONS[version](conn)
        conn.execute(f"PRAGMA user_version = {version}")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
