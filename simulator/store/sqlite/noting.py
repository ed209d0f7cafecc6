"""Coaching notes in a file scoreboard (schema version 10)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence

from simulator.store import timestamps
from simulator.store.errors import InvalidRecordError
from simulator.store.notes import Note

# Keyed by the attempt's uuid, not its row id: an import that completes an unfinished attempt
# replaces its row, and the note must stay with it.
V10_NOTES = """
CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    attempt_uuid TEXT NOT NULL,
    author TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX notes_of_attempt ON notes (attempt_uuid, created_at);
"""
_COLUMNS = "uuid, attempt_uuid, author, text, created_at"


def add(conn: sqlite3.Connection, note: Note) -> Note:
    conn.execute(f"INSERT INTO notes ({_COLUMNS}) VALUES (?, ?, ?, ?, ?)", _row(note))
    return note


def for_attempt(conn: sqlite3.Connection, attempt_uuid: str) -> tuple[Note, ...]:
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM notes WHERE attempt_uuid = ? ORDER BY created_at, id",
        (str(attempt_uuid),),
    )
    return tuple(_from_row(row) for row in rows)


def every(conn: sqlite3.Connection) -> Iterator[Note]:
    for row in conn.execute(f"SELECT {_COLUMNS} FROM notes ORDER BY id"):
        yield _from_row(row)


def merge(conn: sqlite3.Connection, items: Sequence[Note], source: str) -> None:
    """Add an import's notes (one already here, by id, is left as it is); every note's attempt
    must be in the scoreboard by now, or the import is refused."""
    if not items:
        return
    wanted = sorted({item.attempt_id for item in items})
    found = {
        row[0]
        for row in conn.execute(
            "SELECT a.uuid FROM json_each(?) i CROSS JOIN attempts a ON a.uuid = i.value",
            (json.dumps(wanted),),
        )
    }
    missing = next((item for item in items if item.attempt_id not in found), None)
    if missing is not None:
        raise InvalidRecordError(
            f"{source}: a note is on attempt {missing.attempt_id}, which is neither in the file"
            " nor in this scoreboard; nothing was imported"
        )
    conn.executemany(
        f"INSERT OR IGNORE INTO notes ({_COLUMNS}) VALUES (?, ?, ?, ?, ?)",
        [_row(item) for item in items],
    )


def _row(note: Note) -> tuple[str, ...]:
    return (note.id, note.attempt_id, note.author, note.text, timestamps.to_db(note.created_at))


def _from_row(row: Iterable[object]) -> Note:
    ident, attempt, author, text, created = (str(value) for value in row)
    return Note(ident, attempt, author, text, timestamps.from_db(created))
