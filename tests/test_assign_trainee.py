"""Assignments to named trainees of a team (`assign --trainee NAME`) on both backends: only they
are counted in progress (shown before they first play), only they earn its certificate, and the
name travels through export and import."""

from __future__ import annotations

from datetime import date, timedelta

from store_support import dims

from simulator.cli import main
from simulator.engine.passing import PassRule, judge
from simulator.store import open_store
from simulator.store.assignments import progress


def attempt(board, trainee, overall, at):
    made = board.start_attempt(trainee, "Harbour", "gym", "h", "1.0", "assessment", started_at=at)
    verdict = judge(PassRule(), "assessment", overall, "resolved")
    board.finish_attempt(made, "resolved", overall, dims(overall), verdict=verdict)


def test_an_assignment_to_one_trainee_counts_only_them(new_store, tmp_path):
    source = tmp_path / "site.json"
    with open_store(new_store("site")) as board:
        board.start_attempt("Bob", "Harbour", "parcel", "h", "1.0")
        made = board.assign("harbour", "gym", date(2027, 1, 15), trainee="  ann  ")
        newcomer = board.assign("Harbour", "gym", date(2027, 1, 15), trainee="Zed")
        assert (made.team, made.trainee) == ("Harbour", "ann")
        at = made.created_at + timedelta(seconds=1)
        attempt(board, "Ann", 80, at)  # passes: the certificate is hers
        attempt(board, "Bob", 90, at)  # not assigned to Bob
        standings = progress(
            board.assignments(), board.trainees("Harbour"), board.attempts(), date(2027, 1, 8)
        )
        table = sorted((s.assignment.trainee, s.trainee, s.status) for s in standings)
        assert table == [("Zed", "Zed", "not started"), ("ann", "Ann", "passed")]
        assert [(c.trainee, c.assignment_id) for c in board.certificates()] == [("Ann", made.id)]
        assert {a.id: a.trainee for a in board.assignments()} == {
            made.id: "ann",
            newcomer.id: "Zed",
        }
        board.export_to(source)
    with open_store(new_store("lead")) as lead:
        lead.import_files([source])
        assert {a.id: a.trainee for a in lead.assignments()} == {made.id: "ann", newcomer.id: "Zed"}


def test_assign_trainee_on_the_command_line(tmp_path, capsys):
    db = str(tmp_path / "board.db")
    args = ["assign", "--team", "Harbour", "--scenario", "gym-billing-after-cancel"]
    code = main([*args, "--due", "2027-01-15", "--trainee", "Ann", "--trainee", "Bob", "--db", db])
    out = capsys.readouterr().out
    assert code == 0
    assert out.count("assigned ") == 2 and "Harbour / Ann: gym-billing-after-cancel" in out
    assert main(["assign", "--list", "--db", db]) == 0
    listed = capsys.readouterr().out
    assert "Harbour / Ann:" in listed and "Harbour / Bob:" in listed
    assert main([*args, "--due", "2027-01-15", "--trainee", " ", "--db", db]) == 1
    assert "trainee name" in capsys.readouterr().err


def test_a_due_date_already_gone_by_is_kept_with_a_note(tmp_path, capsys):
    """Found by a new user: a date two days back was accepted without a word."""
    db = str(tmp_path / "board.db")
    args = ["assign", "--team", "Harbour", "--scenario", "gym-billing-after-cancel", "--db", db]
    assert main([*args, "--due", "2020-01-15"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("assigned ")
    assert "note: the due date 2020-01-15 has already gone by, so it is overdue at once" in (
        captured.err
    )
    assert main([*args, "--due", "2999-01-15"]) == 0
    assert "already gone by" not in capsys.readouterr().err
