"""An assessment's verdict (its pass mark and pass or fail) is stored, read back, exported and
imported, on both backends; attempts not judged keep none."""

from __future__ import annotations

import json

import pytest
from store_support import dims

from simulator.engine.passing import PassRule, judge
from simulator.store import ScoreboardError, open_store

DEFAULT_RULE = PassRule()


def finish(board, trainee, overall, outcome, mode="assessment", rule=DEFAULT_RULE):
    attempt = board.start_attempt(trainee, "Red", "gym", "h", "1.0", mode)
    verdict = judge(rule, mode, overall, outcome)
    board.finish_attempt(attempt, outcome, overall, dims(overall), verdict=verdict)
    return attempt


def test_verdicts_are_stored_exported_and_imported(new_store, tmp_path):
    source = tmp_path / "site.json"
    with open_store(new_store("site")) as site:
        passed = finish(site, "Ann", 78, "resolved")
        failed = finish(site, "Bob", 90, "unresolved", rule=PassRule(80, "resolved"))
        practice = finish(site, "Cy", 95, "resolved", mode="practice")
        unfinished = site.start_attempt("Di", "Red", "gym", "h", "1.0", "assessment")
        read = {a: site.attempt(a) for a in (passed, failed, practice, unfinished)}
        assert (read[passed].pass_mark, read[passed].passed) == (70, True)
        assert (read[failed].pass_mark, read[failed].passed) == (80, False)
        assert (read[practice].pass_mark, read[practice].passed) == (None, None)
        assert (read[unfinished].pass_mark, read[unfinished].passed) == (None, None)
        site.export_to(source)
    exported = {a["id"]: a for a in json.loads(source.read_text(encoding="utf-8"))["attempts"]}
    assert (exported[passed]["pass_mark"], exported[passed]["passed"]) == (70, True)
    assert exported[practice]["passed"] is None
    with open_store(new_store("lead")) as lead:
        assert lead.import_files([source]).added == 4
        assert (lead.attempt(failed).pass_mark, lead.attempt(failed).passed) == (80, False)
        assert lead.attempt(passed).passed is True
        assert lead.attempt(practice).passed is None


def test_an_export_from_before_pass_marks_imports_without_verdicts(new_store, tmp_path):
    source = tmp_path / "old.json"
    with open_store(new_store("site")) as site:
        attempt = finish(site, "Ann", 78, "resolved")
        site.export_to(source)
    document = json.loads(source.read_text(encoding="utf-8"))
    for record in document["attempts"]:
        del record["pass_mark"], record["passed"]
    source.write_text(json.dumps(document), encoding="utf-8")
    with open_store(new_store("lead")) as lead:
        assert lead.import_files([source]).added == 1
        assert (lead.attempt(attempt).pass_mark, lead.attempt(attempt).passed) == (None, None)


def test_a_malformed_verdict_imports_nothing(new_store, tmp_path):
    source = tmp_path / "bad.json"
    with open_store(new_store("site")) as site:
        finish(site, "Ann", 78, "resolved")
        site.export_to(source)
    document = json.loads(source.read_text(encoding="utf-8"))
    document["attempts"][0]["passed"] = "yes"
    source.write_text(json.dumps(document), encoding="utf-8")
    with open_store(new_store("lead")) as lead:
        with pytest.raises(ScoreboardError, match='field "passed" must be true, false or null'):
            lead.import_files([source])
        assert lead.attempts() == ()
