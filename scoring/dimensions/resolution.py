"""Resolution: a concrete fix or next step, with a time and a check (LAST "Solve")."""

from __future__ import annotations

from scoring.analysis import ARGUING_RULES, Analysis
from scoring.deeds import FIRST_PERSON as OUR_SUBJECTS
from scoring.dimensions.ownership import deeds, firm_commitments, hedged, timeline_for
from scoring.dimensions.result import Verdict
from scoring.lexicon import Match
from scoring.weights import (
    RESOLVE_CHECK,
    RESOLVE_CHECK_ONLY,
    RESOLVE_GOODWILL,
    RESOLVE_HEDGED_OFFER,
    RESOLVE_OFFER,
    RESOLVE_SCENARIO_BONUS,
    RESOLVE_STEP,
    RESOLVE_TIMELINE,
    RESOLVE_VAGUE,
)

FIRST_PERSON = frozenset({"i", "we", "us", "me"})
# Before "not", these make the negation a past failure admitted, not a refusal: "we didn't".
CURRENCY = frozenset("£$€¥")
CONTACT_STEMS = frozenset({"call", "ring", "phone", "email", "text", "contact", "visit"})
HAND_OFF_AUXILIARIES = frozenset({"will", "is", "are"})
REFUSER_REACH = 3  # tokens before the negator in which "I"/"we" makes the refusal ours
PAST_AUXILIARIES = frozenset({"did", "was", "were", "had", "have", "has"})
# Evidence for a scenario fix carries its id in the rule: "resolution:refund". The engine reads
# which fix was offered from it (simulator/engine/offers.py).
RESOLUTION_RULE_PREFIX = "resolution:"


# A step for them to take: an instruction, or a guide linked for them (real_dev set).
STEP_RULES = ("self_help_step", "help_link")


def score_resolution(a: Analysis) -> Verdict:
    v = Verdict("resolution")
    done = deeds(a)
    firm_commit = firm_commitments(a) + done
    committed = {a.sentence(m) for m in firm_commit}
    framed = {a.sentence(m) for m in _live(a, "offer_frame")}
    framed |= {a.sentence(m) for m in _live(a, "satisfaction_check")}
    firm: list[Match] = []
    hedged_offers: list[Match] = []
    for m in a.get("resolution_offer"):
        if a.overlaps(m, "responsibility"):
            continue  # "that's on us" owns the fault; it offers nothing
        if _refused(a, m):
            v.note(a, m, "down", event="refusal", rule="refusal", why="the fix is refused")
            continue
        if _arguing(a, m):
            continue  # "you should have read the confirmation email" offers nothing
        if a.negated(m):
            continue  # "you haven't received your refund": a restatement, not an offer
        s = a.sentence(m)
        if hedged(a, m):
            hedged_offers.append(m)
        elif s in committed or s in framed or _put_by_a_modal(a, m) or _we_act_on_it(a, m):
            firm.append(m)
    points = _firm_points(a, v, firm, firm_commit)
    if not points and done:
        # "Router reset - you're back online": the deed is the fix, named or not.
        v.note(a, done[0], "up", event="resolution_offer", why="a fix already done")
        points = RESOLVE_OFFER + (RESOLVE_TIMELINE if timeline_for(a, done) else 0)
    if not points:
        points = _money_moved(a, v, firm_commit)
    if not points:
        points = _warm_hand_off(a, v)
    steps = [m for r in STEP_RULES for m in a.get(r) if not a.is_question(a.sentence(m))]
    if not points and steps:
        v.note(a, steps[0], "up", event="resolution_offer")
        points = RESOLVE_STEP
    if not points:
        checks = _live(a, "satisfaction_check")
        if hedged_offers:
            v.note(
                a,
                hedged_offers[0],
                "down",
                event="hedge",
                rule="vague_fix",
                why="the fix is only hedged",
            )
            points = RESOLVE_HEDGED_OFFER
        elif a.get("vague_fix"):
            v.note(a, a.get("vague_fix")[0], "down", event="hedge")
            points = RESOLVE_VAGUE
        elif checks:
            v.note(a, checks[0], "up", event="satisfaction_check")
            points = RESOLVE_CHECK_ONLY
    v.score = points
    return v.clamp()


def _firm_points(a: Analysis, v: Verdict, firm: list[Match], commitments: list[Match]) -> int:
    """A fix offered, or a commitment with a concrete time (a next step), plus extras."""
    timed = timeline_for(a, firm) if firm else _next_step_time(a, commitments)
    if not firm and timed is None:
        return 0
    if firm:
        tagged = _one_per_fix(firm)
        for m in tagged or firm[:1]:
            v.note(
                a,
                m,
                "up",
                event="resolution_offer",
                why="offers a fix this customer would accept" if m.tag else None,
                rule=f"{RESOLUTION_RULE_PREFIX}{m.tag}" if m.tag else None,
            )
        points = RESOLVE_OFFER + (RESOLVE_SCENARIO_BONUS if tagged else 0)
    else:
        points = RESOLVE_OFFER
    if timed is not None:
        v.note(
            a,
            timed,
            "up",
            event="timeline",
            rule="timeline",
            why="a next step with a time" if not firm else "the fix comes with a time",
        )
        points += RESOLVE_TIMELINE if firm else 0
        if not firm:
            v.event("resolution_offer")
    goodwill = [g for g in _live(a, "goodwill") if not a.overlaps(g, "responsibility")]
    if goodwill:
        v.note(a, goodwill[0], "up")
        points += RESOLVE_GOODWILL
    checks = _live(a, "satisfaction_check")
    if checks:
        v.note(a, checks[0], "up", event="satisfaction_check")
        points += RESOLVE_CHECK
    return points


def _next_step_time(a: Analysis, commitments: list[Match]) -> Match | None:
    """With no fix on the table, a commitment is a next step only when its sentence says when:
    "I'll call you back by 3pm". A time told back to the customer ("let me check I
    have this right: you landed at 7") or asked about ("can I confirm it dropped on Monday?")
    is not one."""
    told_back = {a.clause(m) for r in ("restate", "restate_you") for m in a.get(r)}
    for t in a.get("timeline"):
        if a.negated(t) or a.is_question(a.sentence(t)) or a.clause(t) in told_back:
            continue
        if any(a.sentence(c) == a.sentence(t) for c in commitments):
            return t
    return None


def _money_moved(a: Analysis, v: Verdict, commitments: list[Match]) -> int:
    """ "I've removed the €189", "I've taken the €189 off": a firm first-person act on an
    amount of their money is a fix, whatever the verb (d1 dev set)."""
    reply, toks = a.reply, a.toks
    for c in commitments:
        if "can" in toks.raw[c.i : c.j]:
            continue
        s = a.sentence(c)
        for k in range(c.j, len(toks)):
            if toks.sent[k] != s:
                break
            start = toks.start[k]
            if toks.raw[k][:1].isdigit() and start > 0 and reply[start - 1] in CURRENCY:
                v.note(a, c, "up", event="resolution_offer", why="acts on an amount of their money")
                return RESOLVE_OFFER
    return 0


def _warm_hand_off(a: Analysis, v: Verdict) -> int:
    """ "I've passed this to Sam in billing, who will call you by 3pm": passed on by us with a
    time is a next step (resolution without ownership, as the rubric has it)."""
    toks = a.toks
    for k in range(len(toks) - 2):
        # "Our access manager, Leila Grant, will ring you at 2pm": someone named will contact
        # them at a time (the rubric's warm hand-off).
        # "she'll ring your mobile", "Dom is ringing you at 12" (d3 dev set) count the same.
        if toks.raw[k] not in HAND_OFF_AUXILIARIES or toks.canon[k + 1] not in CONTACT_STEMS:
            continue
        if toks.raw[k] != "will" and not toks.raw[k + 1].endswith("ing"):
            continue
        if toks.raw[k + 2] not in ("you", "your") or (k > 0 and toks.raw[k - 1] in FIRST_PERSON):
            continue
        s = toks.sent[k]
        for t in a.get("timeline"):
            if a.sentence(t) == s and not a.negated(t) and not a.is_question(s):
                v.note(a, t, "up", event="timeline", rule="timeline", why="a hand-off with a time")
                v.event("resolution_offer")
                return RESOLVE_OFFER
    passing = a.lang.passing_verbs
    for h in a.get("hand_off"):
        if a.toks.canon[h.i] not in passing or hedged(a, h):
            continue
        for t in a.get("timeline"):
            if a.sentence(t) == a.sentence(h) and not a.negated(t):
                v.note(a, t, "up", event="timeline", rule="timeline", why="a hand-off with a time")
                v.event("resolution_offer")
                return RESOLVE_OFFER
    return 0


def _one_per_fix(firm: list[Match]) -> list[Match]:
    """The first firm offer of each scenario fix (each fix counts once, however repeated)."""
    seen: dict[str, Match] = {}
    for m in firm:
        if m.tag:
            seen.setdefault(m.tag, m)
    return list(seen.values())


def _arguing(a: Analysis, m: Match) -> bool:
    """The fix word sits in a clause that blames, excuses or cites policy."""
    clause = a.clause(m)
    return any(a.clause(o) == clause and not a.negated(o) for r in ARGUING_RULES for o in a.get(r))


# "We can refund your $4,800 deposit", "can refund the cleaning fee", "I've overridden it and
# refunded you": the fix word straight after our "can", or after our "have"/"will" joined to it
# by "and", is put on the table (d3 dev set: labelled resolution). "You can request one" sends
# them off; "Can you send the receipt?" asks. "Will" alone was tried and dropped: "the refund
# will take 10 days" and the like lost more than "the school will cover it" gained (d1-d3).
OFFER_MODALS = frozenset({"can", "could"})
MODAL_REACH = 3  # tokens before the fix word: "can refund", "could replace your"
JOINED_REACH = 6  # "I've overridden it and refunded you"


def _put_by_a_modal(a: Analysis, m: Match) -> bool:
    toks = a.toks
    if a.is_question(a.sentence(m)):
        return False
    clause = toks.clause[m.i]
    before = [k for k in range(max(0, m.i - MODAL_REACH), m.i) if toks.clause[k] == clause]
    for k in before:
        if toks.raw[k] not in OFFER_MODALS or (k + 1 < m.i and toks.raw[k + 1] == "you"):
            continue
        opens = k == 0 or toks.sent[k - 1] != toks.sent[k]
        if opens or toks.raw[k - 1] in OUR_SUBJECTS:
            return True  # "we can refund", "can refund the fee"; not "you can request one"
    if m.i > 0 and toks.raw[m.i - 1] == "and":
        start = max(0, m.i - JOINED_REACH)
        lead = toks.raw[start : m.i - 1]
        return any(
            w in ("have", "will") and j > 0 and lead[j - 1] in OUR_SUBJECTS
            for j, w in enumerate(lead)
        )
    return False


# "I put the refund through this morning", "I do the transfer today", "we give you back 192
# euros" (d5 dev set): "I"/"we" and a verb of our own right before the fix word, in its clause,
# is us acting on it, whatever the verb. Not a verb of knowing, feeling or being ("we
# understand the refund is late", "I'm sorry about the refund").
ACT_REACH = 4
NOT_ACTING = frozenset(
    {
        "am",
        "are",
        "was",
        "were",
        "understand",
        "know",
        "see",
        "hear",
        "appreciate",
        "realise",
        "realize",
        "apologise",
        "apologize",
        "regret",
        "hope",
        "think",
        "believe",
        "need",
        "want",
        "wish",
        "expect",
        "had",
        "did",
        "do",
        "would",
        "should",
        "could",
        "can",
        "will",
        "may",
        "might",
        "must",
        "tried",
        "try",
        "refused",
        "cancelled",
        "missed",
        "lost",
        "forgot",
    }
)
NOT_OURS_BETWEEN = frozenset({"you", "your", "if", "when", "once", "until", "unless", "whether"})


def _we_act_on_it(a: Analysis, m: Match) -> bool:
    toks = a.toks
    if a.is_question(a.sentence(m)):
        return False
    lang = a.lang
    if toks.canon[m.i] in lang.passing_verbs or toks.canon[m.i] in lang.process_verbs:
        return False  # "I've escalated it to the porting team": passed on, not fixed
    clause = toks.clause[m.i]
    for k in range(max(0, m.i - ACT_REACH), m.i - 1):
        if toks.clause[k] != clause or toks.raw[k] not in ("i", "we"):
            continue
        verb = toks.raw[k + 1]
        if verb in NOT_ACTING or verb in a.lang.negators or toks.neg[k + 1]:
            return False
        start = k + 3 if toks.raw[k + 2 : k + 3] == ["you"] else k + 2  # "give you the refund"
        return not any(toks.raw[j] in NOT_OURS_BETWEEN for j in range(start, m.i))
    return False


def _live(a: Analysis, rule: str) -> list[Match]:
    return [m for m in a.get(rule) if not a.negated(m)]


def _refused(a: Analysis, m: Match) -> bool:
    """Negated with us as the subject ("we can't refund"), or refused in the same clause. A
    past negation admits the failure instead ("you paid for express and we didn't deliver
    it"): owning what went wrong is not refusing to fix it."""
    if any(a.clause(r) == a.clause(m) for r in a.get("refusal")):
        return True
    if a.negated(m):
        clause = a.clause(m)
        toks = a.toks
        span = [k for k in range(len(toks)) if toks.clause[k] == clause and k < m.i]
        negators = [k for k in span if toks.raw[k] in a.lang.negators]
        if not negators:
            return False
        last = negators[-1]
        if last > 0 and toks.raw[last - 1] in PAST_AUXILIARIES:
            return False
        # "we can't refund", "I'm unable to": the negation is ours (a subject just before it),
        # not "nobody is calling you" told back in a sentence that has an "I" somewhere.
        before = toks.raw[max(0, last - REFUSER_REACH) : last]
        return any(w in FIRST_PERSON for w in before)
    return False
