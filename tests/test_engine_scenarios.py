"""Every bundled scenario, played with the real scorer: good recovery resolves, bad walks out.

The scripts are written from each scenario's own facts and resolutions, so a new scenario in
`scenarios/` is covered without touching this file.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring import score_reply
from simulator.engine.anger import EVENT_DELTAS
from simulator.engine.conversation import Conversation, ReplyRejected
from simulator.scenario.library import load_library
from simulator.scenario.model import Scenario

BUNDLED = load_library().scenarios
OFFENCES = {event for event, delta in EVENT_DELTAS.items() if delta > 0}


def neutral(phrases: tuple[str, ...]) -> list[str]:
    """A fact's phrases the scorer finds nothing wrong with on their own.

    A fact may quote what the customer was told ("these things happen"); saying that back would
    be minimizing, not listening.
    """
    return [p for p in phrases if not set(score_reply(p).events) & OFFENCES] or list(phrases)


def good_script(scenario: Scenario) -> list[str]:
    """Listening, a specific apology naming the facts, ownership, then a fix the customer takes."""
    name = scenario.customer.name.split()[0]
    facts = [neutral(fact.phrases) for fact in scenario.facts]
    first = [phrases[0] for phrases in facts]
    second = [phrases[1 % len(phrases)] for phrases in facts]
    fixes = [(r.phrases[0], r.phrases[-1]) for r in scenario.resolutions]
    script = [
        f"{name}, thank you for telling me. Let me check I have it right: {', '.join(first)}. "
        "That sounds really stressful and you have every right to be upset. Is that right?",
        f"I'm so sorry about {' and '.join(second)}. That was our mistake, not yours, "
        "and I am going to personally fix this for you today.",
    ]
    for short, long in fixes:
        script.append(
            f"Here's what I will do for you right now: {short}, today, and I'll email you to "
            f"confirm by 5pm. Does that work for you?"
        )
        script.append(
            f"I will personally arrange this for you today: {long}, by 5pm, "
            "and I will call you once it is done."
        )
    return script


BAD_SCRIPT = [
    "I'm sorry you feel that way, but that's our policy.",
    "To be fair, the system was down that week, it's outside our control.",
    "You should have read the terms. It's really not a big deal.",
    "As I already told you, there's nothing I can do, you'll need to contact another department.",
    "Calm down, these things happen.",
    "Like I said, it's not my department.",
    "Whatever. That's just how it is.",
    "I'm sorry if you were upset, but you should have checked.",
]


@pytest.mark.parametrize("scenario", BUNDLED, ids=[s.id for s in BUNDLED])
def test_a_good_script_resolves(scenario: Scenario) -> None:
    talk = Conversation(scenario)
    for reply in good_script(scenario):
        if talk.state != "ongoing":
            break
        talk.reply(reply)
    transcript = "\n".join(f"{t.reply} -> {t.anger_after} {t.events}" for t in talk.turns)
    assert talk.state == "resolved", transcript
    assert talk.turns[-1].customer == talk.accepted.accept


@pytest.mark.parametrize("scenario", BUNDLED, ids=[s.id for s in BUNDLED])
def test_a_bad_script_drives_the_customer_out(scenario: Scenario) -> None:
    talk = Conversation(scenario)
    for reply in BAD_SCRIPT:
        if talk.state != "ongoing":
            break
        talk.reply(reply)
    assert talk.state == "walked_out"
    assert talk.anger > scenario.customer.anger


def test_there_are_bundled_scenarios() -> None:
    assert len(BUNDLED) >= 3


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    index=st.integers(min_value=0, max_value=max(0, len(BUNDLED) - 1)),
    seed=st.integers(min_value=0, max_value=2**32),
    replies=st.lists(st.text(max_size=300), max_size=12),
)
def test_any_replies_play_without_error_within_bounds(
    index: int, seed: int, replies: list[str]
) -> None:
    scenario = BUNDLED[index]
    talk = Conversation(scenario, seed=seed)
    for reply in replies:
        if talk.state != "ongoing":
            break
        try:
            turn = talk.reply(reply)
        except ReplyRejected:
            assert not reply.strip()
            continue
        assert 0 <= turn.anger_after <= 100 and turn.customer
    assert len(talk.turns) <= scenario.customer.patience
    if len(talk.turns) == scenario.customer.patience:
        assert talk.state != "ongoing"


@pytest.mark.parametrize("scenario", BUNDLED[:3], ids=[s.id for s in BUNDLED[:3]])
def test_the_same_seed_and_replies_replay_the_same_conversation(scenario: Scenario) -> None:
    replies = [BAD_SCRIPT[4], "ok", "ok", good_script(scenario)[1], BAD_SCRIPT[0]]

    def play(seed: int) -> list[tuple[str, str, int]]:
        talk = Conversation(scenario, seed=seed)
        for reply in replies:
            if talk.state == "ongoing":
                talk.reply(reply)
        return [(t.reply, t.customer, t.anger_after) for t in talk.turns]

    assert play(11) == play(11)


@pytest.mark.parametrize("scenario", BUNDLED, ids=[s.id for s in BUNDLED])
def test_a_calm_customer_out_of_patience_never_walks_out(scenario: Scenario) -> None:
    """Listening and a specific apology, then polite replies that offer nothing."""
    talk = Conversation(scenario)
    for reply in good_script(scenario)[:2]:
        talk.reply(reply)
    while talk.state == "ongoing":
        talk.reply("Thank you for bearing with me while I look at this.")
    if talk.anger < 50:
        assert talk.state == "unresolved", [t.anger_after for t in talk.turns]
    else:
        assert talk.state == "walked_out"
    assert talk.debrief().fix_note  # why no fix ended it


@pytest.mark.parametrize("scenario", BUNDLED, ids=[s.id for s in BUNDLED])
def test_the_golden_scripts_end_as_the_trainer_expects(scenario: Scenario) -> None:
    from simulator.engine.golden import play_golden

    expected = {script.name: script.expect for script in scenario.scripts}
    assert expected.get("good") == "resolved" and expected.get("bad") == "walked_out"
    for script in scenario.scripts:
        result = play_golden(scenario, script, score_reply)
        assert result.holds, result.explain()


@pytest.mark.parametrize("scenario", BUNDLED, ids=[s.id for s in BUNDLED])
def test_every_bundled_scenario_answers_the_basic_questions(scenario: Scenario) -> None:
    assert {"when", "amount", "want", "what"} <= set(scenario.answers)
