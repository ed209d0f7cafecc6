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
        "Shipping refunds are handled by our logistics partner.",  # passed on with a reason
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
    reply = "Your internet was down three days because of storm damage across the region."
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
