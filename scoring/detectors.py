"""Rules that need logic, not just phrases: small named functions in a table.

A rule in a lexicon file with `detector: NAME` is decided by DETECTORS[NAME]: it receives the
analysis (with that rule's phrase matches as candidates) and returns the matches that stand.
They run in the order of the table, so later ones can read earlier results.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Mapping

from scoring.analysis import ACTING_RULES, EXCUSE_FAMILY, Analysis
from scoring.arguing import colleague_blamed, customer_held, emphatic_did, story_after_apology
from scoring.deeds import done_deed, hand_off, help_link, self_help_step, verbless_offer
from scoring.defending import advice_for_next_time, failures_happen, reason_told, track_record
from scoring.lexicon import Match, Rule
from scoring.text import Tokens

# Words that, right before a cause, show it is an object of our action, not the culprit
# ("I've texted a code to your phone").
PREPOSITIONS = frozenset(
    {"to", "on", "in", "into", "onto", "for", "from", "with", "via", "through"}
)
# Words shortly before "your network" that make it the named cause; BLAME_REACH tokens back.
BLAME_POINTERS = frozenset(
    {
        "be",
        "is",
        "was",
        "are",
        "were",
        "probably",
        "likely",
        "maybe",
        "changed",
        "from",
        "by",
        "caused",
        "because",
    }
)
BLAME_REACH = 3
# Past forms that don't end in -ed, for "you took a day off", "you paid for express".
IRREGULAR_PAST = frozenset(
    {
        "took",
        "went",
        "got",
        "had",
        "paid",
        "came",
        "made",
        "told",
        "said",
        "sent",
        "spent",
        "left",
        "lost",
        "bought",
        "brought",
        "gave",
        "stood",
        "sat",
        "waited",
        "rang",
        "wrote",
        "spoke",
        "found",
        "kept",
        "held",
        "heard",
        "met",
        "felt",
        "put",
        "been",
        "done",
        "gone",
        "given",
        "taken",
        "seen",
        "shown",
        "driven",
        "flown",
        "stuck",
        "ate",
        "drove",
        "flew",
        "ordered",
        "booked",
        "trusted",
        "planned",
    }
)
# Words that make a reason our own fault ("because we packed it wrong"), within FAULT_REACH.
FAULT_WORDS = frozenset(
    {
        "wrong",
        "mistake",
        "error",
        "fault",
        "forgot",
        "missed",
        "failed",
        "not",
        "messed",
        "mixed",
        "lost",
        "dropped",
        "overlooked",
        "misread",
        "broke",
        "ignored",
    }
)
FAULT_REACH = 8
# A feeling named before "because" makes it explain the feeling, not the failure.
FEELING_RULES = ("empathy_validation", "empathy_evaluative", "empathy_canned")
# Statements that feel for the customer; see _feeling_for_them.
EMPATHY_RULES = ("empathy_validation", "empathy_evaluative", "consequence_statement")
FUTURE_ACTION = frozenset({"will", "shall", "can", "going"})
# "By courier", "via post": the means of a fix, when no determiner makes it a culprit ("held up
# by the courier").
MEANS = frozenset({"by", "via"})
DETERMINERS = frozenset({"the", "a", "an", "our", "their", "your", "his", "her", "its", "this"})
LOCATIVES = frozenset(
    {"at", "to", "in", "into", "on", "onto", "with", "for", "from", "via", "against", "about"}
)
FUTURE_REACH = 3  # tokens after a cause in which "will" makes it someone acting
# A fix on offer in an excuse word's clause makes the word its means ("in the post tomorrow").
MEANS_OF_A_FIX = ("done_deed", "verbless_offer")
# What undoes an apology when it follows "but" (Schumann 2012): the excuse family, minimising
# and a passive "mistakes were made". A shield of what we cannot do and an instruction to the
# customer (scorer 2.2.0) were never measured as underminers, so they are left out.
NOT_UNDERMINING = ("inability_shield", "conduct_instruction")
UNDERMINING_RULES = (
    *(r for r in EXCUSE_FAMILY if r not in NOT_UNDERMINING),
    "minimizing",
    "passive_mistake",
)
APOLOGY_RULES = ("apology_cue", "strong_apology")
# Who an explanation after "but" is about: someone or something else ("however he was stuck").
THIRD_PARTY_SUBJECTS = frozenset(
    {"he", "she", "they", "it", "the", "that", "this", "there", "his", "her", "their", "its"}
)
FIRST_AND_SECOND = frozenset({"i", "we", "us", "our", "my", "me", "you", "your"})
# A clause doing any of these is dealing with the problem, not explaining it away.
DOING_SOMETHING = (
    "commitment",
    "resolution_offer",
    "offer_frame",
    "responsibility",
    "timeline",
    "empathy_validation",
    "empathy_evaluative",
    "satisfaction_check",
    "done_deed",
    "verbless_offer",
)
# Acknowledgements an explanation after "but" takes back like an apology: "I hear you, but the
# installer has done this job for twenty years" (issue 12).
ACKNOWLEDGING_RULES = (*APOLOGY_RULES, "empathy_canned", "empathy_validation")
# Excuses that are only the customer's own account said back ("she was sick all night").
RESTATABLE_RULES = (
    "excuse",
    "excuse_cause",
    "excuse_after_apology",
    "policy",
    "defensive",
    "minimizing",
    "failures_happen",
)
# Offences that do not count inside double quotes (someone else's words, reported).
QUOTABLE_RULES = (
    *RESTATABLE_RULES,
    "blame_customer",
    "blame_cause",
    "sarcasm",
    "hand_off",  # "being told to 'email someone'" reports the hand-off they got
    "deflection",
    "reason_told",
    "advice_next_time",
    "track_record",
    "defended_act",
)
# "How it happened", "why it happened": what is being looked into, not shrugged off.
ASKING_HOW = frozenset({"how", "why"})
# After "it happened" these give its cause: an explanation (owned or not), not a shrug.
GIVING_A_CAUSE = frozenset({"because", "since", "due"})
# What may stand between an apology and what it is for: "sorry (that) it happened".
APOLOGY_OBJECT_GAP = frozenset({"", "that"})
# "being told", "you were told": what follows is someone else's line, reported.
REPORTING_BEFORE = frozenset({"being", "were", "was", "been", "get", "got", "getting"})
COPULAS = frozenset({"is", "are", "was", "were", "be"})
QUOTED = re.compile(r'"[^"\n]{1,200}"|\u201c[^\u201d\n]{1,200}\u201d')
OUR_SIDE = frozenset({"we", "our", "us", "i", "my"})
# Opening a sentence, these announce a reason as an apology would ("Unfortunately the course
# is now full."): the explanation that follows is read as one after an apology (d2 dev set).
REGRET_OPENERS = frozenset({"unfortunately", "regrettably", "sadly"})
SORRY_BUT_REACH = 2  # sentences after the apology in which a "but"/"unfortunately" still counts
TRAILING_CONTRASTS = frozenset({"unfortunately", "regrettably", "though"})
# Shouted intensifiers that turn "sorry" or "thank you" sarcastic in a lower-case reply.
SHOUTED = frozenset({"so", "soo", "sooo", "soooo", "very", "really", "terribly", "truly", "deeply"})
SHOUT_TARGETS = ("apology_cue", "thanks_for_raising")
SHOUT_REACH = 3  # tokens between the shouted word and "sorry"
CAPS_REPLY_SHARE = 0.5  # a reply more than half in capitals is shouting, not sarcasm


def cause_in_context(a: Analysis, rule: str) -> list[Match]:
    """A named cause is an excuse unless the reply is acting on it or asking about it."""
    kept: list[Match] = []
    candidates = a.get(rule)
    if not candidates:
        return kept
    acting_at: dict[int, int] = {}  # segment -> first token of a live commitment or offer there
    for r in ACTING_RULES:
        for o in a.get(r):
            if not a.negated(o):
                seg = a.toks.segment[o.i]
                acting_at[seg] = min(acting_at.get(seg, o.i), o.i)
    for m in candidates:
        if a.negated(m):
            continue
        if rule == "excuse_cause" and a.toks.raw[m.j - 1] == "by" and not _contrasted(a, m):
            continue  # "handled by our claims partner": a hand-off (ownership), not an excuse
        if rule == "excuse_cause" and (
            a.is_question(a.sentence(m))
            or _about_them(a, m)
            or _our_own_fault(a, m)
            or _explains_their_feeling(a, m)
            or _what_the_apology_is_for(a, m)
            or (_feeling_in_sentence(a, m) and not _after_contrast_word(a, m))
        ):
            continue
        if rule == "blame_cause" and (not _pointed_at(a, m) or _feeling_for_them(a, m)):
            continue
        after = a.toks.raw[m.j : m.j + FUTURE_REACH]
        if any(w in FUTURE_ACTION for w in after):
            continue  # "our analyst (Sam) will deliver it by noon": someone acting, not a culprit
        if rule == "excuse_cause" and _object_of_our_act(a, m):
            continue
        if acting_at.get(a.segment(m), m.i) >= m.i:
            kept.append(m)
    return kept


def _feeling_in_sentence(a: Analysis, m: Match) -> bool:
    """A feeling named in the cause's sentence ("... is humiliating"); a harm told ("the
    courier lost your parcel") is not one: that names the culprit."""
    return a.sentence(m) in {a.sentence(o) for r in FEELING_RULES for o in a.get(r)}


def _after_contrast_word(a: Analysis, m: Match) -> bool:
    """ "Being left at the stop while the driver drove off is humiliating": a cause inside a
    sentence that feels for them is their trouble told, not an excuse (d2 dev set); after
    "but" it is an excuse again."""
    return _contrasted(a, m)


def _contrasted(a: Analysis, m: Match) -> bool:
    """A contrast word earlier in the match's sentence: "Unfortunately line faults are handled
    by our partner network" gives the hand-off as the reason nothing can be done."""
    toks = a.toks
    k = m.i - 1
    while k >= 0 and toks.sent[k] == toks.sent[m.i]:
        if toks.raw[k] in a.lang.contrast_words:
            return True
        k -= 1
    return False


# Before a cause, these make it what was acted on or a case planned for (d7 dev set).
CONDITIONS = frozenset(
    {"if", "whether"}
)  # not "unless": "unless a manufacturing fault is confirmed"
# Any "-ed" form was tried: it took "limited staff" and "reduced staff" for objects.
ACTS_ON = frozenset(
    {"rung", "rang", "called", "phoned", "emailed", "contacted", "chased", "missed", "visited"}
)


def _object_of_our_act(a: Analysis, m: Match) -> bool:
    """ "checking the warehouse", "is being couriered to you": the cause is what an action
    works on, or the cause word is itself the action (a verb form), not a culprit (d1 dev
    set)."""
    toks = a.toks
    if m.j - m.i == 1 and toks.raw[m.i].endswith("ed"):
        return True
    k = m.i - 1
    if k >= 0 and toks.raw[k] in DETERMINERS:
        k -= 1
    if k < 0 or toks.segment[k] != toks.segment[m.i]:
        return False
    word = toks.raw[k]
    if word in CONDITIONS:
        return True  # "call me if the bank rejects it": a case planned for, not a culprit
    if word in ACTS_ON:
        return True  # "I've just rung the warehouse", "missed the GP" (d7 dev set)
    return word.endswith("ing") and word not in ("being", "nothing")


def _our_own_fault(a: Analysis, m: Match) -> bool:
    """ "Because of us", "due to our error", "this happened because we packed it wrong": the
    reason given is our own fault, which owns it rather than excusing it."""
    toks = a.toks
    if m.j >= len(toks):
        return False
    first = toks.raw[m.j]
    if first in ("us", "me"):
        return True
    if first not in OUR_SIDE:
        return False
    s = toks.sent[m.i]
    after = range(m.j, min(len(toks), m.j + FAULT_REACH))
    return any(toks.sent[k] == s and toks.raw[k] in FAULT_WORDS for k in after)


def _what_the_apology_is_for(a: Analysis, m: Match) -> bool:
    """ "I'm so sorry your draft got wiped when the app logged you out": a cause inside the
    apology's own clause is what went wrong, told in full; after "but" or "however" (a new
    clause) it is an excuse again."""
    clause = a.clause(m)
    return any(
        a.clause(ap) == clause and ap.j <= m.i and not a.negated(ap)
        for r in APOLOGY_RULES
        for ap in a.get(r)
    )


def _explains_their_feeling(a: Analysis, m: Match) -> bool:
    """ "You're upset because the gift was late": the "because" explains their feeling."""
    if a.toks.raw[m.i] not in ("because", "since"):
        return False
    s = a.sentence(m)
    return any(a.sentence(o) == s and o.i < m.i for r in FEELING_RULES for o in a.get(r))


def _feeling_for_them(a: Analysis, m: Match) -> bool:
    """ "Losing three days of work because your connection is down is exhausting": their side
    named inside a sentence that feels for them is their situation, not blame."""
    s = a.sentence(m)
    return any(a.sentence(o) == s for r in EMPATHY_RULES for o in a.get(r))


def _about_them(a: Analysis, m: Match) -> bool:
    """ "You cancelled at the front desk": the place is where the customer acted, or the
    cause follows a locative preposition ("at the host stand") or names the means ("by
    courier"); none is an excuse."""
    toks = a.toks
    if m.i > 0 and toks.raw[m.i - 1] in LOCATIVES:
        return True
    if m.i > 0 and toks.raw[m.i - 1] in MEANS and toks.raw[m.i] not in DETERMINERS:
        return True  # "by courier to arrive Wednesday": how we send it, not who failed
    k = m.i - 1
    while k >= 0 and toks.segment[k] == toks.segment[m.i]:
        if toks.raw[k] == "you":
            return True
        k -= 1
    return False


def _pointed_at(a: Analysis, m: Match) -> bool:
    """ "It might be your network", "the problem is on your side": the customer's side is
    named as the cause (a copula or a guess shortly before it), not merely mentioned."""
    lo = max(0, m.i - BLAME_REACH)
    before = a.toks.raw[lo : m.i]
    if before and before[-1] in PREPOSITIONS - {"on"}:
        return False
    return any(w in BLAME_POINTERS or w in a.lang.contrast_words for w in before)


def sorry_but(a: Analysis, rule: str) -> list[Match]:
    """A contrast word after an apology (same sentence or up to two later) that leads into an
    excuse, blame or the like; "unfortunately" may also trail its excuse."""
    apologies = [m for r in APOLOGY_RULES for m in a.get(r) if not a.negated(m)]
    if not apologies:
        return []
    kept = []
    sent = a.toks.sent
    for m in a.get(rule):
        s = sent[m.i]
        if not any(ap.i < m.i and 0 <= s - sent[ap.i] <= SORRY_BUT_REACH for ap in apologies):
            continue
        trailing = a.toks.raw[m.i] in TRAILING_CONTRASTS
        undermines = any(
            sent[o.i] == s and (o.i >= m.j or trailing)
            for r in UNDERMINING_RULES
            for o in a.get(r)
            if not a.negated(o)
        )
        if undermines:
            kept.append(m)
    return kept


def negated_apology(a: Analysis, rule: str) -> list[Match]:
    """ "I'm not sorry", "I won't apologise for ...": a refusal to apologise."""
    return [m for m in a.get(rule) if a.negated(m) and not a.overlaps(m, "strong_apology")]


def caps_sarcasm(a: Analysis, rule: str) -> list[Match]:
    """ "Oh I'm SO sorry": a shouted intensifier next to an apology, in a reply not shouted."""
    reply, toks = a.reply, a.toks
    found = []
    for target in SHOUT_TARGETS:
        for m in a.get(target):
            lo = max(0, m.i - SHOUT_REACH)
            for k in range(lo, min(len(toks.raw), m.j + 1)):
                written = reply[toks.start[k] : toks.end[k]]
                if toks.raw[k] in SHOUTED and written.isupper() and len(written) > 1:
                    found.append(Match(rule, min(k, m.i), max(k + 1, m.j)))
                    break
    if found and _shouting(reply):
        return []
    return found


def _shouting(reply: str) -> bool:
    """More than CAPS_REPLY_SHARE of the letters are capitals: an angry typist, not sarcasm."""
    letters = sum(map(str.isalpha, reply))
    return sum(map(str.isupper, reply)) > CAPS_REPLY_SHARE * letters


def you_did(a: Analysis, rule: str) -> list[Match]:
    """ "You booked ...", "you've been charged ...": second person, past tense, clause-initial."""
    toks = a.toks
    kept = []
    for m in a.get(rule):
        k = m.i
        starts_clause = (
            k == 0
            or toks.segment[k - 1] != toks.segment[k]
            or toks.raw[k - 1] in ("and", "so", "then")
        )
        if not starts_clause or a.is_question(toks.sent[k]) or k + 1 >= len(toks):
            continue
        verb = toks.raw[k + 1]
        if verb in ("have", "had", "were", "was") and k + 2 < len(toks):
            verb = toks.raw[k + 2] if toks.raw[k + 2] not in a.lang.fillers else verb
        if verb.endswith("ed") or verb in IRREGULAR_PAST:
            kept.append(Match(rule, k, k + 2))
    return kept


def had_you_done(a: Analysis, rule: str) -> list[Match]:
    """ "If you'd cancelled through the app", "had you checked": what the customer should have
    done, as a condition. "If you'd like" is an offer, so the next word must be a past form."""
    toks = a.toks
    kept = []
    for m in a.get(rule):
        if m.j >= len(toks) or a.negated(m):
            continue
        verb = toks.raw[m.j]
        if verb.endswith("ed") or verb in IRREGULAR_PAST:
            kept.append(Match(rule, m.i, m.j + 1))
    return kept


def explanation_after_apology(a: Analysis, rule: str) -> list[Match]:
    """The clause after a contrast word that follows an apology or an acknowledgement ("I hear
    you, but ..."; same sentence or the next), when its subject is someone or something else
    and it does nothing about the problem."""
    apologies = [m for r in ACKNOWLEDGING_RULES for m in a.get(r) if not a.negated(m)]
    toks = a.toks
    candidates = a.get(rule)
    if not apologies:  # only a regret opening its sentence can stand in for the apology
        candidates = [m for m in candidates if toks.raw[m.i] in REGRET_OPENERS]
        if not candidates:
            return []
    n = len(toks)
    kept = []
    for m in candidates:
        s = toks.sent[m.i]
        opener = toks.raw[m.i] in REGRET_OPENERS and (m.i == 0 or toks.sent[m.i - 1] != s)
        if not opener and not any(ap.i < m.i and 0 <= s - toks.sent[ap.i] <= 1 for ap in apologies):
            continue
        start = m.j
        end = start
        seg_only = opener
        while end < n and toks.clause[end] == toks.clause[start]:
            if seg_only and toks.segment[end] != toks.segment[start]:
                break  # "Unfortunately the rule is set by the underwriters, so I can't ..."
            end += 1
        if start >= end:
            continue
        lead_ok = toks.raw[start] in THIRD_PARTY_SUBJECTS or (
            opener and _our_thing_or_state(toks, start, end)
        )
        if not lead_ok:
            continue
        words = toks.raw[start:end]
        if opener and toks.raw[start] in ("our", "we"):
            words = words[1:]
        if opener and _their_trouble_told(a, start, end):
            continue  # "Unfortunately it broke again": the failure told, not a reason
        if any(w in FUTURE_ACTION or w in FIRST_AND_SECOND for w in words):
            continue
        if "excus" in toks.canon[start:end]:
            continue  # "though that doesn't excuse it" refuses the excuse
        doing = (
            o for r in DOING_SOMETHING for o in a.get(r) if start <= o.i < end and not a.negated(o)
        )
        if next(doing, None) is None:
            kept.append(Match(rule, start, end))
    return kept


def _their_trouble_told(a: Analysis, start: int, end: int) -> bool:
    """Mostly the customer's own words, or a fault owned: what went wrong, not why."""
    toks, lang = a.toks, a.lang
    if any(toks.raw[k] in lang.fault_words for k in range(start, end)):
        return True
    content = [toks.canon[k] for k in range(start, end) if lang.is_content(toks.raw[k])]
    theirs = a.reference.customer | a.reference.fact_stems
    return bool(content) and sum(c in theirs for c in content) * 2 >= len(content)


def _our_thing_or_state(toks: Tokens, start: int, end: int) -> bool:
    """ "Our card processor runs on a monthly batch", "we are still awaiting approval": our
    system or our state, told as the reason (not "we will", which acts)."""
    if end - start < 3:
        return False
    lead, nxt = toks.raw[start], toks.raw[start + 1]
    if lead == "our":
        return True
    return (
        lead == "we"
        and nxt in ("are", "were", "had", "have", "was")
        and (toks.raw[start + 2] not in ("going", "able", "happy", "sorry"))
    )


def trailing_shrug(a: Analysis, rule: str) -> list[Match]:
    """ "Sorry we ruined your big moment, I guess.": the shrug ends a sentence that apologises."""
    toks = a.toks
    n = len(toks)
    apologies = [m for r in APOLOGY_RULES for m in a.get(r) if not a.negated(m)]
    kept = []
    for m in a.get(rule):
        s = toks.sent[m.i]
        last = m.j >= n or toks.sent[m.j] != s
        if last and any(toks.sent[ap.i] == s and ap.j <= m.i for ap in apologies):
            kept.append(m)
    return kept


Detector = Callable[[Analysis, str], list[Match]]

DETECTORS: dict[str, Detector] = {
    # First: later detectors read what these keep (sorry_but reads defended_act, the
    # explanation after an apology reads done deeds).
    "emphatic_did": emphatic_did,
    "done_deed": done_deed,
    "hand_off": hand_off,
    "verbless_offer": verbless_offer,
    "self_help_step": self_help_step,
    "help_link": help_link,
    "cause_in_context": cause_in_context,
    "caps_sarcasm": caps_sarcasm,
    "negated_apology": negated_apology,
    "you_did": you_did,
    "had_you_done": had_you_done,
    "trailing_shrug": trailing_shrug,
    "explanation_after_apology": explanation_after_apology,
    # Before sorry_but, which reads them; after the deeds and offers they read.
    "story_after_apology": story_after_apology,
    "colleague_blamed": colleague_blamed,
    "customer_held": customer_held,
    # After the deeds and offers: advice for next time is our promise when we act there.
    "reason_told": reason_told,
    "advice_for_next_time": advice_for_next_time,
    "track_record": track_record,
    "failures_happen": failures_happen,
    "sorry_but": sorry_but,
}


_DETECTOR_RULES: dict[int, dict[str, list[str]]] = {}


def _detector_rules(rules: Mapping[str, Rule]) -> dict[str, list[str]]:
    """Rule ids by detector name, worked out once per rule table."""
    found = _DETECTOR_RULES.get(id(rules))
    if found is None:
        found = {}
        for rule in rules.values():
            if rule.detector:
                found.setdefault(rule.detector, []).append(rule.id)
        _DETECTOR_RULES[id(rules)] = found
    return found


def run_detectors(a: Analysis) -> None:
    """Replace each detector rule's candidate matches with the ones its function keeps."""
    rules_by_detector = _detector_rules(a.lexicon.rules)
    for name, detector in DETECTORS.items():
        for rule_id in rules_by_detector.get(name, ()):
            kept = detector(a, rule_id)
            if kept:
                a.matches[rule_id] = kept
            else:
                a.matches.pop(rule_id, None)
    _drop_what_an_apology_names(a)
    _drop_names_and_means(a)
    _drop_across_a_comma(a)
    quoted = _quoted_tokens(a)
    for rule_id in QUOTABLE_RULES:
        if rule_id in a.matches:
            restatable = rule_id in RESTATABLE_RULES and a.reference.customer
            kept = [
                m
                for m in a.matches[rule_id]
                if not (restatable and _their_words(a, m))
                and not (quoted and all(k in quoted for k in range(m.i, m.j)))
            ]
            if kept:
                a.matches[rule_id] = kept
            else:
                del a.matches[rule_id]


def _drop_across_a_comma(a: Analysis) -> None:
    """A passing-the-buck phrase read across a comma is two pieces, not one phrase: "a
    same-day transfer, so you should see it by 5pm" is not "transfer you" (an intensifier
    stepped over; d2 dev set)."""
    found = a.matches.get("deflection")
    if not found:
        return
    seg = a.toks.segment
    kept = [m for m in found if seg[m.i] == seg[m.j - 1]]
    if kept:
        a.matches["deflection"] = kept
    else:
        del a.matches["deflection"]


def _drop_names_and_means(a: Analysis) -> None:
    """An excuse or policy word that is a team's name ("passed to our **maintenance** team",
    "escalated to our **compliance** team") or, for an excuse word, the
    means of a fix on offer ("Confirmation **in the post** tomorrow") explains nothing (d2
    dev set). A team's name: a hand-off destination right after it. The means: a deed or a
    verbless offer earlier in its clause, or overlapping it."""
    toks = a.toks
    destinations = a.lang.handoff_destinations

    def team_name(m: Match) -> bool:
        return m.j < len(toks) and toks.canon[m.j] in destinations

    policy = a.matches.get("policy")
    if policy:  # "I've escalated this to our compliance team"
        kept_policy = [m for m in policy if not team_name(m)]
        if kept_policy:
            a.matches["policy"] = kept_policy
        else:
            del a.matches["policy"]
    found = a.matches.get("excuse")
    if not found:
        return
    offers = [o for r in MEANS_OF_A_FIX for o in a.get(r) if not a.negated(o)]

    def explains(m: Match) -> bool:
        if team_name(m):
            return False
        clause = toks.clause[m.i]
        return not any(toks.clause[o.i] == clause and o.i <= m.j for o in offers)

    kept = [m for m in found if explains(m)]
    if kept:
        a.matches["excuse"] = kept
    else:
        del a.matches["excuse"]


def _drop_what_an_apology_names(a: Analysis) -> None:
    """ "I'm sorry it happened" apologises for it, "we'll look into how it happened" looks into
    it; "it happens" shrugs it off. Stems cannot tell them apart, but the apology right before
    it (APOLOGY_OBJECT_GAP between) or a "how"/"why" can. "Sorry, these things happen" still
    minimises."""
    found = a.matches.get("minimizing")
    if not found:
        return
    apologies = [m for r in APOLOGY_RULES for m in a.get(r) if not a.negated(m)]
    toks, reply = a.toks, a.reply

    def named(m: Match) -> bool:
        if m.i > 0 and toks.raw[m.i - 1] in ASKING_HOW:
            return True
        if "happen" not in toks.canon[m.i : m.j]:
            return right_after_an_apology(m)
        if m.j < len(toks) and toks.raw[m.j] in GIVING_A_CAUSE and toks.sent[m.j] == toks.sent[m.i]:
            return True  # "it happened because our repair didn't last" says why (d2 dev set)
        if m.i > 0 and toks.segment[m.i - 1] == toks.segment[m.i]:
            prev = toks.raw[m.i - 1]
            if a.lang.is_content(prev) and prev not in a.lang.fillers:
                return True  # "which day it happened": a relative clause, not a shrug
        return right_after_an_apology(m)

    def right_after_an_apology(m: Match) -> bool:
        return any(
            m.i >= ap.j
            and reply[toks.end[ap.j - 1] : toks.start[m.i]].strip().lower() in APOLOGY_OBJECT_GAP
            for ap in apologies
        )

    kept = [m for m in found if not named(m)]
    if kept:
        a.matches["minimizing"] = kept
    else:
        del a.matches["minimizing"]


def _quoted_tokens(a: Analysis) -> set[int]:
    """Tokens inside double quotes: 'being told "these things happen"' reports what someone
    else said; it is not the trainee saying it. So is the rest of the piece after "being told"
    or "were told" ("then being told it's your fault must feel like ..."; d1 dev set)."""
    reply = a.reply
    reported = _reported_tokens(a)
    if '"' not in reply and "\u201c" not in reply:
        return reported
    spans = [m.span() for m in QUOTED.finditer(reply)]
    # Quotes never overlap and come in order, so only the last one opening at or before a
    # token can hold it: a binary search, not every quote per token (2,000 quotes took 60 ms).
    opens = [lo for lo, _ in spans]
    toks = a.toks
    inside = set()
    for k, (start, end) in enumerate(zip(toks.start, toks.end, strict=True)):
        at = bisect_right(opens, start) - 1
        if at >= 0 and end <= spans[at][1]:
            inside.add(k)
    return reported | inside


def _reported_tokens(a: Analysis) -> set[int]:
    toks = a.toks
    out: set[int] = set()
    if "told" not in toks.raw:
        return out
    for k in range(1, len(toks)):
        if toks.raw[k] == "told" and toks.raw[k - 1] in REPORTING_BEFORE:
            seg = toks.segment[k]
            j = k + 1
            while j < len(toks) and toks.segment[j] == seg:
                out.add(j)
                j += 1
    return out


def _their_words(a: Analysis, m: Match) -> bool:
    """ "She was sick all night": the customer's own account said back is not our excuse.
    The matched words must be a phrase the customer used, word for word (after stemming)."""
    toks, lang, theirs = a.toks, a.lang, a.reference.customer
    if f" {' '.join(toks.canon[m.i : m.j])} " not in a.reference.said:
        return False
    if m.i > 0:  # the subject just before: "our pharmacist was sick" is our excuse again
        subject = toks.raw[m.i - 1]
        if subject in OUR_SIDE or (lang.is_content(subject) and toks.canon[m.i - 1] not in theirs):
            return False
        if subject in COPULAS:  # "that's policy" asserts it, even in their words
            return False
    content = [k for k in range(m.i, m.j) if lang.is_content(toks.raw[k])]
    return bool(content) and all(toks.canon[k] in theirs for k in content)
