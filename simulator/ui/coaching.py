"""What the six behaviours are called on screen, what they mean, and how to coach them.

Plain data for the help screen, the coach panel and hints; the scorer's own rules live in
`scoring/`. Example phrases follow docs/SCORING.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from scoring.model import DIMENSIONS


@dataclass(frozen=True, slots=True)
class Behaviour:
    dimension: str
    label: str
    meaning: str
    example: str
    hint: str


BEHAVIOURS: Mapping[str, Behaviour] = {
    b.dimension: b
    for b in (
        Behaviour(
            "listening",
            "Active listening",
            "Show you heard what happened: say it back in your own words, ask a clarifying "
            "question.",
            "So you were charged in April and May even though you cancelled in March?",
            "Say back what went wrong in your own words, naming the details the customer gave.",
        ),
        Behaviour(
            "empathy",
            "Empathy",
            "Acknowledge how the customer feels without pity or sarcasm.",
            "I can see how frustrating it is to be billed for something you cancelled.",
            "Name how this must feel for them: frustrating, worrying, a waste of their time.",
        ),
        Behaviour(
            "apology",
            "Specific apology",
            "Apologise for the specific thing that went wrong, with no 'but' and no 'if'.",
            "I'm sorry you were charged after cancelling your membership.",
            "Apologise for the exact thing that went wrong, with no 'but' after it.",
        ),
        Behaviour(
            "ownership",
            "Ownership",
            "Take responsibility and commit to act, in the first person.",
            "That was our mistake, and I will make sure it's fixed today.",
            "Say it was your side's mistake and what you personally will do now.",
        ),
        Behaviour(
            "no_excuses",
            "No excuses",
            "Avoid excuses, policy talk, blaming the customer and defensiveness.",
            "You shouldn't have had to chase this; let me sort it out.",
            "Drop the explanations of why it happened; focus on the customer instead.",
        ),
        Behaviour(
            "resolution",
            "Resolution",
            "Offer a concrete fix with a timeline, and check it works for the customer.",
            "I've refunded both payments today; you'll see them in 3-5 days. Does that work?",
            "Offer a concrete fix, say when it will happen, and ask if that works for them.",
        ),
    )
}

assert tuple(BEHAVIOURS) == DIMENSIONS, "one behaviour per scorer dimension, in order"


def label(dimension: str) -> str:
    behaviour = BEHAVIOURS.get(dimension)
    return behaviour.label if behaviour else dimension.replace("_", " ").capitalize()


def next_hint(shown: Iterable[str], tips: Iterable[str] = ()) -> str:
    """One tip for the first behaviour not shown yet; the scorer's own tip when it has one."""
    done = set(shown)
    for dimension in DIMENSIONS:
        if dimension not in done:
            behaviour = BEHAVIOURS[dimension]
            for tip in tips:
                if behaviour.label.lower() in tip.lower() or dimension in tip.lower():
                    return f"{behaviour.label}: {tip}" if behaviour.label not in tip else tip
            return f"{behaviour.label}: {behaviour.hint}"
    return "All six behaviours shown. Keep it up and close with a check that the fix works."
