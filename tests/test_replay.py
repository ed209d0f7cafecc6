"""replay: a past attempt found by id or a short prefix, on both backends, printed as a lead
reads it."""

from __future__ import annotations

import pytest
from store_support import play

from simulator.cli import main
from simulator.store import ScoreboardError, open_store


def test_an_attempt_is_found_by_a_unique_prefix(new_store):
    with open_store(new_store()) as board:
        first = play(board, "Ann", "Red", "gym", 70, minute=0)
        second = play(board, "Bob", "Red", "gym", 40, minute=600)
        assert board.find_attempt(first).id == first
        assert board.find_attempt(first[:13].upper()).id == first
        shared = next(i for i in range(36) if first[i] != second[i])
        with pytest.raises(ScoreboardError, match="more than one attempt starts with") as found:
            board.find_attempt(first[:shared])
        assert first in str(found.value) and second in str(found.value)  # both named
        with pytest.raises(ScoreboardError, match="no attempt"):
            board.find_attempt("zz-not-an-id")
        with pytest.raises(ScoreboardError, match="no attempt"):
            board.find_attempt("ffffffff")
        found = board.find_attempt(second[:14])
        assert (found.trainee, len(found.turns)) == ("Bob", 2)


def test_replay_prints_the_transcript_with_scores(tmp_path, capsys):
    db = tmp_path / "board.db"
    with open_store(db) as board:
        attempt = play(board, "Ann", "Red", "gym", 70, minute=0)
    assert main(["replay", attempt[:13], "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert f"=== Attempt {attempt} ===" in out
    assert "Ann (Red) · gym · practice" in out
    assert "Outcome: resolved" in out and "Score: 70/100" in out
    assert "Reply 1 (overall 70; anger 80 -> 70):" in out
    assert "reply 0: I'm sorry, I will refund it" in out
    assert "customer answer 1" in out
    assert main(["replay", "abc", "--db", str(tmp_path / "missing.db")]) == 1
    assert "no scoreboard at" in capsys.readouterr().err


def test_replay_shows_an_assessments_verdict(tmp_path, capsys):
    from store_support import dims

    from simulator.engine.passing import PassRule, judge

    db = tmp_path / "board.db"
    with open_store(db) as board:
        attempt = board.start_attempt("Ann", "Red", "gym", "h", "1.0", "assessment")
        verdict = judge(PassRule(), "assessment", 78, "resolved")
        board.finish_attempt(attempt, "resolved", 78, dims(78), verdict=verdict)
    assert main(["replay", attempt, "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "Passed: 78, pass mark 70, resolved" in out and "(no replies stored)" in out
