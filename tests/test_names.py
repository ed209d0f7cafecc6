"""Issue 18: names, ids and titles are clean at the door (app, command line, scenario files,
imports): length limits, no control characters, NFC; refusals quote only a short excerpt."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.names import MAX_NAME_LENGTH, check_id, check_title, clean_name, excerpt
from simulator.store import open_store

FIXTURES = Path(__file__).parent / "fixtures" / "names"
DECOMPOSED = unicodedata.normalize("NFD", "Zoë Müller")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("Ann\x1b[31m", "control character (\\x1b at position 4)"),
        ("Ann\x9b1m", "control character (\\x9b at position 4)"),
        ("Ann\x07", "control character (\\x07"),
        ("Ann\x1f", "control character (\\x1f"),  # str.split() would have eaten it silently
        ("A" * (MAX_NAME_LENGTH + 1), "longer than 100 characters"),
        ("   ", "is empty"),
        ("Ann\u202eLee", "cannot be shown"),  # a right-to-left override
    ],
)
def test_bad_names_are_refused_with_a_reason(value, message):
    with pytest.raises(ValueError, match=None) as caught:
        clean_name(value, "trainee name")
    assert message in str(caught.value)
    assert "\x1b" not in str(caught.value) and "\x9b" not in str(caught.value)


def test_names_are_nfc_and_whitespace_collapsed():
    assert clean_name(f"  {DECOMPOSED}\t ", "name") == unicodedata.normalize("NFC", "Zoë Müller")


def test_ids_and_titles():
    assert check_id("gym-billing", "id") == "gym-billing"
    with pytest.raises(ValueError, match="longer than 100"):
        check_id("a" * 10_000_000, "id")
    with pytest.raises(ValueError, match="lowercase"):
        check_id("Gym_Billing", "id")
    with pytest.raises(ValueError, match="control characters"):
        check_title("Hi \x1b]0;x\x07", "title")
    with pytest.raises(ValueError, match="longer than 200"):
        check_title("t" * 201, "title")


def test_excerpt_is_short_and_never_raw():
    shown = excerpt("\x1b" + "x" * 100_000_000)
    assert len(shown) < 80 and "100,000,001 characters" in shown and "\x1b" not in shown


def test_play_refuses_a_bad_trainee_name_before_playing(tmp_path, capsys):
    code = main(
        [
            "play", "--scenario", "gym-billing-after-cancel", "--replies", "-",
            "--trainee", "Ann\x1b]52;c;aGk=\x07", "--team", "Red", "--db", str(tmp_path / "b.db"),
        ]
    )  # fmt: skip
    err = capsys.readouterr().err
    assert code == 1
    assert "--trainee" in err and "control character" in err and "\x1b" not in err
    assert not (tmp_path / "b.db").exists()  # nothing recorded, nothing created


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("control-in-team.json", 'field "team"'),
        ("huge-scenario-id.json", 'field "scenario_id"'),
        ("long-trainee.json", "longer than 100 characters"),
    ],
)
def test_imports_with_bad_names_are_refused_whole(fixture, message, tmp_path, capsys):
    db = tmp_path / "board.db"
    with open_store(db) as board:
        before = board.leaderboard()
    source = FIXTURES / fixture
    code = main(["import", "--db", str(db), str(source)])
    err = capsys.readouterr().err
    assert code != 0
    assert message in err
    assert len(err) < 600  # one line, an excerpt: never the whole value
    with open_store(db) as board:
        assert board.leaderboard() == before


@pytest.mark.parametrize("target", [":memory:", "file::memory:", ":MEMORY:"])
def test_an_in_memory_scoreboard_is_refused_before_anything_is_played(target, tmp_path, capsys):
    replies = tmp_path / "replies.txt"
    replies.write_text("I'm so sorry.\n", encoding="utf-8")
    code = main(
        [
            "play", "--scenario", "gym-billing-after-cancel", "--replies", str(replies),
            "--trainee", "Ann", "--team", "Red", "--db", target,
        ]
    )  # fmt: skip
    captured = capsys.readouterr()
    assert code == 1
    assert "would keep nothing" in captured.err and "recorded" not in captured.out + captured.err
    assert not list(tmp_path.glob("*memory*")) and not Path(target).exists()
