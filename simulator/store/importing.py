"""Merging other machines' exports: checked in full first, then written in one transaction.

Attempts are matched by UUID, so importing a file twice adds nothing. Any malformed record stops
the whole run before anything is written, with a message naming the file, the record and the
field. An attempt stored here unfinished but finished in the file is completed from the file.
"""

from __future__ import annotations

import json
import re
import sqlite3
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import Any

from simulator.store import summaries, timestamps
from simulator.store.errors import ImportFormatError, InvalidRecordError
from simulator.store.export import EXPORT_FORMAT, EXPORT_VERSION, TURN_FIELDS
from simulator.store.fast_check import QuickCheck
from simulator.store.incoming import Incoming
from simulator.store.lookups import trainee_row_ids
from simulator.store.turn_rows import checked_turns
from simulator.store.validation import (
    check_dimensions,
    check_mode,
    check_outcome,
    check_score,
    check_text,
    clean_name,
)

ONGOING = "ongoing"
_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")
_EXPORT_TIME_SHAPE = "2026-03-01T09:00:30.000000+00:00"


@dataclass(frozen=True, slots=True)
class ImportResult:
    added: int  # attempts new to this scoreboard
    already_present: int  # attempts it had already (same UUID), left as they were
    completed: int = 0  # attempts it had unfinished, now finished from the file


def read_export(path: Path) -> list[Incoming]:
    """Every attempt in an export file, fully checked (raises ImportFormatError)."""
    try:
        # Bytes decoded in one go: a text-mode read would also scan for newlines to translate.
        document = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise ImportFormatError(path, "file", "not found") from None
    except UnicodeDecodeError:
        raise ImportFormatError(path, "file", "not UTF-8 text; is it an export?") from None
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}"
        raise ImportFormatError(path, where, f"not valid JSON ({error.msg})") from None
    except RecursionError:
        raise ImportFormatError(path, "file", "nested too deeply to be an export") from None
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
    if document.get("turn_fields") != list(TURN_FIELDS):
        problem = f"must list the turn fields {list(TURN_FIELDS)}"
        raise ImportFormatError(path, '"turn_fields"', problem)
    records = document.get("attempts")
    if not isinstance(records, list):
        raise ImportFormatError(path, '"attempts"', "must be a list of attempts")
    quick = QuickCheck()
    return [
        quick(record) or _checked(path, number, record)
        for number, record in enumerate(records, start=1)
    ]


def _checked(path: Path, number: int, record: object) -> Incoming:
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
    if type(value) is str and _CANONICAL_UUID.match(value):
        return value  # as every export writes it: no need to parse
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
        moment = timestamps.parse_iso(value)
    except (TypeError, ValueError):
        raise InvalidRecordError(
            f'field "{name}" must be an ISO 8601 time, not {value!r}'
        ) from None
    if len(value) == len(_EXPORT_TIME_SHAPE) and value.endswith("+00:00") and value[19] == ".":
        return str(value[:26]) + "Z"  # the export's own UTC form: the stored form, no parsing
    return timestamps.to_db(moment)


def _incoming(attempt_id: str, record: dict[str, Any], where: str) -> Incoming:
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
    turns = checked_turns(turns_field)
    indexes = [turn[0] for turn in turns]
    if len(set(indexes)) != len(indexes):
        raise InvalidRecordError('field "turns" has two turns with the same "index"')
    return Incoming(
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


def merge(conn: sqlite3.Connection, incoming: Sequence[Incoming]) -> ImportResult:
    """Write the new attempts inside the caller's write transaction."""
    known = _known(conn, (item.uuid for item in incoming))
    seen: set[str] = set()
    new: list[Incoming] = []
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
    # In UUID order, so the new row ids and the uuid index grow in step: each index page is
    # visited once, in order, instead of at random.
    new.sort(key=attrgetter("uuid"))
    trainees = _insert(conn, new)
    summaries.add_finished(
        conn,
        [
            summaries.Finished(
                trainee_id=trainees[(item.trainee, item.team)],
                team=item.team,
                scenario_id=scenario_id,
                mode=mode,
                overall=overall,
                ended_at=ended,
                uuid=item.uuid,
                outcome=outcome,
                scorer_version=scorer_version,
                scenario_hash=scenario_hash,
                dimensions=tuple(scores),
            )
            for item in new
            if item.finished
            for (
                scenario_id,
                scenario_hash,
                scorer_version,
                mode,
                _,
                ended,
                outcome,
                overall,
                *scores,
            ) in (item.attempt,)
        ],
    )
    return ImportResult(
        added=len(new) - len(completing),
        already_present=len(incoming) - len(new),
        completed=len(completing),
    )


def _known(conn: sqlite3.Connection, uuids: Iterable[str]) -> dict[str, tuple[int, bool]]:
    """Stored attempts among `uuids`: row id and whether finished.

    The ids go in as one JSON array, read by json_each inside SQLite: one statement instead of
    filling a temporary table row by row (measured: 0.9 s -> 0.4 s for 100,000 ids). Sorted, so
    the lookups walk the uuid index in order; CROSS JOIN keeps the ids driving the join."""
    rows = conn.execute(
        "SELECT a.uuid, a.id, a.ended_at IS NOT NULL"
        " FROM json_each(?) i CROSS JOIN attempts a ON a.uuid = i.value",
        (json.dumps(sorted(set(uuids))),),
    )
    return {row[0]: (row[1], bool(row[2])) for row in rows}


def _forget(conn: sqlite3.Connection, row_ids: Sequence[int]) -> None:
    """Drop unfinished attempts about to be replaced by their finished copy (no summary yet)."""
    conn.executemany("DELETE FROM turns WHERE attempt_id = ?", ((i,) for i in row_ids))
    conn.executemany("DELETE FROM attempts WHERE id = ?", ((i,) for i in row_ids))


def _insert(conn: sqlite3.Connection, new: Sequence[Incoming]) -> dict[tuple[str, str], int]:
    """Insert attempts and turns; returns the trainees' row ids by (name, team)."""
    trainees = trainee_row_ids(conn, {(item.trainee, item.team) for item in new})
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
    return trainees
