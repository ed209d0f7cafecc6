"""Ownership: first-person commitments and accepted responsibility (LAST "Solve")."""

from __future__ import annotations

from scoring.analysis import Analysis
from scoring.dimensions.result import Verdict
from scoring.lexicon import Match
from scoring.weights import (
    OWN_BOTH_BONUS,
    OWN_CAN_OFFER,
    OWN_COMMITMENT,
    OWN_CONCRETE_OFFER,
    OWN_DEFLECTION_CAP,
    OWN_HEDGE,
    OWN_PASSIVE_PENALTY,
    OWN_RESPONSIBILITY,
    OWN_TIMELINE,
    OWN_WE_COMMITMENT,
)

HEDGE_RULES = ("hedge", "vague_fix")
# A commitment inside these is not one: "as I already explained", "I'll alert the media".
NOT_COMMITTING = (
    "dismissive",
    "defensive",
    "deflection",
    "hand_off",
    "excuse",  # "we're fully booked": a circumstance, not a promise
    "policy",
    "sarcasm",
    "sarcasm_caps",
    "sarcasm_shrug",
)
ASKING_BEFORE_I = frozenset({"shall", "can", "could", "may", "should", "rather", "if", "would"})
# "I can offer", "I can give you": offering now, not an ability ("I can refund it if you want").
OFFERING_VERBS = frozenset({"offer", "give"})
PROMISE_REACH = 2  # tokens between "I will" and the harm promised away ("not", "ever")
# Acts reported without "I will": a fix done ("refund issued") or offered without a verb.
DEED_RULES = ("done_deed", "verbless_offer", "under_way")
# Who may still commit after a hand-off in the same sentence: "contact billing and we'll look
# into it" promises nothing of ours; "I'll call you back by 5" still does.
HANDOFF_RULES = ("deflection", "hand_off")
# Words of the promise itself, stepped over to find its verb: "I have now raised", "I'm going
# to escalate", "we will".
COMMIT_WORDS = frozenset(
    {
        "i",
        "we",
        "will",
        "shall",
        "have",
        "has",
        "am",
        "are",
        "is",
        "going",
        "to",
        "be",
        "now",
        "just",
        "already",
        "also",
        "personally",
        "straight",
        "immediately",
        "can",
        "could",
    }
)
TOLD_TO_THEM = frozenset({"you", "your", "me", "us"})
PROCESS_REACH = 4  # tokens after the promise in which its verb is looked for
# "... so I can trace the payments" states a purpose; "if I know that, I can" a condition.
PURPOSE_WORDS = frozenset({"so", "that"})
CONDITION_WORDS = frozenset({"if", "unless", "once", "before", "when"})


def firm_commitments(a: Analysis, v: Verdict | None = None) -> list[Match]:
    """Commitments that are not negated, hedged, conditional, sarcastic or argumentative."""
    if a.get("sarcasm") or a.get("sarcasm_caps") or a.get("sarcasm_shrug"):
        return []
    firm = []
    for m in a.get("commitment"):
        if a.negated(m, after=True) and _promise_not_to(a, m):
            firm.append(m)  # "I won't make excuses": the negation is the promise
            continue
        if a.negated(m, after=True):
            if v is not None:
                v.note(a, m, "down", event="refusal", why="a negated commitment refuses")
            continue
        if hedged(a, m):
            continue
        if any(o.i < m.j and m.i < o.j for r in NOT_COMMITTING for o in a.get(r)):
            continue
        if _purpose_or_condition(a, m):
            continue
        if _after_hand_off(a, m) or _asked_or_supposed(a, m):
            continue
        if _into_a_process(a, m):
            continue
        firm.append(m)
    return firm


def _into_a_process(a: Analysis, m: Match) -> bool:
    """ "I've logged a complaint", "I'll feed that back", "I'll let the manager know": the
    promise puts the problem into a process (`process_verbs`), it does not act on it, unless
    it names a fix as what is put through or is told to the customer ("I'll let you know")."""
    toks = a.toks
    k = m.i
    end = min(len(toks), m.j + PROCESS_REACH)
    while k < end and (toks.raw[k] in COMMIT_WORDS or toks.raw[k] in a.lang.fillers):
        k += 1
    if k >= end or toks.canon[k] not in a.lang.process_verbs:
        return False
    if k + 1 < len(toks) and toks.raw[k + 1] in TOLD_TO_THEM:
        return False  # "I'll let you know", "I've emailed you"; "let me check" acts
    return not any(
        k < o.i <= k + PROCESS_REACH and not a.negated(o)
        for r in ("resolution_offer", "goodwill")
        for o in a.get(r)
    )  # "I've raised a refund": the fix is what is put through


def _promise_not_to(a: Analysis, m: Match) -> bool:
    """ "I won't make excuses for it", "I won't transfer you": what is promised not to happen
    is more harm, so the negated "I will" commits rather than refuses."""
    return any(m.j <= p.i <= m.j + PROMISE_REACH for p in a.get("promise_not_to"))


def _asked_or_supposed(a: Analysis, m: Match) -> bool:
    """ "Shall I send flowers?", "can I ask ...", "would you rather I send ...": an "I" after
    a modal or "rather"/"if" asks or supposes; it promises nothing."""
    toks = a.toks
    return (
        m.i > 0
        and toks.raw[m.i] == "i"
        and toks.raw[m.i - 1] in ASKING_BEFORE_I
        and toks.sent[m.i - 1] == toks.sent[m.i]
    )


def deeds(a: Analysis) -> list[Match]:
    """Fixes reported as done or offered without a verb, in a reply that is not sarcastic."""
    if a.get("sarcasm") or a.get("sarcasm_caps") or a.get("sarcasm_shrug"):
        return []
    return [m for r in DEED_RULES for m in a.get(r)]


def _after_hand_off(a: Analysis, m: Match) -> bool:
    """ "Please reach out to our team here and we'll look into it": a "we" promise after a
    hand-off in the same sentence is the other team's, not ours."""
    if a.toks.raw[m.i] != "we":
        return False
    s = a.sentence(m)
    return any(a.sentence(h) == s and h.i < m.i for r in HANDOFF_RULES for h in a.get(r))


def hedged(a: Analysis, m: Match) -> bool:
    """A hedge in the same clause or a later one of the sentence takes the promise back ("I'll
    check, but I doubt ..."); one before a "but" is overruled by it ("I can't promise
    miracles, but I will refund you today")."""
    s, clause = a.sentence(m), a.clause(m)
    return any(
        a.sentence(h) == s and a.clause(h) >= clause and not a.negated(h)
        for r in HEDGE_RULES
        for h in a.get(r)
    )


def _purpose_or_condition(a: Analysis, m: Match) -> bool:
    """ "So I can trace ..." (a purpose) or "if I know that, I can ..." (a condition): an
    ability stated, not a promise. Only "can" commitments are read this way."""
    toks = a.toks
    if "can" not in toks.raw[m.i : m.j + 1]:
        return False
    if m.i > 0 and toks.raw[m.i - 1] in PURPOSE_WORDS:
        return True
    k = m.i - 1
    while k >= 0 and toks.sent[k] == toks.sent[m.i]:
        if toks.raw[k] in CONDITION_WORDS:
            return True
        k -= 1
    return False


def score_ownership(a: Analysis) -> Verdict:
    v = Verdict("ownership")
    firm = firm_commitments(a, v) + deeds(a)
    points = 0
    if firm:
        personal = [m for m in firm if a.toks.raw[m.i] != "we"]
        promised = [m for m in personal if not _offer_only(a, m)]
        best = (promised or personal or firm)[0]
        v.note(a, best, "up", event="commitment")
        if promised:
            points = OWN_COMMITMENT
        elif any(_offers_a_fix(a, m) for m in firm):
            points = OWN_CONCRETE_OFFER
        else:
            points = OWN_CAN_OFFER if personal else OWN_WE_COMMITMENT
    responsible = [
        m for m in a.get("responsibility") if not a.negated(m) and not a.is_question(a.sentence(m))
    ]
    if responsible:
        v.note(a, responsible[0], "up", event="responsibility")
        points += OWN_RESPONSIBILITY + (OWN_BOTH_BONUS if firm else 0)
    timed = timeline_for(a, firm)
    if timed is not None and firm:
        v.note(a, timed, "up", event="timeline")
        points += OWN_TIMELINE
    if not points:
        hedges = [m for r in HEDGE_RULES for m in a.get(r) if not a.negated(m)]
        if hedges:
            v.note(a, hedges[0], "down", event="hedge")
            points = OWN_HEDGE if (a.get("commitment") or a.get("resolution_offer")) else 0
    for m in a.get("passive_mistake"):
        v.note(a, m, "down", why="passive voice: no one takes responsibility")
        points -= OWN_PASSIVE_PENALTY
    deflections = [m for r in HANDOFF_RULES for m in a.get(r) if not a.negated(m)]
    if deflections:
        for m in deflections:
            v.note(a, m, "down", event="deflection")
        points = min(points, OWN_DEFLECTION_CAP)
    v.score = points
    return v.clamp()


def _offers_a_fix(a: Analysis, m: Match) -> bool:
    """ "I can offer £200 back", "we'll refund the hire": the promise names a concrete fix.
    An "I can" counts only when it offers ("I can refund it if you want" states an ability)."""
    if "can" in a.toks.raw[m.i : m.j] and not OFFERING_VERBS & set(a.toks.canon[m.i : m.j + 1]):
        return False
    s = a.sentence(m)
    return any(
        a.sentence(o) == s and o.i >= m.i and not a.negated(o)
        for r in ("resolution_offer", "goodwill")
        for o in a.get(r)
    )


def _offer_only(a: Analysis, m: Match) -> bool:
    """ "I can check", "I can put your name down": an ability offered, not a promise made."""
    return "can" in a.toks.raw[m.i : m.j]


def timeline_for(a: Analysis, anchors_from: list[Match]) -> Match | None:
    """A concrete time in the sentence of one of `anchors_from`."""
    anchors = {a.sentence(m) for m in anchors_from}
    for m in a.get("timeline"):
        if a.sentence(m) in anchors and not a.negated(m):
            return m
    return None
