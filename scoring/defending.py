"""Defending ourselves in plain words (d5 dev set, once the test set t5): the reason told after
the failure ("..., which is why the classes were cancelled"), advice for next time ("maybe get a
backup bike next time?"), our track record ("over 95% of our applications are completed within
21 days") and the shrug that failures happen ("its a group course, cancellations happen"). No
single word gives them away; where they stand in the reply does.
"""

from __future__ import annotations

import re

from scoring.analysis import ACTING_RULES, Analysis
from scoring.arguing import OURS
from scoring.lexicon import Match

# Their feelings, which a reason may explain with them: "I understand you are worried because
# you retire in June" is not blame (d4 dev set), nor "that's why you're so upset".
FEELING_BEFORE = frozenset(
    {
        "worried",
        "upset",
        "angry",
        "frustrated",
        "anxious",
        "stressed",
        "scared",
        "nervous",
        "furious",
        "livid",
        "disappointed",
        "annoyed",
        "concerned",
        "shaken",
        "panicking",
    }
)

# After "which is why": our response ("that's why I've refunded you") starts with one of these;
# the failure explained ("which is why nobody could give you a date") does not.
OUR_RESPONSE = frozenset({"i", "we", "let", "i've", "we've"})
# "That's why you're so upset": the reason for their feeling, told with them.
THEIR_FEELING_REACH = 4
# The failure before the reason owned as ours ("our engineer didn't tighten the hose, and that's
# why your kitchen flooded"; d2 dev set): "we"/"our" and a negated or faulty act close after.
OWN_FAILURE_REACH = 5
NOT_DONE = frozenset({"not", "never", "failed", "forgot", "neglected"})

# Advice for next time is advice only when it is put to them: one of these in its sentence.
ADVICE_MARKERS = frozenset(
    {
        "you",
        "your",
        "please",
        "pls",
        "maybe",
        "perhaps",
        "worth",
        "could",
        "might",
        "should",
        "try",
        "recommend",
        "suggest",
        "advise",
        "ensure",
    }
)
PROMISES = frozenset({"will", "shall"})
# A fix word in the sentence also makes "next time" part of what we do about it.
ADVICE_UNDONE_BY = (*ACTING_RULES, "resolution_offer")

# "95% of our applications", "a 99.8% accuracy rate"; not "20% off" or "50% of the price".
MONEY_WORDS = frozenset(
    {
        "the",
        "your",
        "a",
        "price",
        "cost",
        "costs",
        "fee",
        "fees",
        "bill",
        "total",
        "amount",
        "difference",
        "purchase",
        "refund",
        "charge",
        "charges",
        "deposit",
        "balance",
        "value",
    }
)
RECORD_NOUNS = frozenset(
    {
        "accuracy",
        "success",
        "satisfaction",
        "completion",
        "delivery",
        "pass",
        "approval",
        "attendance",
        "reliability",
        "uptime",
        "punctuality",
    }
)
HAS_DIGIT = re.compile(r"\d")
# The rule's phrases (excuses.yaml) find these; a stem match ("hundred") is not a volume.
VOLUME_WORDS = frozenset({"hundreds", "thousands", "millions"})
VOLUME_PERIODS = frozenset({"day", "week", "month", "year"})
# "50,000 boxes a month", "400 garments a week" (d3): how much we do, put up against one failure.
VOLUME_MIN = 100

# "Cancellations happen": a plural subject (or "it") and "happen", with no modal or negation.
NOT_GENERIC = frozenset(
    {
        "will",
        "would",
        "could",
        "can",
        "should",
        "may",
        "might",
        "must",
        "to",
        "did",
        "not",
        "never",
        "ever",
        "this",
        "what",
        "which",
        "that",
    }
)
NOT_PLURAL_SUBJECTS = frozenset({"this", "was", "has", "is", "us", "does", "yours", "always"})


def reason_told(a: Analysis, rule: str) -> list[Match]:
    """ "..., which is why the documents haven't been matched": the failure's cause told as the
    reason it happened. Kept unless what follows is our response or their feeling, the cause
    is our own failure, or it is asked."""
    toks = a.toks
    kept: list[Match] = []
    for m in a.get(rule):
        if a.is_question(a.sentence(m)):
            continue
        nxt = toks.raw[m.j] if m.j < len(toks) and toks.sent[m.j] == toks.sent[m.i] else ""
        if nxt in OUR_RESPONSE and not any(toks.neg[k] for k in range(m.j, _clause_end(a, m.j))):
            continue
        if nxt in ("you", "your") and _feeling_near(a, m.j):
            continue
        if _our_failure_before(a, m):
            continue
        kept.append(m)
    return kept


def _clause_end(a: Analysis, k: int) -> int:
    toks, c = a.toks, a.toks.clause[k]
    while k < len(toks) and toks.clause[k] == c:
        k += 1
    return k


def _feeling_near(a: Analysis, k: int) -> bool:
    return any(w in FEELING_BEFORE for w in a.toks.raw[k : k + THEIR_FEELING_REACH])


def _our_failure_before(a: Analysis, m: Match) -> bool:
    """The sentence before the reason (or its own start) says we failed: the cause owned."""
    toks = a.toks
    s = toks.sent[m.i]
    lo = m.i
    while lo > 0 and toks.sent[lo - 1] >= s - (1 if _opens_sentence(a, m) else 0):
        lo -= 1
    fault = a.lang.fault_words
    for k in range(lo, m.i):
        if toks.raw[k] in ("we", "our"):
            after = toks.raw[k + 1 : min(m.i, k + 1 + OWN_FAILURE_REACH)]
            if any(w in NOT_DONE or w in fault for w in after) or any(
                toks.neg[q] for q in range(k + 1, min(m.i, k + 1 + OWN_FAILURE_REACH))
            ):
                return True
    return False


def _opens_sentence(a: Analysis, m: Match) -> bool:
    return m.i == 0 or a.toks.sent[m.i - 1] != a.toks.sent[m.i]


def advice_for_next_time(a: Analysis, rule: str) -> list[Match]:
    """ "Next time please ring ahead", "maybe keep your old line on next time?": the customer
    told what to do differently, which puts the failure on them. "I'll make sure he knocks
    next time" and "next time you stay, we will upgrade you" are our promises."""
    candidates = a.get(rule)
    if not candidates:
        return []
    toks = a.toks
    acting = {toks.sent[o.i] for r in ADVICE_UNDONE_BY for o in a.get(r) if not a.negated(o)}
    kept: list[Match] = []
    for m in candidates:
        s = toks.sent[m.i]
        if s in acting:
            continue
        ks = toks.sentence_tokens(s)
        words = [toks.raw[k] for k in ks]
        before = [toks.raw[k] for k in ks if k < m.i]
        if any(w in OURS for w in before) or any(w in PROMISES for w in words):
            continue
        if _so_we_can(words):
            continue  # "let a manager know next time you're in, so we can make amends"
        if any(w in ADVICE_MARKERS for w in words):
            kept.append(m)
    return kept


def _so_we_can(words: list[str]) -> bool:
    return any(
        words[q] in ("we", "i") and words[q + 1] in ("can", "could") for q in range(len(words) - 1)
    )


def track_record(a: Analysis, rule: str) -> list[Match]:
    """Our figures put up against their failure: "95% of our installs", "a 99.8% accuracy
    rate", "one box out of 140", "50,000 boxes a month". A refund of "20% of the price" or
    "15% off" is an offer, not a record. Found from the numbers, not from phrases."""
    toks, text = a.toks, a.reply
    raw, n = toks.raw, len(toks)
    kept: list[Match] = []
    for m in a.get(rule):  # the phrases: "hundreds of invitations a week" (d8)
        k = m.i
        if raw[k] in VOLUME_WORDS and _per_period(raw, k) and not a.is_question(toks.sent[k]):
            kept.append(Match(rule, k, min(n, k + 4)))
    if not HAS_DIGIT.search(text):
        return [m for m in kept if not toks.neg[m.i]]  # most replies: no figures to read
    for k in [k for k, w in enumerate(raw) if w[:1].isdigit()]:
        word = raw[k]
        if a.is_question(toks.sent[k]):
            continue
        percent = text[toks.end[k] : toks.end[k] + 1] == "%" or raw[k + 1 : k + 2] == ["percent"]
        nxt = raw[k + 1 : k + 4]
        if percent and nxt[:1] == ["of"] and len(nxt) > 1 and _ours_or_many(nxt[1]):
            kept.append(Match(rule, k, min(n, k + 3)))
        elif percent and any(w in RECORD_NOUNS for w in nxt[:2]):
            kept.append(Match(rule, k, min(n, k + 3)))
        elif k >= 2 and raw[k - 2 : k] == ["out", "of"] and _number_before(raw, k - 2):
            kept.append(Match(rule, k - 2, k + 1))
        elif (
            _volume(word) >= VOLUME_MIN and not _money(text, toks.start[k]) and _per_period(raw, k)
        ):
            kept.append(Match(rule, k, min(n, k + 4)))
    return [m for m in kept if not toks.neg[m.i]]


def _ours_or_many(word: str) -> bool:
    """ "95% of our ...", "97% of installs": our work counted; not "20% of this quarter's fee"."""
    return word == "our" or (
        word.endswith("s") and len(word) > 4 and word not in MONEY_WORDS and "'" not in word
    )


def _money(text: str, start: int) -> bool:
    """ "$1,800 a week": what they lose, not what we do."""
    return start > 0 and text[start - 1] in "$£€¥"


def _number_before(raw: list[str], k: int) -> bool:
    """ "one box out of 140", "2 out of 10": a count within two words before "out of"."""
    return any(w[:1].isdigit() or w in ("one", "two", "three") for w in raw[max(0, k - 3) : k])


def _volume(word: str) -> float:
    try:
        return float(word.replace(",", ""))
    except ValueError:
        return 0.0


def _per_period(raw: list[str], k: int) -> bool:
    """ "50,000 boxes a month", "thousands of orders every day": a rate of work."""
    after = raw[k + 1 : k + 6]
    return any(
        after[q] in ("a", "an", "every", "each", "per") and after[q + 1] in VOLUME_PERIODS
        for q in range(len(after) - 1)
    )


def failures_happen(a: Analysis, rule: str) -> list[Match]:
    """ "Cancellations happen", "delays happen on moving days": the failure shrugged off as the
    way of things. Not "it will not happen again" or "what happened": the word must be the
    plain present with a plural subject."""
    toks = a.toks
    kept: list[Match] = []
    for m in a.get(rule):
        if m.i == 0 or a.negated(m) or toks.raw[m.i] not in ("happen", "happens"):
            continue
        before = toks.raw[m.i - 1]
        if before in NOT_GENERIC or before in NOT_PLURAL_SUBJECTS:
            continue
        if toks.sent[m.i - 1] != toks.sent[m.i] or a.is_question(toks.sent[m.i]):
            continue
        if before.endswith("s") and len(before) > 3:
            kept.append(Match(rule, m.i - 1, m.j))
    return kept
