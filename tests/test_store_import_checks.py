"""The import's quick check of a record agrees with the field-by-field one, and only accepts."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from store_support import play

from simulator.store import open_store
from simulator.store.checking import _checked
from simulator.store.fast_check import ExportedDimensions, QuickCheck, _Turn
from simulator.store.sqlite.schema import DIMENSION_COLUMNS, TURN_FIELDS


@pytest.fixture(scope="module")
def records(tmp_path_factory) -> list[dict]:
    folder = tmp_path_factory.mktemp("quick")
    with open_store(folder / "source.db") as board:
        play(board, "Ann", "Red", "gym", 60, turns=3, minute=0)
        play(board, "  Bob   Lee ", "Blue", "parcel", 75, mode="assessment", turns=0, minute=5)
        play(board, "Cy", "Blue", "gym", 40, outcome="walked_out", minute=9)
        play(board, "Di", "Red", "gym", 0, turns=1, finish=False, minute=12)
        board.export_to(folder / "export.json")
    return json.loads((folder / "export.json").read_text(encoding="utf-8"))["attempts"]


def raw(record: object) -> bytes:
    return json.dumps(record).encode()


def test_the_quick_checks_types_follow_the_export_layout():
    assert tuple(ExportedDimensions.__struct_fields__) == DIMENSION_COLUMNS
    assert len(_Turn.__args__) == len(TURN_FIELDS)


def test_quick_and_field_by_field_checks_give_the_same_attempts(records):
    quick = QuickCheck()
    finished = [record for record in records if record["ended_at"] is not None]
    assert len(finished) == 3
    for number, record in enumerate(finished, start=1):
        assert quick(raw(record)) == _checked(Path("x"), number, record)


def test_an_unfinished_attempt_is_left_to_the_field_by_field_check(records):
    (unfinished,) = [record for record in records if record["ended_at"] is None]
    assert QuickCheck()(raw(unfinished)) is None
    assert _checked(Path("x"), 1, unfinished).finished is False


def _turn(record: dict, field: str, value: object) -> None:
    record["turns"][0][TURN_FIELDS.index(field)] = value


CHANGES = {
    "id not canonical": lambda r: r.update(id=r["id"].upper()),
    "id missing": lambda r: r.pop("id"),
    "trainee empty": lambda r: r.update(trainee="   "),
    "team not text": lambda r: r.update(team=["Red"]),
    "scenario empty": lambda r: r.update(scenario_id=""),
    "hash not text": lambda r: r.update(scenario_hash=7),
    "mode": lambda r: r.update(mode="exam"),
    "outcome": lambda r: r.update(outcome="ongoing"),
    "overall bool": lambda r: r.update(overall=True),
    "overall high": lambda r: r.update(overall=101),
    "dimension missing": lambda r: r["dimensions"].pop("empathy"),
    "dimension float": lambda r: r["dimensions"].update(empathy=5.0),
    "started in another ISO form": lambda r: r.update(started_at="2026-03-01T09:00:00Z"),
    "ended on no real day": lambda r: r.update(ended_at="2026-02-30T09:00:00.000000+00:00"),
    "turn index repeated": lambda r: _turn(r, "index", 1),
    "turn numbered from 1": lambda r: [t.__setitem__(0, t[0] + 1) for t in r["turns"]],
    "turn score": lambda r: _turn(r, "empathy", -1),
    "turn events": lambda r: _turn(r, "events", "excuse"),
    "turns not a list": lambda r: r.update(turns={}),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_anything_unusual_or_wrong_goes_to_the_field_by_field_check(records, change):
    record = copy.deepcopy(records[0])
    assert QuickCheck()(raw(record)) is not None
    CHANGES[change](record)
    assert QuickCheck()(raw(record)) is None


def test_names_checked_once_are_still_cleaned_for_every_record(records):
    quick = QuickCheck()
    first, second = (quick(raw(records[1])) for _ in range(2))
    assert first is not None and second is not None
    assert first.trainee == second.trainee == "Bob Lee"


def test_a_record_the_quick_check_refuses_still_imports_when_valid(records, tmp_path):
    document = {
        "format": "recovery-sim-scoreboard",
        "version": 1,
        "turn_fields": list(TURN_FIELDS),
        "attempts": copy.deepcopy(records),
    }
    document["attempts"][0]["started_at"] = "2026-03-01T10:00:00+01:00"  # = 09:00 UTC
    document["attempts"][0]["id"] = document["attempts"][0]["id"].upper()
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    with open_store(tmp_path / "board.db") as board:
        assert board.import_files([path]).added == 4
        (ann,) = [a for a in board.attempts() if a.trainee == "Ann"]
        assert ann.id == records[0]["id"]
        assert ann.started_at.isoformat() == "2026-03-01T09:00:00+00:00"
