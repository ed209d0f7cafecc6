"""Which of the scenario's fixes a reply offers, and whether the customer is ready to accept it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from scoring.model import HIGH_THRESHOLD, ReplyScore
from simulator.engine.anger import normalize
from simulator.scenario.model import Resolution, Scenario

RESOLUTION_RULE_PREFIX = "resolution:"  # the scorer's rule id for a scenario fix: resolution:<id>


def offered_resolutions(
    score: ReplyScore, reply: str, scenario: Scenario
) -> tuple[Resolution, ...]:
    """The scenario resolutions this reply offers, in the scenario's order.

    The scorer decides *whether* a fix was offered (it understands "I will not refund you");
    the rule ids of its evidence say *which*. If its evidence names none, the scenario phrases
    are looked up in the reply's resolution evidence, then in the reply.
    """
    if "resolution_offer" not in score.events or "gaming" in score.events:
        return ()  # a bag of keywords offers nothing, even if "refund" is in it
    evidence = [e for e in score.evidence if e.dimension == "resolution" and e.effect == "up"]
    by_rule = {e.rule.removeprefix(RESOLUTION_RULE_PREFIX) for e in evidence}
    named = tuple(r for r in scenario.resolutions if r.id in by_rule)
    if named:
        return named
    for texts in ([e.text for e in evidence], [reply]):
        found = tuple(r for r in scenario.resolutions if _mentions(texts, r.phrases))
        if found:
            return found
    return ()


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
