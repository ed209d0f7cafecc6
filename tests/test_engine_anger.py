"""Anger dynamics: each event moves anger as its named constant says, scaled and explained."""

from __future__ import annotations

import pytest
from engine_support import ScriptedScorer, make_scenario, score, up

from scoring.model import EVENTS
from simulator.engine import anger
from simulator.engine.conversation import Conversation
from simulator.scenario.model import Customer


def play(replies, table, **scenario_changes):
    conversation = Conversation(make_scenario(**scenario_changes), scorer=ScriptedScorer(table))
    return conversation, [conversation.reply(reply) for reply in replies]


def test_a_specific_apology_lowers_anger() -> None:
    _, [turn] = play(["sorry"], {"sorry": score("specific_apology", apology=100)})
    assert turn.anger_after == 70 + round(anger.SPECIFIC_APOLOGY)
    assert [c.cause for c in turn.changes] == ["specific_apology"]


def test_an_excuse_raises_anger() -> None:
    _, [turn] = play(["courier"], {"courier": score("excuse")})
    assert turn.anger_after == 70 + round(anger.EXCUSE)
    assert "excuse" in turn.changes[0].why


def test_a_canned_line_calms_less_than_a_specific_one() -> None:
    _, [canned] = play(["x"], {"x": score("empathy_statement", empathy=20)})
    _, [specific] = play(["x"], {"x": score("empathy_statement", empathy=90)})
    assert canned.anger_after > specific.anger_after


def test_a_hostile_customer_forgives_slowly_and_flares_fast() -> None:
    table = {"sorry": score("specific_apology", apology=100), "excuse": score("excuse")}
    firm = {r: play([r], table, difficulty=2)[1][0] for r in table}
    hostile = {r: play([r], table, difficulty=3)[1][0] for r in table}
    gentle = {r: play([r], table, difficulty=1)[1][0] for r in table}
    calm = {k: 70 - v["sorry"].anger_after for k, v in (("f", firm), ("h", hostile), ("g", gentle))}
    flare = {
        k: v["excuse"].anger_after - 70 for k, v in (("f", firm), ("h", hostile), ("g", gentle))
    }
    assert calm["h"] < calm["f"] < calm["g"]
    assert flare["g"] < flare["f"] < flare["h"]


def test_scenario_tuning_overrides_an_event_delta() -> None:
    _, [turn] = play(["x"], {"x": score("excuse")}, tuning={"excuse": 25})
    assert turn.anger_after == 95


def test_the_same_stock_phrase_earns_less_each_time_and_is_noticed() -> None:
    same = score(
        "empathy_statement", empathy=100, evidence=[up("empathy", "I understand your frustration")]
    )
    conversation, turns = play(["a", "b", "c"], {"a": same, "b": same, "c": same})
    calm = [t.anger_before - t.anger_after for t in turns]
    empathy = [next(c.delta for c in t.changes if c.cause == "empathy_statement") for t in turns]
    assert empathy[1] == pytest.approx(empathy[0] * anger.REPETITION_DECAY, abs=0.1)
    assert empathy[2] == pytest.approx(empathy[0] * anger.REPETITION_DECAY**2, abs=0.1)
    assert calm[0] > calm[1] > calm[2]
    assert "repetition" not in turns[0].events
    assert "repetition" in turns[1].events and "repetition" in turns[2].events
    assert turns[1].customer in conversation_default_repetition()


def conversation_default_repetition() -> tuple[str, ...]:
    from simulator.engine.lines import DEFAULT_REACTIONS

    return DEFAULT_REACTIONS["repetition"]


def test_identical_replies_count_as_repetition_even_without_evidence() -> None:
    same = score("paraphrase", listening=80)
    _, turns = play(
        ["you lost my parcel", "You lost my parcel!"],
        {"you lost my parcel": same, "You lost my parcel!": same},
    )
    assert "repetition" in turns[1].events


def test_a_reply_with_nothing_useful_costs_a_little_patience() -> None:
    _, [turn] = play(["ok"], {"ok": score()})
    assert [c.cause for c in turn.changes] == ["no_progress"]
    assert turn.anger_after == 70 + round(anger.NO_PROGRESS)


def test_keyword_stuffing_calms_nobody() -> None:
    stuffed = score("gaming", "specific_apology", "resolution_offer", apology=100)
    _, [turn] = play(["sorry sorry refund"], {"sorry sorry refund": stuffed})
    assert [c.cause for c in turn.changes] == ["gaming"]
    assert turn.anger_after > 70


def test_one_reply_calms_by_at_most_the_limit() -> None:
    everything = score(
        *anger.CALMING_DIMENSION,
        **{d: 100 for d in ("apology", "listening", "empathy", "ownership", "resolution")},
    )
    _, [turn] = play(["x"], {"x": everything}, customer=Customer("Sam", 90, 6))
    assert turn.anger_after == 90 - anger.MAX_CALMING_PER_TURN
    assert turn.changes[-1].cause == "calming_limit"


@pytest.mark.parametrize(
    ("start", "event", "expected"), [(95, "sarcasm", 100), (3, "specific_apology", 0)]
)
def test_anger_is_clamped(start: int, event: str, expected: int) -> None:
    conversation, [turn] = play(
        ["x"], {"x": score(event, apology=100)}, customer=Customer("S", start, 6)
    )
    assert turn.anger_after == expected == conversation.anger


def test_every_scorer_event_has_a_delta_and_is_a_tuning_key() -> None:
    assert set(EVENTS) <= set(anger.EVENT_DELTAS)
    assert anger.TUNING_KEYS == {"accept_below", *anger.EVENT_DELTAS}


def test_the_same_offence_word_for_word_is_noticed_too() -> None:
    _, turns = play(
        ["as I said", "As I said!"],
        {"as I said": score("dismissive"), "As I said!": score("dismissive")},
    )
    assert "repetition" not in turns[0].events and "repetition" in turns[1].events


def test_an_event_tuned_to_zero_moves_nothing() -> None:
    _, [turn] = play(["x"], {"x": score("hedge")}, tuning={"hedge": 0})
    assert turn.changes == () and turn.anger_after == 70
