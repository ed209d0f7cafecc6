"""Empathy: validate the feeling and name what it cost them (HEARD "Empathize")."""

from __future__ import annotations

from scoring.analysis import Analysis
from scoring.arguing import OURS
from scoring.dimensions.result import Verdict
from scoring.lexicon import Match
from scoring.weights import (
    EMPATHY_CANNED,
    EMPATHY_CANNED_SPECIFIC,
    EMPATHY_EVALUATIVE,
    EMPATHY_IMPACT_ONLY,
    EMPATHY_SPECIFIC,
    EMPATHY_TOLD_BACK_WORDS,
    EMPATHY_VALIDATION,
)

ZEROING_RULES = (
    "pity",
    "minimizing",
    "failures_happen",
    "sarcasm",
    "sarcasm_caps",
    "sarcasm_shrug",
)
STATEMENT_RULES = ("empathy_validation", "empathy_evaluative", "empathy_canned", "warmth")
# Points for a statement, without and with the personal consequence named next to it.
POINTS = {
    "empathy_validation": (EMPATHY_VALIDATION, EMPATHY_SPECIFIC),
    "empathy_evaluative": (EMPATHY_EVALUATIVE, EMPATHY_SPECIFIC),
    "empathy_canned": (EMPATHY_CANNED, EMPATHY_CANNED_SPECIFIC),
    "warmth": (EMPATHY_VALIDATION, EMPATHY_SPECIFIC),
}
# Where the consequence may be named: the sentence before, the same one, or the next.
REACH = (-1, 0, 1)
# The customer's words count as their consequence for these; a stock line must name the
# personal impact itself ("I understand your frustration. Please wait at the bar" names none).
CUSTOMER_WORDS_COUNT = frozenset({"empathy_validation", "empathy_evaluative", "warmth"})
SECOND_PERSON = frozenset({"you", "your"})
# A sentence doing one of these is about the fix or an argument, not the cost to them.
NOT_RECOUNTING = (
    "commitment",
    "resolution_offer",
    "done_deed",
    "verbless_offer",
    "under_way",
    "excuse",
    "excuse_cause",
    "policy",
    "blame_customer",
)
# "I'm so frustrated too": a feeling whose subject is the agent is theirs, not empathy for the
# customer (issue 12). "I'd be livid too" imagines their place, and stays empathy.
AGENT = frozenset({"i", "we"})
# A sentence with one of `OURS` is about us ("we should have had water at your door"), not their
# trouble told back; nor one that hands them on or hedges a fix.
NOT_TOLD_BACK = (*NOT_RECOUNTING, "hand_off", "deflection", "vague_fix", "timeline")
BE_OR_FEEL = frozenset({"am", "are", "was", "were", "feel", "felt", "get", "got"})


def score_empathy(a: Analysis) -> Verdict:
    v = Verdict("empathy")
    spoilers = [
        m for r in ZEROING_RULES for m in a.get(r) if r.startswith("sarcasm") or not a.negated(m)
    ]
    for m in spoilers:
        v.note(a, m, "down", event=a.lexicon.rules[m.rule].event)
    if spoilers:
        v.score = 0
        return v.clamp()
    best = 0
    statements = [m for r in STATEMENT_RULES for m in a.get(r) if not a.negated(m)]
    non_apologies = {a.sentence(o) for o in a.get("non_apology")}
    for m in statements:
        if m.rule != "empathy_validation" and a.overlaps(m, "empathy_validation"):
            continue
        if a.sentence(m) in non_apologies:
            continue  # "we're sorry you're disappointed" is a non-apology, not empathy
        if _agents_own(a, m):
            v.note(a, m, "down", why="the agent's own feeling, not empathy for the customer")
            continue
        best = max(best, _points(a, m, v))
    if best < EMPATHY_IMPACT_ONLY:
        consequence = _stated_consequence(a)
        if consequence is not None:
            v.note(
                a,
                consequence,
                "up",
                event="empathy_statement",
                why="names what it cost them personally",
            )
            best = EMPATHY_IMPACT_ONLY
    v.score = best
    return v.clamp()


def _points(a: Analysis, m: Match, v: Verdict) -> int:
    plain, specific = POINTS[m.rule]
    s = a.sentence(m)
    impact = [
        o
        for o in a.get("personal_impact")
        if a.sentence(o) - s in REACH and not a.negated(o) and not _inside(o, m)
    ]
    named = m.rule in CUSTOMER_WORDS_COUNT and any(a.names_problem(s + d) for d in REACH)
    v.note(a, m, "up", event="empathy_statement")
    if impact or named:
        for o in impact[:1]:
            v.note(a, o, "up")
        return specific
    return plain


def _stated_consequence(a: Analysis) -> Match | None:
    """A personal consequence stated to the customer ("it cost you credibility with your VP"),
    or what was at stake for them named beside their trouble in a sentence that neither
    promises nor argues ("Three weeks without your car when you need it for hospital
    appointments"; d1 dev set): recounting the cost to them is empathy without a feeling
    word."""
    for m in (*a.get("consequence_statement"), *a.get("personal_impact")):
        if a.negated(m) or a.is_question(a.sentence(m)):
            continue
        s = a.sentence(m)
        if m.rule == "personal_impact" and any(
            a.sentence(o) == s for r in NOT_RECOUNTING for o in a.get(r)
        ):
            continue
        words = [a.toks.raw[k] for k in range(len(a.toks)) if a.toks.sent[k] == s]
        if any(w in SECOND_PERSON for w in words) and a.names_problem(s):
            return m
    return _trouble_told_back(a)


def _trouble_told_back(a: Analysis) -> Match | None:
    """ "Stood outside from 8:15 ringing someone who never came, on the morning you'd worked
    towards for months": what they are living with, told back at length in their words, with
    no turn to us, a fix or an argument (d3 dev set: labelled empathy, with no feeling word)."""
    toks = a.toks
    for s, theirs in sorted(a.named_words.items()):
        if len(theirs) < EMPATHY_TOLD_BACK_WORDS or a.is_question(s):
            continue
        ks = toks.sentence_tokens(s)
        if any(toks.raw[k] in OURS for k in _before_the_cause(toks.raw, ks)):
            continue
        if any(a.sentence(o) == s for r in NOT_TOLD_BACK for o in a.get(r)):
            continue
        return Match("consequence_statement", ks[0], ks[-1] + 1)
    return None


# "Biscuit running out on Sunday because we sent the wrong food, twice" (d5 dev set): their
# ordeal told first, then the cause owned. Only the part before the cause must leave us out.
CAUSE_OPENERS = frozenset({"because", "since", "after", "cos", "bcos"})


def _before_the_cause(raw: list[str], ks: list[int]) -> list[int]:
    for n, k in enumerate(ks):
        if raw[k] in CAUSE_OPENERS and n >= EMPATHY_TOLD_BACK_WORDS:
            return ks[:n]
    return ks


def _agents_own(a: Analysis, m: Match) -> bool:
    """ "I'm so frustrated too": "I am"/"we were" (intensifiers stepped over) right before the
    feeling makes it the agent's."""
    if m.rule == "warmth":
        return False
    raw = a.toks.raw
    if raw[m.i] in BE_OR_FEEL and m.i > 0 and raw[m.i - 1] in AGENT:
        return True  # the match itself opens with the verb: "we are deeply upset to hear"
    k = m.i - 1
    while k >= 0 and raw[k] in a.lang.fillers:
        k -= 1
    return k >= 1 and raw[k] in BE_OR_FEEL and raw[k - 1] in AGENT


def _inside(inner: Match, outer: Match) -> bool:
    return outer.i <= inner.i and inner.j <= outer.j
