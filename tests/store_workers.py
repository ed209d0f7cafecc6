"""Code run in child processes by the concurrency tests (importable by `spawn`)."""

from __future__ import annotations

import sys
from typing import Any

from store_support import dims, make_turn

from simulator.store import open_store


def write_attempts(path: str, team: str, count: int) -> None:
    with open_store(path) as board:
        for number in range(count):
            attempt_id = board.start_attempt(f"{team}-{number % 7}", team, "gym", "h", "1.0")
            board.record_turn(attempt_id, make_turn(0, number % 101))
            board.finish_attempt(attempt_id, "resolved", number % 101, dims(number % 101))


def record_then_hang(path: str) -> None:
    """Start an attempt, commit two turns, say so, and wait to be killed."""
    board = open_store(path)
    attempt_id = board.start_attempt("Kim", "Red", "gym", "h", "1.0")
    board.record_turn(attempt_id, make_turn(0))
    board.record_turn(attempt_id, make_turn(1))
    print(attempt_id, flush=True)
    sys.stdin.read()  # blocks until the parent kills this process


def open_together(path: str, barrier: Any) -> None:
    """Wait for the others, then create-or-open the same new file and record one attempt."""
    barrier.wait(timeout=60)
    with open_store(path) as board:
        board.start_attempt("Ann", "Red", "gym", "h", "1.0")
