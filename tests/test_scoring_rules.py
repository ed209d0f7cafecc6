"""One canonical sentence per rule, with the effect it must have (ConvoKit's habit).

Each row: the rule id, a reply (and the customer line it answers), and what it must do to one
dimension. Every rule in the lexicons must have a row, so a new rule cannot ship untested.
"""

from __future__ import annotations

import pytest

from scoring import score_reply
from scoring.lexicon import base_lexicon
from scoring.scorer import analyse_reply

CUSTOMER = "You charged me twice for my gym membership after I cancelled in March."

# rule id, reply, dimension, expected: "high" (>= 50), "low" (< 50), "zero" (== 0)
CANONICAL: list[tuple[str, str, str, str]] = [
    ("apology_cue", "I'm sorry we charged you twice after you cancelled.", "apology", "high"),
    ("strong_apology", "I can't apologise enough for charging you twice.", "apology", "high"),
    ("sympathy_sorry", "I'm sorry to hear that.", "apology", "low"),
    ("non_apology", "I'm sorry you feel that way.", "apology", "zero"),
    ("passive_mistake", "Mistakes were made with your membership.", "ownership", "zero"),
    ("pity", "I feel so sorry for you, you poor thing.", "empathy", "zero"),
    ("sarcasm", "Oh I'm so sorry, your majesty.", "apology", "zero"),
    ("sorry_but", "I'm sorry, but the courier was late.", "apology", "low"),
    ("refused_apology", "I won't apologise for our billing.", "no_excuses", "low"),
    ("sarcasm_shrug", "Sorry we charged you twice, I guess.", "apology", "zero"),
    (
        "excuse_after_apology",
        "I'm sorry the engineer missed you, however he was stuck on another job.",
        "apology",
        "low",
    ),
    (
        "blame_condition",
        "If you'd cancelled through the app, you wouldn't have been charged.",
        "no_excuses",
        "low",
    ),
    ("sarcasm_caps", "Oh I'm SO sorry about the charge.", "apology", "zero"),
    (
        "empathy_validation",
        "You have every right to be upset about being charged twice.",
        "empathy",
        "high",
    ),
    (
        "empathy_evaluative",
        "Being charged twice after you cancelled must have been infuriating.",
        "empathy",
        "high",
    ),
    ("empathy_canned", "I understand your frustration.", "empathy", "low"),
    ("personal_impact", "That must have been mortifying in front of your VP.", "empathy", "high"),
    (
        "consequence_statement",
        "Our double charge left you short on your rent this month.",
        "empathy",
        "high",
    ),
    ("minimizing", "Calm down, it's not a big deal.", "empathy", "zero"),
    ("commitment", "I will refund the second charge myself.", "ownership", "high"),
    ("responsibility", "That's on us, completely.", "ownership", "high"),
    ("hedge", "We might be able to look at the charge.", "ownership", "low"),
    ("deflection", "You'll need to contact billing about that.", "ownership", "zero"),
    ("excuse", "We were short-staffed that week.", "no_excuses", "low"),
    ("excuse_cause", "The courier lost your parcel.", "no_excuses", "low"),
    ("policy", "That's our policy, I'm afraid.", "no_excuses", "low"),
    ("blame_customer", "You should have cancelled in writing.", "no_excuses", "low"),
    ("defensive", "With all due respect, we did nothing wrong.", "no_excuses", "low"),
    ("blame_cause", "It might be your network.", "no_excuses", "low"),
    ("restate", "So you were charged twice after you cancelled in March.", "listening", "high"),
    (
        "clarifying_question",
        "Can you walk me through what happened when you cancelled?",
        "listening",
        "high",
    ),
    ("restate_you", "You cancelled in March and we still charged you.", "listening", "high"),
    ("thanks_for_raising", "Thank you for letting us know.", "listening", "low"),
    ("dismissive", "As I said, you were charged twice in March.", "listening", "low"),
    ("resolution_offer", "I'll refund the second charge.", "resolution", "high"),
    (
        "goodwill",
        "I'll refund the charge and add a free month as a goodwill gesture.",
        "resolution",
        "high",
    ),
    ("offer_frame", "Would you like a refund or a credit?", "resolution", "high"),
    ("satisfaction_check", "I'll refund it today. Does that work for you?", "resolution", "high"),
    ("vague_fix", "We'll look into it.", "resolution", "low"),
    ("refusal", "Refunds are not possible.", "resolution", "zero"),
    ("timeline", "I will call you by 3pm today.", "ownership", "high"),
    ("done_deed", "Second charge refunded today.", "ownership", "high"),
    ("verbless_offer", "So: a full refund today.", "resolution", "high"),
    ("hand_off", "Please reach out to our billing team here.", "ownership", "zero"),
    ("promise_not_to", "I won't make excuses for the double charge.", "ownership", "high"),
    ("defended_act", "We did send you a cancellation form.", "no_excuses", "low"),
    ("blamed_choice", "You did choose the monthly plan.", "no_excuses", "low"),
    ("warmth", "You shouldn't have had to chase the double charge.", "empathy", "high"),
    (
        "account_after_apology",
        "I'm sorry about the charge, we've had a huge volume of renewals this month.",
        "no_excuses",
        "low",
    ),
    (
        "colleague_blamed",
        "Sorry, that's the front desk's mistake. I've refunded it today.",
        "no_excuses",
        "low",
    ),
    (
        "colleague_singled_out",
        "That's on him, not you. I've refunded the fee today.",
        "no_excuses",
        "low",
    ),
    (
        "inability_shield",
        "I can't refund from this desk.",
        "no_excuses",
        "low",
    ),
    (
        "conduct_instruction",
        "Please do not open a second case for the same order.",
        "no_excuses",
        "low",
    ),
    (
        "customer_held",
        "It is your responsibility to cancel before the renewal date.",
        "no_excuses",
        "low",
    ),
    ("self_help_step", "Try signing out and back in again.", "resolution", "high"),
    (
        "help_link",
        "The following guide may help: https://help.example.com/billing/refunds",
        "resolution",
        "high",
    ),
    (
        "defending_staff",
        "Kerry is one of our most experienced receptionists.",
        "no_excuses",
        "low",
    ),
    (
        "reason_told",
        "Marta had a family emergency, which is why the classes were cancelled.",
        "no_excuses",
        "low",
    ),
    ("advice_next_time", "Maybe get a backup bike next time?", "no_excuses", "low"),
    ("track_record", "Over 95% of our applications are done in 21 days.", "no_excuses", "low"),
    ("failures_happen", "It's a group course, cancellations happen.", "empathy", "zero"),
    ("under_way", "Your replacement is on its way, with you by noon.", "ownership", "high"),
]


def check(score: int, expected: str) -> bool:
    return {"high": score >= 50, "low": score < 50, "zero": score == 0}[expected]


@pytest.mark.parametrize(
    ("rule", "reply", "dimension", "expected"), CANONICAL, ids=[row[0] for row in CANONICAL]
)
def test_canonical_sentence_matches_its_rule_and_moves_its_dimension(
    rule: str, reply: str, dimension: str, expected: str
) -> None:
    analysis = analyse_reply(reply, customer=CUSTOMER)
    assert analysis.get(rule), f"rule {rule} did not match {reply!r}"
    score = score_reply(reply, customer=CUSTOMER)
    assert check(score.dimensions[dimension], expected), (dimension, score.dimensions, reply)


def test_every_rule_has_a_canonical_sentence() -> None:
    tested = {row[0] for row in CANONICAL}
    assert set(base_lexicon().rules) <= tested


@pytest.mark.parametrize(
    ("reply", "event"),
    [
        ("I'm sorry we charged you twice after you cancelled.", "specific_apology"),
        ("Sorry for any inconvenience.", "generic_apology"),
        ("I'm sorry if you were upset.", "non_apology"),
        ("I'm sorry, but our system migration caused it.", "sorry_but"),
        ("The courier was late because of the weather.", "excuse"),
        ("That's our policy.", "policy"),
        ("You should have read the terms.", "blame_customer"),
        ("To be fair, we did warn you.", "defensive"),
        ("Calm down, it's not a big deal.", "minimizing"),
        ("You poor thing.", "pity"),
        ("Well excuse me, your highness.", "sarcasm"),
        ("That's not my department.", "deflection"),
        ("As I said, we heard that before.", "dismissive"),
        ("So you were charged twice after cancelling.", "paraphrase"),
        ("Is that right?", "clarifying_question"),
        ("You have every right to be upset.", "empathy_statement"),
        ("I'll refund you.", "commitment"),
        ("That's our mistake.", "responsibility"),
        ("We'll see what we can do.", "hedge"),
        ("I'll refund you by Friday.", "timeline"),
        ("I'll send a replacement.", "resolution_offer"),
        ("We won't refund you.", "refusal"),
        ("I'll refund it. Does that work for you?", "satisfaction_check"),
        ("sorry sorry sorry refund refund refund", "gaming"),
    ],
)
def test_events_name_what_was_detected(reply: str, event: str) -> None:
    assert event in score_reply(reply, customer=CUSTOMER).events


# Phrase families added in 1.2.0: each a canonical sentence the rule must flag (dimension low)
# and a good reply close to it that must stay high on the same dimension.
FAMILIES_1_2: list[tuple[str, str, str, str]] = [
    (
        "excuse",
        "Cancellations are sometimes necessary for operational reasons.",
        "I cancelled your class myself and that was wrong; I'll rebook you today.",
        "no_excuses",
    ),
    (
        "excuse",
        "Sorry for the wait, we're waiting on a part from the manufacturer.",
        "I'm sorry for the wait; I'll order the part myself today.",
        "no_excuses",
    ),
    (
        "excuse",
        "I can't refund it until the billing team is back on Monday.",
        "I'll refund it now, and I'll call you back on Monday to confirm.",
        "no_excuses",
    ),
    (
        "excuse",
        "There's been some work in the area and a few customers have been affected.",
        "I'll send an engineer to your area tomorrow morning.",
        "no_excuses",
    ),
    (
        "policy",
        "The guarantee only covers dispatch, not delivery.",
        "Our guarantee was for your delivery date, and we missed it: I'll refund the postage.",
        "no_excuses",
    ),
    (
        "policy",
        "We can't seat anyone without a booking, that's the best we can do.",
        "I'll seat you at the bar now and find you a table as soon as one frees up.",
        "no_excuses",
    ),
    (
        "policy",
        "Customers are advised to check their statements.",
        "Thank you for checking your statement so carefully; I'll fix the charge today.",
        "no_excuses",
    ),
    (
        "blame_customer",
        "you should of asked for a receipt",
        "You should have been given a receipt, and that's on us.",
        "no_excuses",
    ),
    (
        "blame_customer",
        "The tracking shows it was delivered, so it must be there somewhere.",
        "The tracking says delivered but you don't have it, so I'll send a replacement today.",
        "no_excuses",
    ),
    (
        "defensive",
        "Look, I'm just the receptionist. Shouting at me won't help.",
        "I'm the receptionist on duty, and I'll sort this out for you myself.",
        "no_excuses",
    ),
    (
        "minimizing",
        "At least they refunded you in the end; it could have been a lot worse.",
        "At least let me refund the fee today while I look into the rest.",
        "no_excuses",
    ),
    (
        "sarcasm",
        "Sorry we didn't read your mind about the date.",
        "Sorry we didn't note the date you told us; I'll change it now.",
        "no_excuses",
    ),
]


@pytest.mark.parametrize(
    ("rule", "bad", "good", "dimension"), FAMILIES_1_2, ids=[row[1][:40] for row in FAMILIES_1_2]
)
def test_new_phrase_family_flags_the_bad_reply_and_spares_the_good_one(
    rule: str, bad: str, good: str, dimension: str
) -> None:
    assert analyse_reply(bad, customer=CUSTOMER).get(rule), f"rule {rule} did not match {bad!r}"
    assert score_reply(bad, customer=CUSTOMER).dimensions[dimension] < 50
    assert score_reply(good, customer=CUSTOMER).dimensions[dimension] >= 50, good


@pytest.mark.parametrize(
    ("reply", "minimises"),
    [
        ("I'm sorry it happened, and I'll put it right today.", False),
        ("I'm so sorry that it happened at all.", False),
        ("We'll look into how it happened.", False),
        ("Sorry, these things happen.", True),
        ("I'm sorry, but it happens.", True),
        ("It happens.", True),
    ],
)
def test_what_an_apology_names_is_not_a_shrug(reply: str, minimises: bool) -> None:
    """ "Sorry it happened" apologises; "it happens" (stemmed alike) shrugs it off."""
    assert ("minimizing" in score_reply(reply, customer=CUSTOMER).events) is minimises


@pytest.mark.parametrize(
    ("reply", "next_step"),
    [
        ("I'll call you back by 3pm today.", True),
        ("Let me make sure I have this right: you cancelled at 7 on Monday.", False),
        ("Let me help. Can I confirm the charge went out on Monday?", False),
    ],
)
def test_a_time_told_back_or_asked_about_is_not_a_next_step(reply: str, next_step: bool) -> None:
    """With no fix offered, only a commitment with its own time is a next step (resolution)."""
    assert (score_reply(reply, customer=CUSTOMER).dimensions["resolution"] >= 50) is next_step


@pytest.mark.parametrize(
    ("reply", "excuse"),
    [
        ("I'm so sorry your draft got wiped when the app logged you out.", False),
        ("I'm sorry, but the app logged you out.", True),
        ("The driver left it with you anyway. I'm sorry, that's two mistakes on our side.", False),
        ("The driver left it with you anyway. I'll look into it.", True),
    ],
)
def test_a_cause_told_as_what_went_wrong_is_not_an_excuse(reply: str, excuse: bool) -> None:
    """Inside the apology's own clause, or owned in the next sentence, a cause is what went
    wrong; after "but", or left standing, it is an excuse."""
    assert (score_reply(reply, customer=CUSTOMER).dimensions["no_excuses"] < 50) is excuse


def test_words_said_back_while_brushing_off_count_less_for_listening() -> None:
    """A hedge or a non-apology names their words without engaging with them."""
    customer = "My plumber never came and I took the whole day off work for nothing."
    brushed = score_reply(
        "We'll see what we can do about the plumber and the day off.", customer=customer
    )
    engaged = score_reply(
        "I'll call the plumber about your lost day off right now.", customer=customer
    )
    assert brushed.dimensions["listening"] < 50
    assert engaged.dimensions["listening"] >= 50


@pytest.mark.parametrize(
    ("reply", "feels"),
    [
        ("That's seriously annoying after an hour of work.", True),
        ("That's really disheartening.", True),
        ("I'd have lost patience long before now.", True),
        ("The tracking shows it was delivered, so it must be there somewhere.", False),
    ],
)
def test_evaluating_their_situation_is_empathy_and_a_guess_is_not(reply: str, feels: bool) -> None:
    """1.2.0: more feeling words, "I'd have lost patience", and no bare "must be"."""
    found = bool(analyse_reply(reply, customer=CUSTOMER).get("empathy_evaluative"))
    assert found is feels
    assert (score_reply(reply, customer=CUSTOMER).dimensions["empathy"] > 0) is feels
