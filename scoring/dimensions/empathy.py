"""Empathy: validate the feeling and name what it cost them (HEARD "Empathize")."""

from __future__ import annotations

from scoring.analysis import Analysis
from scoring.dimensions.result import Verdict
from scoring.lexicon import Match
from scoring.weights import (
    EMPATHY_CANNED,
    EMPATHY_CANNED_SPECIFIC,
    EMPATHY_SPECIFIC,
    EMPATHY_VALIDATION,
)

ZEROING_RULES = ("pity", "minimizing", "sarcasm", "sarcasm_caps")


def score_empathy(a: Analysis) -> Verdict:
    v = Verdict("empathy")
    spoilers = [m for r in ZEROING_RULES for m in a.get(r) if r.startswith("sarcasm")
                or not a.negated(m)]
    for m in spoilers:
        event = a.lexicon.rules[m.rule].event
        v.note(a, m, "down", event=event)
    best = 0
    for m in a.get("empathy_validation") + a.get("empathy_canned"):
        if a.negated(m) or any(o.i < m.j and m.i < o.j for o in spoilers):
            continue
        if m.rule == "empathy_canned" and a.overlaps(m, "empathy_validation"):
            continue
        points = _points(a, m, v)
        best = max(best, points)
    v.score = 0 if spoilers else best
    return v.clamp()


def _points(a: Analysis, m: Match, v: Verdict) -> int:
    s = a.sentence(m)
    impact = [o for o in a.get("personal_impact") if a.sentence(o) in (s, s + 1)
              and not a.negated(o)]
    validation = m.rule == "empathy_validation"
    if impact or (validation and a.names_problem(s)):
        v.note(a, m, "up", event="empathy_statement")
        for o in impact[:1]:
            v.note(a, o, "up")
        return EMPATHY_SPECIFIC if validation else EMPATHY_CANNED_SPECIFIC
    v.note(a, m, "up", event="empathy_statement")
    return EMPATHY_VALIDATION if validation else EMPATHY_CANNED
