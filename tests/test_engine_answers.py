"""A customer who answers: questions get the scenario's facts back; lines fit what was said."""

from __future__ import annotations

import pytest
from engine_support import ScriptedScorer, make_scenario, score

from scoring import score_reply
from simulator.engine.conversation import Conversation
from simulator.engine.lines import CustomerVoice, quoted, quotes_heard
from simulator.engine.questions import asked_about
from simulator.scenario.library import load_library

RUDE = load_library().get("rude-staff-member")
APOLOGY = (
    "Mr Asante, I'm so sorry for how Jordan spoke to your mother. That was disrespectful, "
    "and I can hear how much it hurt her. That's on us."
)


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("When did this happen?", "when"),
        ("Which store was it?", "where"),
        ("How much did the phone cost?", "amount"),
        ("What would you like us to do to put this right?", "want"),
        ("Can you tell me what Jordan said to her?", "what"),
        ("Was her hearing aid part of the problem?", "hearing-aid"),
        ("I will book a home visit. Would Thursday suit her?", None),
        ("I understand.", None),
    ],
)
def test_what_a_question_asks_about(question: str, topic: str | None) -> None:
    verdict = score_reply(question, customer=[RUDE.opening], scenario=RUDE)
    assert asked_about(question, verdict, RUDE.answers, RUDE.facts) == topic


def test_a_question_about_a_fact_gets_that_fact_back() -> None:
    talk = Conversation(RUDE)
    talk.reply(APOLOGY)
    turn = talk.reply("When did this happen?")
    assert turn.customer == RUDE.answers["when"][0] and "Saturday, the 14th" in turn.customer
    assert turn.answered == "when"
    turn = talk.reply("Was her hearing aid part of the problem?")
    assert turn.customer == RUDE.answers["hearing-aid"][0]


def test_an_offence_is_answered_before_the_question() -> None:
    talk = Conversation(RUDE)
    turn = talk.reply("When was this? I'm sure Jordan didn't mean anything by it, it was banter.")
    assert turn.answered == "" and turn.customer not in RUDE.answers["when"]


def test_answers_are_the_same_for_the_same_seed() -> None:
    replies = [APOLOGY, "Which store was it?", "What happened exactly?", "I see."]

    def play(seed: int) -> list[str]:
        talk = Conversation(RUDE, seed=seed)
        return [talk.reply(reply).customer for reply in replies]

    assert play(3) == play(3)


def test_quoted_words_are_found_and_only_said_when_heard() -> None:
    line = "It might be 'only fifty dollars' to you. Don't say \u201cthese things happen\u201d."
    assert quoted(line) == ["only fifty dollars", "these things happen"]
    assert quoted("I don't care what your system did.") == []
    assert not quotes_heard(line, " it s only fifty dollars ")
    assert quotes_heard(line, " only fifty dollars and these things happen ")


def test_a_reaction_never_quotes_words_the_trainee_did_not_say() -> None:
    reactions = {"minimizing": ("It might be 'only fifty dollars' to you.", "Don't play it down.")}
    scenario = make_scenario(reactions=reactions)
    table = {
        "these things happen": score("minimizing", empathy=10),
        "it's only fifty dollars": score("minimizing", empathy=10),
    }
    for seed in range(6):
        talk = Conversation(scenario, seed=seed, scorer=ScriptedScorer(table))
        assert talk.reply("these things happen").customer == "Don't play it down."
    voice = CustomerVoice(scenario.moods, reactions, seed=0)
    said = {voice.answer(["minimizing"], 70, reply="it's only fifty dollars") for _ in range(2)}
    assert "It might be 'only fifty dollars' to you." in said


def test_two_things_asked_get_two_answers_in_the_order_asked() -> None:
    talk = Conversation(RUDE)
    talk.reply(APOLOGY)
    turn = talk.reply("Can you tell me when this happened, and what did he say to her?")
    assert turn.answered == "when, what"
    assert turn.customer == f"{RUDE.answers['when'][0]} {RUDE.answers['what'][0]}"
