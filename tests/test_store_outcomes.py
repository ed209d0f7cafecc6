"""Given-up attempts and the `unresolved` outcome, on both backends."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from store_support import T0, play

from simulator.store import FINISHED_OUTCOMES, Filters, open_store

EVERYTHING = Filters(since=T0 - timedelta(days=1))  # the same data, through the attempts


@pytest.fixture
def board(new_store):
    with open_store(new_store("board")) as opened:
        yield opened


def test_a_given_up_attempt_is_never_a_trainees_best(board):
    play(board, "Ann", "Red", "gym", 90, outcome="abandoned", minute=0)
    play(board, "Ann", "Red", "gym", 60, minute=5)
    play(board, "Bob", "Red", "gym", 99, outcome="abandoned", minute=9)  # only given up
    for filters in (Filters(), EVERYTHING, Filters(scenario="gym"), Filters(mode="practice")):
        rows = board.leaderboard(filters)
        assert [(r.trainee, r.best_overall, r.attempts, r.outcome) for r in rows] == [
            ("Ann", 60, 1, "resolved")
        ]


def test_views_can_leave_given_up_attempts_out(board):
    play(board, "Ann", "Red", "gym", 90, outcome="abandoned", minute=0)
    play(board, "Ann", "Red", "gym", 60, minute=5)
    play(board, "Cy", "Blue", "gym", 40, outcome="walked_out", minute=7)
    play(board, "Di", "Blue", "gym", 0, finish=False, minute=8)
    (red,) = [row for row in board.team_comparison() if row.key == "Red"]
    assert (red.attempts, red.mean_overall, red.trainees) == (2, 75.0, 1)
    without = Filters(without_abandoned=True)
    dated_without = Filters(since=EVERYTHING.since, without_abandoned=True)
    rows = board.team_comparison(without)
    assert [(r.key, r.attempts, r.mean_overall, r.trainees) for r in rows] == [
        ("Blue", 1, 40.0, 1),
        ("Red", 1, 60.0, 1),
    ]
    assert board.team_comparison(dated_without) == rows
    assert board.team_comparison(EVERYTHING) == board.team_comparison()
    assert board.compare("scenario", dated_without) == board.compare("scenario", without)
    (series,) = board.progress("Ann", "Red", without)
    assert [point.overall for point in series.points] == [60]
    (series,) = board.progress("Ann", "Red")
    assert [point.overall for point in series.points] == [90, 60]
    assert {a.trainee for a in board.attempts(without)} == {"Ann", "Cy"}
    assert len(board.attempts()) == 4


def test_unresolved_is_a_finished_outcome_on_every_path(board, new_store, tmp_path):
    assert "unresolved" in FINISHED_OUTCOMES
    attempt_id = play(board, "Ann", "Red", "gym", 70, outcome="unresolved", minute=0)
    play(board, "Bob", "Red", "gym", 50, minute=3)
    assert board.attempt(attempt_id).outcome == "unresolved"
    (best, second) = board.leaderboard()
    assert (best.trainee, best.outcome) == ("Ann", "unresolved")
    (red,) = board.team_comparison()
    assert (red.attempts, red.resolved) == (2, 1)  # calm but not fixed: not resolved
    assert board.team_comparison(EVERYTHING) == board.team_comparison()
    export = tmp_path / "unresolved.json"
    board.export_to(export)
    records = json.loads(export.read_text(encoding="utf-8"))["attempts"]
    assert {r["outcome"] for r in records} == {"unresolved", "resolved"}
    with open_store(new_store("other")) as other:
        assert other.import_files([export]).added == 2
        assert other.attempt(attempt_id).outcome == "unresolved"
        assert other.leaderboard() == board.leaderboard()
