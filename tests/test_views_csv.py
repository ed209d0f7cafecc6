"""CSV of the lead's views for spreadsheets: `progress --csv` and `scoreboard --by skill --csv`,
with names typed by trainees kept from running as formulas."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

from store_support import dims

from simulator.cli import main
from simulator.engine.passing import PassRule, judge
from simulator.store import open_store


def attempt(board, trainee, scenario, overall, *, at, team="Harbour", outcome="resolved"):
    made = board.start_attempt(trainee, team, scenario, "h", "1.0", "assessment", started_at=at)
    verdict = judge(PassRule(), "assessment", overall, outcome)
    board.finish_attempt(made, outcome, overall, dims(overall), verdict=verdict)
    return made


def rows_of(capsys, *args):
    assert main(list(args)) == 0
    return list(csv.reader(io.StringIO(capsys.readouterr().out)))


FORMULA = '\'=HYPERLINK("http://x")'  # as written, with the quote that keeps it text


def test_progress_csv_has_a_row_per_trainee_per_assignment_and_no_formulas(tmp_path, capsys):
    db = str(tmp_path / "board.db")
    with open_store(db) as board:
        gym = board.assign("Harbour", "gym", date(2027, 1, 15), attempts=2)
        board.assign("Harbour", "parcel", date(2027, 1, 5))
        t = gym.created_at + timedelta(seconds=1)
        attempt(board, "Ann", "gym", 78, at=t)
        attempt(board, '=HYPERLINK("http://x")', "gym", 40, at=t)
        attempt(board, "ann", "parcel", 99, at=t, outcome="abandoned")
    table = rows_of(capsys, "progress", "--csv", "--today", "2027-01-08", "--db", db)
    assert table[0] == [
        "team",
        "scenario",
        "due",
        "trainee",
        "status",
        "attempts",
        "allowed",
        "best",
    ]
    assert table[1:] == [
        ["Harbour", "parcel", "2027-01-05", FORMULA, "overdue", "0", "", ""],
        ["Harbour", "parcel", "2027-01-05", "Ann", "overdue", "1", "", ""],
        ["Harbour", "gym", "2027-01-15", FORMULA, "in progress", "1", "2", "40"],
        ["Harbour", "gym", "2027-01-15", "Ann", "passed", "1", "2", "78"],
    ]
    assert rows_of(capsys, "progress", "--csv", "--team", "Dock", "--db", db) == [table[0]]


def test_skill_csv_is_the_skill_table_with_no_formulas(tmp_path, capsys):
    db = str(tmp_path / "board.db")
    with open_store(db) as board:
        start = board.assign("Harbour", "gym", date(2027, 1, 15)).created_at
        attempt(board, "Ann", "gym", 80, at=start)
        attempt(board, "ANN ", "gym", 60, at=start)
        attempt(board, "@SUM(1+1)", "gym", 50, at=start, team="-Dock")
    shortcut = rows_of(capsys, "scoreboard", "--by", "skill", "--csv", "--db", db)
    longhand = rows_of(capsys, "scoreboard", "--by", "skill", "--format", "csv", "--db", db)
    assert shortcut == longhand
    header, *rows = shortcut
    assert header[:3] == ["trainee", "team", "attempts"] and "empathy" in header
    by_name = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    assert sorted(by_name) == ["'@SUM(1+1)", "Ann"]
    assert by_name["Ann"]["attempts"] == "2" and by_name["Ann"]["empathy"] == "70.0"
    assert by_name["'@SUM(1+1)"]["team"] == "'-Dock"
