"""The SQLite backend's side of an export: every attempt in row order with its stored turns."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from simulator.store.records import AttemptRecord
from simulator.store.sqlite.lookups import ATTEMPT_COLUMNS, ATTEMPT_SOURCE, attempt_from_row


def attempts_with_turns(conn: sqlite3.Connection) -> Iterator[tuple[AttemptRecord, str]]:
    """Attempts in row order, each with its turns as stored: already the export's JSON, so a big
    export copies the text instead of building millions of intermediate objects. Two cursors
    are walked side by side."""
    attempts = conn.execute(f"SELECT {ATTEMPT_COLUMNS} FROM {ATTEMPT_SOURCE} ORDER BY a.id")
    turns = conn.cursor().execute("SELECT attempt_id, list FROM turns ORDER BY attempt_id")
    pending = next(turns, None)
    for row in attempts:
        row_id = row[0]
        own = "[]"
        while pending is not None and pending[0] <= row_id:
            if pending[0] == row_id:
                own = pending[1]
            pending = next(turns, None)
        yield attempt_from_row(row[1:]), own
