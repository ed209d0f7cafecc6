"""Files that are not a usable scoreboard: a clear error naming the file, and the file untouched."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from store_support import play

from simulator.store import (
    CorruptScoreboardError,
    NewerSchemaError,
    NotAScoreboardError,
    ScoreboardError,
    ScoreboardUnavailableError,
    open_store,
)
from simulator.store.sqlite import connection
from simulator.store.sqlite.connection import PAGE_SIZE
from simulator.store.sqlite.schema import APPLICATION_ID, CURRENT_VERSION

PAGE = PAGE_SIZE


def scoreboard_file(path: Path, attempts: int = 3) -> Path:
    with open_store(path) as board:
        for number in range(attempts):
            play(board, f"Trainee {number}", "Red", minute=number)
    return path


def raw_database(path: Path, *statements: str) -> Path:
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()
    return path


def refused(path: Path, error: type[ScoreboardError]) -> str:
    """Open `path`, expect `error`, and check the file is byte for byte as it was."""
    before = path.read_bytes()
    siblings = set(path.parent.iterdir())
    with pytest.raises(error) as caught:
        open_store(path)
    assert path.read_bytes() == before
    assert set(path.parent.iterdir()) == siblings  # no journal, WAL or lock file left behind
    message = str(caught.value)
    assert str(path) in message and "--db" in message
    return message


def test_a_text_file_is_not_a_scoreboard(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("shopping list\n" * 20, encoding="utf-8")
    assert "not an SQLite database" in refused(path, NotAScoreboardError)


def test_another_programs_database_is_refused_and_named(tmp_path):
    path = raw_database(
        tmp_path / "crm.db",
        "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)",
        "INSERT INTO customers (name) VALUES ('Priya')",
    )
    message = refused(path, NotAScoreboardError)
    assert "another program's SQLite database with tables customers" in message


def test_a_database_with_another_application_id_is_refused(tmp_path):
    path = raw_database(tmp_path / "other.db", "PRAGMA application_id = 1234")
    assert "application id 1234" in refused(path, NotAScoreboardError)


def test_a_newer_schema_is_refused_with_the_versions(tmp_path):
    path = scoreboard_file(tmp_path / "board.db")
    raw_database(path, f"PRAGMA user_version = {CURRENT_VERSION + 1}")
    message = refused(path, NewerSchemaError)
    assert f"schema {CURRENT_VERSION + 1}" in message and "Upgrade recovery-sim" in message


def test_a_truncated_file_is_reported_as_damaged(tmp_path):
    path = scoreboard_file(tmp_path / "board.db")
    path.write_bytes(path.read_bytes()[:60])
    assert "truncated" in refused(path, CorruptScoreboardError)


def test_garbage_after_the_header_is_reported_as_damaged(tmp_path):
    path = scoreboard_file(tmp_path / "board.db")
    data = bytearray(path.read_bytes())
    data[100:PAGE] = b"\xa5" * (PAGE - 100)  # the schema page: SQLite cannot read the tables
    path.write_bytes(bytes(data))
    refused(path, CorruptScoreboardError)


def test_damage_found_later_is_reported_and_nothing_is_written(tmp_path):
    path = scoreboard_file(tmp_path / "board.db", attempts=200)
    data = bytearray(path.read_bytes())
    data[PAGE:] = b"\x5a" * (len(data) - PAGE)  # every table page, schema page intact
    path.write_bytes(bytes(data))
    before = path.read_bytes()
    with open_store(path) as board:
        with pytest.raises(CorruptScoreboardError, match="damaged scoreboard"):
            board.leaderboard()
        with pytest.raises(CorruptScoreboardError):
            play(board, "Late", "Red")
    assert path.read_bytes() == before


def test_our_file_missing_a_table_is_damaged(tmp_path):
    path = scoreboard_file(tmp_path / "board.db")
    raw_database(path, "DROP TABLE turns")
    assert "missing table turns" in refused(path, CorruptScoreboardError)


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(ScoreboardUnavailableError, match="it is a folder"):
        open_store(tmp_path)


def test_an_empty_file_is_refused_and_left_as_it_was(tmp_path):
    empty = tmp_path / "empty.db"
    empty.touch()
    assert "it is an empty file" in refused(empty, NotAScoreboardError)


def test_a_missing_path_becomes_a_scoreboard_and_nothing_else_is_left(tmp_path):
    for path in (tmp_path / "board.db", tmp_path / "new" / "folder" / "board.db"):
        with open_store(path) as board:
            play(board)
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        conn.close()
        assert sorted(p.name for p in path.parent.iterdir() if p.is_file()) == ["board.db"]


def test_the_environment_variable_and_explicit_path_choose_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv("RECOVERY_SIM_DB", str(tmp_path / "from-env.db"))
    with open_store() as board:
        assert board.path == tmp_path / "from-env.db"
    with open_store(tmp_path / "explicit.db") as board:
        assert board.path == tmp_path / "explicit.db"
    monkeypatch.delenv("RECOVERY_SIM_DB")
    from simulator.store import default_db_path

    assert default_db_path().name == "scoreboard.sqlite3"
    assert "recovery-sim" in default_db_path().parts


def page_size_of(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA page_size").fetchone()[0])
    finally:
        conn.close()


def test_a_new_scoreboard_uses_big_pages_and_an_older_one_keeps_its_own(tmp_path, monkeypatch):
    assert page_size_of(scoreboard_file(tmp_path / "new.db")) == PAGE_SIZE == 16384
    with monkeypatch.context() as patched:
        patched.setattr(connection, "PAGE_SIZE", 4096)  # as scoreboards were created before
        old = scoreboard_file(tmp_path / "old.db", attempts=1)
    with open_store(old) as board:
        play(board, "Ana", "Harbour")
        assert {row.trainee for row in board.leaderboard()} == {"Trainee 0", "Ana"}
    assert page_size_of(old) == 4096
