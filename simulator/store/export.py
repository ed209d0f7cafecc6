"""Writing every attempt, with its turns, to a JSON file another machine can import.

The file is streamed attempt by attempt (a big scoreboard never sits in memory whole) into a
temporary file beside the target, renamed into place only when complete.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from simulator.store import timestamps
from simulator.store.lookups import ATTEMPT_COLUMNS, ATTEMPT_SOURCE, attempt_from_row
from simulator.store.records import AttemptRecord
from simulator.store.schema import TURN_FIELDS

EXPORT_FORMAT = "recovery-sim-scoreboard"
EXPORT_VERSION = 1  # bump when the layout below changes; importers read every older version


def attempt_to_json(attempt: AttemptRecord) -> dict[str, Any]:
    """An attempt's fields as an export writes them; its turns follow, copied as stored."""
    return {
        "id": attempt.id,
        "trainee": attempt.trainee,
        "team": attempt.team,
        "scenario_id": attempt.scenario_id,
        "scenario_hash": attempt.scenario_hash,
        "scorer_version": attempt.scorer_version,
        "mode": attempt.mode,
        "started_at": timestamps.to_iso(attempt.started_at),
        "ended_at": timestamps.to_iso(attempt.ended_at) if attempt.ended_at else None,
        "outcome": attempt.outcome,
        "overall": attempt.overall,
        "dimensions": dict(attempt.dimensions) if attempt.finished else None,
    }


def write_export(conn: sqlite3.Connection, path: Path) -> int:
    """Write all attempts to `path` (replacing it) and return how many were written."""
    header = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": timestamps.now().isoformat(),
        "turn_fields": list(TURN_FIELDS),
    }
    directory = path.parent if str(path.parent) else Path(".")
    handle = tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=directory, prefix=f".{path.name}.", delete=False
    )
    count = 0
    try:
        with handle:
            handle.write(json.dumps(header)[:-1] + ', "attempts": [')
            for count, (attempt, turns) in enumerate(_attempts_with_turns(conn), start=1):
                handle.write(",\n" if count > 1 else "\n")
                fields = json.dumps(attempt_to_json(attempt), ensure_ascii=False)
                handle.write(fields[:-1])
                handle.write(', "turns": ' + turns + "}")
            handle.write("\n]}\n")
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    return count


def _attempts_with_turns(conn: sqlite3.Connection) -> Iterator[tuple[AttemptRecord, str]]:
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
