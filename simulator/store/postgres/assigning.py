"""Assignments on the server (schema version 4): the same rows as in a file."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date
from typing import Any

import psycopg

from simulator.store import timestamps
from simulator.store.assignments import Assignment
from simulator.store.errors import UnknownAssignmentError
from simulator.store.names import name_key
from simulator.store.postgres.names import team_spelling
from simulator.store.records import uuid_bounds

V4_ASSIGNMENTS = """
CREATE TABLE assignments (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    uuid uuid NOT NULL UNIQUE,
    team text COLLATE "C" NOT NULL,
    team_key text COLLATE "C" NOT NULL,
    scenario_id text COLLATE "C" NOT NULL,
    mode text COLLATE "C" NOT NULL CHECK (mode IN ('practice', 'assessment')),
    due date NOT NULL,
    attempts integer,
    created_at timestamptz NOT NULL
)
"""
# The team as its trainees first wrote it (an assignment may be made before any of them played).
_COLUMNS = (
    "uuid::text, coalesce((SELECT t.team FROM trainees t WHERE t.team_key = assignments.team_key"
    " ORDER BY t.id LIMIT 1), team), scenario_id, due, mode, attempts, created_at, trainee"
)


def add(
    conn: psycopg.Connection,
    team: str,
    scenario_id: str,
    due: date,
    mode: str,
    attempts: int | None,
    trainee: str | None = None,
) -> Assignment:
    made = Assignment(
        id=str(uuid.uuid4()),
        team=team_spelling(conn, team),
        scenario_id=scenario_id,
        due=due,
        mode=mode,
        attempts=attempts,
        created_at=timestamps.now(),
        trainee=trainee,
    )
    conn.execute(
        "INSERT INTO assignments (uuid, team, team_key, scenario_id, mode, due, attempts,"
        " created_at, trainee) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
        (
            made.id,
            made.team,
            name_key(team),
            scenario_id,
            mode,
            due,
            attempts,
            made.created_at,
            trainee,
        ),
    )
    return made


def listed(conn: psycopg.Connection, team: str | None) -> tuple[Assignment, ...]:
    sql, params = f"SELECT {_COLUMNS} FROM assignments", []
    if team is not None:
        sql += " WHERE team_key = %s"
        params.append(name_key(team))
    rows = conn.execute(sql + " ORDER BY due, team_key, scenario_id, id", params)
    return tuple(_from_row(row) for row in rows)


def remove(conn: psycopg.Connection, prefix: str) -> Assignment:
    found = find(conn, prefix)
    conn.execute("DELETE FROM assignments WHERE uuid = %s", (found.id,))
    return found


def find(conn: psycopg.Connection, prefix: str) -> Assignment:
    bounds = uuid_bounds(prefix)  # as attempts are found: through the uuid index
    if bounds is None:
        raise UnknownAssignmentError(prefix)
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM assignments WHERE uuid BETWEEN %s AND %s ORDER BY uuid LIMIT 2",
        bounds,
    ).fetchall()
    if len(rows) != 1:
        raise UnknownAssignmentError(prefix, ambiguous=len(rows) > 1)
    return _from_row(rows[0])


def _from_row(row: Any) -> Assignment:
    uuid_text, team, scenario_id, due, mode, attempts, created, trainee = row
    return Assignment(
        id=uuid_text,
        team=team,
        scenario_id=scenario_id,
        due=due,
        mode=mode,
        attempts=attempts,
        created_at=created,
        trainee=trainee,
    )


def merge(conn: psycopg.Connection, items: Iterable[Assignment]) -> None:
    """Add an import's assignments; one already here (same id) is left as it is."""
    rows = [
        (
            item.id,
            item.team,
            name_key(item.team),
            item.scenario_id,
            item.mode,
            item.due,
            item.attempts,
            item.created_at or timestamps.now(),
            item.trainee,
        )
        for item in items
    ]
    with conn.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO assignments (uuid, team, team_key, scenario_id, mode, due, attempts,"
            " created_at, trainee) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)"
            " ON CONFLICT (uuid) DO NOTHING",
            rows,
        )


# One named trainee of the team, or NULL for the whole team (schema version 6).
V6_ASSIGNMENT_TRAINEE = 'ALTER TABLE assignments ADD COLUMN trainee text COLLATE "C";'
