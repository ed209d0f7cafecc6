"""The customer's lines: reactions by severity, unused mood lines, LRU reuse, no back-to-back."""

from __future__ import annotations

from engine_support import MOODS, ScriptedScorer, make_scenario, score

from simulator.engine.conversation import Conversation
from simulator.engine.lines import SEVERITY, CustomerVoice, LinePicker, bands_nearest
from simulator.scenario.model import Customer


def test_a_pool_is_used_up_before_any_line_is_reused_and_never_twice_in_a_row() -> None:
    picker = LinePicker(seed=3)
    pool = ("one", "two", "three")
    said = [picker.pick([pool]) for _ in range(30)]
    assert sorted(said[:3]) == sorted(pool)
    assert all(a != b for a, b in zip(said, said[1:], strict=False))
    # least-recently-used after that: the cycle repeats in the same order
    assert said[3:6] == said[:3] and said[6:9] == said[:3]


def test_a_single_line_pool_falls_through_rather_than_repeating() -> None:
    picker = LinePicker(seed=0)
    assert picker.pick([("only",)]) == "only"
    assert picker.pick([("only",), ("other",)]) == "other"


def test_mood_lines_come_from_the_band_for_the_new_anger() -> None:
    voice = CustomerVoice(MOODS, {}, seed=1)
    assert voice.answer([], anger=80) in MOODS["furious"]
    assert voice.answer([], anger=60) in MOODS["angry"]
    assert voice.answer([], anger=30) in MOODS["calming"]
    assert voice.answer([], anger=10) in MOODS["satisfied"]


def test_an_exhausted_band_reuses_lines_never_back_to_back() -> None:
    talk = Conversation(
        make_scenario(customer=Customer("Sam", 60, 40), tuning={"no_progress": 0}),
        scorer=ScriptedScorer({}),
    )
    answers = [talk.reply(f"reply {i}").customer for i in range(12)]
    assert set(answers) == set(MOODS["angry"])
    assert all(a != b for a, b in zip(answers, answers[1:], strict=False))


def test_a_reaction_to_the_worst_event_beats_mood_lines() -> None:
    reactions = {"excuse": ("Excuses.",), "blame_customer": ("My fault?!",)}
    voice = CustomerVoice(MOODS, reactions, seed=0)
    assert voice.answer(["excuse", "blame_customer"], anger=60) == "My fault?!"
    assert voice.answer(["excuse", "commitment"], anger=60) == "Excuses."
    assert voice.answer(["commitment"], anger=60) in MOODS["angry"]


def test_severity_ranks_offences_above_engine_remarks_above_good_news() -> None:
    assert SEVERITY.index("sarcasm") < SEVERITY.index("excuse") < SEVERITY.index("repetition")
    assert SEVERITY.index("pushback") < SEVERITY.index("specific_apology")


def test_a_reaction_line_in_a_conversation() -> None:
    scenario = make_scenario(reactions={"non_apology": ("Sorry I feel that way? Really?",)})
    talk = Conversation(scenario, scorer=ScriptedScorer({"x": score("non_apology")}))
    assert talk.reply("x").customer == "Sorry I feel that way? Really?"


def test_the_opening_is_not_said_again_right_after() -> None:
    moods = {**MOODS, "angry": ("Where is my parcel?", "A2")}
    voice = CustomerVoice(moods, {}, seed=0)
    voice.say("Where is my parcel?")
    assert voice.answer([], anger=60) == "A2"


def test_bands_nearest_starts_with_the_band_itself() -> None:
    assert bands_nearest("angry") == ["angry", "furious", "calming", "satisfied"]
    assert bands_nearest("satisfied")[0] == "satisfied"
