"""Ownership: first-person commitments and accepted responsibility (LAST "Solve")."""

from __future__ import annotations

from scoring.analysis import Analysis
from scoring.dimensions.result import Verdict
from scoring.lexicon import Match
from scoring.weights import (
    OWN_BOTH_BONUS,
    OWN_COMMITMENT,
    OWN_DEFLECTION_CAP,
    OWN_HEDGE,
    OWN_PASSIVE_PENALTY,
    OWN_RESPONSIBILITY,
    OWN_TIMELINE,
    OWN_WE_COMMITMENT,
)

HEDGE_RULES = ("hedge", "vague_fix")


def firm_commitments(a: Analysis, v: Verdict | None = None) -> list[Match]:
    """Commitments that are neither negated ("I will not") nor hedged ("I'll try to")."""
    firm = []
    for m in a.get("commitment"):
        if a.negated(m, after=True):
            if v is not None:
                v.note(a, m, "down", event="refusal", why="a negated commitment refuses")
            continue
        if any(a.clause(h) == a.clause(m) for r in HEDGE_RULES for h in a.get(r)):
            continue
        if any(d.i <= m.i < d.j for d in a.get("deflection")):
            continue
        firm.append(m)
    return firm


def score_ownership(a: Analysis) -> Verdict:
    v = Verdict("ownership")
    firm = firm_commitments(a, v)
    points = 0
    if firm:
        personal = [m for m in firm if a.toks.raw[m.i] != "we"]
        best = (personal or firm)[0]
        v.note(a, best, "up", event="commitment")
        points = OWN_COMMITMENT if personal else OWN_WE_COMMITMENT
    responsible = [m for m in a.get("responsibility") if not a.negated(m)
                   and not a.is_question(a.sentence(m))]
    if responsible:
        v.note(a, responsible[0], "up", event="responsibility")
        points += OWN_RESPONSIBILITY + (OWN_BOTH_BONUS if firm else 0)
    timed = _timeline(a, firm)
    if timed is not None and points:
        v.note(a, timed, "up", event="timeline")
        points += OWN_TIMELINE
    if not points:
        hedges = [m for r in HEDGE_RULES for m in a.get(r) if not a.negated(m)]
        if hedges:
            v.note(a, hedges[0], "down", event="hedge")
            points = min(OWN_HEDGE, points or OWN_HEDGE)
    for m in a.get("passive_mistake"):
        v.note(a, m, "down", why="passive voice: no one takes responsibility")
        points -= OWN_PASSIVE_PENALTY
    deflections = [m for m in a.get("deflection") if not a.negated(m)]
    if deflections:
        for m in deflections:
            v.note(a, m, "down", event="deflection")
        points = min(points, OWN_DEFLECTION_CAP)
    v.score = points
    return v.clamp()


def _timeline(a: Analysis, firm: list[Match]) -> Match | None:
    """A concrete time in the sentence of a firm commitment or a fix."""
    anchors = {a.sentence(m) for m in firm}
    anchors |= {a.sentence(m) for m in a.get("resolution_offer") if not a.negated(m)}
    for m in a.get("timeline"):
        if a.sentence(m) in anchors and not a.negated(m):
            return m
    return None
