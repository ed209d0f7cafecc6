"""Which of the scenario's fixes a reply offers, and whether the customer is ready to accept it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from scoring.model import HIGH_THRESHOLD, ReplyScore
from simulator.engine.anger import normalize, sentence_around
from simulator.scenario.model import Resolution, Scenario

RESOLUTION_RULE_PREFIX = "resolution:"  # the scorer's rule id for a scenario fix: resolution:<id>


def offered_resolutions(
    score: ReplyScore, reply: str, scenario: Scenario
) -> tuple[Resolution, ...]:
    """The scenario resolutions this reply offers, in the scenario's order.

    The scorer decides *whether* a fix was offered (it understands "I will not refund you");
    its evidence says *which*, one `resolution:<id>` rule per fix offered (typos included:
    "refnd" is read as "refund" before the id is known). A scenario phrase the scorer did not tag
    is still looked up in the reply's sentences that offer or commit to something. A fix whose
    phrase the scorer marked as refused ("I can't refund, but ...") is not offered.
    """
    if "resolution_offer" not in score.events or "gaming" in score.events:
        return ()  # a bag of keywords offers nothing, even if "refund" is in it
    evidence = [e for e in score.evidence if e.dimension == "resolution"]
    offered = [e for e in evidence if e.effect == "up"]
    refused = [e.text for e in evidence if e.effect == "down"]
    names = {
        e.rule.removeprefix(RESOLUTION_RULE_PREFIX)
        for e in offered
        if e.rule.startswith(RESOLUTION_RULE_PREFIX)
    }
    # Sentences that offer or commit: "you were promised a refund" elsewhere offers nothing.
    offering = [
        sentence_around(reply, e.start, e.end)
        for e in score.evidence
        if e.effect == "up" and e.dimension in ("resolution", "ownership")
    ]
    return tuple(
        r
        for r in scenario.resolutions
        if (r.id in names or _mentions(offering, r.phrases)) and not _mentions(refused, r.phrases)
    )


def _mentions(texts: Iterable[str], phrases: Sequence[str]) -> bool:
    padded = [f" {normalize(t)} " for t in texts]
    return any(f" {normalize(p)} " in t for p in phrases if normalize(p) for t in padded)


def missing_needs(
    resolution: Resolution, scenario: Scenario, scores: Sequence[ReplyScore]
) -> tuple[str, ...]:
    """Prerequisites (scenario-wide, then the fix's own) no reply so far has scored high on."""
    needs = dict.fromkeys((*scenario.needs, *resolution.needs))
    return tuple(
        need
        for need in needs
        if not any(s.dimensions.get(need, 0) >= HIGH_THRESHOLD for s in scores)
    )
