"""Reading an export for an import: every record checked, in batches, for any backend.

A malformed record anywhere raises ImportFormatError naming the file, the record and the field;
the backend's import, one transaction, then keeps nothing of the run.
"""

from __future__ import annotations

import json
import queue
import re
import sys
import threading
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.names import excerpt
from simulator.store import timestamps
from simulator.store.errors import ImportFormatError, InvalidRecordError
from simulator.store.incoming import Incoming
from simulator.store.records import CANONICAL_UUID
from simulator.store.turn_rows import checked_turns
from simulator.store.validation import (
    check_dimensions,
    check_label,
    check_mode,
    check_outcome,
    check_scenario_id,
    check_score,
    clean_name,
)

if TYPE_CHECKING:
    import msgspec

ONGOING = "ongoing"
_CANONICAL_UUID = re.compile(CANONICAL_UUID)
_EXPORT_TIME_SHAPE = "2026-03-01T09:00:30.000000+00:00"
# Attempts happen between these years (UTC): a time outside is a careless or made-up record
# (0001-01-01 is what an empty date field becomes in some tools), not a training session.
FIRST_YEAR, LAST_YEAR = 2000, 2099
# An attempt may end a little "before" it started when its start came from another clock (the
# API takes a start time); more than this is a broken record, refused.
CLOCK_SKEW = timedelta(minutes=10)


@dataclass(frozen=True, slots=True)
class ImportResult:
    added: int  # attempts new to this scoreboard
    already_present: int  # attempts it had already (same UUID), left as they were
    completed: int = 0  # attempts it had unfinished, now finished from the file


BATCH_SIZE = 10_000  # attempts checked, then written, at a time (see Merge)


def export_batches(path: Path) -> Iterator[list[Incoming]]:
    """The file's attempts, fully checked, in batches of BATCH_SIZE (raises ImportFormatError)."""
    # Imported here, not at the top: msgspec and the record types take about 50 ms to load,
    # which the app, opening its scoreboard as it starts, should not pay for an import.
    import msgspec

    from simulator.store.fast_check import QuickCheck
    from simulator.store.reading import export_records

    size = BATCH_SIZE
    quick = QuickCheck()
    batch: list[Incoming] = []
    # id -> (record number, hash of the rest): the same attempt twice is harmless, the same id
    # with other content is a conflict the import must not settle by silently keeping one.
    first: dict[str, tuple[int, int]] = {}
    for number, record in enumerate(export_records(path), start=1):
        try:
            if type(record) is msgspec.Raw:
                item = quick(record) or _checked(path, number, _parsed(path, number, record))
            else:
                item = _checked(path, number, record)
        except RecursionError:
            raise ImportFormatError(path, f"attempt {number}", _TOO_DEEP) from None
        content = hash(item[1:])
        seen = first.setdefault(item.uuid, (number, content))
        if seen[1] != content:
            raise ImportFormatError(
                path,
                f"attempts {seen[0]} and {number}",
                f"both have id {item.uuid} but different content; keep one of them",
            )
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


_TOO_DEEP = "is nested too deeply to be an attempt (lists or objects inside each other)"


def _parsed(path: Path, number: int, raw: msgspec.Raw) -> object:
    """A record the quick check refused, as plain JSON values for the field-by-field check."""
    try:
        return json.loads(bytes(raw))
    except RecursionError:
        raise ImportFormatError(path, f"attempt {number}", _TOO_DEEP) from None
    except ValueError as error:
        if "integer string conversion" in str(error):
            problem = (
                f"holds a number with more than {sys.get_int_max_str_digits():,} digits; "
                "scores are whole numbers from 0 to 100"
            )
        else:
            problem = "is not JSON the importer can read"
        raise ImportFormatError(path, f"attempt {number}", problem) from None


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
    raise InvalidRecordError(f'field "id" must be a UUID, not {_shown(value)}')


def _shown(value: object) -> str:
    """A bad value as a message quotes it: a short excerpt, never a 100 MB string."""
    return excerpt(value) if isinstance(value, str) else excerpt(repr(value)).strip('"')


def _field(record: dict[str, Any], name: str) -> Any:
    if name not in record:
        raise InvalidRecordError(f'field "{name}" is missing')
    return record[name]


def _time(record: dict[str, Any], name: str) -> str:
    value = _field(record, name)
    try:
        moment = timestamps.parse_iso(value)
        if len(value) == len(_EXPORT_TIME_SHAPE) and value.endswith("+00:00") and value[19] == ".":
            stored = str(value[:26]) + "Z"  # the export's own UTC form: the stored form
        else:
            stored = timestamps.to_db(moment)
    except (TypeError, ValueError):
        raise InvalidRecordError(
            f'field "{name}" must be an ISO 8601 time, not {_shown(value)}'
        ) from None
    except OverflowError:  # e.g. 0001-01-01T00:30:00+01:00 is before year 1 in UTC
        raise InvalidRecordError(
            f'field "{name}" {_shown(value)} is outside the years 1 to 9999 once in UTC'
        ) from None
    if not in_years(stored):
        raise InvalidRecordError(
            f'field "{name}" {_shown(value)} is not between the years {FIRST_YEAR} and {LAST_YEAR}'
        )
    return stored


def before(ended: str, started: str) -> bool:
    """Did an attempt end more than CLOCK_SKEW before it started? (stored forms)"""
    return timestamps.from_db(started) - timestamps.from_db(ended) > CLOCK_SKEW


def in_years(stored: str) -> bool:
    """Is a stored time ("2026-03-01T09:00:30.000000Z") within FIRST_YEAR..LAST_YEAR?"""
    return str(FIRST_YEAR) <= stored[:4] <= str(LAST_YEAR) and stored[4] == "-"


def _incoming(attempt_id: str, record: dict[str, Any], where: str) -> Incoming:
    ended = None if _field(record, "ended_at") is None else _time(record, "ended_at")
    started = _time(record, "started_at")
    if ended is not None and ended < started and before(ended, started):
        raise InvalidRecordError(
            f'field "ended_at" {_shown(record["ended_at"])} is before "started_at" '
            f"{_shown(record['started_at'])}"
        )
    finished = ended is not None
    if finished:
        outcome = check_outcome(_field(record, "outcome"), 'field "outcome"')
        overall: int | None = check_score(_field(record, "overall"), 'field "overall"')
        scores: tuple[int | None, ...] = check_dimensions(
            _field(record, "dimensions"), 'field "dimensions"'
        )
    else:
        outcome, overall, scores = ONGOING, None, (None,) * 6
    pass_mark = record.get("pass_mark")
    if pass_mark is not None:
        pass_mark = check_score(pass_mark, 'field "pass_mark"')
    passed = record.get("passed")
    if passed is not None and not isinstance(passed, bool):
        raise InvalidRecordError(f'field "passed" must be true, false or null, not {passed!r}')
    turns_field = _field(record, "turns")
    if not isinstance(turns_field, list):
        raise InvalidRecordError('field "turns" must be a list')
    turns = checked_turns(turns_field)
    return Incoming(
        uuid=attempt_id,
        trainee=clean_name(_field(record, "trainee"), 'field "trainee"'),
        team=clean_name(_field(record, "team"), 'field "team"'),
        attempt=(
            check_scenario_id(_field(record, "scenario_id"), 'field "scenario_id"'),
            check_label(_field(record, "scenario_hash"), 'field "scenario_hash"'),
            check_label(_field(record, "scorer_version"), 'field "scorer_version"'),
            check_mode(_field(record, "mode"), 'field "mode"'),
            started,
            ended,
            outcome,
            overall,
            *scores,
            pass_mark,
            passed,
        ),
        finished=finished,
        turns=turns,
    )


def batches_ahead(paths: Iterable[Path]) -> Iterator[tuple[Path, list[Incoming]]]:
    """export_batches over every file, read and checked on a thread one batch ahead of the
    caller: a PostgreSQL import checks the next batch while the server writes this one (the
    driver lets go of the GIL while it waits). A file's error is raised here, in the caller."""
    ahead: queue.Queue[tuple[Path, list[Incoming] | None, BaseException | None]] = queue.Queue(1)
    stop = threading.Event()

    def offer(item: tuple[Path, list[Incoming] | None, BaseException | None]) -> bool:
        """Hand `item` over; False once the caller has stopped taking batches."""
        while not stop.is_set():
            try:
                ahead.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def read() -> None:
        try:
            for path in paths:
                for batch in export_batches(path):
                    if not offer((path, batch, None)):
                        return
            offer((Path(), None, None))
        except BaseException as error:  # handed to the caller, which raises it
            offer((Path(), None, error))

    reader = threading.Thread(target=read, name="import-check", daemon=True)
    reader.start()
    try:
        while True:
            path, batch, error = ahead.get()
            if error is not None:
                raise error
            if batch is None:
                return
            yield path, batch
    finally:
        stop.set()
        reader.join()
