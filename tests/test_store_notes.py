"""Coaching notes on both backends: added by id or prefix, read back as frozen records,
cleaned at the door, through export and import, and shown by `replay` and `note`."""

from __future__ import annotations

import dataclasses
import json

import pytest
from store_support import play

from simulator.cli import main
from simulator.store import Note, ScoreboardError, open_store
from simulator.store.notes import MAX_NOTE_LENGTH


def test_a_note_is_added_by_prefix_and_read_back_oldest_first(new_store):
    with open_store(new_store()) as board:
        attempt = play(board, "Ann", "Red", "gym", 70)
        other = play(board, "Bob", "Red", "gym", 40, minute=600)
        typed = "  Good apology.\r\n\r\nOffer the fix sooner.  "
        first = board.add_note(attempt[:13], typed, "Dana")
        second = board.add_note(attempt, "Second look: well done", " dana   smith ")
        notes = board.notes_for(attempt)
        assert notes == (first, second)
        assert isinstance(notes[0], Note) and first.attempt_id == attempt
        assert first.text == "Good apology.\n\nOffer the fix sooner."
        assert second.author == "dana smith"
        with pytest.raises(dataclasses.FrozenInstanceError):
            notes[0].text = "changed"  # type: ignore[misc]
        assert board.notes_for(other) == ()
        assert board.notes_for("not-an-id") == ()


def test_bad_notes_are_refused_and_nothing_is_stored(new_store):
    with open_store(new_store()) as board:
        attempt = play(board)
        with pytest.raises(ScoreboardError, match="note is empty"):
            board.add_note(attempt, " \n ", "Dana")
        with pytest.raises(ScoreboardError, match=f"at most {MAX_NOTE_LENGTH:,}"):
            board.add_note(attempt, "x" * (MAX_NOTE_LENGTH + 1), "Dana")
        with pytest.raises(ScoreboardError, match="control characters"):
            board.add_note(attempt, "fine \x1b]52;c;aGk=\x07", "Dana")
        with pytest.raises(ScoreboardError, match="note author is empty"):
            board.add_note(attempt, "ok", "   ")
        with pytest.raises(ScoreboardError, match="no attempt"):
            board.add_note("ffffffff", "ok", "Dana")
        assert board.notes_for(attempt) == ()


def test_notes_go_through_export_and_import_once(new_store, tmp_path):
    source = tmp_path / "site.json"
    with open_store(new_store("site")) as site:
        attempt = play(site, "Ann", "Red", "gym", 70)
        note = site.add_note(attempt, "Name the customer's words back to them.", "Dana")
        site.export_to(source)
    assert json.loads(source.read_text(encoding="utf-8"))["notes"][0]["id"] == note.id
    with open_store(new_store("lead")) as lead:
        lead.import_files([source])
        lead.import_files([source])  # again: nothing twice
        (copied,) = lead.notes_for(attempt)
    assert (copied.id, copied.author, copied.text) == (note.id, note.author, note.text)
    assert copied.created_at == note.created_at


def test_an_import_with_a_bad_note_or_one_on_no_attempt_imports_nothing(new_store, tmp_path):
    source = tmp_path / "site.json"
    with open_store(new_store("site")) as site:
        attempt = play(site, "Ann", "Red", "gym", 70)
        site.add_note(attempt, "ok", "Dana")
        site.export_to(source)
    document = json.loads(source.read_text(encoding="utf-8"))
    bad_text, orphan = json.loads(json.dumps(document)), json.loads(json.dumps(document))
    bad_text["notes"][0]["text"] = "\x1b[2J"
    orphan["notes"][0]["attempt_id"] = "00000000-0000-4000-8000-000000000000"
    for number, changed in enumerate((bad_text, orphan)):
        path = tmp_path / f"bad{number}.json"
        path.write_text(json.dumps(changed), encoding="utf-8")
        with open_store(new_store("lead")) as lead:
            with pytest.raises(ScoreboardError, match="note") as caught:
                lead.import_files([path])
            assert "nothing was imported" in str(caught.value)
            assert lead.attempts() == ()


def test_the_note_command_and_replay_show_it(tmp_path, capsys):
    db = tmp_path / "board.db"
    with open_store(db) as board:
        attempt = play(board, "Ann", "Red", "gym", 70)
    args = ["--db", str(db)]
    text = "Great ownership.\nTry naming the date."
    assert main(["note", attempt[:13], text, "--by", "Dana", *args]) == 0
    assert f"noted on attempt {attempt} by Dana" in capsys.readouterr().out
    assert main(["note", attempt, "", "--by", "Dana", *args]) == 1
    assert "note is empty" in capsys.readouterr().err
    assert main(["replay", attempt, *args]) == 0
    out = capsys.readouterr().out
    assert "Coaching notes:" in out and "· Dana:" in out
    assert "  Great ownership.\n  Try naming the date." in out
    assert main(["note", "abc", "x", "--db", str(tmp_path / "missing.db")]) == 1
    assert "no scoreboard at" in capsys.readouterr().err
    assert not (tmp_path / "missing.db").exists()
