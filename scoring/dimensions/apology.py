"""Apology: first-person, names what went wrong, not taken back (Lazare 2004; Schumann 2012)."""

from __future__ import annotations

from scoring.analysis import Analysis
from scoring.dimensions.result import Verdict
from scoring.lexicon import Match
from scoring.weights import (
    APOLOGY_GENERIC,
    APOLOGY_NAMED,
    APOLOGY_PASSIVE_PENALTY,
    APOLOGY_RESPONSIBILITY_BONUS,
    APOLOGY_SPECIFIC,
    APOLOGY_UNDERMINED,
)

SARCASM_RULES = ("sarcasm", "sarcasm_caps")
# Someone else's "sorry" ("you'll be sorry", "they're sorry") is not the trainee's apology.
OTHER_PEOPLE = frozenset({"you", "they", "he", "she"})
OWN_MARKERS = frozenset({"i", "we", "my", "our", "us", "have", "accept"})
SUBJECT_REACH = 3


def score_apology(a: Analysis) -> Verdict:
    v = Verdict("apology")
    sarcastic = [m for r in SARCASM_RULES for m in a.get(r)]
    cues = [m for m in a.get("strong_apology")]
    cues += [m for m in a.get("apology_cue") if not a.overlaps(m, "strong_apology")]
    best = 0
    for m in sorted(cues, key=lambda c: c.i):
        if a.overlaps(m, "pity") or _someone_else(a, m):
            continue
        if sarcastic:
            v.note(a, m, "down", event="sarcasm", rule="sarcasm",
                   why="a sarcastic apology is no apology")
            continue
        if m.rule == "apology_cue" and a.negated(m):
            v.note(a, m, "down", event="non_apology", rule="negated_apology",
                   why="a negated apology apologises for nothing")
            continue
        non = [o for o in a.get("non_apology") if o.i <= m.i < o.j]
        if non:
            v.note(a, non[0], "down", event="non_apology")
            continue
        points = _apology_points(a, m, v)
        best = max(best, points)
    if best and any(not a.negated(m) for m in a.get("responsibility")):
        best = min(100, best + APOLOGY_RESPONSIBILITY_BONUS) if best > APOLOGY_UNDERMINED else best
    for m in a.get("passive_mistake"):
        v.note(a, m, "down", event="non_apology")
        best -= APOLOGY_PASSIVE_PENALTY
    v.score = best
    return v.clamp()


def _apology_points(a: Analysis, m: Match, v: Verdict) -> int:
    s = a.sentence(m)
    undermined = [b for b in a.get("sorry_but") if b.i > m.i and a.sentence(b) in (s, s + 1)]
    if undermined:
        v.note(a, m, "down", event="sorry_but", rule="sorry_but",
               why='apology undermined by "but" and an excuse')
        return APOLOGY_UNDERMINED
    if a.names_problem(s) or a.names_problem(s - 1) or a.names_problem(s + 1):
        v.note(a, m, "up", event="specific_apology", rule="specific_apology",
               why="apologises for what went wrong, in the customer's terms")
        return APOLOGY_SPECIFIC
    clause_end = m.j
    while clause_end < len(a.toks) and a.toks.clause[clause_end] == a.toks.clause[m.i]:
        clause_end += 1
    if a.names_something(m.j, clause_end):
        v.note(a, m, "up", event="specific_apology", rule="specific_apology",
               why="apologises for something named")
        return APOLOGY_NAMED
    v.note(a, m, "up", event="generic_apology", rule="generic_apology",
           why="a generic apology that names nothing")
    return APOLOGY_GENERIC


def _someone_else(a: Analysis, m: Match) -> bool:
    before = a.toks.raw[max(0, m.i - SUBJECT_REACH) : m.i]
    return any(w in OTHER_PEOPLE for w in before) and not any(w in OWN_MARKERS for w in before)
