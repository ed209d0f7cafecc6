"""The help screen's example phrases and the coach's hints."""

from __future__ import annotations

import pytest

from scoring import HIGH_THRESHOLD, score_reply
from scoring.model import DIMENSIONS
from simulator.ui.coaching import BEHAVIOURS, next_hint


@pytest.mark.parametrize("dimension", DIMENSIONS)
def test_each_help_example_scores_high_on_its_dimension(dimension: str) -> None:
    example = BEHAVIOURS[dimension].example
    assert score_reply(example).dimensions[dimension] >= HIGH_THRESHOLD, example


def test_hint_is_for_the_first_behaviour_not_shown_yet() -> None:
    assert next_hint({"listening", "empathy"}).startswith("Specific apology:")


def test_hint_names_a_fact_or_fix_of_the_scenario() -> None:
    from simulator.scenario.model import Customer, Fact, Resolution, Scenario

    scenario = Scenario(
        id="s", title="t", category="c", difficulty=1, customer=Customer("C", 50, 5),
        situation="s", opening="o", facts=(Fact("lost", ("lost parcel",)),),
        resolutions=(Resolution("refund", ("refund",), "ok"),), moods={},
    )  # fmt: skip
    assert "\u201clost parcel\u201d" in next_hint(set(), scenario)
    almost = set(DIMENSIONS) - {"resolution"}
    assert next_hint(almost, scenario).endswith("could accept: refund.")


def test_when_everything_is_shown_the_hint_says_so() -> None:
    assert "All six" in next_hint(set(DIMENSIONS))
