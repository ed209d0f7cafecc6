"""The recovery arc in the debrief: which reply did each step, what never happened, order faults."""

from __future__ import annotations

from engine_support import ScriptedScorer, make_scenario, score, up

from scoring import score_reply
from simulator.engine.arc import CHECK_WHEN_ACCEPTED
from simulator.engine.conversation import Conversation
from simulator.engine.debrief import COACHING
from simulator.scenario.library import load_library

LIBRARY = load_library()
GYM = LIBRARY.get("gym-billing-after-cancel")
HEARD = (
    "Priya, so you cancelled in person on 14 March and were still charged in April and May. "
    "I'm so sorry we charged you after you cancelled. That's on us."
)


def test_a_fix_taken_at_once_is_no_check_fault_and_says_ask_in_the_same_reply() -> None:
    """Found by a new user: a fix the customer took at once ended the talk, and the debrief
    then said "You never checked it worked for them", which they had no reply left to do."""
    talk = Conversation(GYM, scorer=score_reply)
    talk.reply(HEARD)
    talk.reply("I will refund both charges to your card today.")
    assert talk.state == "resolved"
    arc = talk.debrief().arc
    assert arc is not None
    assert (
        arc.step("apologise").reply == 0 and "sorry we charged you" in arc.step("apologise").words
    )
    assert arc.step("own").reply == 0 and arc.step("fix").reply == 1
    assert "refund both charges" in arc.step("fix").words
    assert not arc.step("check").done
    assert arc.step("check").coaching == CHECK_WHEN_ACCEPTED
    assert not any("never checked" in fault for fault in arc.faults)


def test_apologised_and_fixed_but_never_checked_says_exactly_that() -> None:
    talk = Conversation(GYM, scorer=score_reply)
    talk.reply(
        "Priya, so you cancelled in person on 14 March and were still charged in April and May."
    )
    talk.reply("I will refund both charges to your card today.")  # too early: pushed back
    talk.reply("I'm so sorry we charged you after you cancelled. That's on us.")
    assert talk.state == "ongoing"
    debrief = talk.debrief()
    arc = debrief.arc
    assert arc is not None
    assert arc.step("fix").reply == 1 and not arc.step("check").done
    never = "You never checked it worked for them: after the fix, ask whether it puts it right."
    assert never in arc.faults
    assert arc.faults[0] in debrief.tips  # the arc's faults lead the tips


def test_a_sorry_but_excuse_that_names_their_words_does_no_step() -> None:
    """Found playing the gym scenario: the excuse reply was shown as 'Listen and clarify'."""
    talk = Conversation(GYM, scorer=score_reply)
    talk.reply("I'm sorry, but cancellations have to be done online, it's in the agreement.")
    talk.reply(HEARD)
    arc = talk.debrief().arc
    assert arc is not None
    assert arc.step("listen").reply == 1 and arc.step("apologise").reply == 1


def test_a_fix_before_understanding_the_problem_is_an_order_fault() -> None:
    talk = Conversation(GYM, scorer=score_reply)
    talk.reply("I will send you a refund today.")
    talk.reply(HEARD)
    arc = talk.debrief().arc
    assert arc is not None
    assert arc.step("listen").reply == 1 and arc.step("fix").reply == 0
    assert arc.faults[0].startswith("You offered a fix (reply 1) before you understood the problem")
    assert "You offered a fix (reply 1) before apologising." in arc.faults


def test_a_question_ending_the_fix_checks_it_works() -> None:
    rude = LIBRARY.get("rude-staff-member")
    good = next(s for s in rude.scripts if s.name == "good")
    talk = Conversation(rude, scorer=score_reply)
    for reply in good.replies:
        talk.reply(reply)
    arc = talk.debrief().arc
    assert arc is not None and arc.step("check").words == "Would Thursday suit her?"
    assert arc.faults == ()


def test_a_tip_appears_only_when_earned() -> None:
    """Acknowledge once, then fix: empathy is the best reply, not pulled down by the fixing."""
    table = {
        "feel": score("empathy_statement", "paraphrase", empathy=90, listening=90),
        "fix": score("resolution_offer", "timeline", "satisfaction_check", empathy=10,
                     resolution=90, evidence=[up("resolution", "refund", "resolution_offer")]),
    }  # fmt: skip
    talk = Conversation(make_scenario(), scorer=ScriptedScorer(table))
    talk.reply("feel")
    talk.reply("fix")
    debrief = talk.debrief()
    assert debrief.dimensions["empathy"] == 90
    assert not any(tip.startswith(COACHING["empathy"]) for tip in debrief.tips)


def test_the_moment_note_names_the_top_anger_reason_and_the_scoring_words() -> None:
    from simulator.engine.moment import moment_note

    talk = Conversation(GYM, scorer=score_reply)
    turn = talk.reply("I'm sorry, but that's our policy.")
    lines = moment_note(turn).lines()
    assert lines[0].startswith(f"Anger ▲{turn.anger_after - turn.anger_before}, mostly ")
    assert any(line.startswith("▼ ") for line in lines)


def test_asking_what_would_help_before_any_fix_is_not_a_check_or_a_fault() -> None:
    rude = LIBRARY.get("rude-staff-member")
    talk = Conversation(rude, scorer=score_reply)
    talk.reply("What would you like us to do to put this right?")
    arc = talk.debrief().arc
    assert arc is not None and not arc.step("check").done and arc.faults == ()
