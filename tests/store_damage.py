"""Kinds of scoreboard damage, each made on demand in its own folder, with the verdict opening it
must get: shared by tests/test_store_damage.py and benchmarks/probe_hostile.py (issue 18)."""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

HEALTHY, NEW, REFUSED = "healthy", "new", "refused"
# Damage inside a table page that a command does not read: SQLite finds it when the page is read
# (a full read, `export`, always does); checking every page on every open would cost seconds on a
# big file. Such a file must be refused by the full read, and never called healthy by it.
PAGE_DAMAGE = "refused when read"
# Run as a user without the capabilities that let root ignore file permissions.
UNPRIVILEGED = "unprivileged"

# Every kind `damage_kinds` makes, in order (a test checks the two agree).
KIND_NAMES = (
    "healthy file",
    "missing path",
    "missing folder",
    "zero-byte file",
    "truncated to 60 bytes",
    "truncated to the header",
    "truncated to half",
    "header magic garbage",
    "header fields garbage",
    "schema page garbage",
    "a random page overwritten",
    "every table page overwritten",
    "foreign SQLite database",
    "SQLite database of another application id",
    "empty SQLite database of another program",
    "foreign text file",
    "foreign binary file",
    "zero-filled file",
    "newer schema",
    "our file missing a table",
    "a folder at the path",
    "symlink to a healthy file",
    "symlink to a foreign file",
    "dangling symlink",
    "healthy with WAL and SHM left by a killed writer",
    "healthy with a garbage WAL",
    "healthy with a stale SHM only",
    "healthy read-only file",
    "healthy in a read-only folder",
    "damaged read-only file",
    "zero-byte file in a read-only folder",
)


def make_board(path: Path, attempts: int = 40) -> Path:
    from store_support import play

    from simulator.store import open_store

    with open_store(path) as board:
        for number in range(attempts):
            play(board, f"Trainee {number}", "Red", minute=number)
    return path


def damage_kinds(root: Path) -> list[tuple[str, Path, str, str | None]]:
    """(kind, path to open, the verdict it must get, user to run as), each made under `root`."""
    from simulator.store.sqlite.connection import PAGE_SIZE
    from simulator.store.sqlite.schema import CURRENT_VERSION

    kinds: list[tuple[str, Path, str, str | None]] = []

    def case(name: str, verdict: str, user: str | None = None) -> Path:
        folder = root / name.replace(" ", "-").replace("/", "-")
        folder.mkdir()
        path = folder / "board.db"
        kinds.append((name, path, verdict, user))
        return path

    def rewrite(path: Path, change: Callable[[bytearray], None]) -> None:
        data = bytearray(path.read_bytes())
        change(data)
        path.write_bytes(bytes(data))

    make_board(case("healthy file", HEALTHY))
    case("missing path", NEW)
    missing = case("missing folder", NEW)
    kinds[-1] = ("missing folder", missing.parent / "new" / "board.db", NEW, None)
    case("zero-byte file", REFUSED).touch()
    p = make_board(case("truncated to 60 bytes", REFUSED))
    rewrite(p, lambda d: d.__delitem__(slice(60, None)))
    p = make_board(case("truncated to the header", REFUSED))
    rewrite(p, lambda d: d.__delitem__(slice(100, None)))
    p = make_board(case("truncated to half", REFUSED))
    rewrite(p, lambda d: d.__delitem__(slice(len(d) // 2 // PAGE_SIZE * PAGE_SIZE + 7, None)))
    p = make_board(case("header magic garbage", REFUSED))
    rewrite(p, lambda d: d.__setitem__(slice(0, 16), b"\xa5" * 16))
    p = make_board(case("header fields garbage", REFUSED))
    rewrite(p, lambda d: d.__setitem__(slice(16, 100), b"\xa5" * 84))
    p = make_board(case("schema page garbage", REFUSED))
    rewrite(p, lambda d: d.__setitem__(slice(100, PAGE_SIZE), b"\xa5" * (PAGE_SIZE - 100)))
    p = make_board(case("a random page overwritten", PAGE_DAMAGE), attempts=400)
    pages = p.stat().st_size // PAGE_SIZE
    page = random.Random(18).randrange(2, pages)
    rewrite(
        p,
        lambda d: d.__setitem__(
            slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE), b"\x5a" * PAGE_SIZE
        ),
    )
    p = make_board(case("every table page overwritten", REFUSED), attempts=200)
    rewrite(p, lambda d: d.__setitem__(slice(PAGE_SIZE, None), b"\x5a" * (len(d) - PAGE_SIZE)))
    sql(case("foreign SQLite database", REFUSED), "CREATE TABLE customers (id, name TEXT)")
    sql(
        case("SQLite database of another application id", REFUSED),
        "PRAGMA application_id = 1234",
        "CREATE TABLE t (x)",
    )
    sql(case("empty SQLite database of another program", REFUSED), "PRAGMA user_version = 3")
    case("foreign text file", REFUSED).write_text("shopping list\n" * 50, encoding="utf-8")
    case("foreign binary file", REFUSED).write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    case("zero-filled file", REFUSED).write_bytes(bytes(65536))
    sql(make_board(case("newer schema", REFUSED)), f"PRAGMA user_version = {CURRENT_VERSION + 1}")
    p = make_board(case("our file missing a table", REFUSED))
    sql(p, "DROP TABLE turn_lists" if "turn_lists" in _tables(p) else "DROP TABLE turns")
    case("a folder at the path", REFUSED).mkdir()
    p = case("symlink to a healthy file", HEALTHY)
    p.symlink_to(make_board(p.parent / "real.db"))
    p = case("symlink to a foreign file", REFUSED)
    (p.parent / "notes.txt").write_text("not a scoreboard\n" * 20, encoding="utf-8")
    p.symlink_to(p.parent / "notes.txt")
    p = case("dangling symlink", REFUSED)
    p.symlink_to(p.parent / "elsewhere" / "gone.db")
    p = make_board(case("healthy with WAL and SHM left by a killed writer", HEALTHY))
    _leave_wal(p)
    p = make_board(case("healthy with a garbage WAL", HEALTHY))
    Path(f"{p}-wal").write_bytes(b"\x37" * 5000)
    p = make_board(case("healthy with a stale SHM only", HEALTHY))
    Path(f"{p}-shm").write_bytes(bytes(32768))
    p = make_board(case("healthy read-only file", HEALTHY, UNPRIVILEGED))
    p.chmod(0o444)
    p = make_board(case("healthy in a read-only folder", HEALTHY, UNPRIVILEGED))
    p.chmod(0o444)
    p.parent.chmod(0o555)
    p = make_board(case("damaged read-only file", REFUSED, UNPRIVILEGED))
    rewrite(p, lambda d: d.__setitem__(slice(100, PAGE_SIZE), b"\xa5" * (PAGE_SIZE - 100)))
    p.chmod(0o444)
    p = case("zero-byte file in a read-only folder", REFUSED, UNPRIVILEGED)
    p.touch()
    p.parent.chmod(0o555)
    return kinds


def sql(path: Path, *statements: str) -> list[Any]:
    """Run statements on `path` and close it (an open connection would keep its WAL)."""
    db = sqlite3.connect(path)
    try:
        rows = [db.execute(statement).fetchall() for statement in statements]
        db.commit()
        return rows
    finally:
        db.close()


def _tables(path: Path) -> set[str]:
    return {row[0] for row in sql(path, "SELECT name FROM sqlite_master")[0]}


def _leave_wal(path: Path) -> None:
    """Commit through a process killed before it checkpoints: the -wal holds the last attempt."""
    code = (
        "import os, sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
        "c.execute('PRAGMA wal_autocheckpoint=0'); "
        "c.execute(\"UPDATE trainees SET name = name || ' (wal)' WHERE id = 1\"); c.commit(); "
        "os._exit(0)"
    )
    subprocess.run([sys.executable, "-c", code, str(path)], check=True)
