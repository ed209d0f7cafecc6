"""The scoreboard, export and import subcommands as a team lead uses them."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from store_support import play

from simulator.cli import main
from simulator.store import open_store
from simulator.store.sqlite.schema import TURN_FIELDS

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def db(tmp_path, monkeypatch):
    """A scoreboard with two teams and both modes; the environment points elsewhere."""
    monkeypatch.setenv("RECOVERY_SIM_DB", str(tmp_path / "not-this-one.db"))
    path = tmp_path / "board.db"
    with open_store(path) as board:
        play(board, "Ann", "Red", "gym", 60, minute=0)
        play(board, "Ann", "Red", "gym", 85, minute=10, mode="assessment")
        play(board, "Bob", "Red", "parcel", 40, outcome="walked_out", minute=20)
        play(board, 'Cy, "the new one"', "Blue", "gym", 70, minute=30)
        play(board, "[red]Di[/red]", "Blue", "gym", 99, finish=False)
    return path


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_leaderboard_as_csv_reads_back_with_the_csv_module(db, capsys):
    code, out, _ = run(capsys, "scoreboard", "--format", "csv", "--db", str(db))
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["trainee"], r["best"], r["attempts"]) for r in rows] == [
        ("Ann", "85", "2"),
        ('Cy, "the new one"', "70", "1"),
        ("Bob", "40", "1"),
    ]


def test_team_comparison_as_json_reads_back_with_json_load(db, capsys, tmp_path):
    args = ("scoreboard", "--by", "team", "--mode", "any", "--format", "json", "--db", str(db))
    code, out, _ = run(capsys, *args)
    assert code == 0
    target = tmp_path / "teams.json"
    target.write_text(out, encoding="utf-8")
    with target.open(encoding="utf-8") as handle:
        document = json.load(handle)
    teams = {row["team"]: row for row in document["rows"]}
    assert (teams["Red"]["trainees"], teams["Red"]["attempts"]) == (2, 3)
    assert teams["Red"]["resolved_pct"] == pytest.approx(66.7)
    assert teams["Blue"]["mean_overall"] == 70.0 and "empathy" in teams["Blue"]


def test_filters_narrow_the_view(db, capsys):
    args = ("scoreboard", "--format", "csv", "--db", str(db))
    _, out, _ = run(capsys, *args, "--mode", "practice", "--team", "Red")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["trainee"], r["best"]) for r in rows] == [("Ann", "60"), ("Bob", "40")]
    _, out, _ = run(capsys, *args, "--by", "scenario", "--scenario", "gym")
    assert [r["scenario"] for r in csv.DictReader(io.StringIO(out))] == ["gym"]
    _, out, _ = run(capsys, *args, "--until", "2026-03-01T09:05")
    assert [r["trainee"] for r in csv.DictReader(io.StringIO(out))] == ["Ann"]


def test_limit_shows_the_top_rows(db, capsys):
    _, out, _ = run(capsys, "scoreboard", "--limit", "2", "--format", "csv", "--db", str(db))
    assert [r["trainee"] for r in csv.DictReader(io.StringIO(out))] == ["Ann", 'Cy, "the new one"']


def test_progress_of_one_trainee(db, capsys):
    _, out, _ = run(capsys, "scoreboard", "--trainee", "Ann", "--format", "csv", "--db", str(db))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["scenario"], r["overall"], r["mode"]) for r in rows] == [
        ("gym", "60", "practice"),
        ("gym", "85", "assessment"),
    ]


def test_table_shows_names_as_plain_text_and_marks_in_words(db, capsys, tmp_path):
    with open_store(db) as board:
        play(board, "Eve", "Blue", "gym", 95, scorer_version="0.9", minute=40)
    code, out, _ = run(capsys, "scoreboard", "--db", str(db))
    assert code == 0
    eve = next(line for line in out.splitlines() if "Eve" in line)
    ann = next(line for line in out.splitlines() if "Ann" in line)
    assert "other scorer" in eve and "other scorer" not in ann  # this scorer's version is not
    assert "note: 'other scorer' = scored by another scorer version" in out
    open_store(tmp_path / "empty.db").close()
    _, out, _ = run(capsys, "scoreboard", "--db", str(tmp_path / "empty.db"))
    assert "no finished attempts match" in out


def test_an_empty_comparison_says_practice_is_left_out_by_default(db, capsys):
    """A lead whose team only practised saw "No finished attempts" and no reason why."""
    _, out, _ = run(capsys, "scoreboard", "--by", "team", "--team", "Nobody", "--db", str(db))
    assert "assessment attempts" in out and "no finished attempts match" in out
    assert "--mode practice or --mode any" in out
    args = ("--by", "team", "--team", "Nobody", "--mode", "any", "--db", str(db))
    _, out, _ = run(capsys, "scoreboard", *args)
    assert "--mode practice" not in out


def test_export_then_import_twice_reports_added_and_present(db, capsys, tmp_path):
    export = tmp_path / "east.json"
    assert run(capsys, "export", str(export), "--db", str(db))[1] == (
        f"exported 5 attempts to {export}\n"
    )
    other = str(tmp_path / "other.db")
    assert run(capsys, "import", str(export), "--db", other)[1] == (
        "5 attempts added, 0 already present\n"
    )
    assert run(capsys, "import", str(export), "--db", other)[1] == (
        "0 attempts added, 5 already present\n"
    )
    code, _, err = run(capsys, "export", str(export), "--db", str(db))
    assert code == 1 and "already exists; choose another name or add --force" in err
    assert run(capsys, "export", str(export), "--force", "--db", str(db))[0] == 0


def test_a_big_import_says_it_may_take_a_while(db, capsys, tmp_path, monkeypatch):
    from simulator.cli import cmd_import

    export = tmp_path / "east.json"
    run(capsys, "export", str(export), "--db", str(db))
    other = str(tmp_path / "other.db")
    _, _, err = run(capsys, "import", str(export), "--db", other)
    assert err == ""  # a small file imports without a notice
    monkeypatch.setattr(cmd_import, "NOTICE_BYTES", export.stat().st_size - 1)
    code, out, err = run(capsys, "import", str(export), "--db", other)
    assert code == 0 and out == "0 attempts added, 5 already present\n"
    assert "this can take a minute" in err


def test_the_environment_variable_selects_the_database(db, capsys, monkeypatch):
    monkeypatch.setenv("RECOVERY_SIM_DB", str(db))
    _, out, _ = run(capsys, "scoreboard", "--format", "csv")
    assert "Ann" in out


def cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "run.py"), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **env},
        timeout=60,
    )


def test_errors_are_one_line_without_a_traceback(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("not a database\n", encoding="utf-8")
    bad = tmp_path / "bad.json"
    header = {"format": "recovery-sim-scoreboard", "version": 1, "turn_fields": list(TURN_FIELDS)}
    bad.write_text(json.dumps({**header, "attempts": [{}]}), encoding="utf-8")
    env = {"RECOVERY_SIM_DB": str(tmp_path / "board.db")}
    for args, expected in [
        (("scoreboard", "--db", str(text)), f"{text} is not a recovery-sim scoreboard"),
        (("import", str(bad)), 'attempt 1: field "id" must be a UUID'),
        (("import", str(tmp_path / "nope.json")), "nope.json: file: not found"),
        (("scoreboard", "--since", "last week"), "--since 'last week' is not a date"),
        (("export", str(tmp_path)), "is a folder; give a file name"),
    ]:
        result = cli(*args, env=env)
        assert result.returncode == 1, args
        assert result.stderr.startswith("recovery-sim: error: ")
        assert expected in result.stderr and len(result.stderr.splitlines()) == 1
        assert "Traceback" not in result.stderr


def test_play_records_the_attempt_for_the_scoreboard(tmp_path, capsys, new_store):
    replies = tmp_path / "replies.txt"
    replies.write_text(
        "I'm so sorry you were charged in April and May after you cancelled.\n"
        "That's our mistake. I'll refund both payments today.\n",
        encoding="utf-8",
    )
    db = new_store()  # a file or a server (the server's URL used to end in a traceback)
    args = ["play", "--scenario", "gym-billing-after-cancel", "--replies", str(replies)]
    who = ("--trainee", "Priya", "--team", "East", "--mode", "assessment")
    code, _, err = run(capsys, *args, *who, "--db", db)
    assert code == 0 and f"recorded for Priya (East) in {db}" in err
    again = ("--trainee", " priya ", "--team", "EAST", "--mode", "practice")
    code, _, err = run(capsys, *args, *again, "--db", db)  # said as the scoreboard spells them
    assert code == 0 and f"recorded for Priya (East) in {db}" in err
    with open_store(db) as board:
        (attempt, _) = sorted(board.attempts(), key=lambda a: a.mode)
        assert (attempt.trainee, attempt.team, attempt.scenario_id) == (
            "Priya",
            "East",
            "gym-billing-after-cancel",
        )
        assert attempt.finished and len(board.attempt(attempt.id).turns) == 2
        assert attempt.mode == "assessment"
        assert len(attempt.scenario_hash) == 64
    _, out, _ = run(capsys, "scoreboard", "--format", "csv", "--db", db)
    (row,) = list(csv.DictReader(io.StringIO(out)))
    assert row["trainee"] == "Priya" and row["note"] == ""


def test_given_up_attempts_are_left_out_of_the_team_totals_unless_asked_for(db, capsys):
    with open_store(db) as board:
        play(board, "Ann", "Red", "gym", 95, outcome="abandoned", minute=40)
    args = ("scoreboard", "--by", "team", "--mode", "any", "--format", "csv", "--db", str(db))
    _, out, _ = run(capsys, *args, "--with-abandoned")
    red = [r for r in csv.DictReader(io.StringIO(out)) if r["team"] == "Red"]
    for without in ((), ("--without-abandoned",)):  # left out by default
        _, out, _ = run(capsys, *args, *without)
        red_without = [r for r in csv.DictReader(io.StringIO(out)) if r["team"] == "Red"]
        assert (red[0]["attempts"], red_without[0]["attempts"]) == ("4", "3")
    _, out, _ = run(capsys, "scoreboard", "--format", "csv", "--db", str(db))
    ann = [r for r in csv.DictReader(io.StringIO(out)) if r["trainee"] == "Ann"]
    assert (ann[0]["best"], ann[0]["attempts"]) == ("85", "2")  # the given-up 95 is no best


@pytest.mark.parametrize(
    "command", [("scoreboard",), ("scoreboard", "--by", "team"), ("export", "out.json")]
)
def test_read_only_commands_on_a_missing_path_say_so_and_create_nothing(
    command, tmp_path, capsys, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "board.db").write_bytes(b"")  # a nearby file the message suggests
    missing = tmp_path / "typo" / "bord.db"
    code, out, err = run(capsys, *command, "--db", str(missing))
    assert code == 1
    assert f"no scoreboard at {missing}" in err
    assert not missing.parent.exists()
    assert not (tmp_path / "out.json").exists()
    code, _, err = run(capsys, *command, "--db", str(tmp_path / "bord.db"))
    assert code == 1 and "did you mean board.db" in err
    assert not (tmp_path / "bord.db").exists()


def test_comparisons_are_of_assessments_by_default_and_flag_small_samples(db, capsys):
    args = ("scoreboard", "--by", "team", "--format", "csv", "--db", str(db))
    _, out, _ = run(capsys, *args)
    rows = {r["team"]: r for r in csv.DictReader(io.StringIO(out))}
    assert list(rows) == ["Red"]  # Blue has no assessment attempt
    assert (rows["Red"]["attempts"], rows["Red"]["mean_overall"]) == ("1", "85.0")
    assert rows["Red"]["note"] == "1 attempt"
    _, out, _ = run(capsys, *args, "--mode", "practice")
    rows = {r["team"]: r for r in csv.DictReader(io.StringIO(out))}
    assert rows["Red"]["attempts"] == "2" and rows["Red"]["note"] == "2 attempts"
    _, out, _ = run(capsys, "scoreboard", "--by", "team", "--db", str(db))
    assert "Comparison by team: assessment attempts" in out
    assert "'N attempts' = too few" in out


def test_a_lead_assigns_and_sees_progress(db, capsys, tmp_path):
    from datetime import date

    with open_store(db) as board:
        made = board.assign("red", "gym", date(2027, 1, 15), attempts=2)
    code, out, _ = run(capsys, "assign", "--list", "--db", str(db))
    assert code == 0 and f"{made.id[:8]}  Red: gym (assessment) by 2027-01-15, 2 attempts" in out
    code, out, _ = run(
        capsys, "progress", "--team", "RED", "--today", "2027-01-20", "--db", str(db)
    )
    assert code == 0
    lines = [line.split() for line in out.splitlines()]
    assert ["Red", "gym", "2027-01-15", "Ann", "overdue", "0/2"] in lines  # assigned after
    assert "0 not started, 0 in progress, 0 passed, 0 failed, 2 overdue" in out
    assert "behind: Ann, Bob" in out
    code, _, err = run(capsys, "assign", "--team", "Red", "--scenario", "gym", "--db", str(db))
    assert code == 1 and "assign needs --due" in err
    code, out, _ = run(capsys, "assign", "--remove", made.id[:6], "--db", str(db))
    assert code == 0 and out.startswith("removed ")
    code, out, _ = run(capsys, "progress", "--db", str(db))
    assert "No assignments." in out


def test_progress_names_a_team_whose_trainees_have_not_played_yet(db, capsys):
    """An assignment to a new team listed nobody and said nothing: it looked broken."""
    from datetime import date

    with open_store(db) as board:
        board.assign("Dock", "gym", date(2027, 1, 15))
        board.assign("Red", "gym", date(2027, 1, 15))
    code, out, _ = run(capsys, "progress", "--today", "2027-01-01", "--db", str(db))
    assert code == 0 and "Ann" in out
    assert "Dock: nobody listed yet; a trainee appears once they have played" in out
    assert "Red: nobody" not in out  # Red's trainees have played: they are listed


def test_skills_by_trainee_count_assessments_of_every_spelling_without_given_up(db, capsys):
    with open_store(db) as board:
        play(board, "ann ", "RED", "gym", 65, minute=40, mode="assessment")
        play(board, "Ann", "Red", "gym", 99, minute=50, mode="assessment", outcome="abandoned")
    args = ("scoreboard", "--by", "skill", "--format", "csv", "--db", str(db))
    _, out, _ = run(capsys, *args)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["trainee"], r["team"], r["attempts"]) for r in rows] == [("Ann", "Red", "2")]
    (ann,) = rows
    assert (ann["listening"], ann["resolution"]) == ("75.0", "37.0")  # (85+65)/2, (42+32)/2
    assert (ann["weakest"], ann["note"]) == ("resolution", "2 attempts")
    _, out, _ = run(capsys, *args, "--mode", "any")
    rows = {r["trainee"]: r for r in csv.DictReader(io.StringIO(out))}
    assert sorted(rows) == ["Ann", "Bob", 'Cy, "the new one"']  # Di never finished
    assert rows["Ann"]["attempts"] == "3" and rows["Bob"]["empathy"] == "40.0"
