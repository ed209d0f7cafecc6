"""Pass marks: an assessment attempt against its scenario's mark (and required outcome)."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.engine.passing import DEFAULT_PASS_MARK, PassRule, judge
from simulator.scenario.loader import load_scenario
from simulator.scenario.problems import ScenarioError

RESOLVED = PassRule(mark=70, outcome="resolved")


@pytest.mark.parametrize(
    ("rule", "overall", "outcome", "passed", "text"),
    [
        (PassRule(), 78, "resolved", True, "Passed: 78, pass mark 70, resolved"),
        (PassRule(), 70, "walked_out", True, "Passed: 70, pass mark 70"),
        (PassRule(), 69, "resolved", False, "Failed: 69, pass mark 70, resolved"),
        (RESOLVED, 90, "unresolved", False, "Failed: 90, pass mark 70, not resolved"),
        (RESOLVED, 90, "walked_out", False, "Failed: 90, pass mark 70, the customer walked out"),
        (PassRule(mark=50), 90, "abandoned", False, "Failed: 90, pass mark 50"),
        (PassRule(mark=50), 90, "ongoing", False, "Failed: 90, pass mark 50"),
    ],
)
def test_an_assessment_is_judged_against_its_rule(rule, overall, outcome, passed, text):
    verdict = judge(rule, "assessment", overall, outcome)
    assert verdict is not None
    assert (verdict.passed, verdict.text) == (passed, text)


def test_practice_is_not_judged():
    assert judge(PassRule(), "practice", 100, "resolved") is None


def bundled() -> Path:
    return sorted((Path(__file__).resolve().parents[1] / "scenarios").glob("*.yaml"))[0]


def test_a_scenario_without_a_pass_mark_has_the_default(tmp_path):
    scenario = load_scenario(bundled())
    assert scenario.pass_rule == PassRule(mark=DEFAULT_PASS_MARK, outcome=None)


def test_a_scenario_sets_its_pass_mark_and_outcome(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(
        bundled().read_text(encoding="utf-8") + "\npass_mark: 80\npass_outcome: resolved\n",
        encoding="utf-8",
    )
    assert load_scenario(path).pass_rule == PassRule(mark=80, outcome="resolved")


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ("pass_mark: 120", "pass_mark must be a whole number from 0 to 100, got 120"),
        ("pass_mark: high", "pass_mark must be a whole number from 0 to 100"),
        ("pass_outcome: walked_out", "pass_outcome must be resolved"),
    ],
)
def test_a_bad_pass_mark_is_reported_with_its_line(tmp_path, lines, message):
    path = tmp_path / "s.yaml"
    text = bundled().read_text(encoding="utf-8").rstrip("\n") + "\n"
    path.write_text(text + lines + "\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    line = text.count("\n") + 1
    assert message in str(caught.value) and f":{line}:" in str(caught.value)
