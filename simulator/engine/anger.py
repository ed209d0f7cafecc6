"""How the customer's anger moves with each reply: named deltas per event, scaled and explained.

The numbers are a trainer's judgement of how a *firm* customer (difficulty 2) reacts, tuned by
playing the bundled scenarios: one reply that does everything right (specific apology, ownership,
a concrete fix) takes a furious customer down about one mood band; one excuse or a blamed customer
undoes most of a good apology. docs/SCORING.md ("The conversation") lists them for trainers.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from scoring.model import HIGH_THRESHOLD, ReplyScore
from simulator.engine.model import AngerChange

ANGER_MIN = 0
ANGER_MAX = 100

# Anger below which the customer accepts a fix; a scenario may override it (`tuning.accept_below`).
DEFAULT_ACCEPT_BELOW = 40

# --- Events that calm the customer (negative deltas), for a firm customer. ---
SPECIFIC_APOLOGY = (
    -12.0
)  # the single most calming thing: "sorry for charging you after you cancelled"
GENERIC_APOLOGY = -2.0  # "sorry for any inconvenience" barely registers
PARAPHRASE = -6.0  # being heard: the customer's own specifics said back
CLARIFYING_QUESTION = -3.0  # a real question shows interest, but is not yet a fix
EMPATHY_STATEMENT = -7.0  # validating the feeling or the personal impact
RESPONSIBILITY = -6.0  # "that's on us"
COMMITMENT = -5.0  # "I'll ..." from a named person
TIMELINE = -3.0  # "by 3pm today": a commitment the customer can hold you to
RESOLUTION_OFFER = -6.0  # a concrete fix on the table
SATISFACTION_CHECK = -2.0  # "does that work for you?"

# --- Events that make it worse (positive deltas). ---
NON_APOLOGY = 12.0  # "sorry you feel that way" reads as an insult
SORRY_BUT = 8.0  # an apology taken back in the same breath
EXCUSE = 9.0  # why it happened is the company's problem, not the customer's
POLICY = 8.0  # hiding behind the rules
BLAME_CUSTOMER = 14.0  # the fastest way to lose an angry customer
DEFENSIVE = 8.0  # "to be fair", "with all due respect"
MINIMIZING = 14.0  # "it's not a big deal" tells them their upset is wrong
PITY = 6.0  # "you poor thing" is condescending
SARCASM = 16.0  # the worst of all
DEFLECTION = 10.0  # "you'll need to contact billing"
DISMISSIVE = 10.0  # "as I said", "you don't need to keep repeating yourself"
HEDGE = 3.0  # "we might be able to" sounds like a brush-off
REFUSAL = 8.0  # "I can't refund you"
GAMING = 8.0  # a bag of keywords is noticed, and resented

# --- The engine's own events. ---
REPETITION = 4.0  # "You keep saying that.": the same stock phrase as last turn
NO_PROGRESS = 4.0  # a reply with nothing in it that helps: the customer waited for nothing

EVENT_DELTAS: Mapping[str, float] = {
    "specific_apology": SPECIFIC_APOLOGY,
    "generic_apology": GENERIC_APOLOGY,
    "paraphrase": PARAPHRASE,
    "clarifying_question": CLARIFYING_QUESTION,
    "empathy_statement": EMPATHY_STATEMENT,
    "responsibility": RESPONSIBILITY,
    "commitment": COMMITMENT,
    "timeline": TIMELINE,
    "resolution_offer": RESOLUTION_OFFER,
    "satisfaction_check": SATISFACTION_CHECK,
    "non_apology": NON_APOLOGY,
    "sorry_but": SORRY_BUT,
    "excuse": EXCUSE,
    "policy": POLICY,
    "blame_customer": BLAME_CUSTOMER,
    "defensive": DEFENSIVE,
    "minimizing": MINIMIZING,
    "pity": PITY,
    "sarcasm": SARCASM,
    "deflection": DEFLECTION,
    "dismissive": DISMISSIVE,
    "hedge": HEDGE,
    "refusal": REFUSAL,
    "gaming": GAMING,
    "repetition": REPETITION,
    "no_progress": NO_PROGRESS,
}

# Which dimension's score says how well a calming event was done (and where its words are).
CALMING_DIMENSION: Mapping[str, str] = {
    "specific_apology": "apology",
    "generic_apology": "apology",
    "paraphrase": "listening",
    "clarifying_question": "listening",
    "empathy_statement": "empathy",
    "responsibility": "ownership",
    "commitment": "ownership",
    "timeline": "ownership",
    "resolution_offer": "resolution",
    "satisfaction_check": "resolution",
}

# Keys a scenario's `tuning` may use: the acceptance threshold and any event's delta.
TUNING_KEYS: frozenset[str] = frozenset({"accept_below", *EVENT_DELTAS})

# Difficulty: (multiplier on calming deltas, multiplier on raising deltas). A hostile customer
# forgives slowly and flares fast; a gentle one the reverse. Firm is the reference.
DIFFICULTY_SCALING: Mapping[int, tuple[float, float]] = {
    1: (1.3, 0.75),
    2: (1.0, 1.0),
    3: (0.7, 1.4),
}

# A calming event earns half its delta for being there and half in proportion to how well the
# reply scored on its dimension: a canned "I understand your frustration" calms less than naming
# what the customer went through.
QUALITY_SHARE = 0.5

# Each earlier use of the same calming words halves what they earn now.
REPETITION_DECAY = 0.5
# Evidence this many words long or longer counts as a phrase of its own for repetition; shorter
# evidence counts by its whole sentence.
STOCK_PHRASE_WORDS = 3

# However good a reply is, a person calms by at most this much in one turn (after difficulty).
MAX_CALMING_PER_TURN = 30.0


@dataclass(frozen=True, slots=True)
class AngerRules:
    """The deltas and threshold for one scenario, after its `tuning` and `difficulty`."""

    deltas: Mapping[str, float]
    accept_below: float
    calming_scale: float
    raising_scale: float

    @classmethod
    def for_scenario(cls, difficulty: int, tuning: Mapping[str, float]) -> AngerRules:
        deltas = dict(EVENT_DELTAS)
        deltas.update({k: float(v) for k, v in tuning.items() if k in EVENT_DELTAS})
        calming, raising = DIFFICULTY_SCALING.get(difficulty, DIFFICULTY_SCALING[2])
        accept = float(tuning.get("accept_below", DEFAULT_ACCEPT_BELOW))
        return cls(deltas, accept, calming, raising)

    def scaled(self, cause: str) -> float:
        delta = self.deltas.get(cause, 0.0)
        return delta * (self.calming_scale if delta < 0 else self.raising_scale)


def normalize(text: str) -> str:
    """Lowercase words only, so "I'm sorry!" and "i'm  sorry" count as the same phrase."""
    return " ".join(re.findall(r"[a-z0-9']+", text.lower()))


def calming_phrases(score: ReplyScore, reply: str) -> dict[str, frozenset[str]]:
    """The stock phrases behind each calming dimension of this reply, normalized.

    Evidence of a few words ("I understand your frustration") is the phrase itself. A shorter
    match (the word "sorry", a customer's word said back) is only a stock phrase if its whole
    sentence is said again: "sorry about the charge" and "sorry about the call" are not one line.
    """
    found: dict[str, set[str]] = {}
    for item in score.evidence:
        if item.effect != "up":
            continue
        phrase = normalize(item.text)
        if len(phrase.split()) < STOCK_PHRASE_WORDS:
            phrase = normalize(sentence_around(reply, item.start, item.end))
        if phrase:
            found.setdefault(item.dimension, set()).add(phrase)
    return {dim: frozenset(texts) for dim, texts in found.items()}


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of `text` holding the span start..end."""
    begin = max((m.end() for m in _SENTENCE_END.finditer(text, 0, max(start, 0))), default=0)
    found = _SENTENCE_END.search(text, max(end, begin))
    return text[begin : found.start() if found else len(text)]


_SENTENCE_END = re.compile(r"[.!?]+(?:\s+|$)|\n+")


@dataclass
class PhraseMemory:
    """What the trainee has said so far, to notice the same stock phrase turn after turn."""

    uses: Counter[str]
    replies: Counter[str]
    last_phrases: frozenset[str] = frozenset()
    last_reply: str = ""

    @classmethod
    def empty(cls) -> PhraseMemory:
        return cls(Counter(), Counter())

    def earlier_uses(self, phrases: frozenset[str], reply: str) -> tuple[int, bool]:
        """How often these words were said before, and whether the previous reply said them."""
        whole = self.replies[normalize(reply)]
        if whole:
            return whole, normalize(reply) == self.last_reply
        if not phrases or not all(self.uses[p] for p in phrases):
            return 0, False
        return min(self.uses[p] for p in phrases), bool(phrases & self.last_phrases)

    def said_last(self, reply: str) -> bool:
        return bool(self.last_reply) and normalize(reply) == self.last_reply

    def remember(self, score: ReplyScore, reply: str) -> None:
        said = frozenset().union(*calming_phrases(score, reply).values())
        self.uses.update(said)
        self.replies[normalize(reply)] += 1
        self.last_phrases = said
        self.last_reply = normalize(reply)


def anger_changes(
    score: ReplyScore, reply: str, rules: AngerRules, memory: PhraseMemory
) -> tuple[AngerChange, ...]:
    """Every reason anger moves for this reply; the sum is the turn's delta."""
    events = [e for e in dict.fromkeys(score.events) if e in rules.deltas]
    gaming = "gaming" in events
    phrases = calming_phrases(score, reply)
    changes: list[AngerChange] = []
    repeated_last_turn = memory.said_last(reply)  # even an excuse, said twice, is noticed
    for event in events:
        base = rules.scaled(event)
        if base == 0:
            continue  # tuned out by the scenario
        if base > 0:
            changes.append(AngerChange(event, round(base, 1), _why(event, base)))
            continue
        if gaming:
            continue  # keyword stuffing calms nobody; the gaming event itself is charged
        dimension = CALMING_DIMENSION.get(event, "")
        quality = score.dimensions.get(dimension, HIGH_THRESHOLD) / 100 if dimension else 1.0
        delta = base * ((1 - QUALITY_SHARE) + QUALITY_SHARE * quality)
        uses, last_turn = memory.earlier_uses(phrases.get(dimension, frozenset()), reply)
        why = _why(event, delta)
        if uses:
            delta *= REPETITION_DECAY**uses
            why += f" (said {uses + 1} times now, so it counts for less)"
            repeated_last_turn = repeated_last_turn or last_turn
        changes.append(AngerChange(event, round(delta, 1), why))
    engine_events = {"repetition": repeated_last_turn, "no_progress": not events}
    for cause in (cause for cause, due in engine_events.items() if due):
        if delta := rules.scaled(cause):
            changes.append(AngerChange(cause, round(delta, 1), _why(cause, delta)))
    calming = sum(c.delta for c in changes if c.delta < 0)
    if calming < -MAX_CALMING_PER_TURN:
        excess = round(-MAX_CALMING_PER_TURN - calming, 1)
        changes.append(
            AngerChange(
                "calming_limit",
                excess,
                f"one reply calms a person by at most {MAX_CALMING_PER_TURN:g}",
            )
        )
    return tuple(changes)


def apply(anger: int, changes: Sequence[AngerChange]) -> int:
    """The new anger, clamped to 0..100."""
    return max(ANGER_MIN, min(ANGER_MAX, round(anger + sum(c.delta for c in changes))))


_WHY: Mapping[str, str] = {
    "specific_apology": "a specific apology",
    "generic_apology": "a generic apology",
    "paraphrase": "saying back what happened",
    "clarifying_question": "a relevant question",
    "empathy_statement": "acknowledging how this feels",
    "responsibility": "taking responsibility",
    "commitment": "a personal commitment to act",
    "timeline": "a concrete time",
    "resolution_offer": "a concrete fix",
    "satisfaction_check": "checking the fix works for them",
    "non_apology": "a non-apology",
    "sorry_but": "taking the apology back with 'but'",
    "excuse": "an excuse",
    "policy": "hiding behind policy",
    "blame_customer": "blaming the customer",
    "defensive": "sounding defensive",
    "minimizing": "minimizing the problem",
    "pity": "pity instead of empathy",
    "sarcasm": "sarcasm",
    "deflection": "passing them to someone else",
    "dismissive": "dismissing what they said",
    "hedge": "a hedge instead of a promise",
    "refusal": "refusing a fix",
    "gaming": "a string of keywords, not a reply",
    "repetition": "repeating the words of the last reply",
    "no_progress": "a reply that moves nothing forward",
}


def _why(cause: str, delta: float) -> str:
    direction = "calms" if delta < 0 else "angers"
    return f"{_WHY.get(cause, cause.replace('_', ' '))} {direction} the customer"
