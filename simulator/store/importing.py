"""Merging other machines' exports: checked in full first, then written in one transaction.

Attempts are matched by UUID, so importing a file twice adds nothing. Any malformed record stops
the whole run before anything is written, with a message naming the file, the record and the
field. An attempt stored here unfinished but finished in the file is completed from the file.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simulator.store import summaries, timestamps
from simulator.store.errors import ImportFormatError, InvalidRecordError
from simulator.store.export import EXPORT_FORMAT, EXPORT_VERSION
from simulator.store.lookups import trainee_row_id
from simulator.store.validation import (
    check_dimensions,
    check_mode,
    check_outcome,
    check_score,
    check_text,
    clean_name,
)

ONGOING = "ongoing"


@dataclass(frozen=True, slots=True)
class ImportResult:
    added: int  # attempts new to this scoreboard
    already_present: int  # attempts it had already (same UUID), left as they were
    completed: int = 0  # attempts it had unfinished, now finished from the file


@dataclass(frozen=True, slots=True)
class _Incoming:
    uuid: str
    trainee: str
    team: str
    attempt: tuple[Any, ...]  # scenario_id .. dimensions, in the attempts table's column order
    finished: bool
    turns: tuple[tuple[Any, ...], ...]


def read_export(path: Path) -> list[_Incoming]:
    """Every attempt in an export file, fully checked (raises ImportFormatError)."""
    try:
        with path.open(encoding="utf-8") as handle:
            document = json.load(handle)
    except FileNotFoundError:
        raise ImportFormatError(path, "file", "not found") from None
    except UnicodeDecodeError:
        raise ImportFormatError(path, "file", "not UTF-8 text; is it an export?") from None
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}"
        raise ImportFormatError(path, where, f"not valid JSON ({error.msg})") from None
    except OSError as error:
        raise ImportFormatError(path, "file", error.strerror or str(error)) from None
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        problem = f'not a recovery-sim scoreboard export (no "format": "{EXPORT_FORMAT}")'
        raise ImportFormatError(path, "file", problem)
    version = document.get("version")
    if type(version) is not int or not 1 <= version <= EXPORT_VERSION:
        problem = (
            f"export format version {version!r} is not one this recovery-sim reads "
            f"(1 to {EXPORT_VERSION}); upgrade recovery-sim"
        )
        raise ImportFormatError(path, '"version"', problem)
    records = document.get("attempts")
    if not isinstance(records, list):
        raise ImportFormatError(path, '"attempts"', "must be a list of attempts")
    return [_checked(path, number, record) for number, record in enumerate(records, start=1)]


def _checked(path: Path, number: int, record: object) -> _Incoming:
    where = f"attempt {number}"
    try:
        if not isinstance(record, dict):
            raise InvalidRecordError("must be an object")
        attempt_id = _uuid(record.get("id"))
        where = f"attempt {number} (id {attempt_id})"
        return _incoming(attempt_id, record, where)
    except InvalidRecordError as error:
        raise ImportFormatError(path, where, str(error)) from None


def _uuid(value: object) -> str:
    try:
        return str(uuid.UUID(value)) if isinstance(value, str) else _bad_uuid(value)
    except ValueError:
        return _bad_uuid(value)


def _bad_uuid(value: object) -> str:
    raise InvalidRecordError(f'field "id" must be a UUID, not {value!r}')


def _field(record: dict[str, Any], name: str) -> Any:
    if name not in record:
        raise InvalidRecordError(f'field "{name}" is missing')
    return record[name]


def _time(record: dict[str, Any], name: str) -> str:
    value = _field(record, name)
    try:
        return timestamps.to_db(timestamps.parse_iso(value))
    except (TypeError, ValueError):
        raise InvalidRecordError(
            f'field "{name}" must be an ISO 8601 time, not {value!r}'
        ) from None


def _incoming(attempt_id: str, record: dict[str, Any], where: str) -> _Incoming:
    ended = None if _field(record, "ended_at") is None else _time(record, "ended_at")
    finished = ended is not None
    if finished:
        outcome = check_outcome(_field(record, "outcome"), 'field "outcome"')
        overall: int | None = check_score(_field(record, "overall"), 'field "overall"')
        scores: tuple[int | None, ...] = check_dimensions(
            _field(record, "dimensions"), 'field "dimensions"'
        )
    else:
        outcome, overall, scores = ONGOING, None, (None,) * 6
    turns_field = _field(record, "turns")
    if not isinstance(turns_field, list):
        raise InvalidRecordError('field "turns" must be a list')
    turns = tuple(_turn(turn, position) for position, turn in enumerate(turns_field))
    indexes = [turn[0] for turn in turns]
    if len(set(indexes)) != len(indexes):
        raise InvalidRecordError('field "turns" has two turns with the same "index"')
    return _Incoming(
        uuid=attempt_id,
        trainee=clean_name(_field(record, "trainee"), 'field "trainee"'),
        team=clean_name(_field(record, "team"), 'field "team"'),
        attempt=(
            check_text(_field(record, "scenario_id"), 'field "scenario_id"'),
            check_text(_field(record, "scenario_hash"), 'field "scenario_hash"'),
            check_text(_field(record, "scorer_version"), 'field "scorer_version"'),
            check_mode(_field(record, "mode"), 'field "mode"'),
            _time(record, "started_at"),
            ended,
            outcome,
            overall,
            *scores,
        ),
        finished=finished,
        turns=turns,
    )


def _turn(turn: object, position: int) -> tuple[Any, ...]:
    def name(field: str) -> str:
        return f'turn {position + 1} field "{field}"'

    if not isinstance(turn, dict):
        raise InvalidRecordError(f"turn {position + 1} must be an object")
    events = turn.get("events")
    if not isinstance(events, list) or not all(isinstance(event, str) for event in events):
        raise InvalidRecordError(f"{name('events')} must be a list of event names")
    index = turn.get("index")
    if type(index) is not int or index < 0:
        raise InvalidRecordError(f"{name('index')} must be a whole number from 0, not {index!r}")
    return (
        index,
        check_text(turn.get("reply"), name("reply"), allow_empty=True),
        check_text(turn.get("customer"), name("customer"), allow_empty=True),
        check_score(turn.get("anger_before"), name("anger_before")),
        check_score(turn.get("anger_after"), name("anger_after")),
        check_score(turn.get("overall"), name("overall")),
        *check_dimensions(turn.get("dimensions"), name("dimensions")),
        json.dumps(events),
    )


def merge(conn: sqlite3.Connection, incoming: Sequence[_Incoming]) -> ImportResult:
    """Write the new attempts inside the caller's write transaction."""
    known = _known(conn, (item.uuid for item in incoming))
    seen: set[str] = set()
    new: list[_Incoming] = []
    completing: list[int] = []
    for item in incoming:
        if item.uuid in seen:
            continue
        seen.add(item.uuid)
        stored = known.get(item.uuid)
        if stored is None:
            new.append(item)
        elif not stored[1] and item.finished:
            completing.append(stored[0])
            new.append(item)
    _forget(conn, completing)
    row_ids = _insert(conn, new)
    summaries.add_finished(
        conn, (row_id for row_id, item in zip(row_ids, new, strict=True) if item.finished)
    )
    return ImportResult(
        added=len(new) - len(completing),
        already_present=len(incoming) - len(new),
        completed=len(completing),
    )


def _known(conn: sqlite3.Connection, uuids: Iterable[str]) -> dict[str, tuple[int, bool]]:
    """Stored attempts among `uuids`: row id and whether finished."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS incoming (uuid TEXT PRIMARY KEY)")
    conn.execute("DELETE FROM temp.incoming")
    conn.executemany("INSERT OR IGNORE INTO temp.incoming VALUES (?)", ((u,) for u in uuids))
    rows = conn.execute(
        "SELECT a.uuid, a.id, a.ended_at IS NOT NULL FROM attempts a"
        " JOIN temp.incoming i ON i.uuid = a.uuid"
    )
    return {row[0]: (row[1], bool(row[2])) for row in rows}


def _forget(conn: sqlite3.Connection, row_ids: Sequence[int]) -> None:
    """Drop unfinished attempts about to be replaced by their finished copy (no summary yet)."""
    conn.executemany("DELETE FROM turns WHERE attempt_id = ?", ((i,) for i in row_ids))
    conn.executemany("DELETE FROM attempts WHERE id = ?", ((i,) for i in row_ids))


def _insert(conn: sqlite3.Connection, new: Sequence[_Incoming]) -> list[int]:
    trainees: dict[tuple[str, str], int] = {}
    for item in new:
        key = (item.trainee, item.team)
        if key not in trainees:
            trainees[key] = trainee_row_id(conn, *key)
    # Row ids are handed out here: the write transaction holds the lock, so no one else inserts.
    first = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM attempts").fetchone()[0]
    row_ids = list(range(first, first + len(new)))
    conn.executemany(
        "INSERT INTO attempts (id, uuid, trainee_id, scenario_id, scenario_hash, scorer_version,"
        " mode, started_at, ended_at, outcome, overall, listening, empathy, apology, ownership,"
        " no_excuses, resolution) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (row_id, item.uuid, trainees[(item.trainee, item.team)], *item.attempt)
            for row_id, item in zip(row_ids, new, strict=True)
        ),
    )
    conn.executemany(
        "INSERT INTO turns (attempt_id, idx, reply, customer, anger_before, anger_after,"
        " overall, listening, empathy, apology, ownership, no_excuses, resolution, events)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ((row_id, *turn) for row_id, item in zip(row_ids, new, strict=True) for turn in item.turns),
    )
    return row_ids
