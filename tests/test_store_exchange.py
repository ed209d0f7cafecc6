"""Export and import: the round trip, idempotence, and the all-or-nothing import."""

from __future__ import annotations

import json
import re

import pytest
from store_support import dims, play, play_sample

from simulator.store import ImportFormatError, Store, open_store
from simulator.store.columns import TURN_FIELDS
from simulator.store.errors import InvalidRecordError
from simulator.store.turn_rows import checked_turns


@pytest.fixture
def source(tmp_path, new_store):
    with open_store(new_store("source")) as board:
        play_sample(board)
        yield board


@pytest.fixture
def export_file(source, tmp_path):
    path = tmp_path / "export.json"
    assert source.export_to(path) == 4
    return path


def count(board: Store) -> int:
    return len(board.attempts())


def test_export_is_json_with_a_format_version_and_every_turn(export_file):
    document = json.loads(export_file.read_text(encoding="utf-8"))
    assert (document["format"], document["version"]) == ("recovery-sim-scoreboard", 1)
    by_trainee = {item["trainee"]: item for item in document["attempts"]}
    assert len(by_trainee["Ann"]["turns"]) == 3
    assert by_trainee["Di"]["ended_at"] is None and by_trainee["Di"]["outcome"] == "abandoned"


def test_import_reproduces_attempts_turns_and_views(source, export_file, tmp_path, new_store):
    with open_store(new_store("other")) as other:
        result = other.import_files([export_file])
        assert (result.added, result.already_present) == (4, 0)
        for attempt in source.attempts():
            assert other.attempt(attempt.id) == source.attempt(attempt.id)
        assert other.leaderboard() == source.leaderboard()
        assert other.team_comparison() == source.team_comparison()


def test_importing_the_same_file_twice_adds_nothing(export_file, tmp_path, new_store):
    with open_store(new_store("other")) as other:
        other.import_files([export_file])
        before = (other.leaderboard(), other.team_comparison())
        again = other.import_files([export_file, export_file])
        assert (again.added, again.already_present) == (0, 8)
        assert count(other) == 4
        assert (other.leaderboard(), other.team_comparison()) == before


def test_import_merges_two_machines(source, export_file, tmp_path, new_store):
    with open_store(new_store("other")) as other:
        play(other, "Eve", "Green", "gym", 88)
        other.import_files([export_file])
        assert {row.key for row in other.team_comparison()} == {"Red", "Blue", "Green"}
        assert count(other) == 5


def test_an_unfinished_attempt_is_completed_by_a_later_export(source, tmp_path, new_store):
    early = tmp_path / "early.json"
    source.export_to(early)
    (unfinished,) = [a for a in source.attempts() if not a.finished]
    source.finish_attempt(unfinished.id, "resolved", 70, dims(70))
    late = tmp_path / "late.json"
    source.export_to(late)
    with open_store(new_store("other")) as other:
        other.import_files([early])
        result = other.import_files([late])
        assert (result.added, result.already_present, result.completed) == (0, 3, 1)
        assert other.attempt(unfinished.id).outcome == "resolved"
        assert other.leaderboard() == source.leaderboard()


def _break(document: dict, case: str) -> None:
    third = document["attempts"][2]
    if case == "score":
        third["overall"] = 140
    elif case == "mode":
        third["mode"] = "exam"
    elif case == "missing":
        del third["scenario_id"]
    elif case == "uuid":
        third["id"] = "not-a-uuid"
    elif case == "time":
        third["started_at"] = "yesterday"
    elif case == "turn":
        document["attempts"][0]["turns"][1][TURN_FIELDS.index("anger_after")] = "calm"
    elif case == "short_turn":
        document["attempts"][0]["turns"][0].pop()
    elif case == "dimension":
        del third["dimensions"]["empathy"]


BROKEN = {
    "score": ("attempt 3 (id", 'field "overall" must be a whole number from 0 to 100'),
    "mode": ("attempt 3 (id", 'field "mode" must be one of practice, assessment'),
    "missing": ("attempt 3 (id", 'field "scenario_id" is missing'),
    "uuid": ("attempt 3:", 'field "id" must be a UUID'),
    "time": ("attempt 3 (id", 'field "started_at" must be an ISO 8601 time'),
    "turn": ("attempt 1 (id", 'turn 2 field "anger_after" must be a whole number'),
    "dimension": ("attempt 3 (id", 'field "dimensions" is missing empathy'),
    "short_turn": ("attempt 1 (id", "turn 1 must be a list of 13 values"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_malformed_record_imports_nothing_and_names_record_and_field(
    case, export_file, tmp_path, new_store
):
    document = json.loads(export_file.read_text(encoding="utf-8"))
    good = tmp_path / "good.json"
    good.write_text(json.dumps(document), encoding="utf-8")
    _break(document, case)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    with open_store(new_store("other")) as other:
        play(other, "Eve", "Green", "gym", 88)
        with pytest.raises(ImportFormatError) as caught:
            other.import_files([good, bad])
        assert count(other) == 1
    where, problem = BROKEN[case]
    message = str(caught.value)
    assert message.startswith(f"{bad}: {where}")
    assert problem in message and message.endswith("nothing was imported")


HEADER = '"format": "recovery-sim-scoreboard", "turn_fields": ' + json.dumps(list(TURN_FIELDS))


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "line 1 column 2: not valid JSON"),
        ('{"format": "something-else", "attempts": []}', "not a recovery-sim scoreboard export"),
        ("{" + HEADER + ', "version": 99, "attempts": []}', "upgrade"),
        ('{"format": "recovery-sim-scoreboard", "version": 1, "attempts": []}', "turn_fields"),
        ("{" + HEADER + ', "version": 1, "attempts": {}}', "must be a list"),
        ("{" + HEADER + ', "version": 1}', '"attempts": must be a list'),
        ('[{"format": "recovery-sim-scoreboard"}]', "not a recovery-sim scoreboard export"),
        ("{" + HEADER + ', "version": 1, "attempts": [{"overall": NaN}]}', 'attempt 1: field "id"'),
        ("{" + HEADER + ', "version": 1, "attempts": [3]}', "attempt 1:"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ("\udcff not utf-8", "not UTF-8"),
    ],
)
def test_files_that_are_not_exports_are_refused(content, expected, tmp_path, new_store):
    path = tmp_path / "file.json"
    path.write_bytes(content.encode("utf-8", "surrogateescape"))  # \udcff -> a raw 0xff byte
    with open_store(new_store("board")) as board:
        with pytest.raises(ImportFormatError, match=expected):
            board.import_files([path])
        with pytest.raises(ImportFormatError, match="not found"):
            board.import_files([tmp_path / "missing.json"])


GOOD_TURN = [0, "Sorry.", "Fine.", 80, 70, 55, 50, 50, 50, 50, 50, 50, ["specific_apology"]]
BAD_TURN_VALUES = [
    ("index", -1, 'field "index" must be a whole number from 0'),
    ("index", True, 'field "index" must be a whole number from 0'),
    ("reply", None, 'field "reply" must be text'),
    ("customer", 3, 'field "customer" must be text'),
    ("overall", 101, 'field "overall" must be a whole number from 0 to 100'),
    ("empathy", 50.0, 'field "empathy" must be a whole number from 0 to 100'),
    ("resolution", False, 'field "resolution" must be a whole number from 0 to 100'),
    ("anger_before", -5, 'field "anger_before" must be a whole number from 0 to 100'),
    ("events", "excuse", 'field "events" must be a list of event names'),
    ("events", ["excuse", 7], 'field "events" must be a list of event names'),
]


@pytest.mark.parametrize(("field", "value", "problem"), BAD_TURN_VALUES)
def test_each_bad_value_in_any_turn_is_named(field, value, problem):
    """The turns' field-by-field check lets no bad value through, in any position."""
    turns = [[position, *GOOD_TURN[1:]] for position in range(4)]
    assert json.loads(checked_turns(turns)) == turns  # the valid case, as stored
    turns[2][TURN_FIELDS.index(field)] = value
    with pytest.raises(InvalidRecordError, match=f"turn 3 {re.escape(problem)}"):
        checked_turns(turns)


def test_an_attempt_stored_with_other_content_is_a_conflict_not_a_duplicate(
    export_file, tmp_path, new_store
):
    """Issue 18: the same id with another score is refused whole, naming the id, on both
    backends; the stored copy is kept as it was."""
    from simulator.store.errors import ConflictingAttemptError

    document = json.loads(export_file.read_text(encoding="utf-8"))
    finished = next(item for item in document["attempts"] if item["ended_at"] is not None)
    finished["overall"] = 99 if finished["overall"] != 99 else 98
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(document), encoding="utf-8")
    with open_store(new_store("other")) as other:
        other.import_files([export_file])
        before = other.attempts()
        with pytest.raises(ConflictingAttemptError, match=finished["id"]) as caught:
            other.import_files([changed])
        assert "nothing was imported" in str(caught.value)
        assert other.attempts() == before
