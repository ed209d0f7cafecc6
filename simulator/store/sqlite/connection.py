"""Opening a scoreboard file safely: check it is ours before anything is written to it.

The order matters. The file's first bytes are read by hand, then SQLite is only asked questions
(application id, schema version, tables); journal mode and migrations, the first writes, come
after the file has been recognised. A file that is not a scoreboard is never modified.
"""

from __future__ import annotations

import functools
import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from simulator.store.errors import (
    CorruptScoreboardError,
    NewerSchemaError,
    NotAScoreboardError,
    ScoreboardUnavailableError,
)
from simulator.store.sqlite import schema

SQLITE_MAGIC = b"SQLite format 3\x00"
SQLITE_HEADER_SIZE = 100
# How long a writer waits for another process's transaction before giving up. Turns and
# finishes are short transactions, so this only matters under heavy contention.
BUSY_TIMEOUT_SECONDS = 30.0
REQUIRED_TABLES = frozenset({"trainees", "attempts", "turns"})
# Page cache per connection (negative = KiB): the views join a few thousand attempts by row id,
# and SQLite's 2 MB default makes those lookups go to disk on a big scoreboard.
CACHE_KIB = 64 * 1024
# New scoreboards use 16 KiB pages rather than SQLite's 4 KiB: an import of 100,000 attempts into
# a million touches pages all over the indexes and summaries, and fewer, bigger pages cost less
# to split, log and checkpoint (measured, three runs each: 12.8-13.7 s -> 11.0-12.1 s); the views
# are unchanged. A file keeps the page size it was created with (changing it means rewriting the
# whole file, which WAL mode does not allow), so older scoreboards stay at 4 KiB.
PAGE_SIZE = 16 * 1024
# Switching a new file to WAL takes an exclusive lock, and SQLite answers "locked" at once,
# without waiting on the busy timeout, when another process is doing the same. Retry this often.
WAL_RETRY_SECONDS = 0.02
# SQLite's `synchronous` setting. WAL with NORMAL survives a killed process or a crashed app (a
# commit is in the WAL when it returns) but the last commits can roll back on power loss or an
# operating-system crash; FULL syncs the WAL at every commit and closes that, at some speed.
# NORMAL is the default: one trainee's practice file, where a lost last turn costs little and
# every turn's commit stays quick. FULL is for a machine that keeps a team's file.
SYNCHRONOUS_LEVELS = ("NORMAL", "FULL")
DEFAULT_SYNCHRONOUS = "NORMAL"


# Called before an existing file is migrated (path, its version, the current version): a big
# file can take a while, and the user should know why.
UpgradeNotice = Callable[[object, int, int], None]


def open_connection(
    path: Path, on_upgrade: UpgradeNotice | None = None, synchronous: str = DEFAULT_SYNCHRONOUS
) -> sqlite3.Connection:
    """A connection to a valid, current scoreboard at `path`, creating it if there is none.

    Only a path with no file at all becomes a new scoreboard, and it appears whole: it is set
    up under a temporary name and linked into place, so an empty file at the path is never one
    of ours half made (it is refused like any file that is not a scoreboard). An existing file
    is recognised through a read-only, lock-free connection first when it has no -wal beside
    it, so a refusal leaves no trace (no -wal or -shm); a healthy file we may not write (a
    read-only file or folder) is then opened for reading only."""
    if synchronous not in SYNCHRONOUS_LEVELS:
        raise ValueError(f"synchronous must be one of {SYNCHRONOUS_LEVELS}, not {synchronous!r}")
    _check_header(path)
    if not path.exists():
        _create(path, synchronous)
    elif not Path(f"{path}-wal").exists():
        writable = _writable(path)
        conn = _connect(path, read_only=True)
        try:
            _recognise(conn, path)
            if not writable:
                _current_for_reading(conn, path)
                return conn
        except BaseException:
            conn.close()
            raise
        conn.close()
    conn = _connect(path)
    try:
        _recognise(conn, path)
        _prepare(conn, path, on_upgrade, synchronous)
    except BaseException:
        conn.close()
        raise
    return conn


def _connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    try:
        if read_only:
            # immutable: no locks, no -shm, nothing written; the file is read as it is on disk.
            uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
            return sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        return sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False
        )
    except sqlite3.Error as error:
        raise ScoreboardUnavailableError(path, str(error)) from None


def _writable(path: Path) -> bool:
    """Can SQLite write the file and its -wal and -shm beside it?"""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def _current_for_reading(conn: sqlite3.Connection, path: Path) -> None:
    """A scoreboard we can only read must not need an upgrade (that is a write)."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version < schema.CURRENT_VERSION:
        raise ScoreboardUnavailableError(
            path,
            "it is read-only and was written by an older recovery-sim, so it cannot be "
            "upgraded; the file is not damaged. Make it (and its folder) writable once",
        )
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")


def _create(path: Path, synchronous: str) -> None:
    """A new scoreboard at `path`, set up beside it and linked into place whole."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ScoreboardUnavailableError(path, error.strerror or str(error)) from None
    partial = path.with_name(f".{path.name}.{os.getpid()}.{time.monotonic_ns()}.new")
    try:
        conn = _connect(partial)
        try:
            _prepare(conn, partial, None, synchronous)
        finally:
            conn.close()  # the last connection: SQLite checkpoints and removes the -wal
        try:
            os.link(partial, path)
        except FileExistsError:
            pass  # another process made it first: theirs is used
        except OSError:  # a file system without hard links
            if not path.exists():
                os.replace(partial, path)
    except OSError as error:
        raise ScoreboardUnavailableError(path, error.strerror or str(error)) from None
    finally:
        for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
            try:
                leftover.unlink(missing_ok=True)
            except OSError:
                pass


def _check_header(path: Path) -> None:
    if path.is_dir():
        raise ScoreboardUnavailableError(path, "it is a folder")
    if path.is_symlink() and not path.exists():
        raise ScoreboardUnavailableError(
            path, f"it is a link to {os.readlink(path)}, which does not exist"
        )
    try:
        with path.open("rb") as handle:
            head = handle.read(SQLITE_HEADER_SIZE)
    except FileNotFoundError:
        return
    except OSError as error:
        raise ScoreboardUnavailableError(path, error.strerror or str(error)) from None
    if not head:
        raise NotAScoreboardError(
            path,
            "it is an empty file; a new scoreboard is only started where there is no file, so "
            "delete it if that is what you meant",
        )
    if not head.startswith(SQLITE_MAGIC):
        raise NotAScoreboardError(path, "it is not an SQLite database")
    if len(head) < SQLITE_HEADER_SIZE:
        raise CorruptScoreboardError(path, "the file is truncated")


def _inspect(conn: sqlite3.Connection, path: Path) -> tuple[int, int, set[str]]:
    try:
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise ScoreboardUnavailableError(path, str(error)) from None
        _refuse_read_only_folder(path)
        raise CorruptScoreboardError(path, str(error)) from None
    except sqlite3.DatabaseError as error:
        raise CorruptScoreboardError(path, str(error)) from None
    return application_id, version, tables


def _recognise(conn: sqlite3.Connection, path: Path) -> None:
    """Raise unless the file is an empty database or a scoreboard this version can read."""
    # One read transaction, so the three answers come from one state of the file: otherwise a
    # process creating the same new file could commit in between, and its tables would be seen
    # without its application id (another program's database, wrongly).
    conn.execute("BEGIN")
    try:
        application_id, version, tables = _inspect(conn, path)
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
    if application_id == schema.APPLICATION_ID:
        if version > schema.CURRENT_VERSION:
            raise NewerSchemaError(path, version, schema.CURRENT_VERSION)
        required = current_tables() if version == schema.CURRENT_VERSION else REQUIRED_TABLES
        missing = required - tables
        if version >= 1 and missing:
            raise CorruptScoreboardError(path, f"missing table {sorted(missing)[0]}")
        return
    if application_id == 0 and version == 0 and not tables:
        return  # a fresh, empty database
    if application_id == 0:
        named = ", ".join(sorted(name for name in tables if not name.startswith("sqlite_"))[:3])
        reason = "it is another program's SQLite database"
        raise NotAScoreboardError(path, f"{reason} with tables {named}" if named else reason)
    raise NotAScoreboardError(
        path, f"it is another program's SQLite database (application id {application_id})"
    )


@functools.cache
def current_tables() -> frozenset[str]:
    """Every table a scoreboard of the current schema has (its migrations, run in memory)."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        schema.migrate(conn, 0)
        return frozenset(row[0] for row in conn.execute("SELECT name FROM sqlite_master"))
    finally:
        conn.close()


def _prepare(
    conn: sqlite3.Connection, path: Path, on_upgrade: UpgradeNotice | None, synchronous: str
) -> None:
    """First writes: WAL so two app instances can share the file, then any migrations."""
    try:
        conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")  # only an empty file takes it
        _use_wal(conn)
        conn.execute(f"PRAGMA synchronous = {synchronous}")  # see SYNCHRONOUS_LEVELS
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Read again under the write lock: another process may have migrated meanwhile.
            application_id, version, _ = _inspect(conn, path)
            if version > schema.CURRENT_VERSION:
                raise NewerSchemaError(path, version, schema.CURRENT_VERSION)
            if version < schema.CURRENT_VERSION:
                if version > 0:
                    if on_upgrade is not None:
                        on_upgrade(path, version, schema.CURRENT_VERSION)
                    _check_integrity(conn, path)
                schema.migrate(conn, version)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    except sqlite3.OperationalError as error:
        _refuse_read_only_folder(path)
        raise ScoreboardUnavailableError(path, str(error)) from None
    except sqlite3.DatabaseError as error:
        raise CorruptScoreboardError(path, str(error)) from None


def _refuse_read_only_folder(path: Path) -> None:
    """A healthy scoreboard in a folder we cannot write is not damaged: SQLite (in WAL mode)
    must create its -wal and -shm files beside it even to read. Say so, truly."""
    folder = path.parent
    if path.is_file() and os.access(path, os.R_OK) and not os.access(folder, os.W_OK):
        raise ScoreboardUnavailableError(
            path,
            f"its folder {folder} is read-only, and SQLite must write its -wal and -shm files "
            "beside the scoreboard even to read it; the file itself is not damaged. Copy it to "
            "a writable folder or make this one writable",
        )


def _use_wal(conn: sqlite3.Connection) -> None:
    """Put the file in WAL mode, waiting out other processes setting up the same new file."""
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            busy = "locked" in str(error) or "busy" in str(error)
            if not busy or time.monotonic() >= deadline:
                raise
            time.sleep(WAL_RETRY_SECONDS)


def _check_integrity(conn: sqlite3.Connection, path: Path) -> None:
    """Before migrating (rare, and a write), make sure the old file is sound."""
    verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
    if verdict != "ok":
        raise CorruptScoreboardError(path, verdict)
