"""Issue 18: every kind of scoreboard damage gets its true verdict, and every refusal ("it was
left untouched") is checked by checksum: the file and its folder are byte for byte as before.

One test per kind (tests/store_damage.py makes them; benchmarks/probe_hostile.py reruns the same
kinds through the command line). Healthy files, read-only ones included, are never called
damaged; only a path with no file becomes a new scoreboard; a zero-byte or foreign file is
refused, never set up over.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from store_damage import (
    HEALTHY,
    KIND_NAMES,
    NEW,
    PAGE_DAMAGE,
    REFUSED,
    UNPRIVILEGED,
    damage_kinds,
)
from store_support import T0, dims

from simulator.store import CorruptScoreboardError, ScoreboardError, open_store
from simulator.store.sqlite.schema import APPLICATION_ID

ROOT = Path(__file__).resolve().parents[1]
DROP = "-dac_override,-dac_read_search,-fowner"


@pytest.fixture(scope="module")
def kinds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str, str | None]]:
    root = tmp_path_factory.mktemp("damage")
    root.chmod(0o755)
    made = {name: (path, verdict, user) for name, path, verdict, user in damage_kinds(root)}
    yield made
    for folder in root.rglob("*"):
        if folder.is_dir() and not folder.is_symlink():
            folder.chmod(0o755)


def state(folder: Path) -> dict[str, str]:
    """Every file in the folder by name, with its sha256."""
    if not folder.is_dir():
        return {}
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
        for p in folder.iterdir()
    }


def test_the_kinds_are_the_ones_listed(kinds):
    assert tuple(kinds) == KIND_NAMES
    assert len(KIND_NAMES) >= 20


def as_unprivileged(*args: str) -> subprocess.CompletedProcess[str]:
    """The CLI as root without the right to ignore permissions (as a user's own files are)."""
    if os.geteuid() != 0:
        command = [sys.executable, str(ROOT / "run.py"), *args]
    elif shutil.which("setpriv"):
        command = ["setpriv", f"--inh-caps={DROP}", f"--bounding-set={DROP}", sys.executable]
        command += [str(ROOT / "run.py"), *args]
    else:
        pytest.skip("needs setpriv to drop root's permission override")
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def good_export(tmp_path: Path) -> Path:
    path = tmp_path / "good.json"
    source = ROOT / "tests" / "fixtures" / "imports" / "duplicate-id-same-content.json"
    document = json.loads(source.read_text(encoding="utf-8"))
    path.write_text(json.dumps(document), encoding="utf-8")
    path.chmod(0o644)
    tmp_path.chmod(0o755)
    return path


@pytest.mark.parametrize("name", KIND_NAMES)
def test_each_kind_of_damage_gets_its_verdict_and_refusals_change_nothing(name, kinds, tmp_path):
    path, verdict, user = kinds[name]
    folder = path.parent
    before = state(folder)
    if user == UNPRIVILEGED:
        read = as_unprivileged("scoreboard", "--db", str(path))
        write = as_unprivileged("import", "--db", str(path), str(good_export(tmp_path)))
        for result in (read, write):
            assert "internal error" not in result.stderr and "Traceback" not in result.stderr
        if verdict == HEALTHY:
            assert read.returncode == 0, read.stderr  # read as it is, nothing written
            assert write.returncode == 1 and "read-only" in write.stderr
            assert "is a damaged scoreboard" not in write.stderr
        else:
            assert read.returncode == write.returncode == 1
            assert str(path) in read.stderr and "left untouched" in read.stderr
        assert state(folder) == before
        return
    if verdict == REFUSED:
        with pytest.raises(ScoreboardError) as caught:
            with open_store(path) as board:  # damage past the schema page: found on reading
                board.leaderboard()
                board.attempts()
        message = str(caught.value)
        assert str(path) in message and "--db" in message
        assert state(folder) == before, f"said {message!r} but the folder changed"
    elif verdict == NEW:
        assert not path.exists()
        with open_store(path) as board:
            board.start_attempt("Ann", "Red", "gym", "h", "1.0", started_at=T0)
        assert [p.name for p in path.parent.iterdir()] == ["board.db"]
        with open_store(path) as board:
            assert len(board.attempts()) == 1
    elif verdict == PAGE_DAMAGE:
        with open_store(path) as board, pytest.raises(CorruptScoreboardError):
            board.export_to(tmp_path / "all.json")  # a full read reaches the damaged page
        assert state(folder)["board.db"] == before["board.db"]
    else:
        assert verdict == HEALTHY
        with open_store(path) as board:
            count = len(board.attempts())
            assert count >= 40 and board.leaderboard()
            attempt = board.start_attempt("New", "Red", "gym", "h", "1.0", started_at=T0)
            board.finish_attempt(attempt, "resolved", 50, dims(50), ended_at=T0)
        with open_store(path) as board:
            assert len(board.attempts()) == count + 1


def test_a_new_scoreboard_is_ours_whole_and_an_empty_file_never_becomes_one(tmp_path):
    import sqlite3

    new = tmp_path / "new.db"
    with open_store(new):
        pass
    conn = sqlite3.connect(new)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.close()
    empty = tmp_path / "empty.db"
    empty.touch()
    with pytest.raises(ScoreboardError, match="it is an empty file"):
        open_store(empty)
    assert empty.stat().st_size == 0


# --- the same classification on PostgreSQL, where it applies ---------------------------------


def server_state(url: str) -> str:
    """Every schema, table and row of the database, as one digest."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        tables = conn.execute(
            "SELECT schemaname, tablename FROM pg_tables"
            " WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
            " ORDER BY schemaname, tablename"
        ).fetchall()
        schemas = conn.execute("SELECT nspname FROM pg_namespace ORDER BY nspname").fetchall()
        digest = hashlib.sha256(repr((tables, schemas)).encode())
        for schema, table in tables:
            rows = conn.execute(
                f"SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), ''))"
                f' FROM "{schema}"."{table}" t'
            ).fetchone()
            digest.update(repr(rows).encode())
        return digest.hexdigest()


def setup_server(url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


def test_postgres_another_programs_tables_beside_ours_are_left_alone(pg_server):
    url = pg_server.database("neighbours")
    setup_server(
        url,
        "CREATE TABLE public.customers (id int PRIMARY KEY, name text)",
        "INSERT INTO public.customers VALUES (1, 'Priya')",
    )
    with open_store(url) as board:  # a database shared with another program: our own schema
        board.start_attempt("Ann", "Red", "gym", "h", "1.0", started_at=T0)
    setup_server(url)
    import psycopg

    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT * FROM public.customers").fetchall() == [(1, "Priya")]


@pytest.mark.parametrize(
    ("kind", "statements", "message"),
    [
        (
            "foreign tables in our schema",
            ["CREATE SCHEMA recovery_sim", "CREATE TABLE recovery_sim.orders (id int)"],
            "holds tables recovery-sim did not make",
        ),
        (
            "newer schema",
            ["INSERT INTO recovery_sim.schema_migrations (version) VALUES (999)"],
            "newer",
        ),
        (
            "a missing table",
            ["DROP TABLE recovery_sim.turns CASCADE"],
            "missing table recovery_sim.turns",
        ),
    ],
)
def test_postgres_damage_is_refused_and_nothing_changes(pg_server, kind, statements, message):
    url = pg_server.database(kind.replace(" ", "_"))
    if kind != "foreign tables in our schema":
        with open_store(url) as board:
            board.start_attempt("Ann", "Red", "gym", "h", "1.0", started_at=T0)
    setup_server(url, *statements)
    before = server_state(url)
    with pytest.raises(ScoreboardError, match=message) as caught:
        open_store(url)
    assert "untouched" in str(caught.value) or "nothing was changed" in str(caught.value)
    assert server_state(url) == before
