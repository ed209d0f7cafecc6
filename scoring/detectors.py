"""Rules that need logic, not just phrases: small named functions in a table.

A rule in a lexicon file with `detector: NAME` is decided by DETECTORS[NAME]: it receives the
analysis (with that rule's phrase matches as candidates) and returns the matches that stand.
They run in the order of the table, so later ones can read earlier results.
"""

from __future__ import annotations

from collections.abc import Callable

from scoring.analysis import Analysis
from scoring.lexicon import Match

# Words that, right before a cause, show it is an object of our action, not the culprit
# ("I've texted a code to your phone").
PREPOSITIONS = frozenset({"to", "on", "in", "into", "onto", "for", "from", "with", "via", "through"})
# Rules whose match before a cause shows the reply is acting on it ("I'll have the courier ...").
ACTING_RULES = ("commitment", "resolution_offer")
# What undoes an apology when it follows "but" (Schumann 2012).
UNDERMINING_RULES = (
    "excuse",
    "excuse_cause",
    "policy",
    "blame_customer",
    "blame_cause",
    "defensive",
    "minimizing",
    "passive_mistake",
)
APOLOGY_RULES = ("apology_cue", "strong_apology")
# Shouted intensifiers that turn "sorry" or "thank you" sarcastic in a lower-case reply.
SHOUTED = frozenset({"so", "soo", "sooo", "soooo", "very", "really", "terribly", "truly", "deeply"})
SHOUT_TARGETS = ("apology_cue", "thanks_for_raising")
SHOUT_REACH = 3  # tokens between the shouted word and "sorry"
CAPS_REPLY_SHARE = 0.5  # a reply more than half in capitals is shouting, not sarcasm


def cause_in_context(a: Analysis, rule: str) -> list[Match]:
    """A named cause is an excuse unless the reply is acting on it or asking about it."""
    kept = []
    for m in a.get(rule):
        if a.negated(m):
            continue
        if rule == "excuse_cause" and a.is_question(a.sentence(m)):
            continue
        if m.i > 0 and a.toks.raw[m.i - 1] in PREPOSITIONS and rule == "blame_cause":
            continue
        segment = a.segment(m)
        acting = any(
            o.i < m.i and a.toks.segment[o.i] == segment and not a.negated(o)
            for r in ACTING_RULES
            for o in a.get(r)
        )
        if not acting:
            kept.append(m)
    return kept


def sorry_but(a: Analysis, rule: str) -> list[Match]:
    """A contrast word after an apology that leads into an excuse, blame or the like."""
    apologies = [m for r in APOLOGY_RULES for m in a.get(r)]
    if not apologies:
        return []
    kept = []
    sent = a.toks.sent
    for m in a.get(rule):
        s = sent[m.i]
        after_apology = any(
            ap.i < m.i and sent[ap.i] in (s, s - 1) for ap in apologies
        )
        if not after_apology:
            continue
        leads_to_excuse = any(
            o.i >= m.j and sent[o.i] == s for r in UNDERMINING_RULES for o in a.get(r)
        )
        if leads_to_excuse:
            kept.append(m)
    return kept


def caps_sarcasm(a: Analysis, rule: str) -> list[Match]:
    """ "Oh I'm SO sorry": a shouted intensifier next to an apology, in a reply not shouted."""
    reply, toks = a.reply, a.toks
    letters = [c for c in reply if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) > CAPS_REPLY_SHARE * len(letters):
        return []
    found = []
    for target in SHOUT_TARGETS:
        for m in a.get(target):
            lo = max(0, m.i - SHOUT_REACH)
            for k in range(lo, min(len(toks.raw), m.j + 1)):
                written = reply[toks.start[k] : toks.end[k]]
                if toks.raw[k] in SHOUTED and written.isupper() and len(written) > 1:
                    found.append(Match(rule, min(k, m.i), max(k + 1, m.j)))
                    break
    return found


Detector = Callable[[Analysis, str], list[Match]]

DETECTORS: dict[str, Detector] = {
    "cause_in_context": cause_in_context,
    "caps_sarcasm": caps_sarcasm,
    "sorry_but": sorry_but,
}


def run_detectors(a: Analysis) -> None:
    """Replace each detector rule's candidate matches with the ones its function keeps."""
    rules_by_detector: dict[str, list[str]] = {}
    for rule in a.lexicon.rules.values():
        if rule.detector:
            rules_by_detector.setdefault(rule.detector, []).append(rule.id)
    for name, detector in DETECTORS.items():
        for rule_id in rules_by_detector.get(name, ()):
            kept = detector(a, rule_id)
            if kept:
                a.matches[rule_id] = kept
            else:
                a.matches.pop(rule_id, None)
