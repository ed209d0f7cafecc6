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


@pytest.mark.parametrize(
    "reply",
    [
        "I'm sorry, but cancellations have to be done online, it's in the agreement.",
        "Sorry, but the system only lets me process refunds after thirty days.",
    ],
)
def test_a_reason_after_sorry_but_is_an_excuse_whatever_it_is_about(reply: str) -> None:
    """Found playing the gym scenario: a policy in words no lexicon lists, after "but"."""
    scores = dims(reply, "I cancelled in person and you still charged me. Cancellations!")
    assert scores["apology"] < 50 and scores["no_excuses"] < 50


@pytest.mark.parametrize(
    "reply",
    [
        "I'm sorry, but I'll refund both charges today.",
        "I'm so sorry we charged you twice, but I can see why you're furious.",
    ],
)
def test_a_fix_or_acknowledgement_after_sorry_but_is_no_excuse(reply: str) -> None:
    assert dims(reply)["no_excuses"] == 100


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


@pytest.mark.parametrize(
    "reply",
    [
        "That's our mistake. I'll send someone to read the meter on Thursday.",
        "I'm sending a technician out to you at 9am tomorrow.",
    ],
)
def test_sending_someone_to_do_the_fix_is_acting_not_a_hand_off(reply: str) -> None:
    score = score_reply(reply, customer=LATE)
    assert "deflection" not in score.events
    assert score.dimensions["ownership"] >= 50


def test_sending_the_case_to_someone_else_is_still_a_hand_off() -> None:
    assert "hand_off" in rules("I'll send someone to our billing team about it.")


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


# --- listening credited for words that argue or ignore ---------------------------------------

BOOKED = "I booked the room for the 14th and now you say there's no booking."
RENEWAL = "I cancelled before the renewal date and you still charged me."


def test_repeating_facts_to_contradict_them_is_not_listening() -> None:
    assert dims("Your booking says the 15th, not the 14th.", BOOKED)["listening"] < 50


def test_asking_what_they_already_said_is_not_listening() -> None:
    reply = "Can you confirm you cancelled before the renewal date?"
    score = score_reply(reply, customer=RENEWAL)
    assert score.dimensions["listening"] < 50
    assert "clarifying_question" not in score.events


@pytest.mark.parametrize(
    "reply",
    [
        "So you cancelled before the renewal date and were still charged - is that right?",
        "Did you cancel online or by phone?",  # a question they have not answered
    ],
)
def test_checking_understanding_or_asking_something_new_is_listening(reply: str) -> None:
    assert dims(reply, RENEWAL)["listening"] >= 50


# --- specific vs generic apology ---------------------------------------------------------------

TRAIN = "My train from Leeds was two hours late and I missed my connection."


def test_apology_whose_generic_noun_is_then_specified_is_specific() -> None:
    assert dims("Sorry for the delay to your train from Leeds.", TRAIN)["apology"] >= 50


@pytest.mark.parametrize(
    "reply",
    ["Very sorry for any app issues.", "Sorry for any inconvenience caused by the delay."],
)
def test_apology_for_any_whatever_is_generic(reply: str) -> None:
    customer = "Your app crashed twice and the delay cost me my order."
    assert dims(reply, customer)["apology"] < 50


# --- empathy through the consequence; warmth; the agent's own feelings --------------------------

OVERDRAWN = "You charged me twice and now I'm overdrawn. I've chased this for weeks."


def test_empathy_through_the_consequence_without_a_feeling_word() -> None:
    reply = "That second charge pushed you into your overdraft right before rent."
    assert dims(reply, OVERDRAWN)["empathy"] >= 50


@pytest.mark.parametrize(
    "reply",
    ["I'm here, and we'll get this sorted together.", "You shouldn't have had to chase this."],
)
def test_warmth_without_feeling_words_is_empathy(reply: str) -> None:
    assert dims(reply, OVERDRAWN)["empathy"] >= 50


def test_the_agents_own_feelings_are_not_empathy() -> None:
    assert dims("I'm so frustrated too.", OVERDRAWN)["empathy"] < 50
    assert dims("I'd be livid too.", OVERDRAWN)["empathy"] >= 50  # their place, imagined
    assert dims("I'm here to help.", OVERDRAWN)["empathy"] < 50  # a stock line


# --- other languages --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reply", "language"),
    [
        ("Lo siento mucho, le devolveremos los dos cobros hoy", "Spanish"),
        ("Nous sommes désolés, nous allons vous rembourser aujourd'hui.", "French"),
        ("Es tut uns sehr leid, wir erstatten Ihnen heute den Betrag.", "German"),
    ],
)
def test_other_languages_get_a_notice_and_no_pretend_scores(reply: str, language: str) -> None:
    score = score_reply(reply, customer="Me cobraron dos veces.")
    assert not score.scored
    assert language in score.notice and "English" in score.notice
    assert score.events == () and score.evidence == ()
    assert "gaming" not in score.events
    assert score.to_dict()["notice"] == score.notice


@pytest.mark.parametrize(
    "reply",
    [
        "Gracias! I'm so sorry about the double charge, I'll refund it today.",
        "sorry sorry sorry refund refund refund",  # a keyword bag is gaming, not Dutch
        "Hola Maria, I'm sorry.",
    ],
)
def test_english_with_a_foreign_word_is_still_scored(reply: str) -> None:
    score = score_reply(reply, customer="You charged me twice.")
    assert score.scored and "notice" not in score.to_dict()


# --- found on the d1 dev set: note form, non-native English, offers of a concrete fix -----------


def test_note_form_deeds_are_not_a_keyword_list() -> None:
    score = score_reply(
        "Duplicate $2,400 reversed. Tickets checked: all 20 valid. $60 fee refunded too."
    )
    assert "gaming" not in score.events
    assert score.dimensions["ownership"] >= 50 and score.dimensions["resolution"] >= 50
    assert "gaming" in score_reply("sorry sorry sorry refund refund refund").events


def test_a_present_tense_promise_is_a_commitment() -> None:
    scores = dims("Dear Mr Barr, it is our fault. I refund all the hire today.")
    assert scores["ownership"] >= 50 and scores["resolution"] >= 50


@pytest.mark.parametrize("reply", ["Shall I send flowers?", "Can I ask when you ordered?"])
def test_i_after_a_modal_asks_and_promises_nothing(reply: str) -> None:
    assert dims(reply)["ownership"] < 50


def test_an_offer_of_a_concrete_fix_is_ownership_an_ability_is_not() -> None:
    assert dims("I can offer £200 back as a goodwill gesture.")["ownership"] >= 50
    assert dims("We'll refund the express fee.")["ownership"] >= 50
    assert dims("I can check whether the parcel was scanned.")["ownership"] < 50


def test_a_verbless_list_of_fixes_is_resolution() -> None:
    reply = "So: the full £128 back to your card, and two seats for any matinee you choose."
    assert dims(reply)["resolution"] >= 50


def test_someone_elses_negation_told_back_is_not_our_refusal() -> None:
    score = score_reply("I am very sorry that nobody is calling you back about it.", customer=LATE)
    assert "refusal" not in score.events


@pytest.mark.parametrize(
    "reply",
    [
        "Really sorry for the wait, we've had a huge volume of cancellations this summer.",
        "Sorry about that, the previous customers returned cars late that night.",
        "Sorry Mr Pike, that's the front desk's mistake. I've fixed it today.",  # a colleague
        "Kerry is one of our most experienced receptionists and I'm sure she didn't mean it.",
        "I appreciate it's a worry but five weeks is actually quite normal for a claim.",
    ],
)
def test_excuses_without_a_contrast_word_lose_no_excuses(reply: str) -> None:
    customer = "There was no car for us at midnight and my kids waited until 2am."
    assert dims(reply, customer)["no_excuses"] < 50


@pytest.mark.parametrize(
    "reply",
    [
        "I'm so sorry, that's not good enough and it's on us. I'll refund it today.",
        "I'm sorry, we sent you the wrong size.",  # the failure told, owned
        "I'm at the depot this afternoon checking the warehouse myself.",  # acting on it
        "You ticked the access box and phoned to check, and we still sent the wrong seats.",
    ],
)
def test_what_follows_an_apology_and_owns_or_acts_is_not_an_excuse(reply: str) -> None:
    assert dims(reply)["no_excuses"] == 100


def test_blaming_a_colleague_while_fixing_it_keeps_ownership() -> None:
    scores = dims("Sorry Mr Pike, that's the front desk's mistake. I've refunded the $285 today.")
    assert scores["ownership"] >= 50 and scores["no_excuses"] < 50


# --- found on the real_dev set: links, handles and steps for them to take -----------------------


def test_links_and_handles_are_not_words_of_the_reply() -> None:
    reply = "@Elmolazy3 Sorry to hear that. Restore Licenses and try again: https://manuals.example.net/ps4/settings/license.html"
    score = score_reply(reply, customer="My game won't load.")
    assert "gaming" not in score.events
    assert score.dimensions["resolution"] >= 50  # a step they can take
    assert score.dimensions["ownership"] < 50  # nothing done by us
    assert all("https" not in e.text for e in score.evidence)


def test_argued_replies_do_not_show_listening_stories_still_do() -> None:
    customer = "I booked the accessible seats and phoned to check, and you sent stairs seats."
    blaming = (
        "Accessible seating must be requested at the time of booking, you should have checked."
    )
    assert dims(blaming, customer)["listening"] < 50
    story = "I'm sorry you were sent up the stairs after you phoned to check your accessible seats."
    assert dims(story, customer)["listening"] >= 50


def test_recounting_what_was_at_stake_for_them_is_empathy() -> None:
    customer = "You've had my car three weeks and I need it for my hospital appointments."
    reply = "Three weeks without your car when you need it for hospital appointments."
    assert dims(reply, customer)["empathy"] >= 50
    assert dims("I'll bring your car back for your appointments today.", customer)["empathy"] < 50


def test_an_apology_followed_by_a_story_is_undermined_but_or_not() -> None:
    customer = "Nobody rang me with my cat's results and I phoned twice."
    reply = "I'm sorry nobody called, but we've been two vets down this month."
    scores = dims(reply, customer)
    assert scores["apology"] < 50 and scores["no_excuses"] < 50
    assert dims("I'm sorry nobody called you back, that's on us.", customer)["apology"] >= 50


def test_in_unpunctuated_chat_a_new_ive_ends_the_negation() -> None:
    reply = "hi tom sorry you got spoken to like that its not ok ive taken the 45 fee off"
    score = score_reply(reply, customer="Your receptionist was rude and charged me a $45 fee.")
    assert "refusal" not in score.events
    assert score.dimensions["ownership"] >= 50


@pytest.mark.parametrize(
    "reply",
    ["I'll ask someone to look at your bill.", "I've sent this over to our ops manager to review."],
)
def test_asking_another_team_to_deal_with_it_is_a_hand_off(reply: str) -> None:
    assert dims(reply)["ownership"] < 50


def test_a_hand_off_they_were_given_told_back_is_not_ours() -> None:
    reply = "Being told to 'email someone' was wrong. I've just refunded both charges."
    score = score_reply(reply, customer="I was told to email someone. Nobody helped.")
    assert score.dimensions["ownership"] >= 50


@pytest.mark.parametrize(
    "reply",
    [
        "Before posting online, please note that reviews containing false claims may be removed.",
        "Sorry for the confusion, the agent was following the standard repair script.",
        "Hard drives in a cardboard box on a removal van. Bold choice.",
        "Bless you, it's so easy to get muddled with all these plans at your age.",
    ],
)
def test_policing_defending_and_patronising_lose_no_excuses(reply: str) -> None:
    assert dims(reply)["no_excuses"] < 50


def test_the_score_command_shows_the_notice_not_a_table_of_zeros() -> None:
    import subprocess
    import sys
    from pathlib import Path

    run = Path(__file__).resolve().parent.parent / "run.py"
    reply = "Lo siento mucho, le devolveremos los dos cobros hoy"
    out = subprocess.run(
        [sys.executable, str(run), "score", "--customer", "Me cobraron dos veces.", reply],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Spanish" in out and "English only" in out
    assert "listening" not in out


def test_acting_on_an_amount_of_their_money_is_a_fix() -> None:
    assert dims("That's Darren, I'm afraid. Anyway, I've taken the €189 off.")["resolution"] >= 50
    assert dims("I can look at the €189 charge.")["resolution"] < 50


def test_a_named_colleague_who_will_call_at_a_time_is_resolution() -> None:
    reply = "Our access manager, Leila Grant, will ring you at 2pm today."
    scores = dims(reply)
    assert scores["resolution"] >= 50 and scores["ownership"] < 50
