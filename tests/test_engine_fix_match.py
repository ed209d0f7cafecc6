"""Fixes recognised by what they offer: stems, synonyms, typos, amounts and the fix's own words."""

from __future__ import annotations

import pytest

from scoring import score_reply
from simulator.engine.conversation import Conversation
from simulator.engine.debrief import _demands_high
from simulator.engine.fix_match import amount, match_fix, phrase_match
from simulator.engine.offers import fix_matches, offered_resolutions
from simulator.scenario.library import load_library
from simulator.scenario.model import Example, Scenario

LIBRARY = load_library()
BUNDLED = LIBRARY.scenarios
RUDE = LIBRARY.get("rude-staff-member")


@pytest.mark.parametrize(
    ("phrase", "sentence", "how"),
    [
        ("refund both", "I'm refunding both charges today", "words"),
        ("refund", "I will reimburse you today", "synonym"),
        ("one-to-one appointment", "I'll book a private one-to-one setup at home", "synonym"),
        ("home visit", "someone will visit you at home on Thursday", "words"),
        ("private appointment", "a private apointment at home", "typo"),
        ("$99.98", "I will put 99.98 back on your card", "amount"),
        ("cover the $25", "and I'm paying the 25.00 fee as well", "amount"),
        ("4G router", "I'll send a 4g router today", "words"),
        ("I'll call you", "you were passed around on every call", None),
        ("refund", "I will email you confirmation today", None),
    ],
)
def test_a_phrase_is_matched_by_meaning(phrase: str, sentence: str, how: str | None) -> None:
    assert phrase_match(phrase, sentence) == how


def test_amounts_are_one_spelling() -> None:
    assert amount("$99.98") == amount("99,98") == "99.98"
    assert amount("$50.00") == "50"
    assert amount("4g") is None


def test_words_only_one_fix_uses_identify_it() -> None:
    match = match_fix(
        "conduct",
        ["speak to Jordan", "speak to the store manager"],
        [["home visit"]],
        ["I'm raising Jordan's conduct with the store manager today"],
    )
    assert match is not None and match.how == "overlap"
    assert "jordan" in match.phrase and match.explain().startswith("words only this fix uses")


def test_the_model_reply_from_the_issue_offers_the_home_setup_and_the_letter() -> None:
    reply = RUDE.examples[1].reply
    verdict = score_reply(reply, customer=[RUDE.opening], scenario=RUDE)
    ids = [r.id for r in offered_resolutions(verdict, reply, RUDE)]
    assert ids[0] == "proper-setup" and "written-apology" in ids


def _model_examples(scenario: Scenario) -> list[Example]:
    """The trainer's replies expected high on everything they name, resolution included."""
    return [
        e
        for e in scenario.examples
        if e.expect
        and all(_demands_high(x.op, x.value) for x in e.expect)
        and any(x.dimension == "resolution" for x in e.expect)
    ]


@pytest.mark.parametrize("scenario", BUNDLED, ids=[s.id for s in BUNDLED])
def test_every_model_reply_offers_a_fix_and_played_in_order_they_resolve(
    scenario: Scenario,
) -> None:
    models = _model_examples(scenario)
    assert models, "each bundled scenario has model replies"
    for example in models:
        verdict = score_reply(example.reply, customer=[scenario.opening], scenario=scenario)
        assert fix_matches(verdict, example.reply, scenario), example.reply
    talk = Conversation(scenario)
    for example in models:
        if talk.state == "ongoing":
            talk.reply(example.reply)
    assert talk.state == "resolved", [(t.anger_after, t.offers) for t in talk.turns]


def test_the_debrief_names_the_fixes_when_none_was_offered() -> None:
    talk = Conversation(RUDE)
    while talk.state == "ongoing":
        talk.reply("I understand. Thank you for explaining what happened on Saturday.")
    note = talk.debrief().fix_note
    assert note.startswith("None of your replies offered a fix this customer would take")
    for resolution in RUDE.resolutions:
        assert resolution.phrases[0] in note


def test_the_debrief_says_when_a_fix_was_offered_too_early() -> None:
    talk = Conversation(RUDE)
    talk.reply("I'll set up the phone for her at a home visit.")
    talk.abandon()
    note = talk.debrief().fix_note
    assert "reply 1" in note and "set up the phone" in note
