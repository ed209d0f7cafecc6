"""The views: leaderboard, comparisons and progress, with filters and version marks."""

from __future__ import annotations

from datetime import timedelta

import pytest
from store_support import T0, play

from simulator.store import Filters, Reference, open_store


@pytest.fixture
def board(tmp_path, new_store):
    with open_store(new_store("board")) as opened:
        yield opened


@pytest.fixture
def two_teams(board):
    play(board, "Ann", "Red", "gym", 60, minute=0)
    play(board, "Ann", "Red", "gym", 80, minute=10)
    play(board, "Ann", "Red", "parcel", 90, minute=20, outcome="walked_out")
    play(board, "Bob", "Red", "gym", 70, minute=30, mode="assessment")
    play(board, "Cy", "Blue", "gym", 80, minute=40, outcome="walked_out")
    play(board, "Cy", "Blue", "parcel", 40, minute=50, mode="assessment")
    play(board, "Di", "Blue", "gym", 99, finish=False)
    return board


def test_leaderboard_overall_takes_each_trainees_best_attempt(two_teams):
    rows = two_teams.leaderboard()
    assert [(r.rank, r.trainee, r.best_overall, r.attempts) for r in rows] == [
        (1, "Ann", 90, 3),
        (2, "Cy", 80, 2),
        (3, "Bob", 70, 1),
    ]
    assert rows[0].scenario_id == "parcel"


def test_leaderboard_for_one_scenario_with_tied_scores_shares_the_rank(two_teams):
    rows = two_teams.leaderboard(Filters(scenario="gym"))
    assert [(r.rank, r.trainee, r.best_overall) for r in rows] == [
        (1, "Ann", 80),
        (1, "Cy", 80),
        (3, "Bob", 70),
    ]


def test_leaderboard_filters_by_team_and_mode(two_teams):
    assert [r.trainee for r in two_teams.leaderboard(Filters(team="Blue"))] == ["Cy"]
    rows = two_teams.leaderboard(Filters(mode="assessment"))
    assert [(r.trainee, r.best_overall) for r in rows] == [("Bob", 70), ("Cy", 40)]


def test_unfinished_attempts_never_reach_the_views(two_teams):
    assert "Di" not in [r.trainee for r in two_teams.leaderboard()]
    (unfinished,) = [a for a in two_teams.attempts(Filters(team="Blue")) if a.trainee == "Di"]
    assert (unfinished.outcome, unfinished.finished, unfinished.overall) == (
        "abandoned",
        False,
        None,
    )


def test_team_comparison_counts_and_means(two_teams):
    (red,) = [r for r in two_teams.team_comparison() if r.key == "Red"]
    assert (red.trainees, red.attempts, red.resolved) == (2, 4, 3)
    assert red.mean_overall == pytest.approx((60 + 80 + 90 + 70) / 4, abs=0.05)
    assert red.dimension_means["empathy"] == pytest.approx(75.0)
    assert red.dimension_means["resolution"] == pytest.approx((30 + 40 + 45 + 35) / 4)
    assert red.resolved_rate == pytest.approx(0.75)


def test_comparison_by_scenario(two_teams):
    rows = {r.key: r for r in two_teams.compare("scenario")}
    assert set(rows) == {"gym", "parcel"}
    assert (rows["gym"].trainees, rows["gym"].attempts) == (3, 4)
    assert (rows["parcel"].trainees, rows["parcel"].attempts) == (2, 2)


def test_date_range_restricts_every_view(two_teams):
    window = Filters(since=T0 + timedelta(minutes=5), until=T0 + timedelta(minutes=35))
    assert [(r.trainee, r.best_overall) for r in two_teams.leaderboard(window)] == [
        ("Ann", 90),
        ("Bob", 70),
    ]
    (red,) = two_teams.team_comparison(window)
    assert (red.key, red.attempts, red.trainees) == ("Red", 3, 2)
    (series,) = [s for s in two_teams.progress("Ann", filters=window) if s.scenario_id == "gym"]
    assert [p.overall for p in series.points] == [80]


def test_progress_is_per_scenario_oldest_first(two_teams):
    series = {s.scenario_id: s for s in two_teams.progress("Ann", "Red")}
    assert [p.overall for p in series["gym"].points] == [60, 80]
    assert [p.overall for p in series["parcel"].points] == [90]


def test_other_scorer_versions_and_changed_scenarios_are_marked(board):
    play(board, "Ann", "Red", "gym", 60, scorer_version="1.0")
    play(board, "Bob", "Red", "gym", 95, scorer_version="1.0", minute=1)
    play(board, "Cy", "Red", "gym", 99, scorer_version="0.9", minute=2)
    play(board, "Di", "Red", "gym", 98, scenario_hash="hash-old", scorer_version="1.0", minute=3)
    marks = {r.trainee: (r.other_scorer, r.other_scenario_version) for r in board.leaderboard()}
    assert marks == {
        "Ann": (False, False),
        "Bob": (False, False),
        "Cy": (True, False),
        "Di": (False, True),
    }
    (red,) = board.team_comparison()
    assert red.marked_attempts == 2
    explicit = Reference(scorer_version="0.9")  # as if 0.9 were the running scorer
    marked = {r.trainee for r in board.leaderboard(reference=explicit) if r.marked}
    assert marked == {"Ann", "Bob", "Di"}
