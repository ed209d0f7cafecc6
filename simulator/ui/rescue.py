"""Attempts the scoreboard never got, written to a file `recovery-sim import` reads.

When the app ends while a team server is away, the recorder still holds writes. Rather than
drop what the trainee said, each such attempt is written whole, in the export format, to a file
in the app's settings folder; the message printed on exit names it and the import command. The
attempt gets a new id: part of it may have reached the server under the old one (an import
skips an id it already has), and that part then reads as a separate abandoned attempt.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.store import timestamps
from simulator.store.records import AttemptRecord, new_attempt_id
from simulator.store.validation import stored_turn

if TYPE_CHECKING:
    from simulator.ui.recorder import Pending

RESCUE_FOLDER = "unsaved"


def rescue_record(attempt: Pending, ended: datetime) -> tuple[AttemptRecord, str]:
    """The attempt as an export holds it, with its turns as JSON."""
    debrief = attempt.debrief
    outcome = "abandoned"
    if debrief is not None and debrief.outcome != "ongoing":
        outcome = debrief.outcome
    verdict = attempt.verdict
    record = AttemptRecord(
        id=new_attempt_id(attempt.started_at),
        trainee=attempt.trainee,
        team=attempt.team,
        scenario_id=attempt.scenario_id,
        scenario_hash=attempt.scenario_hash,
        scorer_version=attempt.scorer_version,
        mode=attempt.mode,
        started_at=attempt.started_at,
        ended_at=ended if debrief is not None else None,
        outcome=outcome,
        overall=debrief.overall if debrief is not None else None,
        dimensions=dict(debrief.dimensions) if debrief is not None else {},
        pass_mark=verdict.rule.mark if verdict is not None else None,
        passed=bool(verdict.passed) if verdict is not None else None,
    )
    turns = json.dumps([stored_turn(turn) for turn in attempt.turns], ensure_ascii=False)
    return record, turns


def write_rescue(config_dir: Path, attempts: list[Pending]) -> Path:
    """Write `attempts` to a new file under `config_dir` and return its path."""
    from simulator.store.export_file import write_export

    ended = timestamps.now()
    folder = config_dir / RESCUE_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"attempts-{ended.strftime('%Y%m%dT%H%M%S%f')}.json"
    write_export(path, (rescue_record(attempt, ended) for attempt in attempts))
    return path
