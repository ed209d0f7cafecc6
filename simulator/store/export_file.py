"""Writing every attempt, with its turns, to a JSON file another machine can import.

The file is streamed attempt by attempt (a big scoreboard never sits in memory whole) into a
temporary file beside the target, renamed into place only when complete. Each backend supplies
the attempts, with their turns as the export's JSON text; this module writes the file.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.store import timestamps
from simulator.store.columns import TURN_FIELDS
from simulator.store.records import AttemptRecord

if TYPE_CHECKING:
    from simulator.store.assignments import Assignment
    from simulator.store.certificates import Certificate
    from simulator.store.notes import Note

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
        "pass_mark": attempt.pass_mark,
        "passed": attempt.passed,
    }


def write_export(
    path: Path,
    attempts: Iterable[tuple[AttemptRecord, str]],
    assignments: Iterable[Assignment] = (),
    notes: Iterable[Note] = (),
    certificates: Iterable[Certificate] = (),
) -> int:
    """Write `attempts` (each with its turns' JSON), the assignments, coaching notes and
    certificates to `path`, replacing it; returns how many attempts."""
    from simulator.store.assignments import assignment_to_json
    from simulator.store.certificates import certificate_to_json
    from simulator.store.notes import note_to_json

    header = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": timestamps.now().isoformat(),
        "turn_fields": list(TURN_FIELDS),
        "assignments": [assignment_to_json(item) for item in assignments],
        "notes": [note_to_json(item) for item in notes],
        "certificates": [certificate_to_json(item) for item in certificates],
    }
    directory = path.parent if str(path.parent) else Path(".")
    handle = tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=directory, prefix=f".{path.name}.", delete=False
    )
    count = 0
    try:
        with handle:
            handle.write(json.dumps(header)[:-1] + ', "attempts": [')
            for count, (attempt, turns) in enumerate(attempts, start=1):
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
