"""Helpers for the scoreboard tests: turns and attempts with chosen scores."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from scoring import SCORER_VERSION
from scoring.model import DIMENSIONS, ReplyScore
from simulator.engine.model import Turn
from simulator.store import AttemptId, Store

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def dims(value: int = 50, **overrides: int) -> dict[str, int]:
    scores = dict.fromkeys(DIMENSIONS, value)
    scores.update(overrides)
    return scores


def make_turn(index: int, overall: int = 50, events: tuple[str, ...] = ()) -> Turn:
    return Turn(
        index=index,
        reply=f"reply {index}: I'm sorry, I will refund it",
        score=ReplyScore(overall=overall, dimensions=dims(overall), events=events),
        customer=f"customer answer {index}",
        anger_before=80 - index * 10,
        anger_after=70 - index * 10,
        changes=(),
    )


def play(
    board: Store,
    trainee: str = "Ann",
    team: str = "Red",
    scenario: str = "gym",
    overall: int = 60,
    *,
    outcome: str = "resolved",
    mode: str = "practice",
    turns: int = 2,
    minute: int = 0,
    scenario_hash: str = "hash-a",
    scorer_version: str = SCORER_VERSION,
    finish: bool = True,
) -> AttemptId:
    """Record one attempt through the public API; `minute` sets its time after T0."""
    started = T0 + timedelta(minutes=minute)
    attempt_id = board.start_attempt(
        trainee, team, scenario, scenario_hash, scorer_version, mode, started_at=started
    )
    for index in range(turns):
        board.record_turn(attempt_id, make_turn(index, overall))
    if finish:
        board.finish_attempt(
            attempt_id,
            outcome,
            overall,
            dims(overall, resolution=overall // 2),
            ended_at=started + timedelta(seconds=30),
        )
    return attempt_id


def play_sample(board: Store) -> None:
    """Four attempts covering both teams, both modes, every outcome and one left unfinished."""
    play(board, "Ann", "Red", "gym", 60, turns=3, minute=0)
    play(board, "Bob", "Blue", "parcel", 75, mode="assessment", minute=5)
    play(board, "Cy", "Blue", "gym", 40, outcome="walked_out", minute=9)
    play(board, "Di", "Red", "gym", 0, turns=1, finish=False, minute=12)
