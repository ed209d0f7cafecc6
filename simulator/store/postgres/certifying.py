"""Certificates on the server (schema version 6): the same rows as in a file."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import psycopg

from simulator.store import timestamps
from simulator.store.certificates import (
    Certificate,
    UnknownCertificateError,
    earned,
    scores_from_json,
    scores_to_json,
)
from simulator.store.names import name_key
from simulator.store.postgres import assigning
from simulator.store.postgres.views import ATTEMPT_COLUMNS, ATTEMPT_SOURCE, attempt_from_row
from simulator.store.records import uuid_bounds

V6_CERTIFICATES = """
CREATE TABLE certificates (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    uuid uuid NOT NULL UNIQUE,
    assignment_uuid uuid NOT NULL,
    trainee text COLLATE "C" NOT NULL,
    team text COLLATE "C" NOT NULL,
    trainee_key text COLLATE "C" NOT NULL,
    team_key text COLLATE "C" NOT NULL,
    mode text COLLATE "C" NOT NULL,
    issued_at timestamptz NOT NULL,
    scores json NOT NULL,  -- [[scenario_id, attempt_uuid, overall, pass_mark], ...]
    revoked_at timestamptz,
    UNIQUE (assignment_uuid, team_key, trainee_key)
)
"""
_COLUMNS = (
    "uuid::text, assignment_uuid::text, trainee, team, mode, issued_at, scores::text, revoked_at"
)
_INSERT = (
    f"INSERT INTO certificates ({_COLUMNS.replace('::text', '')}, trainee_key, team_key)"
    " VALUES (%s, %s, %s, %s, %s, %s, %s::json, %s, %s, %s)"
)


def issue_after(conn: psycopg.Connection, attempt_row: int) -> tuple[Certificate, ...]:
    """Issue what the attempt just finished earns (see sqlite/certifying.py)."""
    row = conn.execute(
        "SELECT t.id, t.name, t.team, a.scenario_id, a.mode FROM attempts a"
        " JOIN trainees t ON t.id = a.trainee_id WHERE a.id = %s",
        (attempt_row,),
    ).fetchone()
    assert row is not None
    trainee_id, name, team, scenario_id, mode = row
    keys = (name_key(team), name_key(name))
    waiting = [
        item
        for item in assigning.listed(conn, team)
        if item.scenario_id == scenario_id
        and item.mode == mode
        and (item.trainee is None or name_key(item.trainee) == keys[1])
        and not conn.execute(
            "SELECT 1 FROM certificates WHERE assignment_uuid = %s AND team_key = %s"
            " AND trainee_key = %s",
            (item.id, *keys),
        ).fetchone()
    ]
    if not waiting:
        return ()
    rows = conn.execute(
        f"SELECT {ATTEMPT_COLUMNS} FROM {ATTEMPT_SOURCE}"
        " WHERE a.trainee_id = %s AND a.scenario_id = %s AND a.mode = %s",
        (trainee_id, scenario_id, mode),
    ).fetchall()
    attempts = [attempt_from_row(found[1:]) for found in rows]
    issued = []
    for item in waiting:
        made = earned(item, name, team, attempts)
        if made is not None:
            conn.execute(_INSERT + " ON CONFLICT DO NOTHING", _row(made))
            issued.append(made)
    return tuple(issued)


def find(conn: psycopg.Connection, prefix: str) -> Certificate:
    bounds = uuid_bounds(prefix)
    if bounds is None:
        raise UnknownCertificateError(prefix)
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM certificates WHERE uuid BETWEEN %s AND %s ORDER BY uuid LIMIT 2",
        bounds,
    ).fetchall()
    if len(rows) != 1:
        raise UnknownCertificateError(prefix, ambiguous=len(rows) > 1)
    return _from_row(rows[0])


def listed(conn: psycopg.Connection, team: str | None) -> tuple[Certificate, ...]:
    sql, params = f"SELECT {_COLUMNS} FROM certificates", []
    if team is not None:
        sql += " WHERE team_key = %s"
        params.append(name_key(team))
    return tuple(_from_row(row) for row in conn.execute(sql + " ORDER BY issued_at, id", params))


def revoke(conn: psycopg.Connection, prefix: str) -> Certificate:
    found = find(conn, prefix)
    conn.execute(
        "UPDATE certificates SET revoked_at = %s WHERE uuid = %s AND revoked_at IS NULL",
        (timestamps.now(), found.id),
    )
    return find(conn, found.id)


def every(conn: psycopg.Connection) -> Iterator[Certificate]:
    for row in conn.execute(f"SELECT {_COLUMNS} FROM certificates ORDER BY id").fetchall():
        yield _from_row(row)


def merge(conn: psycopg.Connection, items: Iterable[Certificate]) -> None:
    """Add an import's certificates (see sqlite/certifying.py)."""
    items = list(items)
    with conn.cursor() as cursor:
        cursor.executemany(_INSERT + " ON CONFLICT DO NOTHING", [_row(item) for item in items])
        cursor.executemany(
            "UPDATE certificates SET revoked_at = %s WHERE uuid = %s AND revoked_at IS NULL",
            [(i.revoked_at, i.id) for i in items if i.revoked_at is not None],
        )


def _row(item: Certificate) -> tuple[Any, ...]:
    return (
        item.id,
        item.assignment_id,
        item.trainee,
        item.team,
        item.mode,
        item.issued_at,
        scores_to_json(item.scores),
        item.revoked_at,
        name_key(item.trainee),
        name_key(item.team),
    )


def _from_row(row: Any) -> Certificate:
    ident, assignment, trainee, team, mode, issued, scores, revoked = row
    return Certificate(
        id=ident,
        assignment_id=assignment,
        trainee=trainee,
        team=team,
        mode=mode,
        issued_at=issued,
        scores=scores_from_json(scores),
        revoked_at=revoked,
    )
