"""Two processes sharing one file, and a process killed in the middle of an attempt."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from store_workers import open_together, write_attempts

from simulator.store import open_store

ROOT = Path(__file__).resolve().parents[1]
ATTEMPTS_EACH = 1000


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    path = str(tmp_path / "shared.db")
    open_store(path).close()  # created up front, as the app would have done
    context = multiprocessing.get_context("spawn")
    workers = [
        context.Process(target=write_attempts, args=(path, team, ATTEMPTS_EACH))
        for team in ("Red", "Blue")
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    with open_store(path) as board:
        attempts = board.attempts()
        assert len(attempts) == 2 * ATTEMPTS_EACH
        assert len({attempt.id for attempt in attempts}) == 2 * ATTEMPTS_EACH
        teams = {row.key: row.attempts for row in board.team_comparison()}
        assert teams == {"Red": ATTEMPTS_EACH, "Blue": ATTEMPTS_EACH}


def test_processes_creating_the_same_new_file_at_once_all_succeed(tmp_path):
    path = str(tmp_path / "new.db")
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(3)
    workers = [context.Process(target=open_together, args=(path, barrier)) for _ in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert [worker.exitcode for worker in workers] == [0, 0, 0]
    with open_store(path) as board:
        assert len(board.attempts()) == 3


def test_a_killed_process_keeps_its_finished_turns(tmp_path):
    path = tmp_path / "board.db"
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"from store_workers import record_then_hang; record_then_hang({str(path)!r})",
        ],
        cwd=Path(__file__).parent,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(Path(__file__).parent)])},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        attempt_id = child.stdout.readline().strip()
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    with open_store(path) as board:
        attempt = board.attempt(attempt_id)
        assert (attempt.outcome, attempt.finished) == ("abandoned", False)
        assert [turn.index for turn in attempt.turns] == [0, 1]


def test_two_openers_of_one_new_path_share_one_whole_scoreboard(tmp_path):
    """A new scoreboard is set up under a temporary name and linked into place: openers racing
    on the same new path never see it half made (an empty file would be refused)."""
    path = tmp_path / "new.db"
    errors: list[BaseException] = []

    def record(name: str) -> None:
        try:
            with open_store(path) as board:
                board.start_attempt(name, "Red", "gym", "h", "1.0")
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=record, args=(f"T{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with open_store(path) as board:
        assert len(board.attempts()) == 4
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("new.db")] == []
