"""Names by key on the server (simulator/store/names.py): lookups, and schema version 2's merge."""

from __future__ import annotations

from dataclasses import replace

import psycopg

from simulator.store.names import Spellings, merge_plan, name_key
from simulator.store.results import Filters

V2_KEYS = """
ALTER TABLE trainees ADD COLUMN name_key text COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE trainees ADD COLUMN team_key text COLLATE "C" NOT NULL DEFAULT '';
"""
V2_INDEX = "CREATE UNIQUE INDEX trainees_by_key ON trainees (team_key, name_key)"


def to_v2(conn: psycopg.Connection) -> None:
    """Keys on every trainee; trainees differing only in case or spacing merged into the first
    written, teams given their first-written spelling, and the summaries rebuilt if any was."""
    from simulator.store.postgres.summaries import rebuild

    conn.execute(V2_KEYS)
    rows = [
        (int(i), str(n), str(t))
        for i, n, t in conn.execute("SELECT id, name, team FROM trainees ORDER BY id")
    ]
    merges, keep = merge_plan(rows)
    with conn.cursor() as cursor:
        cursor.executemany(
            "UPDATE attempts SET trainee_id = %s WHERE trainee_id = %s",
            [(kept, gone) for gone, kept in merges.items()],
        )
        if merges:
            conn.execute("TRUNCATE trainee_best")  # rebuilt below; it refers to merged rows
        cursor.executemany("DELETE FROM trainees WHERE id = %s", [(gone,) for gone in merges])
        cursor.executemany(
            "UPDATE trainees SET name = %s, team = %s, name_key = %s, team_key = %s WHERE id = %s",
            [(*values, row_id) for row_id, values in keep.items()],
        )
    conn.execute(V2_INDEX)
    if merges or any(row_id in keep and keep[row_id][1] != team for row_id, _, team in rows):
        rebuild(conn)


def team_spelling(conn: psycopg.Connection, team: str) -> str:
    # A team a lead assigned work to before any of its trainees played is first written in
    # the assignment ("Harbour"), not by the first trainee to type it (" harbour ").
    row = (
        conn.execute(
            "SELECT team FROM trainees WHERE team_key = %s ORDER BY id LIMIT 1", (name_key(team),)
        ).fetchone()
        or conn.execute(
            "SELECT team FROM assignments WHERE team_key = %s ORDER BY id LIMIT 1",
            (name_key(team),),
        ).fetchone()
    )
    return team if row is None else str(row[0])


def trainee_spelling(conn: psycopg.Connection, name: str, team: str | None) -> str:
    sql, params = "SELECT name FROM trainees WHERE name_key = %s", [name_key(name)]
    if team is not None:
        sql += " AND team_key = %s"
        params.append(name_key(team))
    row = conn.execute(sql + " ORDER BY id LIMIT 1", params).fetchone()
    return name if row is None else str(row[0])


def canonical_filters(conn: psycopg.Connection, filters: Filters) -> Filters:
    if filters.team is None:
        return filters
    return replace(filters, team=team_spelling(conn, filters.team))


def spellings(conn: psycopg.Connection) -> Spellings:
    return Spellings(
        [(str(n), str(t)) for n, t in conn.execute("SELECT name, team FROM trainees ORDER BY id")],
        [str(t) for (t,) in conn.execute("SELECT team FROM assignments ORDER BY id")],
    )


def add_trainees(conn: psycopg.Connection, pairs: list[tuple[str, str]]) -> None:
    """Add trainees (already in first-written spellings), in key order; known ones are kept."""
    rows = sorted((name_key(team), name_key(name), name, team) for name, team in pairs)
    with conn.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO trainees (team_key, name_key, name, team) VALUES (%s, %s, %s, %s)"
            " ON CONFLICT DO NOTHING",
            rows,
        )


def trainee_id(conn: psycopg.Connection, name: str, team: str) -> int:
    """The trainee's row id by key, adding the trainee if new (under READ COMMITTED the
    second statement sees a row another writer has just committed)."""
    keys = (name_key(team), name_key(name))
    row = conn.execute(
        "SELECT id FROM trainees WHERE team_key = %s AND name_key = %s", keys
    ).fetchone()
    if row is None:
        conn.execute(
            "INSERT INTO trainees (team_key, name_key, name, team) VALUES (%s, %s, %s, %s)"
            " ON CONFLICT DO NOTHING",
            (*keys, name, team_spelling(conn, team)),
        )
        row = conn.execute(
            "SELECT id FROM trainees WHERE team_key = %s AND name_key = %s", keys
        ).fetchone()
    return int(row[0])  # type: ignore[index]
