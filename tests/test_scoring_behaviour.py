"""The behaviours issue 3 names, each asserted on its own: negation, typos, fuzzy guards,
sarcasm, non-apologies, gaming, no-scenario mode, scenario phrases, determinism, evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType

import pytest

from scoring import DIMENSIONS, EVENTS, SCORER_VERSION, score_reply
from scoring.model import Evidence, ReplyScore

CUSTOMER = "You double charged my card! I want a refund for the second charge."


@dataclass(frozen=True)
class Fact:
    id: str
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class Resolution:
    id: str
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class Scenario:
    facts: tuple[Fact, ...] = ()
    resolutions: tuple[Resolution, ...] = ()
    phrases: MappingProxyType[str, tuple[str, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )


GYM = Scenario(
    facts=(Fact("billed-after-cancel", ("charged after cancelling", "April and May")),),
    resolutions=(Resolution("refund", ("refund", "money back")),),
)


def dims(reply: str, **kwargs: object) -> dict[str, int]:
    return dict(score_reply(reply, **kwargs).dimensions)  # type: ignore[arg-type]


def test_result_shape() -> None:
    score = score_reply("I'm sorry we charged you twice. I'll refund it today.", customer=CUSTOMER)
    assert isinstance(score, ReplyScore)
    assert tuple(score.dimensions) == DIMENSIONS
    assert all(0 <= v <= 100 for v in score.dimensions.values())
    assert set(score.events) <= set(EVENTS)
    assert isinstance(SCORER_VERSION, str) and SCORER_VERSION
    weighted = round(sum(score.dimensions.values()) / len(DIMENSIONS))
    assert score.overall == weighted  # equal weights (scoring/weights.py)


def test_evidence_offsets_point_at_the_reply_words() -> None:
    reply = "Oh no. I’m SO sorry, your majesty; I'll refund it by 3pm."
    score = score_reply(reply)
    assert score.evidence
    for item in score.evidence:
        assert isinstance(item, Evidence)
        assert reply[item.start : item.end] == item.text
        assert item.dimension in DIMENSIONS and item.effect in ("up", "down") and item.why


def test_tips_one_per_weak_dimension() -> None:
    score = score_reply("I'll refund you today.", customer=CUSTOMER)
    weak = [d for d in DIMENSIONS if score.dimensions[d] < 50]
    assert len(score.tips) == len(weak) and all(score.tips)


@pytest.mark.parametrize(
    ("reply", "dimension"),
    [
        ("I will not refund you.", "resolution"),
        ("I will not refund you.", "ownership"),
        ("I'm not sorry.", "apology"),
        ("I won't apologize for that.", "apology"),
        ("We don't offer refunds.", "resolution"),
        ("I don't understand your frustration.", "empathy"),
    ],
)
def test_negation_earns_nothing(reply: str, dimension: str) -> None:
    assert dims(reply, customer=CUSTOMER)[dimension] == 0


def test_negation_of_blame_is_not_blame() -> None:
    assert dims("It's not your fault at all.")["no_excuses"] >= 50
    assert dims("It's your fault.")["no_excuses"] < 50


def test_negation_stops_at_the_clause() -> None:
    scores = dims("I can't promise miracles, but I will refund you today.", customer=CUSTOMER)
    assert scores["resolution"] >= 50 and scores["ownership"] >= 50


def test_no_before_a_noun_does_not_negate_the_verb_after_it() -> None:
    with_no = "Getting to work with no bike and no phone call must have been miserable."
    plain = "Getting to work like that must have been miserable."
    assert dims(with_no)["empathy"] == dims(plain)["empathy"] > 0
    # "no one" still negates the whole clause: this promises nothing.
    assert dims("No one will call you back today.", customer=CUSTOMER)["resolution"] == 0
    assert dims("There is no refund for that.", customer=CUSTOMER)["resolution"] == 0


def test_typos_still_earn_apology_ownership_resolution() -> None:
    reply = "Im sory for the double charje, I will get the refnd done today"
    for customer in (CUSTOMER, ()):
        scores = dims(reply, customer=customer)
        assert scores["apology"] >= 50, customer
        assert scores["ownership"] >= 50, customer
        assert scores["resolution"] >= 50, customer


def test_typo_evidence_says_how_it_was_read() -> None:
    score = score_reply("Im sory for the double charje")
    assert any('"sory" read as "sorry"' in e.why for e in score.evidence)


@pytest.mark.parametrize("word", ["story", "worry", "sorrow", "sort", "lorry"])
def test_fuzzy_matching_does_not_invent_an_apology(word: str) -> None:
    reply = f"I'm {word} about the double charge."
    assert dims(reply, customer=CUSTOMER)["apology"] == 0


def test_story_is_not_sorry_even_as_a_customer_word() -> None:
    score = score_reply("That's a long story.", customer="Sorry, what?")
    assert score.dimensions["apology"] == 0 and "specific_apology" not in score.events


def test_specific_apology_beats_generic() -> None:
    specific = dims("I'm sorry we charged you twice.", customer=CUSTOMER)["apology"]
    generic = dims("Sorry for any inconvenience.", customer=CUSTOMER)["apology"]
    assert specific >= 50 > generic > 0


@pytest.mark.parametrize(
    "reply",
    [
        "We're sorry you feel let down.",
        "Sorry if you were upset.",
        "You have our apologies if anything went wrong.",
    ],
)
def test_non_apologies_score_zero(reply: str) -> None:
    score = score_reply(reply, customer=CUSTOMER)
    assert score.dimensions["apology"] == 0 and "non_apology" in score.events


def test_sorry_but_excuse_is_undermined_but_sorry_but_fix_is_not() -> None:
    undermined = score_reply(
        "I'm sorry about the double charge, but our system glitched.", customer=CUSTOMER
    )
    assert undermined.dimensions["apology"] < 50 and "sorry_but" in undermined.events
    assert undermined.dimensions["no_excuses"] < 50
    kept = dims("I'm sorry about the double charge, but I'll refund it today.", customer=CUSTOMER)
    assert kept["apology"] >= 50


@pytest.mark.parametrize(
    "reply",
    [
        "Oh I'm SO sorry, your majesty.",
        "Well excuse me for trying to help.",
        "Congratulations, you found a double charge.",
    ],
)
def test_sarcasm_scores_zero_apology_and_empathy_and_low_no_excuses(reply: str) -> None:
    score = score_reply(reply, customer=CUSTOMER)
    assert "sarcasm" in score.events
    assert score.dimensions["apology"] == 0 and score.dimensions["empathy"] == 0
    assert score.dimensions["no_excuses"] < 50


def test_passive_mistakes_were_made_earns_neither_apology_nor_ownership() -> None:
    scores = dims("Mistakes were made with your billing.", customer=CUSTOMER)
    assert scores["apology"] == 0 and scores["ownership"] == 0


def test_empathy_ladder_pity_canned_specific() -> None:
    pity = dims("I feel so sorry for you.", customer=CUSTOMER)["empathy"]
    canned = dims("I understand your frustration.", customer=CUSTOMER)["empathy"]
    specific = dims(
        "Being double charged right before your rent is due must have been so stressful.",
        customer=CUSTOMER,
    )["empathy"]
    assert pity == 0 < canned < 50 <= specific


@pytest.mark.parametrize(
    "reply",
    [
        "Calm down.",
        "It's not a big deal.",
        "You're overreacting.",
        "It's just cake.",
        "These things happen.",
        "I'm sure your boss will get over it.",
    ],
)
def test_minimizing_scores_zero_empathy_and_low_no_excuses(reply: str) -> None:
    scores = dims(reply, customer=CUSTOMER)
    assert scores["empathy"] == 0 and scores["no_excuses"] < 50


@pytest.mark.parametrize(
    "reply",
    [
        "We might be able to refund you.",
        "We'll see what we can do.",
        "Someone will get back to you.",
    ],
)
def test_hedges_stay_low(reply: str) -> None:
    scores = dims(reply, customer=CUSTOMER)
    assert scores["ownership"] < 50 and scores["resolution"] < 50


def test_concrete_time_raises_ownership() -> None:
    plain = dims("I will refund the second charge.", customer=CUSTOMER)["ownership"]
    timed = dims("I will refund the second charge within the hour.", customer=CUSTOMER)
    assert timed["ownership"] > plain >= 50


def test_vague_look_into_it_is_low_resolution() -> None:
    assert dims("We'll look into it.", customer=CUSTOMER)["resolution"] < 50


def test_listening_from_customer_words_and_questions() -> None:
    assert (
        dims("So the second charge on your card was a double charge?", customer=CUSTOMER)[
            "listening"
        ]
        >= 50
    )
    assert dims("Can you walk me through what you saw on the statement?")["listening"] >= 50
    assert dims("Have a nice day.", customer=CUSTOMER)["listening"] < 50


def test_dismissive_repetition_is_low_listening() -> None:
    scores = dims("As I said, the double charge will be refunded.", customer=CUSTOMER)
    assert scores["listening"] < 50


EMPTY = score_reply("")


@pytest.mark.parametrize(
    "reply",
    [
        "sorry sorry sorry I understand I will refund refund",
        "apology refund empathy ownership replacement escalate guarantee",
        "sorry. sorry. sorry. refund. refund.",
        "I hear you, I hear you, I hear you. Sorry. Sorry. Refund.",
    ],
)
def test_gaming_scores_no_higher_than_empty(reply: str) -> None:
    score = score_reply(reply, customer=CUSTOMER)
    assert "gaming" in score.events
    for dim in DIMENSIONS:
        assert score.dimensions[dim] <= EMPTY.dimensions[dim], dim


def test_repeating_a_phrase_never_scores_more_than_saying_it_once() -> None:
    once = "I'm so sorry we double charged you. I'll refund the second charge today."
    for times in (2, 3, 5):
        repeated = score_reply(" ".join([once] * times), customer=CUSTOMER)
        single = score_reply(once, customer=CUSTOMER)
        for dim in DIMENSIONS:
            assert repeated.dimensions[dim] <= single.dimensions[dim], (dim, times)


def test_works_with_no_scenario_and_no_customer() -> None:
    scores = dims(
        "I'm so sorry we lost your parcel. That's on us. I'll send a replacement "
        "today. Does that work for you?"
    )
    assert scores["apology"] >= 50 and scores["ownership"] >= 50 and scores["resolution"] >= 50


def test_customer_as_list_and_as_text_agree() -> None:
    lines = ["You charged me twice.", "And nobody answered my email."]
    reply = "I'm sorry we charged you twice and ignored your email."
    assert score_reply(reply, customer=lines) == score_reply(reply, customer=" ".join(lines))


def test_scenario_facts_make_an_apology_specific() -> None:
    reply = "I'm sorry."
    assert dims(reply, scenario=GYM)["apology"] < 50
    named = "You were charged in April and May after cancelling. I'm sorry."
    assert dims(named, scenario=GYM)["apology"] >= 50


def test_scenario_resolution_is_recognised_and_tagged() -> None:
    score = score_reply("I'll get your money back today.", scenario=GYM)
    assert score.dimensions["resolution"] >= 50
    assert [e.rule for e in score.evidence if e.dimension == "resolution"][:1] == [
        "resolution:refund"
    ]


def test_each_scenario_fix_offered_is_named_by_id_even_through_a_typo() -> None:
    two_fixes = Scenario(
        resolutions=(
            Resolution("refund", ("refund", "money back")),
            Resolution("confirm", ("written confirmation",)),
        )
    )
    reply = "I will get the refnd done today and email you written confirmation."
    score = score_reply(reply, scenario=two_fixes)
    rules = {e.rule for e in score.evidence if e.dimension == "resolution"}
    assert {"resolution:refund", "resolution:confirm"} <= rules


def test_general_fix_phrasing_keeps_the_generic_rule_id() -> None:
    score = score_reply("I'll send you a replacement today.")
    assert "resolution_offer" in {e.rule for e in score.evidence if e.dimension == "resolution"}


def test_scenario_phrases_extend_a_rule_for_that_call_only() -> None:
    reply = "The turnstile scanner marked you as active."
    turnstile = Scenario(phrases=MappingProxyType({"excuse": ("the turnstile scanner",)}))
    assert dims(reply)["no_excuses"] == 100
    assert dims(reply, scenario=turnstile)["no_excuses"] < 50
    assert dims(reply)["no_excuses"] == 100  # the base lexicon is untouched


def test_deterministic() -> None:
    reply = "I'm sorry, but you should have cancelled in writing. We'll look into it."
    first = score_reply(reply, customer=CUSTOMER, scenario=GYM)
    assert all(score_reply(reply, customer=CUSTOMER, scenario=GYM) == first for _ in range(3))
    assert first.to_dict() == score_reply(reply, customer=CUSTOMER, scenario=GYM).to_dict()


def test_empty_reply_earns_nothing_but_is_not_an_excuse() -> None:
    assert EMPTY.overall < 50
    assert all(EMPTY.dimensions[d] == 0 for d in DIMENSIONS if d != "no_excuses")
    assert EMPTY.tips
