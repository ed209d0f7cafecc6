"""Issue 18: a healthy scoreboard in a read-only folder is called what it is, not "damaged".

A read-only tmpfs mount stands for the folder: a chmod does not stop root, as CI runs."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from store_support import play

from simulator.cli import main
from simulator.store import ScoreboardUnavailableError, open_store


@pytest.fixture
def read_only_board(tmp_path: Path):
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root to mount a read-only folder")
    folder = tmp_path / "ro"
    folder.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "tmpfs", str(folder)], check=False).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        with open_store(folder / "board.db") as board:
            play(board, "Ann", "Red", "gym", 60)
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        yield folder / "board.db"
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def test_a_read_only_folder_is_read_and_never_called_damaged(read_only_board, capsys):
    before = hashlib.sha256(read_only_board.read_bytes()).hexdigest()
    assert main(["scoreboard", "--db", str(read_only_board)]) == 0
    assert "Ann" in capsys.readouterr().out  # read as it is: no -wal or -shm needed
    with open_store(read_only_board) as board, pytest.raises(ScoreboardUnavailableError) as caught:
        board.start_attempt("Bo", "Red", "gym", "h", "1.0")
    assert "read-only" in str(caught.value) and "is a damaged scoreboard" not in str(caught.value)
    assert hashlib.sha256(read_only_board.read_bytes()).hexdigest() == before
    assert [p.name for p in read_only_board.parent.iterdir()] == ["board.db"]
