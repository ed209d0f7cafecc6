"""The bundled library as a whole: big enough, varied, each scenario complete enough to train on.

The loader checks that a file is *valid*; these tests check that the bundled library is *useful*:
every customer can be heard in every mood, reacts to the usual mistakes, accepts more than one
fix, and carries calibration examples that pin every dimension from both sides.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from scoring.model import DIMENSIONS, HIGH_THRESHOLD
from simulator.scenario.library import load_library
from simulator.scenario.model import CHANNELS, MOOD_BANDS, Example, Expectation, Scenario

LIBRARY = load_library()
SCENARIOS = {scenario.id: scenario for scenario in LIBRARY.scenarios}

MIN_SCENARIOS = 32
MIN_INDUSTRIES = 12
MIN_PER_DIFFICULTY = 3
MIN_LINES_PER_MOOD = 4
REQUIRED_REACTIONS = ("excuse", "non_apology", "minimizing", "deflection", "sarcasm")
MIN_RESOLUTIONS = 2
MIN_EXAMPLES = 8
MIN_PHRASES = 3  # a fact or fix named only one way misses most trainees' wording
MIN_CONCRETE_FACTS = 3  # amounts, dates, times, order numbers in the trainee's briefing
MAX_LINE_CHARS = 160  # a customer line is one to three spoken sentences
FIRST_PERSON = re.compile(r"\b(I|I'm|I've|I'd|my|me)\b")
NUMBER = re.compile(r"\d")

TYPO_NOTE = "typo"
SORRY_BUT_NOTE = "sorry, but"
SORRY_BUT = re.compile(r"\bsorry\b[^.!?]{0,20}?,?\s+but\b", re.IGNORECASE)

by_id = pytest.mark.parametrize("scenario_id", sorted(SCENARIOS))


def is_high(bound: Expectation) -> bool:
    return bound.op in (">=", ">") and bound.value >= HIGH_THRESHOLD


def is_low(bound: Expectation) -> bool:
    return bound.op in ("<", "<=") and bound.value <= HIGH_THRESHOLD


def notes(scenario: Scenario) -> dict[str, str]:
    """Each example's optional `note`, by reply. The loader checks notes but does not keep them."""
    assert scenario.path is not None
    raw = yaml.safe_load(Path(scenario.path).read_text(encoding="utf-8"))
    return {item["reply"]: item.get("note", "") for item in raw["examples"]}


def tagged(scenario: Scenario, word: str) -> list[Example]:
    by_reply = notes(scenario)
    return [ex for ex in scenario.examples if word in by_reply.get(ex.reply, "").lower()]


def test_library_loads_without_broken_files() -> None:
    assert not LIBRARY.broken, "\n".join(str(p) for p in LIBRARY.problems)


def test_library_has_enough_scenarios_with_unique_ids() -> None:
    ids = [scenario.id for scenario in LIBRARY.scenarios]
    assert len(ids) >= MIN_SCENARIOS
    assert [i for i, n in Counter(ids).items() if n > 1] == []


def test_file_names_match_ids() -> None:
    mismatched = [s.id for s in LIBRARY.scenarios if s.path is None or s.path.stem != s.id]
    assert mismatched == []


def test_every_difficulty_has_several_scenarios() -> None:
    counts = Counter(scenario.difficulty for scenario in LIBRARY.scenarios)
    assert {level: counts[level] >= MIN_PER_DIFFICULTY for level in (1, 2, 3)} == {
        1: True,
        2: True,
        3: True,
    }, counts


def test_library_spans_several_categories() -> None:
    categories = {scenario.category for scenario in LIBRARY.scenarios}
    assert len(categories) >= 8, categories


def test_library_spans_industries_and_every_channel_at_every_difficulty() -> None:
    """A month of practice: many businesses, and chat, email and phone at each level."""
    industries = {scenario.industry for scenario in LIBRARY.scenarios}
    assert len(industries) >= MIN_INDUSTRIES, sorted(industries)
    cells = Counter((s.channel, s.difficulty) for s in LIBRARY.scenarios)
    missing = [(c, d) for c in CHANNELS for d in (1, 2, 3) if not cells[(c, d)]]
    assert missing == [], cells


def test_difficulty_changes_the_customer() -> None:
    """Hostile starts angrier, has less patience and needs an apology; gentle the reverse."""
    gentle = [s for s in LIBRARY.scenarios if s.difficulty == 1]
    hostile = [s for s in LIBRARY.scenarios if s.difficulty == 3]
    assert all(s.customer.anger >= 85 for s in hostile), [s.id for s in hostile]
    assert all("apology" in s.needs for s in hostile), [s.id for s in hostile]
    assert all(s.customer.anger <= 65 for s in gentle), [s.id for s in gentle]
    assert max(s.customer.patience for s in hostile) < min(s.customer.patience for s in gentle)
    assert max(s.customer.anger for s in gentle) < min(s.customer.anger for s in hostile)


@by_id
def test_situation_names_the_customer_and_concrete_facts(scenario_id: str) -> None:
    scenario = SCENARIOS[scenario_id]
    names = [part for part in scenario.customer.name.split() if len(part) > 2]
    assert any(name in scenario.situation for name in names), scenario.customer.name
    concrete = [word for word in scenario.situation.split() if NUMBER.search(word)]
    assert len(concrete) >= MIN_CONCRETE_FACTS, concrete


@by_id
def test_opening_is_in_the_customers_own_voice(scenario_id: str) -> None:
    assert FIRST_PERSON.search(SCENARIOS[scenario_id].opening)


@by_id
def test_customer_lines_are_short_enough_to_say(scenario_id: str) -> None:
    scenario = SCENARIOS[scenario_id]
    lines = [line for ls in scenario.moods.values() for line in ls]
    lines += [line for ls in scenario.reactions.values() for line in ls]
    assert [line for line in lines if len(line) > MAX_LINE_CHARS] == []


@by_id
def test_every_mood_band_has_enough_lines(scenario_id: str) -> None:
    moods = SCENARIOS[scenario_id].moods
    short = {band: len(moods.get(band, ())) for band in MOOD_BANDS}
    assert all(n >= MIN_LINES_PER_MOOD for n in short.values()), short


@by_id
def test_lines_are_not_repeated_across_bands(scenario_id: str) -> None:
    scenario = SCENARIOS[scenario_id]
    lines = [line for band in MOOD_BANDS for line in scenario.moods[band]]
    assert [line for line, n in Counter(lines).items() if n > 1] == []


@by_id
def test_customer_reacts_to_the_usual_mistakes(scenario_id: str) -> None:
    reactions = SCENARIOS[scenario_id].reactions
    missing = [key for key in REQUIRED_REACTIONS if not reactions.get(key)]
    assert missing == []


@by_id
def test_several_fixes_each_with_an_accept_line(scenario_id: str) -> None:
    resolutions = SCENARIOS[scenario_id].resolutions
    assert len(resolutions) >= MIN_RESOLUTIONS
    assert all(r.accept.strip() for r in resolutions)


@by_id
def test_facts_and_fixes_are_named_several_ways(scenario_id: str) -> None:
    scenario = SCENARIOS[scenario_id]
    named = [*scenario.facts, *scenario.resolutions]
    thin = [item.id for item in named if len(item.phrases) < MIN_PHRASES]
    assert thin == []


@by_id
def test_examples_pin_every_dimension_high_and_low(scenario_id: str) -> None:
    examples = SCENARIOS[scenario_id].examples
    assert len(examples) >= MIN_EXAMPLES
    bounds = [bound for example in examples for bound in example.expect]
    uncovered = [
        f"{dim} {side}"
        for dim in DIMENSIONS
        for side, test in (("high", is_high), ("low", is_low))
        if not any(b.dimension == dim and test(b) for b in bounds)
    ]
    assert uncovered == []


@by_id
def test_a_typo_laden_good_reply_is_expected_to_score_well(scenario_id: str) -> None:
    found = tagged(SCENARIOS[scenario_id], TYPO_NOTE)
    assert found, 'no example with a note mentioning "typo"'
    for example in found:
        high = {b.dimension for b in example.expect if is_high(b)}
        assert {"apology", "ownership", "resolution"} <= high, example.reply


@by_id
def test_a_sorry_but_reply_is_expected_to_lose_its_apology(scenario_id: str) -> None:
    found = tagged(SCENARIOS[scenario_id], SORRY_BUT_NOTE)
    assert found, 'no example with a note mentioning "sorry, but"'
    for example in found:
        assert SORRY_BUT.search(example.reply), example.reply
        low = {b.dimension for b in example.expect if is_low(b)}
        assert {"apology", "no_excuses"} <= low, example.reply


@by_id
def test_example_customer_lines_are_lines_this_customer_says(scenario_id: str) -> None:
    scenario = SCENARIOS[scenario_id]
    said = {scenario.opening, *(line for lines in scenario.moods.values() for line in lines)}
    said |= {line for lines in scenario.reactions.values() for line in lines}
    strays = [ex.customer for ex in scenario.examples if ex.customer and ex.customer not in said]
    assert strays == []


def test_sorry_but_pattern_tells_the_two_apart() -> None:
    assert SORRY_BUT.search("I'm sorry, but that's our policy.")
    assert SORRY_BUT.search("Sorry but the courier was late")
    assert not SORRY_BUT.search("I'm sorry. But I will refund it today.")
