"""Merging other machines' exports into SQLite: written batch by batch, in one transaction.

Attempts are matched by UUID, so importing a file twice adds nothing. The whole import is one
write transaction, so a malformed record anywhere, even in the last batch, rolls back every
batch written before it; the message names the file, the record and the field. An attempt
stored here unfinished but finished in the file is completed from the file.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from itertools import chain
from operator import attrgetter
from typing import Any

from simulator.store.checking import ImportResult
from simulator.store.errors import ConflictingAttemptError
from simulator.store.incoming import Incoming
from simulator.store.names import Spellings
from simulator.store.sqlite import summaries
from simulator.store.sqlite.lookups import spellings, trainee_row_ids


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
        self._spellings = spellings(conn)  # "east" in a file joins the stored "East"

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
            elif stored[1] and item.finished and stored[2] != _fingerprint(item):
                raise ConflictingAttemptError(item.uuid)
            elif not stored[1] and item.finished:
                completing.append(stored[0])
                new.append(item)
        _forget(conn, completing)
        new = respelled(new, self._spellings)
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


def respelled(items: list[Incoming], spellings: Spellings) -> list[Incoming]:
    """The items with each trainee and team in its first-written spelling."""
    canonical: dict[tuple[str, str], tuple[str, str]] = {}
    out = []
    for item in items:
        pair = (item.trainee, item.team)
        found = canonical.get(pair)
        if found is None:
            found = canonical[pair] = spellings.canonical(*pair)
        out.append(item if found == pair else item._replace(trainee=found[0], team=found[1]))
    return out


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
            dimensions=tuple(scores[:6]),  # the verdict follows them
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


def _fingerprint(item: Incoming) -> tuple[Any, ...]:
    """What a stored finished attempt must share with an incoming copy of it: scenario, start,
    end and overall score (an export of the same attempt always has the same)."""
    attempt = item.attempt
    return (attempt[0], attempt[4], attempt[5], attempt[7])


def _known(
    conn: sqlite3.Connection, uuids: Iterable[str]
) -> dict[str, tuple[int, bool, tuple[Any, ...]]]:
    """Stored attempts among `uuids`: row id, whether finished, and the fingerprint.

    The ids go in as one JSON array, read by json_each inside SQLite: one statement instead of
    filling a temporary table row by row (measured: 0.9 s -> 0.4 s for 100,000 ids). Sorted, so
    the lookups walk the uuid index in order; CROSS JOIN keeps the ids driving the join."""
    rows = conn.execute(
        "SELECT a.uuid, a.id, a.ended_at IS NOT NULL, a.scenario_id, a.started_at, a.ended_at,"
        " a.overall FROM json_each(?) i CROSS JOIN attempts a ON a.uuid = i.value",
        (json.dumps(sorted(set(uuids))),),
    )
    return {row[0]: (row[1], bool(row[2]), tuple(row[3:])) for row in rows}


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
        " apology, ownership, no_excuses, resolution, pass_mark, passed) VALUES ",
        19,
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
