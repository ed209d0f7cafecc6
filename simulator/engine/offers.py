"""Which of the scenario's fixes a reply offers, and whether the customer is ready to accept it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from scoring.model import HIGH_THRESHOLD, ReplyScore
from simulator.engine.anger import normalize, sentence_around
from simulator.engine.fix_match import FixMatch, match_fix
from simulator.scenario.model import Resolution, Scenario

RESOLUTION_RULE_PREFIX = "resolution:"  # the scorer's rule id for a scenario fix: resolution:<id>


def offered_resolutions(
    score: ReplyScore, reply: str, scenario: Scenario
) -> tuple[Resolution, ...]:
    """The scenario resolutions this reply offers, in the scenario's order."""
    offered = {m.resolution for m in fix_matches(score, reply, scenario)}
    return tuple(r for r in scenario.resolutions if r.id in offered)


def fix_matches(score: ReplyScore, reply: str, scenario: Scenario) -> tuple[FixMatch, ...]:
    """Each scenario fix this reply offers, with how it was recognised, in the scenario's order.

    The scorer decides *whether* a fix was offered (it understands "I will not refund you");
    its evidence says *which*, one `resolution:<id>` rule per fix offered (typos included:
    "refnd" is read as "refund" before the id is known). Otherwise the reply's sentences that
    offer or commit to something are read for what they offer (`fix_match`: stems, synonyms,
    typos, amounts, the fix's own words). A fix the scorer marked as refused ("I can't refund,
    but ...") is not offered.
    """
    if "resolution_offer" not in score.events or "gaming" in score.events:
        return ()  # a bag of keywords offers nothing, even if "refund" is in it
    evidence = [e for e in score.evidence if e.dimension == "resolution"]
    refused = [e.text for e in evidence if e.effect == "down"]
    tagged = {
        e.rule.removeprefix(RESOLUTION_RULE_PREFIX): e.text
        for e in evidence
        if e.effect == "up" and e.rule.startswith(RESOLUTION_RULE_PREFIX)
    }
    # Sentences that offer or commit: "you were promised a refund" elsewhere offers nothing.
    offering = list(
        dict.fromkeys(
            sentence_around(reply, e.start, e.end)
            for e in score.evidence
            if e.effect == "up" and e.dimension in ("resolution", "ownership")
        )
    )
    found: list[FixMatch] = []
    for r in scenario.resolutions:
        if _mentions(refused, r.phrases):
            continue
        if r.id in tagged:
            found.append(FixMatch(r.id, "words", tagged[r.id], tagged[r.id]))
            continue
        others = [o.phrases for o in scenario.resolutions if o.id != r.id]
        problem = [phrase for fact in scenario.facts for phrase in fact.phrases]
        match = match_fix(r.id, r.phrases, others, offering, problem)
        if match is not None:
            found.append(match)
    return tuple(found)


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
