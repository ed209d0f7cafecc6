"""No excuses: high unless the reply explains, shields, blames, argues, minimises or mocks."""

from __future__ import annotations

from scoring.analysis import EXCUSE_FAMILY, Analysis
from scoring.defending import FEELING_BEFORE
from scoring.dimensions.result import Verdict
from scoring.lexicon import Match
from scoring.weights import NO_EXCUSES_CLEAN, NO_EXCUSES_MANY, NO_EXCUSES_ONE, NO_EXCUSES_TWO

# Rules that count against this dimension; a negated one ("it's not your fault") does not count,
# except sarcasm, which is not undone by a "not".
OFFENCES = EXCUSE_FAMILY + (
    # Defences in plain words (scoring/defending.py), counted here only: tried in the excuse
    # family, they also took listening from replies that told the customer's trouble back
    # before the reason (d3, d4, d5 dev sets).
    "reason_told",
    "advice_next_time",
    "track_record",
    "minimizing",
    "failures_happen",
    "sarcasm",
    "sarcasm_caps",
    "sarcasm_shrug",
)
# A cause we own in the same breath is not an excuse: "a bug on our side", "the delay was our
# error". Only causes; policy or blame is not undone by a "that's on us" next to it.
OWNED_CAUSES = ("excuse", "excuse_cause", "colleague_blamed", "reason_told")
OWNED_REACH = (
    2  # sentences either side in which "that's on us" owns a cause told (1 before 2.3.0: d2, d4)
)
BLAME_RULES = ("blame_customer", "blame_cause", "blamed_choice")
# "You ticked the access box and phoned to check, and we still sent the wrong seats": what they
# did, told to show we failed them anyway, credits them (d1 dev set).
STILL_REACH = 2
# "... and we deducted it anyway": we failed them despite what they did.
DESPITE_THEM = frozenset({"anyway", "regardless", "nonetheless", "anyhow"})
# Right before "you were meant to", "you were asked": they did as told.
DID_AS_ASKED = frozenset({"what", "as"})
# After "you should not have", "you may have": what was done to them or needed of them
# ("been told", "had to", "needed"), or what they went through ("experienced").
DONE_TO_THEM = frozenset({"needed", "need", "had", "been", "to", "have"})
# d5 dev set: "money and sleep you shouldn't have lost", "a £60 fee you shouldn't have paid".
THEIR_EXPERIENCE = frozenset(
    {
        "experienced",
        "encountered",
        "faced",
        "noticed",
        "seen",
        "suffered",
        "gone",
        "felt",
        "lost",
        "paid",
        "spent",
        "wasted",
        "waited",
    }
)
SCORE_BY_KINDS = (NO_EXCUSES_CLEAN, NO_EXCUSES_ONE, NO_EXCUSES_TWO, NO_EXCUSES_MANY)


def score_no_excuses(a: Analysis) -> Verdict:
    """Computed once per reply: listening reads it too (an argued reply is not listening)."""
    done = a.verdicts.get("no_excuses")
    if isinstance(done, Verdict):
        return done
    v = _score_no_excuses(a)
    a.verdicts["no_excuses"] = v
    return v


def _score_no_excuses(a: Analysis) -> Verdict:
    v = Verdict("no_excuses")
    kinds: set[str] = set()
    seen: list[tuple[int, int]] = []
    for rule in OFFENCES:
        for m in a.get(rule):
            if not rule.startswith("sarcasm") and a.negated(m):
                continue
            if any(i <= m.i < j for i, j in seen):  # one stretch of words counts once
                continue
            if rule in OWNED_CAUSES and _owned(a, m):
                continue
            if rule in BLAME_RULES and _credited(a, m):
                continue
            seen.append((m.i, m.j))
            event = a.lexicon.rules[rule].event or rule
            v.note(a, m, "down", event=event)
            kinds.add(event)
    v.score = SCORE_BY_KINDS[min(len(kinds), len(SCORE_BY_KINDS) - 1)]
    return v.clamp()


def _owned(a: Analysis, m: Match) -> bool:
    """Owned in the same sentence ("a bug on our side"), the very next one ("the driver left it
    anyway. I'm sorry, that's two mistakes on our side") or the one before ("That's on us. The
    driver should have lowered the ramp"; d2 dev set): the cause tells what went wrong. After
    a contrast word it is an excuse again ("that's on us, but the courier was late")."""
    sentence = a.sentence(m)
    if _after_contrast(a, m):
        return False
    return any(
        not a.negated(o) and abs(a.sentence(o) - sentence) <= OWNED_REACH
        for o in a.get("responsibility")
    )


def _after_contrast(a: Analysis, m: Match) -> bool:
    toks = a.toks
    k = m.i - 1
    while k >= 0 and toks.sent[k] == toks.sent[m.i]:
        if toks.raw[k] in a.lang.contrast_words:
            return True
        k -= 1
    return False


FEELING_REACH = 3


def _credited(a: Analysis, m: Match) -> bool:
    """Praise or credit, not blame (d1, d2 dev sets): their act told in a sentence where
    "we"/"I" "still" failed, or failed them "anyway" ("You gave us the receipt and we deducted
    it anyway"); what they did as asked ("done exactly what you were meant to"); what was
    done to them or needed of them ("you shouldn't have needed your daughter to spot it",
    "you shouldn't have been told to"); their experience ("issues you may have
    experienced")."""
    toks, s = a.toks, a.sentence(m)
    if toks.raw[m.i] in ("because", "since") and any(
        w in FEELING_BEFORE for w in toks.raw[max(0, m.i - FEELING_REACH) : m.i]
    ):
        return True
    if m.i > 0 and toks.raw[m.i - 1] in DID_AS_ASKED and toks.segment[m.i - 1] == a.segment(m):
        return True
    if m.j < len(toks) and toks.sent[m.j] == s:
        nxt = toks.raw[m.j]
        if toks.raw[m.j - 1] == "have" and (nxt in DONE_TO_THEM or nxt in THEIR_EXPERIENCE):
            return True
    first_person = False
    for k in range(len(toks)):
        if toks.sent[k] != s:
            if first_person:
                break
            continue
        word = toks.raw[k]
        if first_person and word in DESPITE_THEM:
            return True
        if word in ("we", "i"):
            if "still" in toks.raw[k + 1 : k + 1 + STILL_REACH]:
                return True
            first_person = True
    return False
