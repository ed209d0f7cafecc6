"""Resolution: a concrete fix or next step, with a time and a check (LAST "Solve")."""

from __future__ import annotations

from scoring.analysis import Analysis
from scoring.dimensions.result import Verdict
from scoring.lexicon import Match
from scoring.weights import (
    RESOLVE_CHECK,
    RESOLVE_CHECK_ONLY,
    RESOLVE_GOODWILL,
    RESOLVE_HEDGED_OFFER,
    RESOLVE_OFFER,
    RESOLVE_SCENARIO_BONUS,
    RESOLVE_TIMELINE,
    RESOLVE_VAGUE,
)

FIRST_PERSON = frozenset({"i", "we", "us", "me"})
HEDGE_RULES = ("hedge", "vague_fix")


def score_resolution(a: Analysis) -> Verdict:
    v = Verdict("resolution")
    firm: list[Match] = []
    hedged: list[Match] = []
    for m in a.get("resolution_offer"):
        if _refused(a, m):
            v.note(a, m, "down", event="refusal", rule="refusal", why="the fix is refused")
            continue
        if a.negated(m):
            continue  # "you haven't received your refund": a restatement, not an offer
        if any(a.clause(h) == a.clause(m) for r in HEDGE_RULES for h in a.get(r)):
            hedged.append(m)
        else:
            firm.append(m)
    checks = [m for m in a.get("satisfaction_check") if not a.negated(m)]
    points = 0
    if firm:
        tagged = [m for m in firm if m.tag]
        best = (tagged or firm)[0]
        v.note(a, best, "up", event="resolution_offer",
               why=f"offers a fix this customer would accept ({best.tag})" if best.tag else None)
        points = RESOLVE_OFFER + (RESOLVE_SCENARIO_BONUS if tagged else 0)
        anchors = {a.sentence(m) for m in firm}
        timed = [t for t in a.get("timeline") if a.sentence(t) in anchors and not a.negated(t)]
        if timed:
            v.note(a, timed[0], "up", event="timeline", rule="timeline",
                   why="the fix comes with a time")
            points += RESOLVE_TIMELINE
        goodwill = [g for g in a.get("goodwill") if not a.negated(g)]
        if goodwill:
            v.note(a, goodwill[0], "up")
            points += RESOLVE_GOODWILL
        if checks:
            v.note(a, checks[0], "up", event="satisfaction_check")
            points += RESOLVE_CHECK
    elif hedged:
        v.note(a, hedged[0], "down", event="hedge", rule="vague_fix",
               why="the fix is only hedged")
        points = RESOLVE_HEDGED_OFFER
    elif a.get("vague_fix"):
        v.note(a, a.get("vague_fix")[0], "down", event="hedge")
        points = RESOLVE_VAGUE
    elif checks:
        v.note(a, checks[0], "up", event="satisfaction_check")
        points = RESOLVE_CHECK_ONLY
    v.score = points
    return v.clamp()


def _refused(a: Analysis, m: Match) -> bool:
    """Negated with us as the subject ("we can't refund"), or refused in the same clause."""
    if any(a.clause(r) == a.clause(m) for r in a.get("refusal")):
        return True
    if a.negated(m):
        clause = a.clause(m)
        words = (a.toks.raw[k] for k in range(len(a.toks)) if a.toks.clause[k] == clause)
        return any(w in FIRST_PERSON for w in words)
    return False
