"""Assignments on both backends, and where each trainee stands on them (known data set: a team
of three, two scenarios, passes, fails, not started and overdue)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from store_support import dims

from simulator.engine.passing import PassRule, judge
from simulator.store import ScoreboardError, open_store
from simulator.store.assignments import progress


def attempt(board, trainee, scenario, overall, outcome="resolved", mode="assessment", **kw):
    made = board.start_attempt(trainee, "Harbour", scenario, "h", "1.0", mode, **kw)
    verdict = judge(PassRule(), mode, overall, outcome)
    board.finish_attempt(made, outcome, overall, dims(overall), verdict=verdict)
    return made


def test_assignments_are_added_listed_and_removed(new_store):
    with open_store(new_store()) as board:
        board.start_attempt("Ann", "Harbour", "gym", "h", "1.0")  # the team's first spelling
        first = board.assign("harbour ", "gym", date(2027, 1, 15), attempts=2)
        second = board.assign("Dock", "parcel", date(2027, 1, 10), mode="practice")
        assert first.team == "Harbour" and first.attempts == 2 and first.mode == "assessment"
        assert [a.id for a in board.assignments()] == [second.id, first.id]  # by due date
        assert board.assignments("HARBOUR") == (first,)
        with pytest.raises(ScoreboardError, match="no assignment 'zzz'"):
            board.remove_assignment("zzz")
        assert board.remove_assignment(first.id[:8]) == first
        assert board.assignments() == (second,)
        with pytest.raises(ScoreboardError, match="attempts allowed must be 1 or more"):
            board.assign("Dock", "gym", date(2027, 1, 1), attempts=0)


def test_progress_of_a_team_of_three_on_two_assignments(new_store):
    with open_store(new_store()) as board:
        gym = board.assign("Harbour", "gym", date(2027, 1, 15), attempts=2)
        parcel = board.assign("Harbour", "parcel", date(2027, 1, 5))
        later = gym.created_at + timedelta(seconds=1)
        attempt(board, "Ann", "gym", 78, started_at=later)  # passes
        attempt(board, "bob", "gym", 60, started_at=later)  # fails twice: out of attempts
        attempt(board, "Bob", "gym", 65, started_at=later + timedelta(seconds=1))
        attempt(board, "Bob", "gym", 95, started_at=later + timedelta(seconds=2))  # a third
        attempt(board, "Cy", "gym", 90, mode="practice", started_at=later)  # not assessment
        attempt(board, "Ann", "parcel", 99, outcome="abandoned", started_at=later)  # given up
        attempt(board, "Cy", "parcel", 50, started_at=later)  # fails its mark, no limit
        standings = progress(
            board.assignments(), board.trainees("Harbour"), board.attempts(), date(2027, 1, 8)
        )
    table = [(s.assignment.scenario_id, s.trainee, s.status, s.attempts, s.best) for s in standings]
    assert table == [
        ("parcel", "Ann", "overdue", 1, None),
        ("parcel", "bob", "overdue", 0, None),  # as first written
        ("parcel", "Cy", "overdue", 1, 50),
        ("gym", "Ann", "passed", 1, 78),
        ("gym", "bob", "failed", 2, 65),
        ("gym", "Cy", "not started", 0, None),
    ]
    assert parcel.due < gym.due


def test_an_attempt_before_the_assignment_does_not_count(new_store):
    with open_store(new_store()) as board:
        early = attempt(board, "Ann", "gym", 90)
        made = board.assign("Harbour", "gym", date(2027, 1, 15))
        assert board.attempt(early).started_at < made.created_at
        (row,) = progress([made], board.trainees(), board.attempts(), date(2027, 1, 1))
        assert (row.status, row.attempts) == ("not started", 0)
        attempt(board, "Ann", "gym", 40, started_at=made.created_at + timedelta(seconds=1))
        (row,) = progress([made], board.trainees(), board.attempts(), date(2027, 1, 1))
        assert (row.status, row.attempts, row.best) == ("in progress", 1, 40)


def test_assignments_go_through_export_and_import_once(new_store, tmp_path):
    source = tmp_path / "site.json"
    with open_store(new_store("site")) as site:
        made = site.assign("Harbour", "gym", date(2027, 1, 15), attempts=2)
        attempt(site, "Ann", "gym", 78, started_at=made.created_at + timedelta(seconds=1))
        site.export_to(source)
    with open_store(new_store("lead")) as lead:
        lead.import_files([source])
        lead.import_files([source])  # again: nothing twice
        assert lead.assignments() == (made,)
        (row,) = progress(lead.assignments(), lead.trainees(), lead.attempts(), date(2027, 1, 1))
        assert (row.trainee, row.status) == ("Ann", "passed")


def test_a_malformed_assignment_imports_nothing(new_store, tmp_path):
    import json

    source = tmp_path / "site.json"
    with open_store(new_store("site")) as site:
        site.assign("Harbour", "gym", date(2027, 1, 15))
        attempt(site, "Ann", "gym", 78)
        site.export_to(source)
    document = json.loads(source.read_text(encoding="utf-8"))
    document["assignments"][0]["due"] = "someday"
    source.write_text(json.dumps(document), encoding="utf-8")
    with open_store(new_store("lead")) as lead:
        with pytest.raises(ScoreboardError, match="assignment 1"):
            lead.import_files([source])
        assert lead.assignments() == () and lead.attempts() == ()
