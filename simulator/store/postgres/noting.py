"""Coaching notes on the server (schema version 5): the same rows as in a file."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import psycopg

from simulator.store.errors import InvalidRecordError
from simulator.store.notes import Note

V5_NOTES = """
CREATE TABLE notes (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    uuid uuid NOT NULL UNIQUE,
    attempt_uuid uuid NOT NULL,  -- by the attempt's id, not its row: see sqlite/noting.py
    author text COLLATE "C" NOT NULL,
    text text COLLATE "C" NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX notes_of_attempt ON notes (attempt_uuid, created_at);
"""
_COLUMNS = "uuid::text, attempt_uuid::text, author, text, created_at"
_INSERT = "INSERT INTO notes (uuid, attempt_uuid, author, text, created_at)"


def add(conn: psycopg.Connection, note: Note) -> Note:
    conn.execute(_INSERT + " VALUES (%s, %s, %s, %s, %s)", _row(note))
    return note


def for_attempt(conn: psycopg.Connection, attempt_uuid: str) -> tuple[Note, ...]:
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM notes WHERE attempt_uuid = %s ORDER BY created_at, id",
        (attempt_uuid,),
    )
    return tuple(_from_row(row) for row in rows)


def every(conn: psycopg.Connection) -> Iterator[Note]:
    for row in conn.execute(f"SELECT {_COLUMNS} FROM notes ORDER BY id").fetchall():
        yield _from_row(row)


def merge(conn: psycopg.Connection, items: Sequence[Note], source: str) -> None:
    """Add an import's notes (one already here, by id, is left as it is); every note's attempt
    must be stored by now, or the import is refused."""
    if not items:
        return
    wanted = sorted({item.attempt_id for item in items})
    found = {
        row[0]
        for row in conn.execute(
            "SELECT uuid::text FROM attempts WHERE uuid = ANY(%s::uuid[])", (wanted,)
        )
    }
    missing = next((item for item in items if item.attempt_id not in found), None)
    if missing is not None:
        raise InvalidRecordError(
            f"{source}: a note is on attempt {missing.attempt_id}, which is neither in the file"
            " nor in this scoreboard; nothing was imported"
        )
    with conn.cursor() as cursor:
        cursor.executemany(
            _INSERT + " VALUES (%s, %s, %s, %s, %s) ON CONFLICT (uuid) DO NOTHING",
            [_row(item) for item in items],
        )


def _row(note: Note) -> tuple[Any, ...]:
    return (note.id, note.attempt_id, note.author, note.text, note.created_at)


def _from_row(row: Any) -> Note:
    ident, attempt, author, text, created = row
    return Note(ident, attempt, author, text, created)
