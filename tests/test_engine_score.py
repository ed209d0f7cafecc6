"""The conversation's score and debrief: best, worst and blended turns; weights; tips; models."""

from __future__ import annotations

import pytest
from engine_support import ScriptedScorer, down, example, make_scenario, score

from scoring.model import DIMENSIONS
from simulator.engine import score as conversation_score
from simulator.engine.conversation import Conversation
from simulator.engine.debrief import COACHING, TIP_COUNT, model_replies


def test_each_step_counts_once_done_well_and_listening_before_the_fix() -> None:
    first = score(apology=90, ownership=10, resolution=20, no_excuses=100, listening=80, empathy=20)
    second = score(apology=30, ownership=70, resolution=60, no_excuses=20, listening=40, empathy=60)
    dims = conversation_score.dimension_scores([first, second], first_fix=1)
    assert (dims["apology"], dims["ownership"], dims["resolution"]) == (90, 70, 60)
    assert dims["empathy"] == 60  # acknowledged once, then busy fixing: not averaged down
    assert dims["no_excuses"] == 20
    assert dims["listening"] == 80


def test_listening_only_after_the_fix_earns_part_of_its_score() -> None:
    fix_first = score(listening=10, resolution=80)
    late = score(listening=90)
    dims = conversation_score.dimension_scores([fix_first, late], first_fix=0)
    share = conversation_score.LATE_LISTENING_SHARE
    assert dims["listening"] == round(share * 90)
    assert conversation_score.dimension_scores([fix_first, late])["listening"] == 90


def test_no_replies_score_zero() -> None:
    assert conversation_score.dimension_scores([]) == {name: 0 for name in DIMENSIONS}


def test_overall_is_the_weighted_mean() -> None:
    dims = {name: 0 for name in DIMENSIONS} | {"resolution": 90}
    assert conversation_score.overall_score(dims, {}) == 15
    assert conversation_score.overall_score(dims, {"resolution": 4}) == round(90 * 4 / 9)
    assert conversation_score.overall_score(dims, {n: 0 for n in DIMENSIONS}) == 15


def test_the_debrief_gathers_outcome_scores_turns_and_tips() -> None:
    excuse = score("excuse", no_excuses=10, evidence=[down("no_excuses", "the courier was late")])
    scenario = make_scenario(weights={"no_excuses": 3})
    talk = Conversation(scenario, scorer=ScriptedScorer({"late": excuse, "ok": score(apology=90)}))
    talk.reply("late")
    talk.reply("ok")
    talk.abandon()
    debrief = talk.debrief()
    assert (debrief.outcome, debrief.replies_used, debrief.patience) == ("abandoned", 2, 6)
    assert debrief.final_anger == talk.anger and len(debrief.turns) == 2
    assert debrief.dimensions["no_excuses"] == 10 and debrief.dimensions["apology"] == 90
    assert debrief.overall == conversation_score.overall_score(
        debrief.dimensions, {"no_excuses": 3}
    )
    assert len(debrief.tips) == TIP_COUNT
    assert debrief.tips[0].startswith(COACHING["no_excuses"])  # the weakest first
    assert '"the courier was late"' in debrief.tips[0] and "Reply 1" in debrief.tips[0]


def test_strong_dimensions_get_no_tip() -> None:
    talk = Conversation(
        make_scenario(), scorer=ScriptedScorer({"x": score(**dict.fromkeys(DIMENSIONS, 95))})
    )
    talk.reply("x")
    assert talk.debrief().tips == ()


@pytest.mark.parametrize(
    ("examples", "expected"),
    [
        (
            (example("bad", apology="low"), example("good", apology="high", ownership="high")),
            ("good",),
        ),
        (
            (
                example("one", apology="high"),
                example("three", apology="high", ownership="high", resolution="high"),
                example("mixed", apology="high", no_excuses="low"),
                example("two", apology="high", listening="high"),
            ),
            ("three", "two"),
        ),
    ],
)
def test_model_replies_are_the_examples_expected_high_on_most(examples, expected) -> None:
    assert model_replies(examples) == expected


def test_a_low_dimension_a_reply_lowered_is_tipped_before_one_never_tried() -> None:
    policy = score(
        "policy",
        apology=0,
        no_excuses=20,
        evidence=[down("no_excuses", "that's our policy")],
        **dict.fromkeys(("listening", "empathy", "ownership", "resolution"), 90),
    )
    talk = Conversation(make_scenario(), scorer=ScriptedScorer({"x": policy}))
    talk.reply("x")
    tips = talk.debrief().tips
    assert tips[0].startswith(COACHING["no_excuses"]) and tips[1].startswith(COACHING["apology"])
