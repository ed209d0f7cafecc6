"""What the six behaviours are called on screen, what they mean, and how to coach them.

Plain data for the help screen, the coach panel and hints; the scorer's own rules live in
`scoring/`. Example phrases are taken from the tables in docs/SCORING.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from scoring.model import DIMENSIONS, ScenarioLike


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
            "So you were charged twice after you cancelled. Can you walk me through what happened?",
            "Say back what went wrong in your own words, naming the details the customer gave.",
        ),
        Behaviour(
            "empathy",
            "Empathy",
            "Acknowledge how the customer feels without pity or sarcasm.",
            "I can see why you're angry, being charged for a gym you'd already left.",
            "Name how this must feel for them: frustrating, worrying, a waste of their time.",
        ),
        Behaviour(
            "apology",
            "Specific apology",
            "Apologise for the specific thing that went wrong, with no 'but' and no 'if'.",
            "I'm sorry we charged you twice after you cancelled.",
            "Apologise for the exact thing that went wrong, with no 'but' after it.",
        ),
        Behaviour(
            "ownership",
            "Ownership",
            "Take responsibility and commit to act, in the first person.",
            "That's on us. I'll refund both charges by 3pm today.",
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
            "I'll refund both charges today, plus a free month as goodwill. "
            "Does that work for you?",
            "Offer a concrete fix, say when it will happen, and ask if that works for them.",
        ),
    )
}

assert tuple(BEHAVIOURS) == DIMENSIONS, "one behaviour per scorer dimension, in order"


def label(dimension: str) -> str:
    behaviour = BEHAVIOURS.get(dimension)
    return behaviour.label if behaviour else dimension.replace("_", " ").capitalize()


def next_hint(shown: Iterable[str], scenario: ScenarioLike | None = None) -> str:
    """One tip for the first behaviour not shown yet, made concrete with this scenario's facts
    or fixes where that helps (practice mode is for learning, so the hint may give a lead)."""
    done = set(shown)
    for dimension in DIMENSIONS:
        if dimension in done:
            continue
        behaviour = BEHAVIOURS[dimension]
        hint = f"{behaviour.label}: {behaviour.hint}"
        if scenario is not None and dimension in ("listening", "apology") and scenario.facts:
            hint += f" For example, name \u201c{scenario.facts[0].phrases[0]}\u201d."
        if scenario is not None and dimension == "resolution" and scenario.resolutions:
            fixes = ", ".join(r.phrases[0] for r in scenario.resolutions[:3] if r.phrases)
            hint += f" Fixes this customer could accept: {fixes}."
        return hint
    return "All six behaviours shown. Keep it up and close with a check that the fix works."
