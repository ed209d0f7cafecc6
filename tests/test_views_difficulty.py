"""`--difficulty` on the lead's views: the skill table and scenario comparison narrow to the
library's scenarios of that difficulty, and `progress` to assignments of them."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

from store_support import dims

from simulator.cli import main
from simulator.engine.passing import PassRule, judge
from simulator.store import open_store

GENTLE, FIRM, HOSTILE = "food-delivery-cold", "gym-billing-after-cancel", "flood-claim-ignored"


def play(board, trainee, scenario, overall, at=None):
    made = board.start_attempt(
        trainee, "Harbour", scenario, "h", "1.0", "assessment", started_at=at
    )
    verdict = judge(PassRule(), "assessment", overall, "resolved")
    board.finish_attempt(made, "resolved", overall, dims(overall), verdict=verdict)


def table(capsys, *args):
    code = main(list(args))
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return list(csv.DictReader(io.StringIO(captured.out)))


def test_skill_and_scenario_views_narrow_to_one_difficulty(tmp_path, capsys):
    db = str(tmp_path / "board.db")
    with open_store(db) as board:
        play(board, "Ann", GENTLE, 90)
        play(board, "Ann", HOSTILE, 30)
        play(board, "Bob", HOSTILE, 50)
    skills = ("scoreboard", "--by", "skill", "--csv", "--db", db)
    every = {r["trainee"]: r for r in table(capsys, *skills)}
    assert every["Ann"]["attempts"] == "2" and every["Ann"]["empathy"] == "60.0"
    hostile = {r["trainee"]: r for r in table(capsys, *skills, "--difficulty", "hostile")}
    assert hostile["Ann"]["attempts"] == "1" and hostile["Ann"]["empathy"] == "30.0"
    assert hostile["Bob"]["empathy"] == "50.0"
    gentle = table(capsys, *skills, "--difficulty", "1")
    assert [(r["trainee"], r["empathy"]) for r in gentle] == [("Ann", "90.0")]
    assert table(capsys, *skills, "--difficulty", "firm") == []
    scenarios = ("scoreboard", "--by", "scenario", "--csv", "--db", db)
    keys = [row[next(iter(row))] for row in table(capsys, *scenarios, "--difficulty", "3")]
    assert keys == [HOSTILE]
    assert len(table(capsys, *scenarios)) == 2


def test_the_leaderboard_team_means_and_a_trainees_progress_narrow_too(new_store, capsys):
    """Every view takes the filter (it was refused on these three): a lead comparing teams on
    hostile scenarios must not see gentle ones counted in, on either store."""
    db = new_store()
    with open_store(db) as board:
        play(board, "Ann", GENTLE, 90)
        play(board, "Ann", HOSTILE, 30)
        play(board, "Bob", HOSTILE, 50)
        play(board, "Bob", FIRM, 70)
    leaders = ("scoreboard", "--csv", "--db", db)
    best = {r["trainee"]: (r["best"], r["scenario"]) for r in table(capsys, *leaders)}
    assert best == {"Ann": ("90", GENTLE), "Bob": ("70", FIRM)}
    hostile = table(capsys, *leaders, "--difficulty", "hostile")
    assert [(r["trainee"], r["best"], r["attempts"]) for r in hostile] == [
        ("Bob", "50", "1"),
        ("Ann", "30", "1"),
    ]
    teams = ("scoreboard", "--by", "team", "--csv", "--db", db)
    (every,) = table(capsys, *teams)
    (harsh,) = table(capsys, *teams, "--difficulty", "3")
    assert (every["attempts"], every["mean_overall"]) == ("4", "60.0")
    assert (harsh["attempts"], harsh["trainees"], harsh["mean_overall"]) == ("2", "2", "40.0")
    assert table(capsys, *teams, "--difficulty", "gentle")[0]["attempts"] == "1"
    mine = ("scoreboard", "--trainee", "Ann", "--csv", "--db", db)
    assert {r["scenario"] for r in table(capsys, *mine)} == {GENTLE, HOSTILE}
    assert {r["scenario"] for r in table(capsys, *mine, "--difficulty", "1")} == {GENTLE}
    main(["scoreboard", "--difficulty", "2", "--db", db])
    assert "difficulty 2 only" in capsys.readouterr().out


def test_a_misspelt_difficulty_is_refused(tmp_path, capsys):
    db = str(tmp_path / "board.db")
    assert main(["scoreboard", "--by", "skill", "--difficulty", "brutal", "--db", db]) == 1
    assert '--difficulty must be 1, 2 or 3 (gentle, firm, hostile), got "brutal"' in (
        capsys.readouterr().err
    )


def test_progress_narrows_to_assignments_of_that_difficulty(tmp_path, capsys):
    db = str(tmp_path / "board.db")
    with open_store(db) as board:
        firm = board.assign("Harbour", FIRM, date(2027, 1, 15))
        board.assign("Harbour", HOSTILE, date(2027, 1, 15))
        play(board, "Ann", FIRM, 80, at=firm.created_at + timedelta(seconds=1))
    args = ("progress", "--csv", "--today", "2027-01-08", "--db", db)
    assert sorted(r["scenario"] for r in table(capsys, *args)) == [HOSTILE, FIRM]
    rows = table(capsys, *args, "--difficulty", "firm")
    assert [(r["scenario"], r["trainee"], r["status"]) for r in rows] == [(FIRM, "Ann", "passed")]
    assert table(capsys, *args, "--difficulty", "gentle") == []


def test_a_set_of_scenarios_is_read_from_the_summaries_as_from_the_attempts(new_store):
    """The leaderboard and comparisons over a set (a difficulty) come from the per-scenario
    summary rows; the same rows as adding up the attempts (a date range that covers them all),
    on both stores."""
    from datetime import datetime, timezone

    from store_support import play as played

    from simulator.store import Filters

    with open_store(new_store()) as board:
        played(board, "Ann", "Red", "gym", 60, minute=0)
        played(board, "ann", "Red", "gym", 70, minute=1)
        played(board, "Ann", "Red", "parcel", 50, minute=2)
        played(board, "Bob", "Red", "parcel", 80, minute=3)
        played(board, "Cy", "Blue", "b2b", 90, minute=4)
        played(board, "Cy", "Blue", "gym", 40, minute=5, outcome="abandoned")
        pair = frozenset({"gym", "parcel"})
        rows = [
            (r.trainee, r.best_overall, r.attempts)
            for r in board.leaderboard(Filters(scenarios=pair))
        ]
        assert rows == [("Bob", 80, 1), ("Ann", 70, 3)]
        since = datetime(2000, 1, 1, tzinfo=timezone.utc)
        for chosen in (pair, frozenset({"gym"}), frozenset({"b2b"}), frozenset()):
            summary, raw = Filters(scenarios=chosen), Filters(scenarios=chosen, since=since)
            assert board.leaderboard(summary) == board.leaderboard(raw)
            for by in ("team", "scenario"):
                assert board.compare(by, summary) == board.compare(by, raw)
        teams = {g.key: g for g in board.compare("team", Filters(scenarios=pair))}
        assert (teams["Red"].attempts, teams["Red"].trainees) == (4, 2)
        assert teams["Blue"].trainees == 0  # Cy only gave up on gym: no trainee counted
