"""export --xapi: one xAPI 1.0.3 statement per finished attempt, on both backends, held to the
spec's statement rules (tests/xapi_rules.py), which are themselves tested to catch each break."""

from __future__ import annotations

import copy
import json
from datetime import timedelta

import pytest
from store_support import dims
from xapi_rules import problems

from simulator.cli import main
from simulator.engine.passing import PassRule, judge
from simulator.store import open_store
from simulator.store.records import new_attempt_id
from simulator.xapi import ENV_HOMEPAGE, duration, statement, timestamp

HOME = "https://learning.example.com"


def record(board, trainee, scenario, overall, mode="assessment", outcome="resolved", minute=0):
    from store_support import T0

    made = board.start_attempt(
        trainee, "Harbour", scenario, "h", "1.0", mode, started_at=T0 + timedelta(minutes=minute)
    )
    verdict = judge(PassRule(), mode, overall, outcome)
    board.finish_attempt(
        made,
        outcome,
        overall,
        dims(overall),
        ended_at=T0 + timedelta(minutes=minute, seconds=754.25),
        verdict=verdict,
    )
    return made


def test_the_xapi_file_has_one_valid_statement_per_finished_attempt(
    new_store, tmp_path, capsys, monkeypatch
):
    db = new_store()
    with open_store(db) as board:
        passed = record(board, "Ann", "gym-billing-after-cancel", 78)
        failed = record(board, "ann ", "gym-billing-after-cancel", 55, minute=5)  # same trainee
        practice = record(board, "Bob", "gym-billing-after-cancel", 90, mode="practice", minute=9)
        record(board, "Cy", "gym-billing-after-cancel", 99, outcome="abandoned", minute=12)
        board.start_attempt("Cy", "Harbour", "gym-billing-after-cancel", "h", "1.0")  # unfinished
    monkeypatch.setenv(ENV_HOMEPAGE, HOME + "/")
    out = tmp_path / "statements.json"
    assert main(["export", "--xapi", str(out), "--db", db]) == 0
    said = capsys.readouterr().out
    assert (
        "wrote 3 xAPI statements" in said and "2 unfinished or given-up attempts left out" in said
    )
    found = json.loads(out.read_text(encoding="utf-8"))
    assert [problems(item) for item in found] == [[], [], []]
    by_id = {item["id"]: item for item in found}
    assert set(by_id) == {passed, failed, practice}
    first = by_id[passed]
    assert first["verb"]["id"] == "http://adlnet.gov/expapi/verbs/completed"
    assert first["result"]["score"]["scaled"] == 0.78 and first["result"]["success"] is True
    assert by_id[failed]["result"]["success"] is False
    assert "success" not in by_id[practice]["result"]  # practice is never judged
    assert first["actor"]["account"] == {"homePage": HOME, "name": "harbour/ann"}
    assert by_id[failed]["actor"]["account"] == first["actor"]["account"]
    assert first["actor"]["name"] == "Ann"  # as first written
    assert first["object"]["id"] == f"{HOME}/scenarios/gym-billing-after-cancel"
    assert first["object"]["definition"]["name"]["en"] != "gym-billing-after-cancel"  # the title
    assert first["timestamp"] == "2026-03-01T09:12:34.250Z"
    assert first["result"]["duration"] == "PT12M34.25S"
    assert first["context"]["extensions"][f"{HOME}/xapi/pass-mark"] == 70
    assert "version" not in first  # left to the LRS (xAPI 2.4.10)


def test_the_xapi_export_says_what_is_wrong(tmp_path, capsys):
    db = tmp_path / "board.db"
    with open_store(db) as board:
        record(board, "Ann", "gym", 78)
    args = ["--db", str(db)]
    assert main(["export", "--xapi", str(tmp_path / "x.json"), "--homepage", "ftp:/x", *args]) == 1
    assert "is not a web address" in capsys.readouterr().err
    assert (
        main(["export", str(tmp_path / "a.json"), "--xapi", str(tmp_path / "b.json"), *args]) == 1
    )
    assert "not both" in capsys.readouterr().err
    assert main(["export", "--xapi", str(tmp_path / "x.json"), *args]) == 0
    assert "set --homepage" in capsys.readouterr().out  # the default is named as such
    assert main(["export", "--xapi", str(tmp_path / "x.json"), *args]) == 1
    assert "already exists" in capsys.readouterr().err
    assert (
        main(["export", "--xapi", str(tmp_path / "y.json"), "--db", str(tmp_path / "no.db")]) == 1
    )
    assert not (tmp_path / "no.db").exists() and not (tmp_path / "y.json").exists()


def test_times_and_durations_are_written_as_xapi_reads_them():
    assert duration(timedelta(seconds=0)) == "PT0S"
    assert duration(timedelta(hours=1, minutes=2, seconds=3.456)) == "PT1H2M3.46S"
    assert duration(timedelta(seconds=59.999)) == "PT1M0S"  # rounded to the hundredth
    from datetime import UTC, datetime, timezone

    east = timezone(timedelta(hours=2))
    assert timestamp(datetime(2026, 3, 1, 11, 0, 0, 123456, tzinfo=east)) == (
        "2026-03-01T09:00:00.123Z"
    )
    assert timestamp(datetime(2026, 3, 1, 9, tzinfo=UTC)) == "2026-03-01T09:00:00.000Z"


def _valid() -> dict:
    from store_support import T0

    from simulator.store.records import AttemptRecord

    attempt = AttemptRecord(
        id=new_attempt_id(T0),
        trainee="Ann",
        team="Harbour",
        scenario_id="gym",
        scenario_hash="h",
        scorer_version="1",
        mode="assessment",
        started_at=T0,
        ended_at=T0 + timedelta(minutes=3),
        outcome="resolved",
        overall=80,
        dimensions=dims(80),
        pass_mark=70,
        passed=True,
    )
    return statement(attempt, HOME, {"gym": "Gym billing"})


BREAKS = {
    "no actor": lambda s: s.pop("actor"),
    "no verb": lambda s: s.pop("verb"),
    "no object": lambda s: s.pop("object"),
    "unknown property": lambda s: s.update(score=1),
    "id not a UUID": lambda s: s.update(id="attempt-1"),
    "id wrong variant": lambda s: s.update(id=s["id"][:19] + "c" + s["id"][20:]),
    "id in capitals": lambda s: s.update(id=s["id"].upper()),
    "verb id not an IRI": lambda s: s["verb"].update(id="completed"),
    "verb display bad tag": lambda s: s["verb"].update(display={"english!": "completed"}),
    "verb display not a map": lambda s: s["verb"].update(display="completed"),
    "activity id not an IRI": lambda s: s["object"].update(id="gym billing"),
    "activity name not a map": lambda s: s["object"]["definition"].update(name="Gym"),
    "activity type not an IRI": lambda s: s["object"]["definition"].update(type="simulation"),
    "two identifiers": lambda s: s["actor"].update(mbox="mailto:ann@example.com"),
    "no identifier": lambda s: s["actor"].pop("account"),
    "homePage not a URL": lambda s: s["actor"]["account"].update(homePage="harbour"),
    "account without name": lambda s: s["actor"]["account"].pop("name"),
    "actor a Group": lambda s: s["actor"].update(objectType="Group"),
    "scaled over 1": lambda s: s["result"]["score"].update(scaled=1.5),
    "scaled under -1": lambda s: s["result"]["score"].update(scaled=-1.01),
    "scaled as text": lambda s: s["result"]["score"].update(scaled="0.8"),
    "raw over max": lambda s: s["result"]["score"].update(raw=101),
    "min not below max": lambda s: s["result"]["score"].update(min=100),
    "success as text": lambda s: s["result"].update(success="true"),
    "duration not ISO": lambda s: s["result"].update(duration="3 minutes"),
    "duration empty": lambda s: s["result"].update(duration="PT"),
    "extension key not an IRI": lambda s: s["result"]["extensions"].update(dimensions={}),
    "context language bad": lambda s: s["context"].update(language="english please"),
    "context unknown": lambda s: s["context"].update(team_name="Harbour"),
    "timestamp not ISO": lambda s: s.update(timestamp="1 March 2026"),
    "timestamp no zone": lambda s: s.update(timestamp="2026-03-01T09:00:00"),
    "timestamp -00:00": lambda s: s.update(timestamp="2026-03-01T09:00:00-00:00"),
    "timestamp not a day": lambda s: s.update(timestamp="2026-02-30T09:00:00Z"),
    "version 2": lambda s: s.update(version="2.0.0"),
}


def test_a_valid_statement_passes_the_rules():
    assert problems(_valid()) == []


@pytest.mark.parametrize("name", sorted(BREAKS))
def test_the_rules_catch_each_break(name):
    broken = copy.deepcopy(_valid())
    BREAKS[name](broken)
    assert problems(broken) != [], name
