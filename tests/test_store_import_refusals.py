"""Issue 18: a malformed import is refused whole, in one line that names what is wrong and quotes
no more than a short excerpt of it. One fixture per failure mode in tests/fixtures/imports/."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.store import open_store

FIXTURES = Path(__file__).parent / "fixtures" / "imports"


def checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "board.db"
    with open_store(path):
        pass
    return path


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("duplicate-id-different-content.json", "attempts 1 and 3: both have id"),
        ("deep-nesting-in-turn.json", "nested too deeply"),
        ("huge-integer.json", "attempt 2: holds a number with more than 4,300 digits"),
        ("huge-reply.json", 'field "reply" is 300,000 characters long'),
        ("date-before-year-1.json", "is outside the years 1 to 9999 once in UTC"),
        ("year-1.json", "is not between the years 2000 and 2099"),
        ("ended-before-started.json", 'field "ended_at" "2026-03-01T08:00:00.000000+00:00" is'),
        ("lone-surrogate-reply.json", "not valid Unicode (a lone surrogate"),
    ],
)
def test_a_malformed_import_is_refused_whole_in_one_line(fixture, message, db, capsys):
    with open_store(db) as board:
        before = board.attempts()
    code = main(["import", "--db", str(db), str(FIXTURES / fixture)])
    err = capsys.readouterr().err
    assert code == 1, err
    assert message in err and "nothing was imported" in err
    assert "internal error" not in err
    assert len(err.strip().splitlines()) == 1 and len(err) < 400  # an excerpt, never the value
    with open_store(db) as board:
        assert board.attempts() == before


def test_the_same_attempt_twice_is_harmless(db, capsys):
    assert main(["import", "--db", str(db), str(FIXTURES / "duplicate-id-same-content.json")]) == 0
    assert "2 attempts added, 1 already present" in capsys.readouterr().out


def test_a_huge_bad_value_is_quoted_as_an_excerpt(db, tmp_path, capsys):
    text = (FIXTURES / "duplicate-id-same-content.json").read_text(encoding="utf-8")
    first_id = text.split('"id": "')[1].split('"')[0]
    source = tmp_path / "huge-id.json"
    huge = "\\u001b]52;c;" + "x" * 1_000_000  # JSON for ESC, then a million characters
    source.write_text(text.replace(first_id, huge, 1), encoding="utf-8")
    assert main(["import", "--db", str(db), str(source)]) == 1
    err = capsys.readouterr().err
    assert 'field "id" must be a UUID' in err and "1,000,007 characters" in err
    assert len(err) < 400 and "\x1b" not in err


def test_an_attempt_already_stored_with_other_content_is_refused(db, capsys):
    """The same id as a stored attempt but another trainee and score: a conflict, not a copy."""
    assert main(["import", "--db", str(db), str(FIXTURES / "duplicate-id-same-content.json")]) == 0
    capsys.readouterr()
    before = checksum(db)
    code = main(["import", "--db", str(db), str(FIXTURES / "conflicts-with-stored.json")])
    err = capsys.readouterr().err
    assert code == 1
    assert "attempt 019ca8a0-3e80-79da-aba2-d3fba7debcce is already in this scoreboard" in err
    assert "nothing was imported" in err
    assert checksum(db) == before
