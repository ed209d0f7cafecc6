"""Kinds of wording, not listed sentences: excuses told as a story, minimising by comparison,
and the things that must not be mistaken for them. One canonical sentence per kind."""

from __future__ import annotations

import pytest

from scoring import score_reply

CUSTOMER = "My internet has been down for three days and I work from home. I've called five times."


def dims(reply: str, customer: str = CUSTOMER) -> dict[str, int]:
    return dict(score_reply(reply, customer=customer).dimensions)


@pytest.mark.parametrize(
    "reply",
    [
        "We're two servers down tonight.",  # circumstance: short-handed
        "Friday is our busiest night.",  # circumstance: busy
        "We had a full house after the conference.",
        "Duplicate charges are usually a pending authorisation from your bank, not from us.",
        "The plumber says you weren't home when he knocked.",  # the customer's absence
        "If you'd cancelled through the app, this wouldn't have happened.",  # counterfactual
        "The update notes did tell users to back up their data.",  # emphatic "did", warned
        "Every prescription is double-checked before it leaves the counter.",  # process defence
        "Please lower your voice, sir.",  # tone policing
        "Three days isn't that long.",  # comparative minimising
        "There's really no need to panic.",
        "Well, accidents happen with deliveries.",
        "Those charges are only pre-authorisations, they will vanish by themselves.",
        "Shipping refunds are handled by our logistics partner.",  # passed on with a reason
        "It was late because the van broke down on the motorway.",  # causal structure
        "What happened was the depot sent it to the wrong town.",
    ],
)
def test_excuses_in_other_words_lower_no_excuses(reply: str) -> None:
    assert dims(reply)["no_excuses"] < 50


@pytest.mark.parametrize(
    "reply",
    [
        "I'd have wanted the floor to swallow me.",  # "floor" is a word, not "flood" misspelt
        "Losing three days of work because your connection is down is exhausting.",
        "That's a bug on our side, and I've fixed it.",  # a cause we own
        "We're doing everything we can to get you back online today.",
        "I wish there was a magic button I could press.",
        "If you'd like, I can call you back at six.",  # an offer, not a counterfactual
        "I'm sorry, that's not how our team should treat you.",
    ],
)
def test_ownership_and_feeling_are_not_excuses(reply: str) -> None:
    assert dims(reply)["no_excuses"] == 100


def test_a_word_particular_to_their_trouble_is_heard_a_common_one_is_not() -> None:
    customer = "The plumber never turned up and I took the day off for nothing."
    assert dims("The plumber can come back on a day that suits you.", customer)["listening"] >= 50
    assert dims("I can take a call about it.", "Nobody returns my call.")["listening"] < 50


def test_facts_picked_up_in_an_excuse_still_show_listening() -> None:
    reply = "Your internet was down while you work from home because of storm damage."
    scores = dims(reply)
    assert scores["listening"] >= 50
    assert scores["no_excuses"] < 50


def test_mocking_clauses_show_no_listening() -> None:
    reply = "Oh right, because three days without internet is the crime of the century."
    assert dims(reply)["listening"] < 50


def test_i_can_is_an_offer_below_i_will() -> None:
    offer = dims("I can check whether your cancellation was logged.")["ownership"]
    promise = dims("I will check whether your cancellation was logged.")["ownership"]
    assert offer < 50 <= promise


def test_a_bare_apology_that_runs_into_an_excuse_is_undermined() -> None:
    assert dims("I do apologise, it's been one of those nights.")["apology"] < 50
    assert dims("so sorry bout that")["apology"] < 50  # "bout" is "about": generic


@pytest.mark.parametrize(
    "reply",
    [
        "Three days offline when you work from home: that would rattle anyone.",
        "Three days without internet when your income depends on it.",
        "I hate to think of you working from home for three days without internet.",
    ],
)
def test_impact_without_a_feeling_word_is_empathy(reply: str) -> None:
    assert dims(reply)["empathy"] >= 50


def test_feelings_named_inside_a_non_apology_are_not_empathy() -> None:
    assert dims("We're sorry you're disappointed with your internet.")["empathy"] == 0


@pytest.mark.parametrize(
    ("reply", "high"),
    [
        ("A voucher for 10% off has been added to your account.", True),  # passive offer
        ("ill call you back tomorow with the engineer's slot", True),  # "tomorow" is tomorrow
        ("We'll do our best to find you a slot.", False),  # effort, not a fix
        ("You should have read the confirmation email.", False),  # a fix word inside blame
        ("Our booking system was upgraded last week.", False),  # "booking" is not "booked"
    ],
)
def test_resolution_offers_in_other_words(reply: str, high: bool) -> None:
    assert (dims(reply)["resolution"] >= 50) is high


def test_the_customers_own_account_said_back_is_not_an_excuse() -> None:
    customer = "My mother took the wrong tablets and she was sick all night."
    reply = "I'm so sorry she was sick all night because of our mistake."
    assert dims(reply, customer)["no_excuses"] == 100
    assert dims("Our pharmacist was sick that week.", customer)["no_excuses"] < 50


def test_taking_it_on_ourselves_is_not_blame() -> None:
    score = score_reply("You should never have had to catch it yourself. That's on us.")
    assert "blame_customer" not in score.events


def test_whatever_suits_them_is_not_dismissive() -> None:
    score = score_reply("I can come round at whatever time suits you.", customer=CUSTOMER)
    assert "dismissive" not in score.events


def test_our_sister_restaurant_is_not_owning_the_fault() -> None:
    reply = "We have no record of it, so maybe it was our sister restaurant across town."
    assert dims(reply)["ownership"] < 50
    assert dims("The mistake was ours.")["ownership"] >= 50


def test_a_seat_offered_now_is_a_commitment_and_a_fix() -> None:
    scores = dims("I'm seating you at the window table in ten minutes.")
    assert scores["ownership"] >= 50 and scores["resolution"] >= 50


@pytest.mark.parametrize(
    "reply",
    [
        "We did send you the wrong size, and that's on us.",  # an admission, not "we did"
        "You did tell us about the allergy, and we didn't listen.",
        "The charger was sent on its own, so I'm sending the cable now.",
        "There are only a few tables left tonight and I've kept one for you.",
        "Some people have had the same fault and I'm fixing all of them today.",
        "I'll have it handled by our senior engineer today.",
        "This happened because we packed it wrong, and I'm fixing it now.",  # our own fault
        "It was late because of us, and I'm sorry.",
        "I can see you're upset because the gift was meant for Saturday.",  # their feeling
    ],
)
def test_good_replies_using_the_same_words_are_not_excuses(reply: str) -> None:
    assert dims(reply)["no_excuses"] == 100


@pytest.mark.parametrize(
    ("reply", "undermined"),
    [
        ("Sorry the engineer missed you, however he was stuck on another job.", True),
        ("I'm sorry, but the kitchen was backed up tonight.", True),
        ("I'm sorry, but it will be fixed today.", False),  # acting on it
        ("I'm sorry, but that was our mistake.", False),  # owning it
        ("I'm so sorry, though that doesn't excuse it.", False),
    ],
)
def test_an_explanation_after_sorry_but_is_an_excuse_whatever_its_words(
    reply: str, undermined: bool
) -> None:
    scores = dims(reply)
    assert (scores["no_excuses"] < 50) is undermined


def test_service_words_inside_a_policy_recital_are_not_listening() -> None:
    customer = "I booked a table three weeks ago and you gave it away after ten minutes."
    reply = "We only hold tables for 15 minutes past the booking time, that's our policy."
    assert dims(reply, customer)["listening"] < 50


def test_saying_what_should_have_happened_names_the_failure() -> None:
    customer = "You delivered my sofa with a ripped cushion and left it in the hallway."
    owned = "I'm sorry, the crew should have carried it in and checked it with you."
    assert dims(owned, customer)["apology"] >= 50
    blamed = "I'm sorry. You should have checked it at the door."
    assert dims(blamed, customer)["apology"] < 50


def test_i_totally_get_it_is_not_dismissive_but_yes_i_get_it_already_is() -> None:
    assert "dismissive" not in score_reply("I totally get it, that's so annoying.").events
    assert "dismissive" in score_reply("Yes yes, I get it already.").events


def test_words_in_quotes_are_reported_not_said() -> None:
    reply = 'Being told "these things happen" after a night like that must have been infuriating.'
    scores = dims(reply)
    assert scores["no_excuses"] == 100 and scores["empathy"] >= 50


def test_the_customers_complaint_said_back_is_not_policy_but_asserting_it_is() -> None:
    customer = "You sent me an estimated bill for $612 when I phoned in my reading."
    assert dims("We sent you an estimated bill for $612.", customer)["no_excuses"] == 100
    assert dims("So the estimate stands.", customer)["no_excuses"] < 50


@pytest.mark.parametrize(
    ("reply", "high"),
    [
        ("We're sorry for any confusion about our pricing.", False),  # generic noun first
        ("We regret any inconvenience caused by the delay to your baggage.", False),
        ("im realy sorry nobody came today, thats our falt", True),  # named by what didn't happen
    ],
)
def test_what_an_apology_is_for(reply: str, high: bool) -> None:
    assert (dims(reply)["apology"] >= 50) is high


def test_congratulations_on_something_is_sincere() -> None:
    assert "sarcasm" not in score_reply("Congratulations on your engagement.").events
    assert "sarcasm" in score_reply("Well, congratulations.").events


@pytest.mark.parametrize(
    "reply",
    [
        "Please don't worry about the letter, it's just an automated mailing.",
        "It's only about fifteen dollars a week, which is still great value.",
        "I'm sure he didn't mean anything by it, it was probably just banter.",
        "Well, she said yes in the end, so it all worked out!",
        "Oh I'm terribly sorry our monitors don't meet your exacting standards.",
    ],
)
def test_more_ways_to_minimise_or_mock(reply: str) -> None:
    assert dims(reply)["no_excuses"] < 50


def test_passing_them_on_is_not_listening() -> None:
    customer = "I paid Claire a deposit for the private room and nobody can find it."
    reply = "You'd need to email Claire about that, I don't handle deposits."
    assert dims(reply, customer)["listening"] < 50


def test_by_courier_is_how_we_send_it_not_who_failed() -> None:
    assert dims("I'm sending a new unit, by courier to arrive Wednesday.")["no_excuses"] == 100
    assert dims("It was held up by the courier.")["no_excuses"] < 50


def test_customers_are_not_customs() -> None:
    reply = "Telling an 82-year-old customer that, in front of other customers, was humiliating."
    assert dims(reply)["no_excuses"] == 100
    assert dims("It was held at customs for a week.")["no_excuses"] < 50


def test_sending_them_to_do_it_online_passes_the_buck() -> None:
    customer = "I phoned my meter reading in on the 2nd and you still estimated my bill."
    reply = "You can submit a reading online through your account, that's the best way."
    scores = dims(reply, customer)
    assert scores["ownership"] == 0 and scores["listening"] < 50


def test_scheduling_words_alone_are_not_listening() -> None:
    customer = "Your engineer missed the installation slot again and I took the day off."
    reply = "We apologise for any inconvenience. Can I offer you another slot next week?"
    assert dims(reply, customer)["listening"] < 50
