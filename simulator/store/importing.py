"""Merging other machines' exports: checked and written batch by batch, in one transaction.

Attempts are matched by UUID, so importing a file twice adds nothing. The whole import is one
write transaction, so a malformed record anywhere, even in the last batch, rolls back every
batch written before it; the message names the file, the record and the field. An attempt
stored here unfinished but finished in the file is completed from the file.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.store import summaries, timestamps
from simulator.store.errors import ImportFormatError, InvalidRecordError
from simulator.store.incoming import Incoming
from simulator.store.lookups import trainee_row_ids
from simulator.store.records import CANONICAL_UUID
from simulator.store.turn_rows import checked_turns
from simulator.store.validation import (
    check_dimensions,
    check_mode,
    check_outcome,
    check_score,
    check_text,
    clean_name,
)

if TYPE_CHECKING:
    import msgspec

ONGOING = "ongoing"
_CANONICAL_UUID = re.compile(CANONICAL_UUID)
_EXPORT_TIME_SHAPE = "2026-03-01T09:00:30.000000+00:00"


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
    for number, record in enumerate(export_records(path), start=1):
        if type(record) is msgspec.Raw:
            item = quick(record) or _checked(path, number, _parsed(path, number, record))
        else:
            item = _checked(path, number, record)
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _parsed(path: Path, number: int, raw: msgspec.Raw) -> object:
    """A record the quick check refused, as plain JSON values for the field-by-field check."""
    try:
        return json.loads(bytes(raw))
    except (ValueError, RecursionError):
        raise ImportFormatError(
            path, f"attempt {number}", "is not JSON the importer can read"
        ) from None


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


class Merge:
    """Writes batches of incoming attempts inside the caller's write transaction.

    Bringing the summary tables up to date is SQL that runs inside SQLite, which releases the
    GIL, so it runs on a worker thread while the caller parses and checks the next batch: on two
    cores the two overlap. Only one thread uses the connection at a time: each step waits for
    the worker first, and so does leaving (use it as a context manager, inside the transaction),
    so a failure anywhere still rolls back everything."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._seen: set[str] = set()
        self._incoming = self._new = self._completed = 0
        self._worker: threading.Thread | None = None
        self._failure: BaseException | None = None
        # The every-scenario best rows and the team totals: per batch they would be upserted
        # again for each batch (every trainee is in every batch), so they are folded here.
        self._fold = summaries.Fold(every_group=False)

    def __enter__(self) -> Merge:
        return self

    def __exit__(self, *exc_info: object) -> None:
        failing = exc_info[0] is not None
        self._wait(raise_failure=not failing)

    def add(self, batch: Sequence[Incoming]) -> None:
        self._wait()
        conn = self._conn
        fresh = [item for item in batch if item.uuid not in self._seen]
        known = _known(conn, (item.uuid for item in fresh))
        new: list[Incoming] = []
        completing: list[int] = []
        for item in fresh:
            if item.uuid in self._seen:
                continue  # twice in this batch: the first copy counts
            self._seen.add(item.uuid)
            stored = known.get(item.uuid)
            if stored is None:
                new.append(item)
            elif not stored[1] and item.finished:
                completing.append(stored[0])
                new.append(item)
        _forget(conn, completing)
        # In UUID order, so the new row ids and the uuid index grow in step.
        new.sort(key=attrgetter("uuid"))
        first, trainees = _insert(conn, new)
        self._incoming += len(batch)
        self._new += len(new)
        self._completed += len(completing)
        finished = [item for item in new if item.finished]
        if finished:
            self._worker = threading.Thread(
                target=self._summarise, args=(first, first + len(new) - 1), daemon=True
            )
            self._worker.start()
            self._fold.add(_finished(finished, trainees))  # meanwhile, in this thread

    def result(self) -> ImportResult:
        self._wait()
        self._fold.write(self._conn)
        return ImportResult(
            added=self._new - self._completed,
            already_present=self._incoming - self._new,
            completed=self._completed,
        )

    def _summarise(self, first: int, last: int) -> None:
        try:
            summaries.add_row_range(self._conn, first, last)
        except BaseException as error:  # handed to the caller's thread by _wait
            self._failure = error

    def _wait(self, *, raise_failure: bool = True) -> None:
        """Wait for the worker, even through Ctrl+C (re-raised after): a rollback while it
        still ran would leave its next statement to run outside the transaction."""
        interrupted: KeyboardInterrupt | None = None
        while self._worker is not None:
            try:
                self._worker.join()
                self._worker = None
            except KeyboardInterrupt as error:
                interrupted = error
        if interrupted is not None:
            raise interrupted
        failure, self._failure = self._failure, None
        if failure is not None and raise_failure:
            raise failure


def _finished(
    attempts: Iterable[Incoming], trainees: dict[tuple[str, str], int]
) -> list[summaries.Finished]:
    return [
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
        for item in attempts
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
    ]


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


def _insert(
    conn: sqlite3.Connection, new: Sequence[Incoming]
) -> tuple[int, dict[tuple[str, str], int]]:
    """Insert attempts and turns; returns the first new attempt's row id and the trainees' row
    ids by (name, team)."""
    trainees = trainee_row_ids(conn, {(item.trainee, item.team) for item in new})
    # Row ids are handed out here: the write transaction holds the lock, so no one else inserts.
    first = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM attempts").fetchone()[0]
    row_ids = list(range(first, first + len(new)))
    # OR FAIL: a failing row leaves the statement's earlier rows in place instead of undoing
    # them, so SQLite keeps no copy of the pages each statement changes (measured: 2.3 GB of
    # such copies for 100,000 attempts). The import's one transaction is rolled back on any
    # failure, so nothing of a failed import is kept either way.
    _insert_rows(
        conn,
        "INSERT OR FAIL INTO attempts (id, uuid, trainee_id, scenario_id, scenario_hash,"
        " scorer_version, mode, started_at, ended_at, outcome, overall, listening, empathy,"
        " apology, ownership, no_excuses, resolution) VALUES ",
        17,
        [
            (row_id, item.uuid, trainees[(item.trainee, item.team)], *item.attempt)
            for row_id, item in zip(row_ids, new, strict=True)
        ],
    )
    conn.executemany(
        "INSERT INTO turns (attempt_id, list) VALUES (?, ?)",
        [(row_id, item.turns) for row_id, item in zip(row_ids, new, strict=True)],
    )
    return int(first), trainees


# Attempts per INSERT statement: several rows in one statement save SQLite's and the sqlite3
# module's per-statement work (measured when turns still had a row each, on 600,000 of them: in
# memory, 1.7 s one row at a time against 0.8-0.9 s at 20 to 40 rows; into a million-attempt
# scoreboard, 2.3 s against 2.0 s on average over six alternating runs). 32 rows of up to 17
# values stay under the 999 parameters old SQLite builds allow.
ROWS_PER_INSERT = 32


def _insert_rows(
    conn: sqlite3.Connection, head: str, width: int, rows: Sequence[tuple[Any, ...]]
) -> None:
    """`head` ("INSERT ... VALUES ") with each of `rows` (`width` values each) inserted."""
    one = "(" + ", ".join("?" * width) + ")"
    size = ROWS_PER_INSERT
    whole = len(rows) - len(rows) % size
    conn.executemany(
        head + ", ".join([one] * size),
        (tuple(chain.from_iterable(rows[start : start + size])) for start in range(0, whole, size)),
    )
    if whole < len(rows):
        conn.executemany(head + one, rows[whole:])
