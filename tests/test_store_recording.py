"""Recording attempts turn by turn: what is stored, when it is on disk, and what is refused."""

from __future__ import annotations

import pytest
from store_support import dims, make_turn, play

from simulator.store import (
    InvalidRecordError,
    UnknownAttemptError,
    open_store,
)


@pytest.fixture
def board(tmp_path, new_store):
    with open_store(new_store("board")) as opened:
        yield opened


def test_an_attempt_reads_back_with_its_turns_and_scores(board):
    attempt_id = board.start_attempt("  Ann   Lee ", "Red", "gym", "hash-a", "1.0", "assessment")
    board.record_turn(attempt_id, make_turn(0, 40, events=("excuse", "policy")))
    board.record_turn(attempt_id, make_turn(1, 75))
    board.finish_attempt(attempt_id, "resolved", 72, dims(70, apology=90))
    attempt = board.attempt(attempt_id)
    assert (attempt.trainee, attempt.team, attempt.mode) == ("Ann Lee", "Red", "assessment")
    assert (attempt.outcome, attempt.overall, attempt.finished) == ("resolved", 72, True)
    assert attempt.dimensions["apology"] == 90 and attempt.scenario_hash == "hash-a"
    first, second = attempt.turns
    assert (first.index, first.overall, first.events) == (0, 40, ("excuse", "policy"))
    assert (first.anger_before, first.anger_after) == (80, 70)
    assert first.reply.startswith("reply 0") and first.customer == "customer answer 0"
    assert second.dimensions == dims(75)
    assert attempt.started_at <= attempt.ended_at


def test_each_turn_is_committed_as_it_happens(board, new_store):
    attempt_id = board.start_attempt("Ann", "Red", "gym", "h", "1.0")
    board.record_turn(attempt_id, make_turn(0))
    with open_store(new_store("board")) as other:  # another process's view of the store
        assert len(other.attempt(attempt_id).turns) == 1


def test_an_unfinished_attempt_reads_back_as_abandoned_with_its_turns(board):
    attempt_id = play(board, turns=2, finish=False)
    attempt = board.attempt(attempt_id)
    assert (attempt.outcome, attempt.overall, attempt.ended_at) == ("abandoned", None, None)
    assert len(attempt.turns) == 2


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("", "Red", "gym", "h", "1.0", "practice"), "trainee name is empty"),
        (("Ann", "Red\x07", "gym", "h", "1.0", "practice"), "team name contains control"),
        (("A" * 101, "Red", "gym", "h", "1.0", "practice"), "longer than 100"),
        (("Ann", "Red", "gym", "h", "1.0", "exam"), "mode must be one of practice, assessment"),
        (("Ann", "Red", " ", "h", "1.0", "practice"), "scenario id must be non-empty"),
    ],
)
def test_bad_attempt_values_are_refused_with_a_reason(board, arguments, message):
    with pytest.raises(InvalidRecordError, match=message):
        board.start_attempt(*arguments)
    assert board.attempts() == ()


def test_bad_finishes_and_turns_are_refused(board):
    attempt_id = play(board, finish=False, turns=1)
    with pytest.raises(InvalidRecordError, match="turn 0 of attempt .* already recorded"):
        board.record_turn(attempt_id, make_turn(0))
    with pytest.raises(InvalidRecordError, match="overall score must be a whole number"):
        board.finish_attempt(attempt_id, "resolved", 120, dims())
    with pytest.raises(InvalidRecordError, match="outcome must be one of"):
        board.finish_attempt(attempt_id, "ongoing", 50, dims())
    with pytest.raises(InvalidRecordError, match="dimensions is missing empathy"):
        board.finish_attempt(attempt_id, "resolved", 50, {"listening": 50})
    board.finish_attempt(attempt_id, "resolved", 50, dims())
    with pytest.raises(InvalidRecordError, match="already finished"):
        board.finish_attempt(attempt_id, "resolved", 60, dims())
    with pytest.raises(InvalidRecordError, match="already finished"):
        board.record_turn(attempt_id, make_turn(1))
    with pytest.raises(UnknownAttemptError):
        board.record_turn("00000000-0000-0000-0000-000000000000", make_turn(0))
    assert board.leaderboard()[0].best_overall == 50  # the refused finishes changed nothing


def test_the_same_name_in_two_teams_is_two_trainees(board):
    play(board, "Alex", "Red", overall=60)
    play(board, "Alex", "Blue", overall=70)
    assert board.trainees() == (("Alex", "Blue"), ("Alex", "Red"))
    assert [(r.team, r.best_overall) for r in board.leaderboard()] == [("Blue", 70), ("Red", 60)]
    assert board.teams() == ("Blue", "Red") and board.scenarios() == ("gym",)


def test_a_debrief_finishes_the_attempt(board):
    from simulator.engine.model import Debrief

    attempt_id = play(board, finish=False, turns=1)
    debrief = Debrief(
        scenario_id="gym",
        outcome="walked_out",
        replies_used=1,
        patience=6,
        final_anger=95,
        overall=35,
        dimensions=dims(35),
        turns=(),
        tips=(),
        model_replies=(),
    )
    board.finish_from_debrief(attempt_id, debrief)
    attempt = board.attempt(attempt_id)
    assert (attempt.outcome, attempt.overall, attempt.dimensions) == ("walked_out", 35, dims(35))


def test_leaderboard_limit_keeps_the_best(board):
    for number, overall in enumerate((40, 90, 70)):
        play(board, f"T{number}", "Red", overall=overall, minute=number)
    assert [r.best_overall for r in board.leaderboard(limit=2)] == [90, 70]
