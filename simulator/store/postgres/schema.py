"""The PostgreSQL scoreboard's tables, version by version, in PostgreSQL's own types.

Everything lives in the schema `recovery_sim` (so the database can hold other things). Keys are
identity columns, attempt ids `uuid`, times `timestamptz`, an attempt's turns one `jsonb` array
in the export's `turn_fields` order (`json` until version 8; an import copies them in with
binary COPY straight into `turns`, see exchange.py, and jsonb then cost no more than json did:
SCOREBOARD.md has the figures). jsonb cannot hold the character U+0000, which the store refuses
with a message (a file scoreboard keeps it). Text compares byte by byte
(`COLLATE "C"`), as SQLite does, so both backends sort names the same way. `schema_migrations`
has a row per applied version; migrations run under an advisory lock, so two clients starting
at once never migrate twice.
"""

from __future__ import annotations

from collections.abc import Callable

import psycopg

from simulator.store.columns import DIMENSION_COLUMNS

SCHEMA = "recovery_sim"
CURRENT_VERSION = 8
# pg_advisory_xact_lock key: "RSSB" as in the SQLite files' application id.
MIGRATION_LOCK = 0x52535342
ALL = ""  # trainee_best's scenario_id or mode for "every scenario" / "both modes"

_T = 'text COLLATE "C" NOT NULL'
_DIMS = ",\n    ".join(f"{name} smallint" for name in DIMENSION_COLUMNS)
_SUMS = ",\n    ".join(f"sum_{name} bigint NOT NULL" for name in DIMENSION_COLUMNS)

V1 = f"""
CREATE TABLE trainees (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name {_T},
    team {_T},
    UNIQUE (name, team)
);
CREATE INDEX trainees_by_team ON trainees (team, name);
CREATE TABLE attempts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    uuid uuid NOT NULL UNIQUE,
    trainee_id bigint NOT NULL REFERENCES trainees (id),
    scenario_id {_T},
    scenario_hash {_T},
    scorer_version {_T},
    mode {_T} CHECK (mode IN ('practice', 'assessment')),
    started_at timestamptz NOT NULL,
    ended_at timestamptz,  -- NULL until finished: never finished reads back as abandoned
    outcome {_T} CHECK (outcome IN
        ('ongoing', 'resolved', 'walked_out', 'unresolved', 'abandoned')),
    overall smallint,
    {_DIMS}
);
CREATE INDEX attempts_of_trainee ON attempts (trainee_id);
CREATE INDEX attempts_by_end ON attempts (ended_at) WHERE ended_at IS NOT NULL;
CREATE INDEX attempts_by_start ON attempts (started_at);
CREATE TABLE turns (
    attempt_id bigint PRIMARY KEY REFERENCES attempts (id) ON DELETE CASCADE,
    list json NOT NULL  -- [[index, reply, customer, ..., [events]], ...]
);
CREATE TABLE version_totals (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    scenario_id {_T},
    scenario_hash {_T},
    scorer_version {_T},
    attempts bigint NOT NULL,
    UNIQUE (scenario_id, scenario_hash, scorer_version)
);
-- Per trainee, scenario and mode ('' = all), the best finished attempt that was not given up.
CREATE TABLE trainee_best (
    scenario_id {_T},
    mode {_T},
    trainee_id bigint NOT NULL REFERENCES trainees (id),
    attempts bigint NOT NULL,
    best_overall smallint NOT NULL,
    best_ended_at timestamptz NOT NULL,
    best_uuid uuid NOT NULL,
    best_mode {_T},
    best_outcome {_T},
    best_version bigint NOT NULL REFERENCES version_totals (id),
    PRIMARY KEY (scenario_id, mode, trainee_id)
);
-- Per team, scenario, mode, version pair and given up or not, the sums the comparison averages.
CREATE TABLE team_totals (
    team {_T},
    scenario_id {_T},
    mode {_T},
    scorer_version {_T},
    scenario_hash {_T},
    given_up boolean NOT NULL,
    attempts bigint NOT NULL,
    resolved bigint NOT NULL,
    sum_overall bigint NOT NULL,
    {_SUMS},
    PRIMARY KEY (team, scenario_id, mode, scorer_version, scenario_hash, given_up)
);
"""

# Views for team leads' SQL clients (a read-only role can use them: docs/SCOREBOARD.md),
# mirroring the command line's: the leaderboard (scenario_id and mode '' = all), the team
# comparison over every finished attempt, the finished attempts, and every turn said.
_DIM_MEANS = ",\n       ".join(
    f"round(sum(sum_{name})::numeric / sum(attempts), 1) AS {name}" for name in DIMENSION_COLUMNS
)
V1_VIEWS = f"""
CREATE VIEW leaderboard AS
SELECT b.scenario_id, b.mode, t.name AS trainee, t.team, b.attempts, b.best_overall,
       b.best_uuid AS attempt_id, v.scenario_id AS best_scenario_id, b.best_mode,
       b.best_outcome, b.best_ended_at,
       rank() OVER (PARTITION BY b.scenario_id, b.mode ORDER BY b.best_overall DESC) AS rank
FROM trainee_best b JOIN trainees t ON t.id = b.trainee_id
     JOIN version_totals v ON v.id = b.best_version;
CREATE VIEW team_comparison AS
SELECT team, sum(attempts) AS attempts, sum(resolved) AS resolved,
       round(sum(sum_overall)::numeric / sum(attempts), 1) AS mean_overall,
       {_DIM_MEANS}
FROM team_totals GROUP BY team;
CREATE VIEW finished_attempts AS
SELECT a.uuid AS attempt_id, t.name AS trainee, t.team, a.scenario_id, a.mode, a.started_at,
       a.ended_at, a.outcome, a.overall, {", ".join(f"a.{name}" for name in DIMENSION_COLUMNS)},
       a.scenario_hash, a.scorer_version
FROM attempts a JOIN trainees t ON t.id = a.trainee_id WHERE a.ended_at IS NOT NULL;
CREATE VIEW attempt_turns AS
SELECT a.uuid AS attempt_id, t.name AS trainee, t.team, a.scenario_id,
       (turn ->> 0)::int AS turn, turn ->> 1 AS reply, turn ->> 2 AS customer,
       (turn ->> 3)::int AS anger_before, (turn ->> 4)::int AS anger_after,
       (turn ->> 5)::int AS overall, turn -> 12 AS events
FROM attempts a JOIN trainees t ON t.id = a.trainee_id
     JOIN turns l ON l.attempt_id = a.id, json_array_elements(l.list) AS turn;
"""


def _to_v1(conn: psycopg.Connection) -> None:
    conn.execute(V1)
    conn.execute(V1_VIEWS)


# MIGRATIONS[n] takes the schema from version n - 1 to version n.
def _to_v2(conn: psycopg.Connection) -> None:
    from simulator.store.postgres.names import to_v2  # names as a lead means them

    to_v2(conn)


def _to_v3(conn: psycopg.Connection) -> None:
    """An assessment attempt's verdict: its pass mark and whether it passed (NULL: not judged)."""
    conn.execute("ALTER TABLE attempts ADD COLUMN pass_mark smallint, ADD COLUMN passed boolean")


def _to_v4(conn: psycopg.Connection) -> None:
    from simulator.store.postgres.assigning import V4_ASSIGNMENTS  # assignments of scenarios

    conn.execute(V4_ASSIGNMENTS)


def _to_v5(conn: psycopg.Connection) -> None:
    from simulator.store.postgres.noting import V5_NOTES  # coaching notes on attempts

    conn.execute(V5_NOTES)


def _to_v6(conn: psycopg.Connection) -> None:
    from simulator.store.postgres.assigning import V6_ASSIGNMENT_TRAINEE  # assign --trainee
    from simulator.store.postgres.certifying import V6_CERTIFICATES  # passing an assignment

    conn.execute(V6_CERTIFICATES)
    conn.execute(V6_ASSIGNMENT_TRAINEE)


def _to_v7(conn: psycopg.Connection) -> None:
    """Two indexes for the lead's views, as the file's schema 12: the skills view reads each
    trainee's six scores from the first alone (an index-only scan; over a million attempts,
    every trainee's assessment means took 142 ms from the table); an assignment's progress
    reads a team's attempts of its scenario through the second, which replaces the index by
    trainee alone (the first of five reads had taken up to 190 ms, fetching every attempt of
    the team's trainees)."""
    conn.execute(
        "CREATE INDEX attempts_for_skills ON attempts (mode, trainee_id)"
        f" INCLUDE ({', '.join(DIMENSION_COLUMNS)})"
        " WHERE ended_at IS NOT NULL AND outcome <> 'abandoned'"
    )
    conn.execute("CREATE INDEX attempts_of_trainee_scenario ON attempts (trainee_id, scenario_id)")
    conn.execute("DROP INDEX attempts_of_trainee")


# Version 8: an attempt's turns as jsonb, as the team server's schema was specified (a team
# lead's SQL reads them with jsonb's operators and indexes); the turns view follows.
ATTEMPT_TURNS_VIEW = """
CREATE VIEW attempt_turns AS
SELECT a.uuid AS attempt_id, t.name AS trainee, t.team, a.scenario_id,
       (turn ->> 0)::int AS turn, turn ->> 1 AS reply, turn ->> 2 AS customer,
       (turn ->> 3)::int AS anger_before, (turn ->> 4)::int AS anger_after,
       (turn ->> 5)::int AS overall, turn -> 12 AS events
FROM attempts a JOIN trainees t ON t.id = a.trainee_id
     JOIN turns l ON l.attempt_id = a.id, jsonb_array_elements(l.list) AS turn;
"""


def _to_v8(conn: psycopg.Connection) -> None:
    conn.execute("DROP VIEW attempt_turns")
    conn.execute("ALTER TABLE turns ALTER COLUMN list TYPE jsonb USING list::jsonb")
    conn.execute(ATTEMPT_TURNS_VIEW)


MIGRATIONS: dict[int, Callable[[psycopg.Connection], None]] = {
    1: _to_v1,
    2: _to_v2,
    3: _to_v3,
    4: _to_v4,
    5: _to_v5,
    6: _to_v6,
    7: _to_v7,
    8: _to_v8,
}
