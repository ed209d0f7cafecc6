"""Arguing back in ordinary words: the emphatic "did" that defends what we did or pins it on
the customer (issue 12: "I'm sorry, but we did email you the new date on Monday"; "well, you
did choose the cheapest courier option"). The words are plain; the structure gives them away.
"""

from __future__ import annotations

from scoring.analysis import Analysis
from scoring.lexicon import Match

# Saying what went wrong with it owns the act rather than defending it: "we did get it wrong".
OWNING = frozenset(
    {"wrong", "mistake", "error", "fault", "mess", "messed", "badly", "late", "twice", "fail"}
)
# Praise, not blame: "you did the right thing ringing it through", "you did everything right".
PRAISE = frozenset(
    {
        "right",
        "well",
        "great",
        "correct",
        "correctly",
        "exactly",
        "brilliant",
        "properly",
        "everything",
    }
)
# Before "you did" these make it a question or a condition, not a claim ("if you did get").
NOT_A_CLAIM = frozenset({"if", "whether", "when", "unless", "once", "what", "which", "how", "why"})


def emphatic_did(a: Analysis, rule: str) -> list[Match]:
    """ "We did email you", "you did choose": an emphatic "did" + verb that insists on a fact
    against the customer. Kept unless negated ("we did not"), asked, a condition, owning the
    fault ("we did get it wrong") or, for "you did", crediting what they told us ("you did
    tell us about the allergy")."""
    toks = a.toks
    kept = []
    for m in a.get(rule):
        verb_at = m.j
        if verb_at >= len(toks) or toks.sent[verb_at] != toks.sent[m.i]:
            continue
        verb = toks.raw[verb_at]
        if verb in a.lang.negators:
            continue
        if a.negated(m) or a.is_question(toks.sent[m.i]):
            continue
        before = toks.raw[max(0, m.i - 2) : m.i]
        if any(w in NOT_A_CLAIM for w in before):
            continue
        clause = toks.clause[m.i]
        words = [toks.raw[k] for k in range(m.i, len(toks)) if toks.clause[k] == clause]
        if any(w in OWNING or w in PRAISE for w in words):
            continue
        if toks.raw[m.i] == "you" and toks.canon[verb_at] in a.lang.informing_verbs:
            continue
        kept.append(Match(rule, m.i, verb_at + 1))
    return kept
