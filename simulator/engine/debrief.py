"""What a trainee reads afterwards: scores, outcome, turns, the recovery arc, three tips (the
arc's order faults first) and model replies."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from scoring.model import DIMENSIONS, HIGH_THRESHOLD
from simulator.engine.arc import recovery_arc
from simulator.engine.model import Debrief, Outcome, Turn
from simulator.engine.score import dimension_scores, overall_score
from simulator.scenario.model import Example, Scenario

TIP_COUNT = 3  # a trainee acts on a few pointed tips, not a list of six
TIP_BELOW = 75  # dimensions at or above this are strong enough to need no tip
MODEL_REPLY_COUNT = 2

# One coaching line per dimension, for the conversation as a whole.
COACHING: Mapping[str, str] = {
    "listening": "Say the customer's specifics back to them (what happened, when, what it "
    "cost them) before moving to a fix.",
    "empathy": "Name what this did to the customer personally, not just 'I understand your "
    "frustration'.",
    "apology": "Apologise in the first person for the specific thing that went wrong, with no "
    "'but' after it.",
    "ownership": "Take it on yourself: 'I will ... by ...', not 'someone will get back to you'.",
    "no_excuses": "Leave out why it happened and whose fault it was: one excuse is remembered "
    "for the whole conversation.",
    "resolution": "Offer a concrete fix the customer can hold you to, and check it works for them.",
}


def build_debrief(
    scenario: Scenario, outcome: Outcome, turns: Sequence[Turn], anger: int
) -> Debrief:
    arc = recovery_arc(turns, accepted=outcome == "resolved")
    dimensions = dimension_scores([turn.score for turn in turns], arc.step("fix").reply)
    return Debrief(
        scenario_id=scenario.id,
        outcome=outcome,
        replies_used=len(turns),
        patience=scenario.customer.patience,
        final_anger=anger,
        overall=overall_score(dimensions, scenario.weights),
        dimensions=dimensions,
        turns=tuple(turns),
        tips=_interleave(arc.faults, conversation_tips(dimensions, turns))[:TIP_COUNT],
        model_replies=model_replies(scenario.examples),
        fix_note=fix_note(scenario, outcome, turns),
        arc=arc,
    )


def _interleave(first: Sequence[str], second: Sequence[str]) -> tuple[str, ...]:
    """The arc's faults and the weakest skills' tips, taking turns, so neither crowds out the
    other: a fix offered too early and an excuse both matter."""
    merged: list[str] = []
    for pair in zip(first, second, strict=False):
        merged.extend(pair)
    longer = first if len(first) > len(second) else second
    merged.extend(longer[min(len(first), len(second)) :])
    return tuple(merged)


def fix_note(scenario: Scenario, outcome: Outcome, turns: Sequence[Turn]) -> str:
    """Why no fix ended it: none was recognised (and which would have been), or when one was."""
    if outcome == "resolved" or not turns:
        return ""
    would = "; ".join(f'"{r.phrases[0]}"' for r in scenario.resolutions)
    offered = [(turn, rid) for turn in turns for rid in turn.offers]
    if not offered:
        return (
            "None of your replies offered a fix this customer would take. "
            f"They would have taken: {would}."
        )
    names = {r.id: r.phrases[0] for r in scenario.resolutions}
    said = ", ".join(f'"{names.get(rid, rid)}" (reply {turn.index + 1})' for turn, rid in offered)
    return (
        f"You offered {said}, but never while the customer was ready to accept it: calm them "
        "first (a specific apology, ownership), then offer it again."
    )


def conversation_tips(dimensions: Mapping[str, int], turns: Sequence[Turn]) -> tuple[str, ...]:
    """Tips for the weakest dimensions first, each pointing at the reply that cost most.

    Among the low ones (below 50), a dimension some reply actively lowered comes first: something
    to stop doing ("no excuses") helps more than something that never came up.
    """

    def order(name: str) -> tuple[bool, bool, int, int]:
        low = dimensions[name] < HIGH_THRESHOLD
        return (
            not low,
            not (low and _lowered(name, turns)),
            dimensions[name],
            DIMENSIONS.index(name),
        )

    weak = sorted((name for name in DIMENSIONS if dimensions[name] < TIP_BELOW), key=order)
    return tuple(_tip(name, turns) for name in weak[:TIP_COUNT])


def _lowered(dimension: str, turns: Sequence[Turn]) -> bool:
    return any(
        item.dimension == dimension and item.effect == "down"
        for turn in turns
        for item in turn.score.evidence
    )


def _tip(dimension: str, turns: Sequence[Turn]) -> str:
    for turn in turns:
        for item in turn.score.evidence:
            if item.dimension == dimension and item.effect == "down" and item.text.strip():
                return f'{COACHING[dimension]} (Reply {turn.index + 1}: "{item.text}": {item.why})'
    return COACHING[dimension]


def model_replies(examples: Sequence[Example]) -> tuple[str, ...]:
    """The calibration replies the trainer expects high on the most dimensions (and low on none)."""
    ranked = []
    for position, example in enumerate(examples):
        highs = sum(1 for e in example.expect if _demands_high(e.op, e.value))
        lows = len(example.expect) - highs
        if highs and not lows:
            ranked.append((-highs, position, example.reply))
    return tuple(reply for _, _, reply in sorted(ranked)[:MODEL_REPLY_COUNT])


def _demands_high(op: str, value: int) -> bool:
    return (op in (">=", "==") and value >= HIGH_THRESHOLD) or (
        op == ">" and value >= HIGH_THRESHOLD - 1
    )
