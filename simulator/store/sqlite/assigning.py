"""Assignments in a file scoreboard (schema version 9)."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterable
from datetime import date

from simulator.store import timestamps
from simulator.store.assignments import Assignment
from simulator.store.errors import UnknownAssignmentError
from simulator.store.names import name_key
from simulator.store.records import uuid_bounds
from simulator.store.sqlite.lookups import team_spelling

V9_ASSIGNMENTS = """
CREATE TABLE assignments (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    team TEXT NOT NULL,      -- as first written (the team's spelling when it was assigned)
    team_key TEXT NOT NULL,  -- simulator/store/names.py
    scenario_id TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('practice', 'assessment')),
    due TEXT NOT NULL,       -- YYYY-MM-DD, the last day
    attempts INTEGER,        -- allowed; NULL: no limit
    created_at TEXT NOT NULL
);
"""
# The team as its trainees first wrote it (an assignment may be made before any of them played).
_COLUMNS = (
    "uuid, coalesce((SELECT t.team FROM trainees t WHERE t.team_key = assignments.team_key"
    " ORDER BY t.id LIMIT 1), team), scenario_id, due, mode, attempts, created_at, trainee"
)


def add(
    conn: sqlite3.Connection,
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
        " created_at, trainee) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            made.id,
            made.team,
            name_key(team),
            scenario_id,
            mode,
            due.isoformat(),
            attempts,
            timestamps.to_db(made.created_at),  # type: ignore[arg-type]
            trainee,
        ),
    )
    return made


def listed(conn: sqlite3.Connection, team: str | None) -> tuple[Assignment, ...]:
    sql, params = f"SELECT {_COLUMNS} FROM assignments", []
    if team is not None:
        sql += " WHERE team_key = ?"
        params.append(name_key(team))
    rows = conn.execute(sql + " ORDER BY due, team_key, scenario_id, id", params)
    return tuple(_from_row(row) for row in rows)


def remove(conn: sqlite3.Connection, prefix: str) -> Assignment:
    found = find(conn, prefix)
    conn.execute("DELETE FROM assignments WHERE uuid = ?", (found.id,))
    return found


def find(conn: sqlite3.Connection, prefix: str) -> Assignment:
    bounds = uuid_bounds(prefix)  # as attempts are found: through the uuid index
    if bounds is None:
        raise UnknownAssignmentError(prefix)
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM assignments WHERE uuid BETWEEN ? AND ? ORDER BY uuid LIMIT 2",
        bounds,
    ).fetchall()
    if len(rows) != 1:
        raise UnknownAssignmentError(prefix, ambiguous=len(rows) > 1)
    return _from_row(rows[0])


def _from_row(row: tuple[object, ...]) -> Assignment:
    uuid_text, team, scenario_id, due, mode, attempts, created, trainee = row
    return Assignment(
        id=str(uuid_text),
        team=str(team),
        scenario_id=str(scenario_id),
        due=date.fromisoformat(str(due)),
        mode=str(mode),
        attempts=None if attempts is None else int(attempts),  # type: ignore[call-overload]
        created_at=timestamps.from_db(str(created)),
        trainee=None if trainee is None else str(trainee),
    )


def merge(conn: sqlite3.Connection, items: Iterable[Assignment]) -> None:
    """Add an import's assignments; one already here (same id) is left as it is."""
    conn.executemany(
        "INSERT OR IGNORE INTO assignments (uuid, team, team_key, scenario_id, mode, due,"
        " attempts, created_at, trainee) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                item.id,
                item.team,
                name_key(item.team),
                item.scenario_id,
                item.mode,
                item.due.isoformat(),
                item.attempts,
                timestamps.to_db(item.created_at or timestamps.now()),
                item.trainee,
            )
            for item in items
        ],
    )


# One named trainee of the team, or NULL for the whole team (schema version 11).
V11_ASSIGNMENT_TRAINEE = "ALTER TABLE assignments ADD COLUMN trainee TEXT;"
