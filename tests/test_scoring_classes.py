"""Scorer 2.1 (issue 12): failure classes found by reading the d2 development set's misses.
Each test names its class; the examples are written for these tests, not taken from a set."""

from __future__ import annotations

import pytest

from scoring import score_reply

BROKEN = "My washing machine broke again a week after your engineer fixed it. I need it working."


def dims(reply: str, customer: str = BROKEN) -> dict[str, int]:
    return dict(score_reply(reply, customer=customer).dimensions)


def rules(reply: str, customer: str = BROKEN) -> set[str]:
    return {e.rule for e in score_reply(reply, customer=customer).evidence}


def events(reply: str, customer: str = BROKEN) -> set[str]:
    return set(score_reply(reply, customer=customer).events)


# --- class 8: other scripts, and Latin-script languages the lexicon does not list ----------


@pytest.mark.parametrize(
    ("reply", "language"),
    [
        ("洗濯機の件、大変申し訳ございません。明日の午前中に技術者を伺わせます。", "Japanese"),
        ("Приносим извинения. Мастер приедет к вам завтра утром.", "Cyrillic"),
        ("불편을 드려 죄송합니다. 내일 기사님이 방문합니다.", "Korean"),
        (
            "Bardzo przepraszamy za kłopot z pralką. Technik przyjedzie jutro rano i "
            "naprawi ją bezpłatnie, a koszty zwrócimy.",
            "other than English",
        ),
    ],
)
def test_reply_in_another_script_gets_the_english_only_notice(reply: str, language: str) -> None:
    score = score_reply(reply, customer=BROKEN)
    assert not score.scored
    assert language in score.notice and "English only" in score.notice
    assert "gaming" not in score.events and score.evidence == ()


@pytest.mark.parametrize(
    "reply",
    [
        "Sorry José, the engineer from Zürich will come back tomorrow at 9am.",
        "Très désolé! I'm so sorry it broke again, I'll send the engineer back today.",
        "refund refund replacement voucher sorry sorry engineer",  # English gaming, not foreign
        "申し訳ありません - I'm sorry it broke again, I'll send the engineer back today.",
    ],
)
def test_english_with_a_few_foreign_letters_is_still_scored(reply: str) -> None:
    assert score_reply(reply, customer=BROKEN).scored


# --- class 1: a hand-off is an ownership and resolution question, not an excuse ----------


@pytest.mark.parametrize(
    "reply",
    [
        "Warranty repairs are handled by our service partner, so I've sent them your details.",
        "Refund requests are dealt with by our accounts team.",
    ],
)
def test_handed_to_a_named_team_is_a_hand_off_not_an_excuse(reply: str) -> None:
    found = rules(reply)
    assert dims(reply)["no_excuses"] >= 50 and "excuse_cause" not in found
    assert "hand_off" in found and dims(reply)["ownership"] < 50


def test_the_same_hand_off_after_unfortunately_is_still_an_excuse() -> None:
    reply = "I'm sorry it broke. Unfortunately repeat faults are handled by the manufacturer."
    assert dims(reply)["no_excuses"] < 50 and "excuse_cause" in rules(reply)


def test_passing_their_complaint_on_is_a_cold_hand_off() -> None:
    # "your" is what is passed, not who keeps it
    reply = "I've passed your complaint to our service director and they will be in touch."
    assert "hand_off" in rules(reply) and dims(reply)["ownership"] < 50


def test_a_warm_hand_off_with_a_person_and_a_time_is_resolution_without_ownership() -> None:
    reply = "I've passed your case to Priya, our service manager, who will call you at 2pm today."
    scores = dims(reply)
    assert scores["resolution"] >= 50 and scores["ownership"] < 50


@pytest.mark.parametrize(
    "reply",
    [
        "That's our mistake. I'll send a replacement today by courier.",
        "I'll send a new one by express courier tomorrow.",
        "I've sent the refund via our payments partner this morning.",
    ],
)
def test_a_fix_sent_by_courier_is_its_means_not_a_hand_off(reply: str) -> None:
    """Found by a new user: "by courier" made a first-person replacement ownership 0."""
    assert "hand_off" not in rules(reply) and dims(reply)["ownership"] >= 50


def test_the_case_sent_to_the_courier_is_still_passed_on() -> None:
    for reply in (
        "I've sent your complaint to the courier.",
        "I'll send it to our courier by Friday.",
    ):
        assert "hand_off" in rules(reply) and dims(reply)["ownership"] < 50


def test_handled_by_me_keeps_it() -> None:
    reply = "Your repair is handled by me personally, and I'll call you at 9am tomorrow."
    assert "hand_off" not in rules(reply) and dims(reply)["ownership"] >= 50


@pytest.mark.parametrize(
    "reply",
    [
        "I'm sorry. I've booked our maintenance team to come back at 9am tomorrow.",
        "I'm sorry. Our compliance team will call you at 9am tomorrow about the engineer.",
    ],
)
def test_a_team_named_after_an_excuse_or_policy_word_is_not_a_shield(reply: str) -> None:
    found = rules(reply)
    assert "excuse" not in found and "policy" not in found
    assert dims(reply)["no_excuses"] >= 50


# --- class 2: a fix on its way by post is the means of the fix, not an excuse --------------


def test_a_fix_in_the_post_is_not_lost_in_the_post() -> None:
    reply = "Sorry it broke again. A replacement drum in the post today."
    assert dims(reply)["no_excuses"] >= 50 and dims(reply)["ownership"] >= 50
    lost = "Sorry, your replacement part was lost in the post."
    assert dims(lost)["no_excuses"] < 50


# --- class 3: owning the fault while naming its cause is not an excuse ---------------------


@pytest.mark.parametrize(
    "reply",
    [
        # responsibility in the sentence before the cause
        "That's on us and I'm sorry. The engineer should have tightened the hose. "
        "He's back with you at 10am today.",
        # the possessor is ours
        "It was our fitter's mistake, not yours, and I'll have it fixed by noon today.",
        # "it happened because" says why, it does not shrug
        "I'm so sorry, it happened because our repair didn't hold. I'll send a new part today.",
    ],
)
def test_owning_the_fault_while_naming_its_cause_keeps_no_excuses(reply: str) -> None:
    assert dims(reply)["no_excuses"] >= 50


def test_a_cause_inside_a_sentence_that_feels_for_them_is_their_trouble() -> None:
    reply = "Being left with no washing while the engineer ignored your calls is exhausting."
    assert dims(reply)["no_excuses"] >= 50 and dims(reply)["empathy"] >= 50


@pytest.mark.parametrize(
    "reply",
    [
        "That's on us. Unfortunately the courier lost the part.",
        "It was the fitter's mistake, not ours.",
        "Sorry, it happens.",
    ],
)
def test_the_same_cause_argued_is_still_an_excuse(reply: str) -> None:
    assert dims(reply)["no_excuses"] < 50


# --- class 4: praise or credit to the customer is not blame ---------------------------------


@pytest.mark.parametrize(
    "reply",
    [
        "You did what the manual said, and it still flooded. I'm sorry, that's our fault.",
        "You'd done exactly what you were meant to do, so I'm refunding the call-out today.",
        "You shouldn't have needed three calls to get this fixed. I'm sorry.",
        "You shouldn't have been told to wait another week. I'll book the engineer for 9am.",
        "You rang us twice and we closed the job anyway. I'm sorry, that's on us.",
        "Sorry for any trouble you may have experienced with the machine.",
    ],
)
def test_praise_or_credit_to_the_customer_is_not_blame(reply: str) -> None:
    assert dims(reply)["no_excuses"] >= 50


@pytest.mark.parametrize(
    "reply",
    [
        "Well, you did choose the cheapest repair option.",
        "You shouldn't have run it with the door open.",
        "You may have overloaded the drum.",
    ],
)
def test_blame_in_the_same_words_is_still_blame(reply: str) -> None:
    assert dims(reply)["no_excuses"] < 50


# --- class 6: shields with no contrast word ---------------------------------------------


@pytest.mark.parametrize(
    ("reply", "rule"),
    [
        # the job placed with a third party
        ("The drum is Bosch's responsibility under the warranty.", "colleague_blamed"),
        ("Repeat faults are the responsibility of the installer.", "excuse_cause"),
        ("Installers are responsible for checking the hoses.", "colleague_blamed"),
        # ... or with the customer
        ("It is your responsibility to run the drum clean every month.", "customer_held"),
        ("Owners are responsible for descaling the machine.", "customer_held"),
        # answering a review threat instead of the complaint
        ("Threatening us with a one-star review won't get the engineer there sooner.", "defensive"),
        ("A review is of course your right, but give us a week first.", "defensive"),
        # the colleague's account told against theirs, their licence defended
        ("The engineer swears he tightened every hose.", "defending_staff"),
        ("Engineers have discretion to refuse a repair they think is unsafe.", "defending_staff"),
        # a reason announced by "Unfortunately" with no apology before it
        (
            "Unfortunately we are still waiting for head office to sign it off.",
            "excuse_after_apology",
        ),
    ],
)
def test_a_shield_without_a_contrast_word_loses_no_excuses(reply: str, rule: str) -> None:
    assert dims(reply)["no_excuses"] < 50
    assert rule in rules(reply)


@pytest.mark.parametrize(
    "reply",
    [
        "That was our responsibility and we let you down. I'll send the engineer back today.",
        "We were responsible for fitting it, so I'm refunding the call-out today.",
        "Nobody took responsibility, and I'm sorry. I'll fix it myself at 9am tomorrow.",
        "Unfortunately it broke again, and I'm sorry. I'll send the engineer back today.",
    ],
)
def test_owning_the_job_is_not_a_shield(reply: str) -> None:
    assert dims(reply)["no_excuses"] >= 50


# --- class 7: real agent text: open questions about their trouble, guides linked -----------


@pytest.mark.parametrize(
    "reply",
    [
        "Oh no! What's happening exactly when you start a wash?",
        "Sorry to hear that. Could you clarify the issue you are having with the door?",
        "Please share additional details about the error on the display.",
    ],
)
def test_an_open_question_about_their_trouble_is_listening(reply: str) -> None:
    assert dims(reply, customer="it's broken again!!")["listening"] >= 50


def test_a_request_for_an_identifier_is_not_listening() -> None:
    reply = "Please DM us your order number so we can assist."
    assert dims(reply, customer="it's broken again!!")["listening"] < 50


@pytest.mark.parametrize(
    "reply",
    [
        "Sorry about that! The following guide may help: https://help.example.com/wash/e21",
        "Check out https://help.example.com/wash/e21 for what to do next.",
    ],
)
def test_a_linked_guide_is_a_next_step_without_ownership(reply: str) -> None:
    scores = dims(reply, customer="it's broken again!!")
    assert scores["resolution"] >= 50 and scores["ownership"] < 50


def test_the_same_words_without_a_link_are_not_a_step() -> None:
    assert dims("The following guide may help.", customer="it's broken again!!")["resolution"] < 50


# --- class 1 (cont.): passing the problem into a process is not owning it ---------------------


@pytest.mark.parametrize(
    "reply",
    [
        "I'm sorry. I've logged a complaint about the engineer.",
        "I've raised a ticket with our repairs team and they'll review it.",
        "I'll feed that back to the team.",
        "I'm going to escalate this today.",
        "I'll let the service manager know.",
    ],
)
def test_a_promise_made_of_a_process_is_not_ownership(reply: str) -> None:
    assert dims(reply)["ownership"] < 50


@pytest.mark.parametrize(
    "reply",
    [
        "I've raised a refund for the call-out today.",  # names a fix
        "I'll let you know by 5pm today what the engineer finds.",  # told to the customer
        "Let me check the engineer's notes now.",
        "I'll send the engineer back at 9am tomorrow.",
    ],
)
def test_a_promise_that_acts_or_reports_back_is_ownership(reply: str) -> None:
    assert dims(reply)["ownership"] >= 50


# --- empathy through the consequence; agreement is not empathy (issue 12) -----------------


@pytest.mark.parametrize(
    "reply",
    [
        "A week of washing by hand with two toddlers - that's a real worry.",
        "Three call-outs and it still leaks: a rotten way to spend your week off.",
        "Carrying wet washing to the laundrette every day is a lot to go through.",
    ],
)
def test_their_situation_judged_or_its_cost_named_is_empathy(reply: str) -> None:
    assert dims(reply)["empathy"] >= 50


@pytest.mark.parametrize(
    "reply",
    [
        "You're right, the engineer fixed it last week.",  # agrees with the facts
        "I'm so frustrated about this too.",  # the agent's own feeling
    ],
)
def test_agreement_or_the_agents_own_feeling_is_not_empathy(reply: str) -> None:
    assert dims(reply)["empathy"] < 50


def test_right_to_be_upset_still_validates() -> None:
    assert dims("You're right to be upset, it broke again within a week.")["empathy"] >= 50


# --- class 2 (cont.): deeds done for them, whatever the verb ----------------------------------


@pytest.mark.parametrize(
    "reply",
    [
        "I've withdrawn the penalty charge for the missed visit.",
        "I've released the full £95 today, so you'll see it by Friday.",
    ],
)
def test_a_deed_done_for_them_is_ownership_and_resolution(reply: str) -> None:
    scores = dims(reply)
    assert scores["ownership"] >= 50 and scores["resolution"] >= 50


def test_a_transfer_of_money_is_not_transferring_them() -> None:
    reply = "I've refunded it as a same-day transfer, so you'll see it by 5pm."
    assert "deflection" not in rules(reply) and dims(reply)["ownership"] >= 50
    assert dims("I'll transfer you to billing.")["ownership"] < 50


def test_an_apology_is_undermined_only_by_what_no_excuses_counts() -> None:
    # the "you shouldn't have needed to" that credits them undoes nothing
    reply = "I'm sorry, you shouldn't have needed three calls to get the engineer back."
    assert "sorry_but" not in rules(reply) and dims(reply)["no_excuses"] >= 50
    blamed = "I'm sorry, but you should have run the drum clean every month."
    assert "sorry_but" in rules(blamed) and dims(blamed)["apology"] < 50


# --- scorer 2.2.0: classes read from the d3 dev set and the real_dev2 real replies -----------

KITCHEN = (
    "We paid you $11,400 in full and three weeks later I still can't cook. Your fitter cut the "
    "hob hole in the wrong place and left. I've emailed twice. Dave Pike, 7 Mercer Road."
)


@pytest.mark.parametrize(
    "reply",
    [
        "I can't believe Steve walked off and left it like that, he's been told about this "
        "before. I've rebooked the job for Monday at 8am.",
        "The Monday driver marked you not home to get off his route early. That's on him, not "
        "you. I've paid you the $180.",
        "Honestly I'm furious with them. I'll get the £750 back to you by Friday.",
    ],
)
def test_a_colleague_singled_out_loses_no_excuses_but_keeps_ownership(reply: str) -> None:
    scores = dims(reply, KITCHEN)
    assert "colleague_singled_out" in rules(reply, KITCHEN)
    assert scores["no_excuses"] < 50 and scores["ownership"] >= 50


@pytest.mark.parametrize(
    "reply",
    [
        "hi dave, really sorry. can get someone out next thursday am?",
        "Hello Mr Dave, we are so sorry. The office will call you.",
        "DEAR DAVE, WE ARE VERY SORRY. THE MANAGER WILL CALL YOU BACK.",
    ],
)
def test_their_name_in_a_greeting_is_not_their_situation_said_back(reply: str) -> None:
    assert dims(reply, KITCHEN)["listening"] < 50
    named = "Dave, the hob hole cut in the wrong place and no sink for three weeks: I'm sorry."
    assert dims(named, KITCHEN)["listening"] >= 50


@pytest.mark.parametrize(
    "reply",
    [
        "Did you check the pockets before you brought the suit in?",
        "Have you been drying clothes on the radiator?",
    ],
)
def test_a_question_testing_what_they_did_is_not_a_clarifying_question(reply: str) -> None:
    customer = "My suit came back shrunk and scorched, and there is mould all over my room."
    assert "clarifying_question" not in events(reply, customer)
    assert "clarifying_question" in events(
        "Which suit was it, and when did you drop it off?", customer
    )


def test_nobody_answering_their_emails_is_our_failure_not_their_blame() -> None:
    ours = "I'm sorry, Dave. Nobody answered your two emails, and that's on us."
    assert "blame_customer" not in rules(ours, KITCHEN) and dims(ours, KITCHEN)["no_excuses"] >= 50
    theirs = "Our driver knocked twice but nobody answered the door."
    assert dims(theirs, KITCHEN)["no_excuses"] < 50


def test_initials_and_a_site_ending_do_not_make_a_real_reply_a_keyword_list() -> None:
    reply = (
        "Sorry you're having problems logging in. Please let us know which Amazon site you are "
        "using (.com .es). Thanks. ^SE"
    )
    score = score_reply(reply, customer="I can't log in, no code by text or call")
    assert "gaming" not in score.events
    assert "gaming" in score_reply("Sorry. Refund. Credit. Sorry. Refund.").events


@pytest.mark.parametrize(
    "reply",
    [
        "We can refund your $640 today if you'd rather not wait for the seller.",
        "can refund the cleaning fee",
        "I've overridden the closure and refunded you the $640.",
        "I've paid you the $180 for the lost day.",
    ],
)
def test_a_fix_put_by_our_can_or_joined_to_our_deed_is_resolution(reply: str) -> None:
    assert dims(reply)["resolution"] >= 50
    assert dims("You can request a refund on our website.")["resolution"] < 50


@pytest.mark.parametrize(
    "reply",
    [
        "I've passed this to Karen Doyle, our lead; she'll ring your mobile by 10:30 today.",
        "Dom Price, our delivery manager, is ringing you at 12 today to agree a time.",
    ],
)
def test_a_warm_hand_off_told_any_way_is_resolution_without_ownership(reply: str) -> None:
    scores = dims(reply)
    assert scores["resolution"] >= 50 and scores["ownership"] < 50


def test_a_contraction_reads_the_same_whoever_says_it() -> None:
    from scoring.scorer import analyse_reply

    toks = analyse_reply("She'll ring you and Sam've sent it.", customer=BROKEN).toks
    assert toks.raw[:3] == ["she", "will", "ring"] and "have" in toks.raw


def test_their_trouble_told_back_at_length_is_empathy_without_a_feeling_word() -> None:
    told = "Washing plates in the bath for three weeks with two kids, and still no sink."
    assert dims(told, KITCHEN + " We're washing plates in the bath with two kids.")["empathy"] >= 50
    about_us = "We cut the hob hole in the wrong place and left the sink for three weeks."
    assert dims(about_us, KITCHEN)["empathy"] < 50


@pytest.mark.parametrize(
    "reply",
    [
        "I can't refund from this desk, but I've flagged it urgent for the manager.",
        "Sir, I am sorry but I cannot decide this in the shop. Please write to head office.",
        "WE CANNOT BE RESPONSIBLE FOR GARMENTS WHOSE CARE LABELS ARE INCORRECT.",
    ],
)
def test_what_we_cannot_do_put_up_as_the_answer_is_a_shield(reply: str) -> None:
    assert dims(reply)["no_excuses"] < 50


@pytest.mark.parametrize(
    "reply",
    [
        "I can't imagine how frustrating a second breakdown is. I'll have it fixed by Friday.",
        "I can't tell you how sorry I am. The engineer is with you at 8am tomorrow.",
    ],
)
def test_ways_of_speaking_that_only_look_like_cannot_are_not_shields(reply: str) -> None:
    assert dims(reply)["no_excuses"] >= 50


def test_telling_them_how_to_behave_is_blame_and_a_courtesy_is_not() -> None:
    scolding = "PLEASE DO NOT SUBMIT DUPLICATE REQUESTS. YOUR TICKET IS IN THE QUEUE."
    assert dims(scolding)["no_excuses"] < 50
    courtesy = "I've booked the engineer for 8am. Please don't hesitate to call me."
    assert dims(courtesy)["no_excuses"] >= 50


def test_a_deed_after_an_apology_and_a_comma_is_still_our_deed() -> None:
    reply = "so sorry tom, express fee refunded and the locket too."
    scores = dims(reply, "I paid extra for express so it would be here by the 6th.")
    assert scores["ownership"] >= 50 and scores["resolution"] >= 50
    failure = dims("Sorry, your order was cancelled by the courier.")
    assert failure["ownership"] < 50


# --- scorer 2.2.0: classes read from d4 (the former test set t4) ------------------------------

STORAGE = (
    "I paid the £119 on the 1st and you still overlocked unit B-114 and charged a £45 late fee."
)


@pytest.mark.parametrize(
    "reply",
    [
        "thats on us. refunded the £45 just now and the lock is off",
        "Payment matched to B-114. Overlock removal requested and £45 late fee reversed.",
        "Season pass (£19.99, bought 17 Nov) refunded.",
    ],
)
def test_a_deed_in_note_form_opening_its_clause_is_ours(reply: str) -> None:
    score = score_reply(reply, customer=STORAGE)
    assert "gaming" not in score.events
    assert score.dimensions["ownership"] >= 50 and score.dimensions["resolution"] >= 50
    assert dims("Refunded items must be returned within 30 days.", STORAGE)["ownership"] < 50


def test_the_rules_recited_are_a_policy_shield() -> None:
    for reply in (
        "Per our booking conditions, we reserve the right to relocate guests.",
        "Our technicians are obliged to replace pads below 3mm.",
        "BANS ARE FINAL. CREATING NEW TICKETS WILL NOT CHANGE THE OUTCOME.",
    ):
        assert dims(reply, STORAGE)["no_excuses"] < 50, reply


def test_a_reason_for_their_feeling_is_not_blame_and_a_colleagues_discipline_is() -> None:
    worried = "I understand you are worried because you retire in June. I've found the form."
    assert dims(worried, STORAGE)["no_excuses"] >= 50
    spoken = "Dean should have rung you, he's been spoken to. I've refunded the £123."
    assert dims(spoken, STORAGE)["no_excuses"] < 50


# --- Scorer 2.3 (d5 dev set, once the test set t5): defences in plain words -------------------


@pytest.mark.parametrize(
    "reply",
    [
        "Marta has had a family emergency, which is why the classes were cancelled.",
        "The post room is three weeks behind, which is why your documents haven't been matched.",
        "The fitter was covering three jobs that day, that's why it got rushed.",
    ],
)
def test_the_reason_told_after_the_failure_is_an_excuse(reply: str) -> None:
    assert "reason_told" in rules(reply)
    assert dims(reply)["no_excuses"] < 50


@pytest.mark.parametrize(
    "reply",
    [
        "You were left without a machine all week. That's why I've booked Tom for 8am tomorrow.",
        "Our engineer didn't tighten the hose on Thursday, and that's why your kitchen flooded.",
        "I can see that's why you're so upset about it.",
    ],
)
def test_our_response_our_own_failure_or_their_feeling_after_that_is_why_is_no_excuse(
    reply: str,
) -> None:
    assert "reason_told" not in rules(reply)


def test_advice_for_next_time_blames_and_our_promise_for_next_time_does_not() -> None:
    assert "advice_next_time" in rules("Maybe keep your old machine as a backup next time?")
    assert dims("Perhaps a neighbour could take the delivery in future.")["no_excuses"] < 50
    for promise in (
        "I'll make sure the engineer tests it properly next time.",
        "Next time you book, we will send our senior engineer.",
        "Tell a manager next time you're in, so we can make it right.",
    ):
        assert "advice_next_time" not in rules(promise), promise


@pytest.mark.parametrize(
    "reply",
    [
        "Over 95% of our repairs are fixed first time.",
        "We complete 50,000 repairs a month with a 99.8% success rate.",
        "It's one machine out of 140 we fixed this week.",
        "We handle 400 repairs a week without any problems.",
    ],
)
def test_our_track_record_put_up_against_their_failure_is_defensive(reply: str) -> None:
    assert "track_record" in rules(reply)
    assert dims(reply)["no_excuses"] < 50


@pytest.mark.parametrize(
    "reply",
    [
        "I've refunded 50% of the repair cost and taken 15% off your next service.",
        "I've credited 20% of this quarter's fee.",
        "You lost $1,800 a week while it was broken, so I've refunded the call-out.",
    ],
)
def test_a_percentage_offered_or_their_loss_counted_is_not_a_track_record(reply: str) -> None:
    assert "track_record" not in rules(reply)


def test_failures_shrugged_off_as_happening_are_minimising_but_a_promise_is_not() -> None:
    shrug = "It's a busy week, breakdowns happen."
    assert "failures_happen" in rules(shrug)
    assert dims(shrug)["empathy"] == 0
    assert "failures_happen" not in rules("I'm sorry it broke again. It won't happen again.")
    quoted = 'And then you were told "breakdowns happen", which was wrong. I\'m sorry.'
    assert "failures_happen" not in rules(quoted)


def test_an_emphatic_did_defends_one_of_ours_as_it_defends_us() -> None:
    reply = "The engineer did advise on Friday that your machine is 16 years old."
    assert "defended_act" in rules(reply)
    assert dims(reply)["no_excuses"] < 50
    # Their account confirmed while we put it right, and "did" as the main verb, are not it.
    assert "defended_act" not in rules("The engineer did tell you it was fixed. Refund issued.")
    assert "defended_act" not in rules("The engineer did a poor job and I'm sorry.")


def test_our_records_cited_against_them_are_a_shield() -> None:
    reply = "Our engineer's notes show he attended at 12:40 but there was no answer."
    assert "policy" in rules(reply)
    assert dims(reply)["no_excuses"] < 50


def test_a_shield_that_says_not_is_not_undone_by_an_earlier_not() -> None:
    reply = "We are not an insurer and cannot be held responsible for water damage."
    assert dims(reply)["no_excuses"] < 50


def test_what_we_lack_put_up_as_the_answer_is_a_shield() -> None:
    reply = "I'm afraid I don't have access to the repairs team. Your landlord should chase it."
    assert "inability_shield" in rules(reply)


# --- Scorer 2.3 (d5): deeds the rules did not see ---------------------------------------------


@pytest.mark.parametrize(
    "reply",
    [
        "replacement sent",
        "Valve reserved, engineer with you tomorrow.",
        "I've retrieved your payslips and sent them to underwriting with an urgent flag.",
    ],
)
def test_more_fixes_reported_as_done_are_deeds(reply: str) -> None:
    assert "done_deed" in rules(reply)
    assert dims(reply)["ownership"] >= 50


def test_sent_on_to_another_team_is_a_hand_off_not_a_deed() -> None:
    reply = "I've sent it to our deposits team to release."
    assert "done_deed" not in rules(reply)
    assert dims(reply)["resolution"] < 50


@pytest.mark.parametrize(
    "reply",
    [
        "I am very sorry. I make the refund of 300 pounds today.",
        "I put the £300 refund through this morning.",
        "Sorry for this. We give you the refund today, it is our mistake.",
    ],
)
def test_we_acting_on_the_fix_in_any_words_is_a_resolution(reply: str) -> None:
    assert dims(reply)["resolution"] >= 50


@pytest.mark.parametrize(
    "reply",
    [
        "We understand the refund is late.",
        "I've escalated it to the porting team for a refund.",
        "If we refund you now the bank takes five days.",
    ],
)
def test_knowing_passing_on_or_a_condition_before_the_fix_is_not_acting_on_it(
    reply: str,
) -> None:
    assert dims(reply)["resolution"] < 50


# --- Scorer 2.3 (d5): their ordeal told back, and what they should not have had to pay -------

ORDEAL = (
    "My washing machine broke again a week after your engineer fixed it. I've been washing "
    "the kids' school clothes by hand in the bath every night and hanging them on radiators."
)


def test_their_ordeal_told_first_then_our_cause_owned_is_empathy() -> None:
    reply = (
        "Washing the kids' school clothes by hand in the bath every night, because we didn't "
        "get it right. Sorry. Engineer with you tomorrow at 8am."
    )
    assert "consequence_statement" in rules(reply, ORDEAL)
    assert dims(reply, ORDEAL)["empathy"] >= 50


def test_what_they_should_not_have_paid_or_lost_credits_them() -> None:
    for reply in (
        "That's a £95 call-out you shouldn't have paid. Refund's on its way today.",
        "Two days of work you shouldn't have lost. I'm sorry.",
    ):
        assert dims(reply)["no_excuses"] == 100, reply
    assert dims("You shouldn't have ignored the warning light.")["no_excuses"] < 50


def test_a_cause_owned_two_sentences_away_is_owned() -> None:
    reply = "Our courier partner lost your parcel. You waited in all day for it. That's on us."
    assert dims(reply)["no_excuses"] == 100


# --- Scorer 2.4 (d7, the former test set t7) -----------------------------------------------

FUNERAL = (
    "You sent the wrong flowers to my mum's funeral and the card says Carol, not Carmen. The "
    "service starts at 11. I can't believe this."
)


@pytest.mark.parametrize(
    "reply",
    ["I know what it meant to you.", "I know this is hard.", "I know you're the one facing them."],
)
def test_what_it_means_to_them_known_and_said_is_empathy(reply: str) -> None:
    assert dims(reply)["empathy"] >= 50


def test_the_day_it_fell_on_named_is_its_cost_to_them() -> None:
    reply = "The wrong card on your mum's funeral, today of all days. Right flowers leave now."
    assert "consequence_statement" in rules(reply, FUNERAL)
    assert dims(reply, FUNERAL)["empathy"] >= 50


@pytest.mark.parametrize(
    "reply",
    [
        "Loads of people start jobs a bit late, I'm sure they'll understand.",
        "Well, the vows are the important bit, and you've got those!",
        "You could always ask your neighbour to wash them.",
    ],
)
def test_others_managing_or_a_way_round_left_to_them_is_minimising(reply: str) -> None:
    assert dims(reply)["empathy"] == 0
    assert dims(reply)["no_excuses"] < 50


@pytest.mark.parametrize(
    "reply",
    [
        "Our team pushed an update at 7:45, that's what broke it.",
        "The fault is intermittent so it passes testing, that's most likely what happened.",
        "The repair centre is a separate company and we go on what they report.",
        "It's a genuine mix-up, two orders came in on the same day.",
        "It was their driver not ours.",
        "Are you sure the scratch wasn't there before?",
        "Our records don't show a call from you on Monday.",
    ],
)
def test_more_defences_in_plain_words(reply: str) -> None:
    assert dims(reply)["no_excuses"] < 50


@pytest.mark.parametrize(
    "reply",
    [
        "I've just rung the warehouse and the part is on its way to you.",
        "Call me if the bank rejects it, I'm here till 6.",
        "I can't think of anything worse to come home to. I'm sorry. Refund issued.",
    ],
)
def test_a_cause_acted_on_planned_for_or_a_way_of_speaking_is_no_excuse(reply: str) -> None:
    assert dims(reply)["no_excuses"] == 100


@pytest.mark.parametrize(
    "reply",
    [
        "Sorry. £120 is on its way back to your card today.",
        "Correct flowers leaving now, at the church by 10:35.",
        "File's been regenerated and emailed to you.",
    ],
)
def test_a_fix_reported_under_way_is_ours(reply: str) -> None:
    assert dims(reply)["ownership"] >= 50


def test_a_list_after_a_colon_is_on_offer_and_may_the_month_is_no_modal() -> None:
    listed = "So: a replacement on your 2 May order, with you by 11 tomorrow, and the fee back."
    assert dims(listed)["resolution"] >= 50
    assert dims("£38 vet bill and May's box refunded.")["ownership"] >= 50
    assert dims("It may be refunded later.")["ownership"] < 50


# --- Scorer 2.5 (d8, the former test set t8) -----------------------------------------------


@pytest.mark.parametrize(
    "reply",
    [
        "Cracks like that can appear on their own with changes in humidity.",
        "It's possible the nuts were loosened after the car left us.",
        "It may not have been caused during the repair.",
        "We fix hundreds of machines a week and this almost never happens.",
        "WE DO NOT TOLERATE ABUSIVE LANGUAGE. CONTACT US AGAIN WHEN YOU ARE CALM.",
        "Honestly, £380 at midnight isn't unusual, you'd pay that with most firms.",
        "The agent who told you that was new and following an old script.",
        "We had a huge spike of orders, which knocked our queue back a few days.",
    ],
)
def test_another_cause_held_out_our_record_or_their_tone_is_defensive(reply: str) -> None:
    assert dims(reply)["no_excuses"] < 50


@pytest.mark.parametrize(
    "reply",
    [
        "He was fine in the end though.",
        "Glad everyone is ok! These things can be sorted.",
    ],
)
def test_all_well_in_the_end_is_minimising(reply: str) -> None:
    assert dims(reply)["empathy"] == 0


@pytest.mark.parametrize(
    "reply",
    [
        "Are the kids alright? I'll deal with the machine in a sec.",
        "Ravi, gutted for you, first penalty ever.",
        "That must feel like a real kick in the teeth.",
        "And I'm sorry, I know the timing could hardly be worse.",
    ],
)
def test_asking_after_them_and_informal_feeling_for_them_is_empathy(reply: str) -> None:
    assert dims(reply)["empathy"] >= 50


def test_cleared_by_everyone_being_hit_is_no_excuse() -> None:
    reply = "It cut out for everyone, not just you, and your wifi had nothing to do with it."
    assert dims(reply)["no_excuses"] == 100


def test_asking_after_them_by_name_is_empathy_and_checking_the_fix_is_not() -> None:
    assert dims("Is Lily okay right now?")["empathy"] >= 50
    assert dims("How is Arthur feeling today?")["empathy"] >= 50
    assert dims("Is that okay with you?")["empathy"] == 0
