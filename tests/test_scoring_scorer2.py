"""Scorer 2 (issue 12): the failure classes trainers saw, one canonical sentence per case, each
with the reading that must not change along with it (ConvoKit's habit)."""

from __future__ import annotations

import pytest

from scoring import score_reply

LATE = "I paid for express delivery and my parcel came a week late. Nobody answered my emails."


def dims(reply: str, customer: str = LATE) -> dict[str, int]:
    return dict(score_reply(reply, customer=customer).dimensions)


def rules(reply: str, customer: str = LATE) -> set[str]:
    return {e.rule for e in score_reply(reply, customer=customer).evidence}


# --- excuses and defensiveness after a contrast word ---------------------------------------


@pytest.mark.parametrize(
    ("reply", "rule"),
    [
        ("I'm sorry, but we did email you the new date on Monday.", "defended_act"),
        (
            "I hear you, but the installer has done this job for twenty years.",
            "excuse_after_apology",
        ),
        ("Unfortunately only head office can approve refunds.", "policy"),
        ("Well, you did choose the cheapest courier option.", "blamed_choice"),
    ],
)
def test_excuse_after_a_contrast_word_loses_no_excuses(reply: str, rule: str) -> None:
    assert dims(reply)["no_excuses"] < 50
    assert rule in rules(reply)


def test_sorry_but_we_did_undermines_the_apology() -> None:
    assert dims("I'm sorry, but we did email you the new date on Monday.")["apology"] < 50


def test_only_head_office_can_approve_offers_no_fix() -> None:
    assert dims("Unfortunately only head office can approve refunds.")["resolution"] < 50


@pytest.mark.parametrize(
    "reply",
    [
        "You did tell us about the allergy, and we missed it.",  # crediting what they told us
        "You did the right thing ringing it through on the 2nd.",  # praise
        "We did get this wrong, and I'm sorry.",  # owning it
        "I hear you, but I'll refund the express fee today.",  # the contrast leads to a fix
    ],
)
def test_emphatic_did_that_credits_or_owns_is_not_an_excuse(reply: str) -> None:
    assert dims(reply)["no_excuses"] == 100


# --- hand-offs dressed as action -------------------------------------------------------------


@pytest.mark.parametrize(
    "reply",
    [
        "Please reach out to our billing team here and we'll look into it.",
        "I've forwarded this to our team.",
        "You can contact our returns department using the link below.",
    ],
)
def test_hand_off_is_deflection_and_loses_ownership(reply: str) -> None:
    score = score_reply(reply, customer=LATE)
    assert "deflection" in score.events
    assert score.dimensions["ownership"] == 0
    assert score.dimensions["resolution"] < 50


@pytest.mark.parametrize(
    "reply",
    [
        "Please contact me directly on this number and I'll refund it today.",
        "I'll call the courier now and ring you back by 3pm.",
        "I'll follow up by email tomorrow morning with the courier's answer.",
    ],
)
def test_contacting_us_or_us_contacting_them_is_not_a_hand_off(reply: str) -> None:
    score = score_reply(reply, customer=LATE)
    assert "deflection" not in score.events
    assert score.dimensions["ownership"] >= 50


def test_warm_hand_off_with_a_time_is_resolution_without_ownership() -> None:
    scores = dims("I've passed this to Sam in billing, who will call you at 3pm today.")
    assert scores["resolution"] >= 50
    assert scores["ownership"] < 50


# --- action reported without "I will" -------------------------------------------------------


@pytest.mark.parametrize(
    "reply",
    [
        "ok, credit applied. engineer booked fri 8am",
        "Router reset - you're back online",
        "Done: refund issued today, replacement on its way",
    ],
)
def test_done_deed_counts_for_ownership_and_resolution(reply: str) -> None:
    scores = dims(reply)
    assert scores["ownership"] >= 50
    assert scores["resolution"] >= 50
    assert "done_deed" in rules(reply)


def test_verbless_offer_counts_as_a_fix() -> None:
    reply = "So: a replacement tonight and the delivery fee back"
    assert dims(reply)["resolution"] >= 50
    assert "verbless_offer" in rules(reply)


@pytest.mark.parametrize(
    "reply",
    [
        "Reset your router and try again.",  # an instruction to them
        "We're fully booked on Saturdays.",  # a state
        "Fees are applied automatically, I'm afraid.",  # a standing process
        "You were told early check-in was arranged.",  # their account told back
        "Engineers are on site and service should return by 6pm.",  # a sentence, not an offer
    ],
)
def test_what_is_not_a_deed_earns_no_ownership(reply: str) -> None:
    assert dims(reply)["ownership"] < 50


# --- owning the failure is not refusing -----------------------------------------------------


def test_owning_the_failure_is_not_a_refused_fix() -> None:
    score = score_reply("it's on us: you paid for express and we didn't deliver it", customer=LATE)
    assert "refusal" not in score.events
    assert score.dimensions["ownership"] >= 50


@pytest.mark.parametrize("reply", ["I won't make excuses for it.", "I won't transfer you again."])
def test_promise_not_to_harm_is_not_a_negated_commitment(reply: str) -> None:
    score = score_reply(reply, customer=LATE)
    assert "refusal" not in score.events
    assert "commitment" in score.events


@pytest.mark.parametrize("reply", ["We can't refund the express fee.", "I won't refund you."])
def test_a_refusal_is_still_a_refusal(reply: str) -> None:
    assert "refusal" in score_reply(reply, customer=LATE).events
