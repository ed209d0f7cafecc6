"""Settings a bulk import runs under in SQLite, each measured (see each one's docstring)."""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from simulator.store.sqlite.connection import CACHE_KIB

IMPORT_CACHE_KIB = 256 * 1024


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector around a bulk import.

    Parsing and checking an export creates millions of small lists and tuples and no cycles;
    the collector would walk all of them again and again (measured: JSON parsing twice as slow).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def foreign_keys_trusted(conn: sqlite3.Connection) -> Iterator[None]:
    """Skip SQLite's foreign key checks for an import's inserts.

    Checking costs a lookup per row (measured when turns had a row each: 1.4 s of 3.3 s
    inserting 600,000 of them), and the import cannot break a reference: every attempt id its
    turns point to and every trainee id its attempts point to was handed out or looked up in
    the same write transaction. The pragma only takes effect outside a transaction, so this
    wraps the transaction; the caller holds the connection's lock, so no other write runs
    without the checks meanwhile."""
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        conn.execute("PRAGMA foreign_keys = ON")


@contextmanager
def journals_in_memory(conn: sqlite3.Connection) -> Iterator[None]:
    """Keep the import's statement journals in memory, not in temporary files.

    Inside the import's one transaction, each statement that upserts many summary rows must be
    able to undo itself alone, so SQLite first copies every page it changes that the
    transaction had already changed. For 100,000 attempts that was 830 MB written to a
    temporary file in 64 KiB pieces (measured with strace), all thrown away. Only one statement
    at a time keeps such a copy, so memory holds them easily. The pragma cannot change inside a
    transaction, so this wraps it (and drops the connection's temporary tables, which the
    import re-creates)."""
    conn.execute("PRAGMA temp_store = MEMORY")
    try:
        yield
    finally:
        conn.execute("PRAGMA temp_store = DEFAULT")


@contextmanager
def bigger_cache(conn: sqlite3.Connection) -> Iterator[None]:
    """A big import inserts into indexes all over the file: a larger page cache for its
    duration saves re-reading the same pages (measured: about 15% of a 100,000-attempt import)."""
    conn.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
