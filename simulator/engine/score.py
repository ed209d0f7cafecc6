"""The conversation's score: six dimensions across all replies, and their weighted overall.

The outcome (resolved or not, replies used, final anger) is reported beside these numbers by the
debrief and never folded into them: a trainee who did everything right with a customer who still
walked out should see both facts, not an average of them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from scoring.model import DIMENSIONS, ReplyScore

# Each step of a recovery is needed once, done well: the best reply counts. One good apology is
# enough, and acknowledging the feeling once, then moving on to the fix, is the natural flow (an
# average would mark down every reply that was busy fixing things).
BEST_TURN: tuple[str, ...] = ("empathy", "apology", "ownership", "resolution")
# Listening counts at the right moment: before (or with) the first fix offered.
AT_THE_RIGHT_MOMENT: tuple[str, ...] = ("listening",)
# One lapse is remembered: the worst reply counts.
WORST_TURN: tuple[str, ...] = ("no_excuses",)

# Listening that only came after a fix was offered earns this share: understanding the problem
# after solving it is worth something, but not what it is worth first.
LATE_LISTENING_SHARE = 0.6

DEFAULT_WEIGHT = 1.0  # dimensions a scenario's `weights` leaves out


def dimension_scores(scores: Sequence[ReplyScore], first_fix: int | None = None) -> dict[str, int]:
    """Each dimension 0..100 across the conversation's replies; all 0 if there were none.

    `first_fix` is the 0-based reply that first offered a fix, if any: listening before it
    counts in full, listening after it only in part.
    """
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
            cut = len(values) if first_fix is None else first_fix + 1
            early, late = values[:cut], values[cut:]
            result[name] = round(max(max(early), LATE_LISTENING_SHARE * max(late, default=0)))
    return result


def overall_score(dimensions: Mapping[str, int], weights: Mapping[str, float]) -> int:
    """The weighted mean of the six; with every weight zero, the plain mean."""
    weight = {name: float(weights.get(name, DEFAULT_WEIGHT)) for name in DIMENSIONS}
    total = sum(weight.values())
    if total <= 0:
        weight, total = {name: 1.0 for name in DIMENSIONS}, float(len(DIMENSIONS))
    return round(sum(dimensions[name] * weight[name] for name in DIMENSIONS) / total)
