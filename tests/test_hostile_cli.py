"""Issue 18: text from scenario files, names, replies and the database never acts on a terminal.

Every command is run on data carrying ESC [31m, the C1 CSI (U+009B), BEL, an OSC 0 title and an
OSC 52 clipboard write; none of those characters may reach stdout or stderr raw, and the text is
still shown (as `\\x1b` ...), so a lead can see what was there.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from store_support import play

from simulator.cli import main
from simulator.store import open_store
from simulator.store.names import name_key
from simulator.text_safety import csv_cell, json_text, visible

HOSTILE_DIR = Path(__file__).parent / "fixtures" / "hostile"
HOSTILE = (
    "\x1b[31mRED\x1b[0m \x9b31m BEL\x07 \x1b]0;pwned-title\x07 \x1b]52;c;aGFja2Vk\x07"
    " [@click=app.quit]q[/] [link=https://x.test]l[/]"
)
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


@pytest.fixture
def world(tmp_path, monkeypatch):
    """A library folder with the hostile scenario and a broken one, a scoreboard with hostile
    names, a file of hostile replies, and a batch of them."""
    monkeypatch.setenv("RECOVERY_SIM_DB", str(tmp_path / "default.db"))
    library = tmp_path / "library"
    library.mkdir()
    shutil.copy(HOSTILE_DIR / "escapes.yaml", library / "escapes.yaml")
    broken = tmp_path / "broken"
    broken.mkdir()
    shutil.copy(HOSTILE_DIR / "broken-escapes.yaml.txt", broken / "broken.yaml")
    with open_store(tmp_path / "board.db") as board:
        attempt = play(board, "Ann", "Red", "hostile-escapes", 60)
        board.assign("Red", "hostile-escapes", date(2027, 1, 15))
    (tmp_path / "attempt-id").write_text(str(attempt)[:8], encoding="utf-8")
    with open_store(tmp_path / "board.db") as board:
        play(board, '=HYPERLINK("http://x.test")', "+Blue", "gym", 40, minute=5)
    plant_hostile_names(tmp_path / "board.db")
    (tmp_path / "replies.txt").write_text(f"I'm so sorry. {HOSTILE}\n", encoding="utf-8")
    batch = [{"reply": f"Sorry {HOSTILE}", "customer": HOSTILE}, {"reply": 3, "x": HOSTILE}]
    (tmp_path / "batch.jsonl").write_text(
        "\n".join(json.dumps(item) for item in batch) + "\n", encoding="utf-8"
    )
    (tmp_path / "import.json").write_text(json.dumps({HOSTILE: HOSTILE}), encoding="utf-8")
    return tmp_path


def plant_hostile_names(path: Path) -> None:
    """Names the store would refuse today, as an older version or another writer left them."""
    with sqlite3.connect(path) as db:
        db.execute(
            "UPDATE trainees SET name = ?, team = ?, name_key = ?, team_key = ? WHERE name = 'Ann'",
            (ANN, RED, name_key(ANN), name_key(RED)),
        )
        db.execute("UPDATE team_totals SET team = ? WHERE team = 'Red'", (RED,))
        db.execute(
            "UPDATE assignments SET team = ?, team_key = ? WHERE team = 'Red'", (RED, name_key(RED))
        )


ANN, RED = f"Ann {HOSTILE}", f"Red {HOSTILE}"

COMMANDS = {
    "list": ["list", "--scenarios", "{t}/library", "--scenarios", "{t}/broken"],
    "validate-library": ["validate", "{t}/library", "{t}/broken"],
    "validate-file": ["validate", "--strict", "{t}/library/escapes.yaml"],
    "score": ["score", "--scenario", "{t}/library/escapes.yaml", f"Sorry {HOSTILE}"],
    "score-json": ["score", "--json", "--customer", HOSTILE, f"Sorry {HOSTILE}"],
    "score-batch": ["score", "--batch", "{t}/batch.jsonl"],
    "score-missing-scenario": ["score", "--scenario", HOSTILE, "sorry"],
    "calibrate": ["calibrate", "{t}/library/escapes.yaml"],
    "play": ["play", "--scenario", "{t}/library/escapes.yaml", "--replies", "{t}/replies.txt"],
    "play-json": [
        "play",
        "--scenario",
        "{t}/library/escapes.yaml",
        "--replies",
        "{t}/replies.txt",
        "--json",
    ],
    "scoreboard-table": ["scoreboard", "--db", "{t}/board.db"],
    "scoreboard-csv": ["scoreboard", "--db", "{t}/board.db", "--format", "csv"],
    "scoreboard-json": ["scoreboard", "--db", "{t}/board.db", "--format", "json"],
    "scoreboard-teams": ["scoreboard", "--db", "{t}/board.db", "--by", "team"],
    "scoreboard-progress": ["scoreboard", "--db", "{t}/board.db", "--trainee", ANN],
    "scoreboard-bad-date": ["scoreboard", "--db", "{t}/board.db", "--since", HOSTILE],
    "argparse-error": ["scoreboard", "--by", HOSTILE],
    "import": ["import", "--db", "{t}/board.db", "{t}/import.json"],
    "progress": [
        "progress",
        "--db",
        "{t}/board.db",
        "--scenarios",
        "{t}/library",
        "--today",
        "2027-01-10",
    ],
    "progress-csv": ["progress", "--db", "{t}/board.db", "--today", "2027-01-10", "--csv"],
    "progress-team": ["progress", "--db", "{t}/board.db", "--team", HOSTILE],
    "replay": ["replay", "--db", "{t}/board.db", "{attempt}"],
    "replay-unknown": ["replay", "--db", "{t}/board.db", HOSTILE],
    "export-error": ["export", "--db", "{t}/board.db", f"{{t}}/{HOSTILE[:10]}/out.json"],
    "export-exists": ["export", "--db", "{t}/board.db", "{t}/import.json"],
    "assign-list": ["assign", "--db", "{t}/board.db", "--list"],
    "missing-db": ["scoreboard", "--db", f"{{t}}/{HOSTILE[:8]}/x.db"],
}


@pytest.mark.parametrize("name", COMMANDS)
def test_no_control_character_reaches_the_terminal(name, world, capsys):
    attempt = (world / "attempt-id").read_text(encoding="utf-8")
    args = [arg.replace("{t}", str(world)).replace("{attempt}", attempt) for arg in COMMANDS[name]]
    try:
        main(args)
    except SystemExit:  # argparse's own errors
        pass
    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert output.strip(), "the command printed nothing"
    raw = RAW.findall(output)
    assert not raw, f"raw control characters reached the terminal: {raw[:5]}"


@pytest.mark.parametrize(
    "name", ["list", "validate-library", "scoreboard-table", "play", "progress", "replay"]
)
def test_the_hostile_text_is_still_shown_escaped(name, world, capsys):
    attempt = (world / "attempt-id").read_text(encoding="utf-8")
    assert main(
        [a.replace("{t}", str(world)).replace("{attempt}", attempt) for a in COMMANDS[name]]
    ) in (0, 1)
    captured = capsys.readouterr()
    assert "\\x1b[31mRED" in captured.out + captured.err


def test_csv_cells_never_start_a_formula(world, capsys):
    main(["scoreboard", "--db", str(world / "board.db"), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {r["trainee"] for r in rows} >= {'\'=HYPERLINK("http://x.test")'}
    assert {r["team"] for r in rows} >= {"'+Blue"}
    assert not any(cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r.values())


def test_json_stays_valid_and_keeps_the_data(world, capsys):
    main(["scoreboard", "--db", str(world / "board.db"), "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    assert ANN in {row["trainee"] for row in document["rows"]}


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b[31m", "\\x1b[31m"),
        ("a\x9bb", "a\\x9bb"),
        ("bell\x07", "bell\\x07"),
        ("del\x7f", "del\\x7f"),
        ("\x00\x85", "\\x00\\x85"),
        ("half \ud800 pair", "half \ufffd pair"),
        ("line\nnext\ttab", "line\nnext\ttab"),
        ("café [b]x[/b]", "café [b]x[/b]"),
    ],
)
def test_visible(text, shown):
    assert visible(text) == shown
    assert visible(shown) == shown  # twice changes nothing


def test_csv_cell_and_json_text():
    assert [csv_cell(v) for v in ("=1+1", "-2", "@x", "+a", "ok", -3, None)] == [
        "'=1+1",
        "'-2",
        "'@x",
        "'+a",
        "ok",
        -3,
        None,
    ]
    assert json.loads(json_text({"k": "\x9b\x7f"})) == {"k": "\x9b\x7f"}
    assert not RAW.search(json_text({"k": "\x9b\x7f\ud800\x1b"}))
