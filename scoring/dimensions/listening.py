"""Listening: refer back to what the customer said, restate it, ask (HEARD "Hear")."""

from __future__ import annotations

from scoring.analysis import Analysis
from scoring.dimensions.no_excuses import score_no_excuses
from scoring.dimensions.result import Verdict
from scoring.lexicon import Match
from scoring.model import Evidence
from scoring.weights import (
    LISTEN_ARGUED_CAP,
    LISTEN_ARGUING_SHARE,
    LISTEN_DISMISSIVE_CAP,
    LISTEN_PER_COMMON_WORD,
    LISTEN_PER_WORD,
    LISTEN_QUESTION,
    LISTEN_RESTATE,
    LISTEN_THANKS,
    LISTEN_WORDS_MAX,
)

# A question that is really a check on the fix, an argument or blame is not clarifying.
NOT_CLARIFYING = ("satisfaction_check", "defensive", "blame_customer", "sarcasm", "dismissive")
# Excuses told as a story still heard the complaint ("your internet was down while you work
# from home because of storm damage"); arguing against the customer did not.
# The fault put on a colleague or a supplier argues with no one (d2 dev set: "that's their
# failure" after an apology that names the customer's night heard them).
STORY_RULES = frozenset(
    {
        "excuse",
        "excuse_cause",
        "excuse_after_apology",
        "account_after_apology",
        "colleague_blamed",
        "colleague_singled_out",
        "inability_shield",
        "reason_told",  # "the post room is behind, which is why the documents ..." (d5)
    }
)
# Requests for detail that need no question mark ("Walk me through what happened.").
REQUEST_STEMS = frozenset({"walk", "tell", "help", "describ", "say", "share"})
# "Did you check the drain?", "Have you been drying clothes on the radiator?": a yes/no question
# on what the customer did tests them; it does not ask about their trouble (d1, d2 and d3 dev
# sets: labelled not listening, whatever words it names). "Are you using the app?" asks about
# their set-up, which real-reply labellers count (real_dev2), so "are"/"were" are left out.
TESTING_OPENERS = frozenset({"did", "have", "had"})
QUESTION_OPENERS = frozenset({"and", "so", "but", "ok", "okay", "also", "first", "just"})


def score_listening(a: Analysis) -> Verdict:
    v = Verdict("listening")
    points = _reference_points(a, v)
    restated = [
        m
        for r in ("restate", "restate_you")
        for m in a.get(r)
        if not a.negated(m) and a.sentence(m) not in a.asked_back
    ]
    if restated:
        v.note(a, restated[0], "up", event="paraphrase")
        points += LISTEN_RESTATE
    question = _clarifying_question(a)
    if question is not None:
        v.note(a, question, "up", event="clarifying_question")
        points += LISTEN_QUESTION
    thanks = [m for m in a.get("thanks_for_raising") if not a.negated(m)]
    if thanks:
        v.note(a, thanks[0], "up", event="paraphrase")
        points += LISTEN_THANKS
    argued = score_no_excuses(a)
    against = [e for e in argued.evidence if e.rule not in STORY_RULES]
    if against and points > LISTEN_ARGUED_CAP:
        first = against[0]
        v.evidence.append(
            Evidence(
                "listening",
                first.start,
                first.end,
                first.text,
                "down",
                "argues_back",
                "argues back, so the words said back do not show they were heard",
            )
        )
        points = LISTEN_ARGUED_CAP
    dismissive = a.get("dismissive")
    if dismissive:
        for m in dismissive:
            v.note(a, m, "down", event="dismissive")
        points = min(points, LISTEN_DISMISSIVE_CAP)
    v.score = points
    return v.clamp()


def _reference_points(a: Analysis, v: Verdict) -> int:
    """Points for the customer's words said back: a word particular to their trouble counts
    more than a word every service call uses ("room", "call"); a particular word only used while
    arguing back counts for less, a common one nothing. A scenario fact named in full counts as
    one more word."""
    facts: set[str] = set().union(*a.named_facts.values()) if a.named_facts else set()
    if not a.heard and not facts:
        return 0
    common = a.lang.common_service_words
    total = 0.0
    for word, calm in a.heard.items():
        if calm:
            total += LISTEN_PER_COMMON_WORD if word in common else LISTEN_PER_WORD
        elif word not in common:  # "we only hold tables for 15 minutes": policy, not listening
            total += LISTEN_PER_WORD * LISTEN_ARGUING_SHARE
    total += LISTEN_PER_WORD * len(facts)
    for k, canon in enumerate(a.toks.canon):
        if canon in a.heard:
            v.note(
                a,
                Match("customer_words", k, k + 1),
                "up",
                event="paraphrase",
                why="names what the customer said",
            )
            break
    return min(LISTEN_WORDS_MAX, int(round(total)))


def _clarifying_question(a: Analysis) -> Match | None:
    for m in a.get("clarifying_question"):
        s = a.sentence(m)
        asks = (
            a.is_question(s)
            or a.toks.canon[m.i] in REQUEST_STEMS
            or (m.i > 0 and a.toks.canon[m.i - 1] in REQUEST_STEMS)
        )
        if not asks or a.negated(m) or s in a.asked_back or _tests_the_customer(a, s):
            continue
        if any(a.sentence(o) == s for r in NOT_CLARIFYING for o in a.get(r)):
            continue
        return m
    return None


def _tests_the_customer(a: Analysis, sentence: int) -> bool:
    ks = [k for k in a.toks.sentence_tokens(sentence) if a.toks.raw[k] not in QUESTION_OPENERS]
    return len(ks) >= 3 and a.toks.raw[ks[0]] in TESTING_OPENERS and a.toks.raw[ks[1]] == "you"
