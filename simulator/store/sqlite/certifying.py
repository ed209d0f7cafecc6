"""Certificates in a file scoreboard (schema version 11), issued as passing attempts finish."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator

from simulator.store import timestamps
from simulator.store.certificates import (
    Certificate,
    UnknownCertificateError,
    earned,
    scores_from_json,
    scores_to_json,
)
from simulator.store.names import name_key
from simulator.store.records import uuid_bounds
from simulator.store.sqlite import assigning
from simulator.store.sqlite.lookups import ATTEMPT_COLUMNS, ATTEMPT_SOURCE, attempt_from_row

# One certificate per trainee per assignment (by keys, as names are matched).
V11_CERTIFICATES = """
CREATE TABLE certificates (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    assignment_uuid TEXT NOT NULL,
    trainee TEXT NOT NULL,
    team TEXT NOT NULL,
    trainee_key TEXT NOT NULL,
    team_key TEXT NOT NULL,
    mode TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    scores TEXT NOT NULL,  -- JSON: [[scenario_id, attempt_uuid, overall, pass_mark], ...]
    revoked_at TEXT,
    UNIQUE (assignment_uuid, team_key, trainee_key)
);
"""
_COLUMNS = "uuid, assignment_uuid, trainee, team, mode, issued_at, scores, revoked_at"


def issue_after(conn: sqlite3.Connection, attempt_row: int) -> tuple[Certificate, ...]:
    """Issue what the attempt just finished earns: a certificate for each assignment of its
    scenario and mode that its trainee has now passed and had none for."""
    trainee_id, name, team, scenario_id, mode = conn.execute(
        "SELECT t.id, t.name, t.team, a.scenario_id, a.mode FROM attempts a"
        " JOIN trainees t ON t.id = a.trainee_id WHERE a.id = ?",
        (attempt_row,),
    ).fetchone()
    keys = (name_key(team), name_key(name))
    waiting = [
        item
        for item in assigning.listed(conn, team)
        if item.scenario_id == scenario_id
        and item.mode == mode
        and (item.trainee is None or name_key(item.trainee) == keys[1])
        and not conn.execute(
            "SELECT 1 FROM certificates WHERE assignment_uuid = ? AND team_key = ?"
            " AND trainee_key = ?",
            (item.id, *keys),
        ).fetchone()
    ]
    if not waiting:
        return ()
    rows = conn.execute(
        f"SELECT {ATTEMPT_COLUMNS} FROM {ATTEMPT_SOURCE}"
        " WHERE a.trainee_id = ? AND a.scenario_id = ? AND a.mode = ?",
        (trainee_id, scenario_id, mode),
    )
    attempts = [attempt_from_row(row[1:]) for row in rows]
    issued = []
    for item in waiting:
        made = earned(item, name, team, attempts)
        if made is not None:
            _insert(conn, [made], "INSERT")
            issued.append(made)
    return tuple(issued)


def find(conn: sqlite3.Connection, prefix: str) -> Certificate:
    bounds = uuid_bounds(prefix)
    if bounds is None:
        raise UnknownCertificateError(prefix)
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM certificates WHERE uuid BETWEEN ? AND ? ORDER BY uuid LIMIT 2",
        bounds,
    ).fetchall()
    if len(rows) != 1:
        raise UnknownCertificateError(prefix, ambiguous=len(rows) > 1)
    return _from_row(rows[0])


def listed(conn: sqlite3.Connection, team: str | None) -> tuple[Certificate, ...]:
    sql, params = f"SELECT {_COLUMNS} FROM certificates", []
    if team is not None:
        sql += " WHERE team_key = ?"
        params.append(name_key(team))
    return tuple(_from_row(row) for row in conn.execute(sql + " ORDER BY issued_at, id", params))


def revoke(conn: sqlite3.Connection, prefix: str) -> Certificate:
    found = find(conn, prefix)
    if found.revoked_at is None:
        conn.execute(
            "UPDATE certificates SET revoked_at = ? WHERE uuid = ?",
            (timestamps.to_db(timestamps.now()), found.id),
        )
    return find(conn, found.id)


def every(conn: sqlite3.Connection) -> Iterator[Certificate]:
    for row in conn.execute(f"SELECT {_COLUMNS} FROM certificates ORDER BY id"):
        yield _from_row(row)


def merge(conn: sqlite3.Connection, items: Iterable[Certificate]) -> None:
    """Add an import's certificates; one already here (by id, or for the same trainee and
    assignment) is left as it is, except that a revocation is carried over."""
    items = list(items)
    _insert(conn, items, "INSERT OR IGNORE")
    conn.executemany(
        "UPDATE certificates SET revoked_at = ? WHERE uuid = ? AND revoked_at IS NULL",
        [(timestamps.to_db(i.revoked_at), i.id) for i in items if i.revoked_at is not None],
    )


def _insert(conn: sqlite3.Connection, items: Iterable[Certificate], verb: str) -> None:
    conn.executemany(
        f"{verb} INTO certificates ({_COLUMNS}, trainee_key, team_key)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                item.id,
                item.assignment_id,
                item.trainee,
                item.team,
                item.mode,
                timestamps.to_db(item.issued_at),
                scores_to_json(item.scores),
                timestamps.to_db(item.revoked_at) if item.revoked_at else None,
                name_key(item.trainee),
                name_key(item.team),
            )
            for item in items
        ],
    )


def _from_row(row: tuple[object, ...]) -> Certificate:
    ident, assignment, trainee, team, mode, issued, scores, revoked = row
    return Certificate(
        id=str(ident),
        assignment_id=str(assignment),
        trainee=str(trainee),
        team=str(team),
        mode=str(mode),
        issued_at=timestamps.from_db(str(issued)),
        scores=scores_from_json(str(scores)),
        revoked_at=None if revoked is None else timestamps.from_db(str(revoked)),
    )
