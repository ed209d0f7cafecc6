"""The conversation's score: six dimensions across all replies, and their weighted overall.

The outcome (resolved or not, replies used, final anger) is reported beside these numbers by the
debrief and never folded into them: a trainee who did everything right with a customer who still
walked out should see both facts, not an average of them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from scoring.model import DIMENSIONS, ReplyScore

# Needed once in a conversation: the best reply counts. One good apology is enough.
BEST_TURN: tuple[str, ...] = ("apology", "ownership", "resolution")
# Needed throughout: the best moment and the steady average count together.
BLENDED: tuple[str, ...] = ("listening", "empathy")
# One lapse is remembered: the worst reply counts.
WORST_TURN: tuple[str, ...] = ("no_excuses",)

# Listening and empathy: the best reply and the average weigh equally, so one brilliant line
# among dismissive ones earns half credit, and steady adequate replies are not punished.
BLEND_BEST_WEIGHT = 0.5
BLEND_AVERAGE_WEIGHT = 0.5

DEFAULT_WEIGHT = 1.0  # dimensions a scenario's `weights` leaves out


def dimension_scores(scores: Sequence[ReplyScore]) -> dict[str, int]:
    """Each dimension 0..100 across the conversation's replies; all 0 if there were none."""
    if not scores:
        return {name: 0 for name in DIMENSIONS}
    result: dict[str, int] = {}
    for name in DIMENSIONS:
        values = [s.dimensions.get(name, 0) for s in scores]
        if name in BEST_TURN:
            result[name] = max(values)
        elif name in WORST_TURN:
            result[name] = min(values)
        else:
            average = sum(values) / len(values)
            result[name] = round(BLEND_BEST_WEIGHT * max(values) + BLEND_AVERAGE_WEIGHT * average)
    return result


def overall_score(dimensions: Mapping[str, int], weights: Mapping[str, float]) -> int:
    """The weighted mean of the six; with every weight zero, the plain mean."""
    weight = {name: float(weights.get(name, DEFAULT_WEIGHT)) for name in DIMENSIONS}
    total = sum(weight.values())
    if total <= 0:
        weight, total = {name: 1.0 for name in DIMENSIONS}, float(len(DIMENSIONS))
    return round(sum(dimensions[name] * weight[name] for name in DIMENSIONS) / total)
