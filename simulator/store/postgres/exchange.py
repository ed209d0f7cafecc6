"""Exports from, and imports into, the server: the same files as the SQLite backend's.

An import is one transaction, as on SQLite: every record is checked first (the shared
`simulator.store.checking`), and batch by batch the new attempts and their turns are copied
straight into their tables with COPY; the summaries follow in a few set-based statements.
Attempts are matched by uuid (looked up per batch, under a lock that one import holds at a
time), so a file imported twice adds nothing, and an attempt stored unfinished that the file
has finished is completed from it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import closing
from pathlib import Path

import psycopg
from psycopg.types.json import Jsonb

from simulator.store.checking import ImportResult, batches_ahead
from simulator.store.columns import DIMENSION_COLUMNS, VERDICT_COLUMNS
from simulator.store.errors import NUL_PROBLEM, ConflictingAttemptError, ImportFormatError
from simulator.store.incoming import Incoming
from simulator.store.names import name_key
from simulator.store.postgres import assigning, certifying, names, noting, summaries
from simulator.store.postgres.views import ATTEMPT_COLUMNS, ATTEMPT_SOURCE, attempt_from_row
from simulator.store.reading import export_assignments, export_certificates, export_notes
from simulator.store.records import AttemptRecord

_DIMS = ", ".join((*DIMENSION_COLUMNS, *VERDICT_COLUMNS))  # the scores and the verdict
# Only one import writes at a time (a second waits): two imports of overlapping files would
# otherwise both find an attempt missing and the second insert would fail on its uuid.
IMPORT_LOCK = 0x52535343
_ATTEMPT_COLUMNS = (
    "id, uuid, trainee_id, scenario_id, scenario_hash, scorer_version, mode, started_at,"
    f" ended_at, outcome, overall, {_DIMS}"
)


def import_files(conn: psycopg.Connection, paths: Iterable[Path]) -> ImportResult:
    """Check every file and write its new attempts, batch by batch, in the caller's transaction.

    The attempts' row ids are taken from their sequence first, so each batch goes by COPY
    straight into `attempts` and `turns` (no staging copy of 175 MB of turns per 100,000
    attempts); the summaries are then folded in from the new rows (see SCOREBOARD.md)."""
    # Sorts over a whole import (its best attempts) fit in memory instead of spilling to
    # temporary files (measured on 100,000 attempts into a million: see SCOREBOARD.md).
    conn.execute("SET LOCAL work_mem = '256MB'")
    conn.execute("SELECT pg_advisory_xact_lock(%s)", (IMPORT_LOCK,))
    conn.execute("CREATE TEMP TABLE new_attempts (LIKE attempts) ON COMMIT DROP")
    writer = _Writer(conn)
    with closing(batches_ahead(paths)) as batches:  # a failed write stops the reader at once
        for path, batch in batches:
            writer.write(path, batch)
    conn.execute("ANALYZE new_attempts")
    summaries.add_new_attempts(conn)
    for path in paths:
        assigning.merge(conn, export_assignments(path))
    for path in paths:  # after every file's attempts: a note may be on any of them
        noting.merge(conn, export_notes(path), str(path))
        certifying.merge(conn, export_certificates(path))
    return ImportResult(
        added=writer.added - writer.completed,
        already_present=writer.total - writer.added,
        completed=writer.completed,
    )


class _Writer:
    """Writes checked batches: the first copy of each uuid in the run counts, as on SQLite; an
    attempt already stored is left as it is, unless it is unfinished and the file has it
    finished: then it is replaced by the file's (its turns go with it, ON DELETE CASCADE)."""

    def __init__(self, conn: psycopg.Connection) -> None:
        self.conn = conn
        self.total = self.added = self.completed = 0
        self.seen: set[str] = set()
        # "east" in a file joins the stored "East": every name goes in in its first spelling.
        self.spelling = names.spellings(conn)
        self.keys: dict[tuple[str, str], tuple[str, str]] = {}  # (name, team) -> their keys
        self.trainee_ids = _trainee_ids(conn)
        row = conn.execute("SELECT pg_get_serial_sequence('attempts', 'id')").fetchone()
        self.sequence = str(row[0]) if row else "attempts_id_seq"

    def write(self, path: Path, batch: list[Incoming]) -> None:
        conn = self.conn
        self.total += len(batch)
        fresh = []
        for item in batch:
            if _NUL in item.turns:  # rare: only then are the turns decoded to be sure
                _refuse_nul(path, item)
            if item.uuid not in self.seen:
                self.seen.add(item.uuid)
                fresh.append(item)
        if not fresh:
            return
        stored = dict(
            conn.execute(
                "SELECT uuid::text, ended_at IS NOT NULL FROM attempts WHERE uuid = ANY(%s)",
                ([item.uuid for item in fresh],),
            ).fetchall()
        )
        if stored:
            _refuse_conflicts(conn, [i for i in fresh if stored.get(i.uuid) and i.finished])
            replaced = [i.uuid for i in fresh if stored.get(i.uuid) is False and i.finished]
            if replaced:
                conn.execute("DELETE FROM attempts WHERE uuid = ANY(%s)", (replaced,))
                self.completed += len(replaced)
            kept = set(stored).difference(replaced)
            fresh = [item for item in fresh if item.uuid not in kept]
        if not fresh:
            return
        trainees = self._trainees(fresh)
        ids = [
            int(row[0])
            for row in conn.execute(
                "SELECT nextval(%s) FROM generate_series(1, %s)", (self.sequence, len(fresh))
            )
        ]
        with conn.cursor() as cursor:
            with cursor.copy(f"COPY attempts ({_ATTEMPT_COLUMNS}) FROM STDIN") as copy:
                for row_id, trainee, item in zip(ids, trainees, fresh, strict=True):
                    copy.write_row((row_id, item.uuid, trainee, *item.attempt))
            # Binary, so the turns' JSON goes as it is (jsonb's binary form is a version byte
            # and the text), without escaping it for COPY's text format and back.
            with cursor.copy("COPY turns (attempt_id, list) FROM STDIN (FORMAT BINARY)") as copy:
                copy.set_types(("int8", "jsonb"))
                for row_id, item in zip(ids, fresh, strict=True):
                    copy.write_row((row_id, Jsonb(item.turns, _as_is)))
        # The summaries read the new rows from here, not from among the million attempts.
        conn.execute("INSERT INTO new_attempts SELECT * FROM attempts WHERE id = ANY(%s)", (ids,))
        self.added += len(fresh)

    def _trainees(self, items: list[Incoming]) -> list[int]:
        """Each item's trainee row id, adding the trainees new to the scoreboard first. Ids are
        found by the names' keys, so a trainee another client has just added in another
        spelling is the one this import's attempts join."""
        keys, spelling = self.keys, self.spelling
        wanted = []
        for item in items:
            pair = (item.trainee, item.team)
            key = keys.get(pair)
            if key is None:
                spelling.canonical(*pair)
                key = keys[pair] = (name_key(item.team), name_key(item.trainee))
            wanted.append(key)
        if spelling.new:
            names.add_trainees(self.conn, spelling.new)
            spelling.new.clear()
            self.trainee_ids = _trainee_ids(self.conn)
        ids = self.trainee_ids
        return [ids[key] for key in wanted]


def _refuse_conflicts(conn: psycopg.Connection, items: list[Incoming]) -> None:
    """A finished attempt stored here and in the file must be the same attempt: scenario,
    start, end and overall, as on SQLite. An import never settles a disagreement by keeping
    one copy."""
    if not items:
        return
    columns = list(
        zip(
            *((i.uuid, i.attempt[0], i.attempt[4], i.attempt[5], i.attempt[7]) for i in items),
            strict=True,
        )
    )
    conflict = conn.execute(
        "SELECT a.uuid::text FROM attempts a JOIN unnest(%s::uuid[], %s::text[],"
        " %s::timestamptz[], %s::timestamptz[], %s::int[])"
        " AS f(uuid, scenario_id, started_at, ended_at, overall) ON a.uuid = f.uuid"
        " WHERE a.ended_at IS NOT NULL AND (a.scenario_id, a.started_at, a.ended_at, a.overall)"
        " IS DISTINCT FROM (f.scenario_id, f.started_at, f.ended_at, f.overall) LIMIT 1",
        [list(column) for column in columns],
    ).fetchone()
    if conflict is not None:
        raise ConflictingAttemptError(str(conflict[0]))


_NUL = "\\u0000"  # how JSON writes U+0000 (also found in a reply holding a "\\u0000")


def _refuse_nul(path: Path, item: Incoming) -> None:
    """jsonb, like PostgreSQL's text, cannot hold U+0000: say so rather than let COPY fail."""
    turns = json.loads(item.turns)
    if any("\x00" in text for turn in turns for text in (turn[1], turn[2], *turn[-1])):
        problem = f"{NUL_PROBLEM}; remove it from the file and import again"
        raise ImportFormatError(path, f"attempt (id {item.uuid})", problem)


def _as_is(text: str) -> str:
    """The checked turns are JSON text already: Jsonb sends them without encoding again."""
    return text


def _trainee_ids(conn: psycopg.Connection) -> dict[tuple[str, str], int]:
    rows = conn.execute("SELECT id, team_key, name_key FROM trainees")
    return {(str(team), str(name)): int(row_id) for row_id, team, name in rows}


def attempts_with_turns(conn: psycopg.Connection) -> Iterator[tuple[AttemptRecord, str]]:
    """Every attempt in row order with its turns' JSON, streamed by a server-side cursor."""
    with conn.cursor(name="export") as cursor:
        cursor.itersize = 2_000
        cursor.execute(
            f"SELECT {ATTEMPT_COLUMNS}, coalesce(l.list::text, '[]') FROM {ATTEMPT_SOURCE}"
            " LEFT JOIN turns l ON l.attempt_id = a.id ORDER BY a.id"
        )
        for row in cursor:
            yield attempt_from_row(row[1:-1]), row[-1]
