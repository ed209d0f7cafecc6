"""Setting up or upgrading the scoreboard on a server, once, whoever starts first."""

from __future__ import annotations

import psycopg

from simulator.store.errors import (
    CorruptScoreboardError,
    NewerServerSchemaError,
    NotAScoreboardError,
)
from simulator.store.postgres.schema import CURRENT_VERSION, MIGRATION_LOCK, MIGRATIONS, SCHEMA

UpgradeNotice = object  # callable(where, version, current), as the SQLite backend's
# Tables every scoreboard schema has had since version 1 (as the SQLite backend checks).
REQUIRED_TABLES = frozenset({"trainees", "attempts", "turns"})


def prepare(conn: psycopg.Connection, where: str, on_upgrade: object = None) -> None:
    """Make sure the server's scoreboard is at CURRENT_VERSION, in the caller's transaction.

    A current scoreboard is only read (a read-only role can open it). Otherwise the migrations
    run under a transaction-scoped advisory lock, and the version is read again under it: two
    clients starting at once on a new database migrate it once, the second finding it done."""
    if _version(conn, where) == CURRENT_VERSION:
        _check_tables(conn, where)
        return
    conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
    version = _version(conn, where)
    if version == CURRENT_VERSION:
        return
    if version == 0:
        conn.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
        conn.execute(
            f"""CREATE TABLE {SCHEMA}.schema_migrations (
                    version integer PRIMARY KEY,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )"""
        )
    elif callable(on_upgrade):
        on_upgrade(where, version, CURRENT_VERSION)
    conn.execute(f"SET LOCAL search_path TO {SCHEMA}")
    for target in range(version + 1, CURRENT_VERSION + 1):
        MIGRATIONS[target](conn)
        conn.execute("INSERT INTO schema_migrations (version) VALUES (%s)", (target,))


def _version(conn: psycopg.Connection, where: str) -> int:
    """The scoreboard's schema version on the server; 0 if there is none yet."""
    # Read from the catalog tables with this statement's snapshot: to_regclass() would answer
    # from a cache that waiting on an advisory lock does not refresh (measured: a client that
    # waited still saw no table, and tried to create it again).
    found = conn.execute(
        """SELECT (SELECT count(*) FROM pg_tables
                   WHERE schemaname = %s AND tablename = 'schema_migrations'),
                  (SELECT count(*) FROM pg_namespace WHERE nspname = %s)""",
        (SCHEMA, SCHEMA),
    ).fetchone()
    table, namespace = (found[0] or None, found[1] or None) if found else (None, None)
    if table is None:
        if namespace is not None and _has_tables(conn):
            raise NotAScoreboardError(
                where,  # type: ignore[arg-type]
                f'its schema "{SCHEMA}" holds tables recovery-sim did not make',
            )
        return 0
    row = conn.execute(f"SELECT coalesce(max(version), 0) FROM {SCHEMA}.schema_migrations")
    version = int(row.fetchone()[0])  # type: ignore[index]
    if version > CURRENT_VERSION:
        raise NewerServerSchemaError(where, version, CURRENT_VERSION)
    return version


def _check_tables(conn: psycopg.Connection, where: str) -> None:
    """A current scoreboard missing one of its tables is damaged: say so before any write."""
    rows = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = %s", (SCHEMA,))
    missing = REQUIRED_TABLES - {row[0] for row in rows}
    if missing:
        raise CorruptScoreboardError(where, f"missing table {SCHEMA}.{sorted(missing)[0]}")  # type: ignore[arg-type]


def _has_tables(conn: psycopg.Connection) -> bool:
    row = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = %s", (SCHEMA,)).fetchone()
    return bool(row and row[0])
