"""Exports from, and imports into, the server: the same files as the SQLite backend's.

An import is one transaction, as on SQLite: every record is checked first (the shared
`simulator.store.checking`), batch by batch streamed into a temporary table with COPY, then
merged in a few set-based statements. Attempts are matched by uuid (`ON CONFLICT`-free: the
merge runs under a lock on the attempts' uuids, see below), so a file imported twice adds
nothing, and an attempt stored unfinished that the file has finished is completed from it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import psycopg

from simulator.store.checking import ImportResult, export_batches
from simulator.store.columns import DIMENSION_COLUMNS, VERDICT_COLUMNS
from simulator.store.errors import ConflictingAttemptError
from simulator.store.postgres import assigning, certifying, names, noting, summaries
from simulator.store.postgres.views import ATTEMPT_COLUMNS, ATTEMPT_SOURCE, attempt_from_row
from simulator.store.reading import export_assignments, export_certificates, export_notes
from simulator.store.records import AttemptRecord

_DIMS = ", ".join((*DIMENSION_COLUMNS, *VERDICT_COLUMNS))  # the scores and the verdict
_INCOMING_COLUMNS = (
    "seq, uuid, trainee, team, scenario_id, scenario_hash, scorer_version, mode, started_at,"
    f" ended_at, outcome, overall, {_DIMS}, turns"
)
_DIMS_DDL = ", ".join(f"{name} smallint" for name in DIMENSION_COLUMNS)
_C = 'text COLLATE "C" NOT NULL'
_INCOMING_TABLE = f"""
CREATE TEMP TABLE incoming (
    seq bigint NOT NULL, uuid uuid NOT NULL, trainee {_C}, team {_C},
    scenario_id {_C}, scenario_hash {_C}, scorer_version {_C}, mode {_C},
    started_at timestamptz NOT NULL, ended_at timestamptz,
    outcome {_C}, overall smallint, {_DIMS_DDL}, pass_mark smallint, passed boolean,
    turns json NOT NULL
) ON COMMIT DROP"""
# Only one import merges at a time (a second waits): two imports of overlapping files would
# otherwise both find an attempt missing and the second insert would fail on its uuid.
IMPORT_LOCK = 0x52535343


def import_files(conn: psycopg.Connection, paths: Iterable[Path]) -> ImportResult:
    """Check and load every file into `incoming`, then merge it, in the caller's transaction."""
    # Sorts over a whole import (its uuids, its best attempts) fit in memory instead of spilling
    # to temporary files (measured on 100,000 attempts into a million: see SCOREBOARD.md).
    conn.execute("SET LOCAL work_mem = '256MB'")
    conn.execute(_INCOMING_TABLE)
    total = 0
    # "east" in a file joins the stored "East": every name goes in in its first spelling.
    spelling = names.spellings(conn)
    canonical: dict[tuple[str, str], tuple[str, str]] = {}
    with conn.cursor() as cursor:
        with cursor.copy(f"COPY incoming ({_INCOMING_COLUMNS}) FROM STDIN") as copy:
            for path in paths:
                for batch in export_batches(path):
                    for item in batch:
                        total += 1
                        pair = (item.trainee, item.team)
                        found = canonical.get(pair)
                        if found is None:
                            found = canonical[pair] = spelling.canonical(*pair)
                        copy.write_row((total, item.uuid, *found, *item.attempt, item.turns))
    names.add_trainees(conn, spelling.new)
    result = _merge(conn, total)
    for path in paths:
        assigning.merge(conn, export_assignments(path))
    for path in paths:  # after every file's attempts: a note may be on any of them
        noting.merge(conn, export_notes(path), str(path))
        certifying.merge(conn, export_certificates(path))
    return result


def _merge(conn: psycopg.Connection, total: int) -> ImportResult:
    conn.execute("SELECT pg_advisory_xact_lock(%s)", (IMPORT_LOCK,))
    # The first copy of each uuid in the run counts, as on SQLite. The turns stay in incoming
    # (checked as JSON by COPY, on the server, while this process checks the next records).
    conn.execute(
        "CREATE TEMP TABLE fresh ON COMMIT DROP AS"
        " SELECT DISTINCT ON (uuid) seq, uuid, trainee, team, scenario_id, scenario_hash,"
        f" scorer_version, mode, started_at, ended_at, outcome, overall, {_DIMS}"
        " FROM incoming ORDER BY uuid, seq"
    )
    conn.execute("ANALYZE fresh")
    conflict = conn.execute(
        "SELECT f.uuid FROM fresh f JOIN attempts a ON a.uuid = f.uuid"
        " WHERE a.ended_at IS NOT NULL AND f.ended_at IS NOT NULL"
        " AND (a.scenario_id, a.started_at, a.ended_at, a.overall)"
        " IS DISTINCT FROM (f.scenario_id, f.started_at, f.ended_at, f.overall) LIMIT 1"
    ).fetchone()
    if conflict is not None:  # an import never settles a disagreement by keeping one copy
        raise ConflictingAttemptError(str(conflict[0]))
    completed = conn.execute(
        """WITH gone AS (
               DELETE FROM attempts a USING fresh f
               WHERE a.uuid = f.uuid AND a.ended_at IS NULL AND f.ended_at IS NOT NULL
               RETURNING a.id
           ) SELECT count(*) FROM gone"""
    ).fetchone()
    # The new rows as inserted (RETURNING *): the summaries read them from here instead of
    # finding them again among the million attempts (measured: a pass over attempts each).
    conn.execute("CREATE TEMP TABLE new_attempts (LIKE attempts) ON COMMIT DROP")
    conn.execute(
        f"""WITH added AS (
                INSERT INTO attempts (uuid, trainee_id, scenario_id, scenario_hash,
                                      scorer_version, mode, started_at, ended_at, outcome,
                                      overall, {_DIMS})
                SELECT f.uuid, t.id, f.scenario_id, f.scenario_hash, f.scorer_version, f.mode,
                       f.started_at, f.ended_at, f.outcome, f.overall, {_DIMS}
                FROM fresh f JOIN trainees t ON (t.name, t.team) = (f.trainee, f.team)
                WHERE NOT EXISTS (SELECT 1 FROM attempts a WHERE a.uuid = f.uuid)
                ORDER BY f.uuid
                RETURNING *
            ) INSERT INTO new_attempts SELECT * FROM added"""
    )
    conn.execute(
        "INSERT INTO turns (attempt_id, list)"
        " SELECT n.id, i.turns FROM new_attempts n JOIN fresh f ON f.uuid = n.uuid"
        " JOIN incoming i ON i.seq = f.seq"
    )
    conn.execute("ANALYZE new_attempts")
    summaries.add_new_attempts(conn)
    new = conn.execute("SELECT count(*) FROM new_attempts").fetchone()
    new_count = int(new[0]) if new else 0
    completed_count = int(completed[0]) if completed else 0
    return ImportResult(
        added=new_count - completed_count,
        already_present=total - new_count,
        completed=completed_count,
    )


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
