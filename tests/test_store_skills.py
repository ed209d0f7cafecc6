"""Skills by trainee (`Store.skills`, added up in SQL per dialect) give the rows `skill_rows`
works out from the attempt records: case-variant team names are one team, and given-up and
unfinished attempts never count."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from store_support import dims

from simulator.store import Filters, open_store
from simulator.store.skills import skill_rows, trainee_skills, weakest_by_team

AT = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def play(board, trainee, team, scenario, mode, outcome, **scores):
    made = board.start_attempt(trainee, team, scenario, "h", "1.0", mode, started_at=AT)
    if outcome is not None:  # None: never finished
        board.finish_attempt(made, outcome, 50, dims(50, **scores), ended_at=AT)


def fill(board) -> None:
    play(board, "Ann", "Harbour", "gym", "assessment", "resolved", empathy=41, apology=90)
    play(board, "ann", " harbour ", "hotel", "assessment", "walked_out", empathy=44)
    play(board, "Ann", "HARBOUR", "gym", "assessment", "abandoned", empathy=0)  # given up
    play(board, "Bob", "harbour", "gym", "assessment", "resolved", empathy=30, resolution=20)
    play(board, "Bob", "Harbour", "gym", "assessment", None)  # never finished
    play(board, "Bob", "Harbour", "hotel", "practice", "resolved", empathy=99)
    play(board, "Di", "Red", "gym", "assessment", "resolved", listening=12)


@pytest.mark.parametrize(
    "filters",
    [
        Filters(mode="assessment"),
        Filters(),
        Filters(mode="practice"),
        Filters(team=" HARBOUR", mode="assessment"),
        Filters(team="harbour", scenarios=frozenset({"hotel"})),
        Filters(mode="assessment", scenarios=frozenset({"gym", "elsewhere"})),
        Filters(scenario="gym"),
    ],
)
def test_the_database_adds_up_what_the_records_say(new_store, filters):
    with open_store(new_store()) as board:
        fill(board)
        assert trainee_skills(board, filters) == skill_rows(board.attempts(filters))


def test_known_means_one_team_however_written_and_no_given_up_attempt(new_store):
    with open_store(new_store()) as board:
        fill(board)
        rows = trainee_skills(board, Filters(team="harbour", mode="assessment"))
    assert [(r.trainee, r.team, r.attempts) for r in rows] == [
        ("Ann", "Harbour", 2),
        ("Bob", "Harbour", 1),
    ]
    ann, bob = rows
    # Ann's empathy: (41 + 44) / 2; the given-up attempt's 0 is not in it.
    assert ann.means == (50.0, 42.5, 70.0, 50.0, 50.0, 50.0)
    assert bob.means == (50.0, 30.0, 50.0, 50.0, 50.0, 20.0) and bob.weakest == "resolution"
    (harbour,) = weakest_by_team(rows)
    # Per trainee before per team: empathy (42.5 + 30) / 2 = 36.2 against resolution 35.0.
    assert (harbour.team, harbour.skill, harbour.mean, harbour.trainees) == (
        "Harbour",
        "resolution",
        35.0,
        2,
    )


@pytest.mark.parametrize(
    "total, count, expected",
    [(85, 2, 42.5), (169, 4, 42.3), (100, 3, 33.3), (200, 3, 66.7), (0, 5, 0.0), (500, 5, 100.0)],
)
def test_a_mean_is_the_nearest_tenth_a_half_up(total, count, expected):
    from simulator.store.skills import means

    assert means([total], count) == (expected,)
