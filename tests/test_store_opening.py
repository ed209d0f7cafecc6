"""Which store a setting opens, SQLite's durability setting, and passwords kept out of messages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from simulator.store import ScoreboardError, open_store, redact_url
from simulator.store.location import default_db_path, resolve_target
from simulator.store.redact import scrub


@pytest.fixture(autouse=True)
def no_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("RECOVERY_SIM_DB", "DATABASE_URL", "RECOVERY_SIM_SQLITE_SYNCHRONOUS"):
        monkeypatch.delenv(name, raising=False)


def test_db_then_env_then_database_url_then_the_default(monkeypatch, tmp_path):
    team = "postgresql://team@db.example.org/recovery_sim"
    assert resolve_target(None) == default_db_path()
    monkeypatch.setenv("DATABASE_URL", "sqlite:///somebody-elses.db")
    assert resolve_target(None) == default_db_path()  # not ours to open
    monkeypatch.setenv("DATABASE_URL", team)
    assert resolve_target(None) == team
    monkeypatch.setenv("RECOVERY_SIM_DB", str(tmp_path / "mine.db"))
    assert resolve_target(None) == tmp_path / "mine.db"
    assert resolve_target("postgres://lead@db/x") == "postgres://lead@db/x"
    assert resolve_target(str(tmp_path / "explicit.db")) == tmp_path / "explicit.db"


@pytest.mark.parametrize(("setting", "level"), [(None, 1), ("NORMAL", 1), ("full", 2)])
def test_sqlite_durability_is_a_setting(monkeypatch, tmp_path, setting, level):
    if setting is not None:
        monkeypatch.setenv("RECOVERY_SIM_SQLITE_SYNCHRONOUS", setting)
    with open_store(tmp_path / "board.db") as board:
        assert board._conn.execute("PRAGMA synchronous").fetchone()[0] == level  # type: ignore[attr-defined]


def test_an_unknown_durability_setting_is_refused(monkeypatch, tmp_path):
    monkeypatch.setenv("RECOVERY_SIM_SQLITE_SYNCHRONOUS", "OFF")
    with pytest.raises(ScoreboardError, match="must be NORMAL or FULL, not 'OFF'"):
        open_store(tmp_path / "board.db")
    assert not (tmp_path / "board.db").exists()


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://ann:s3cret@db:5432/rs", "postgresql://ann:***@db:5432/rs"),
        ("postgresql://ann@db/rs", "postgresql://ann@db/rs"),
        ("postgres://db/rs?user=ann&password=s3cret", "postgres://db/rs?user=ann&password=***"),
        (
            "host=db user=ann password='s3 cret' dbname=rs",
            "host=db user=ann password=*** dbname=rs",
        ),
    ],
)
def test_urls_are_shown_without_their_password(url, shown):
    assert redact_url(url) == shown
    if "s3" in url:
        assert "s3" not in scrub(f"could not connect to {url}", url)


def test_the_command_line_names_an_absent_server_without_its_password(tmp_path):
    url = "postgresql://trainer:s3cret@127.0.0.1:1/recovery_sim"
    result = subprocess.run(
        [sys.executable, "run.py", "scoreboard", "--db", url],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
        timeout=120,
    )
    assert result.returncode != 0
    assert "s3cret" not in result.stderr + result.stdout
    assert "postgresql://trainer:***@127.0.0.1:1/recovery_sim is not answering" in result.stderr
    assert "Traceback" not in result.stderr
