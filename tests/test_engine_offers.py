"""Which fix a reply offers, read from the real scorer's verdict on a bundled scenario."""

from __future__ import annotations

import pytest
from engine_support import make_scenario, offer, score, up

from scoring import score_reply
from simulator.engine.offers import missing_needs, offered_resolutions
from simulator.scenario.library import load_library

GYM = load_library().get("gym-billing-after-cancel")


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ("I will refund both charges today.", ["refund"]),
        ("Let me put the money back on your card now.", ["refund"]),
        (
            "I will refund both today and email you written confirmation the account is closed.",
            ["refund", "confirm-cancellation"],
        ),
        (
            "You were promised a refund that never came. I will email you written confirmation "
            "of the cancellation today.",
            ["confirm-cancellation"],
        ),
        (
            "I can't refund you, but I will email you written confirmation today.",
            ["confirm-cancellation"],
        ),
        ("ill get the refnd done today", ["refund"]),
        ("I will not refund you.", []),
        ("We'll look into it.", []),
        ("sorry sorry refund refund refund money back", []),
    ],
)
def test_offers_are_the_fixes_the_reply_commits_to(reply: str, expected: list[str]) -> None:
    verdict = score_reply(reply, customer=[GYM.opening], scenario=GYM)
    assert [r.id for r in offered_resolutions(verdict, reply, GYM)] == expected


def test_a_rule_id_naming_the_fix_is_enough() -> None:
    scenario = make_scenario()
    verdict = score("resolution_offer", evidence=[up("resolution", "it", "resolution:resend")])
    assert [r.id for r in offered_resolutions(verdict, "I'll do it", scenario)] == ["resend"]


def test_needs_come_from_the_scenario_and_the_fix_and_any_reply_so_far() -> None:
    scenario = make_scenario(needs=("apology",))
    resend = scenario.resolutions[1]  # needs ownership
    assert missing_needs(resend, scenario, [offer("resend", apology=0, ownership=0)]) == (
        "apology",
        "ownership",
    )
    replies = [score(apology=80, ownership=0), offer("resend", apology=0, ownership=60)]
    assert missing_needs(resend, scenario, replies) == ()
