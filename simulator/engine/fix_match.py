"""Is this sentence offering that fix? Matched by meaning, not only by the trainer's exact words.

A trainer writes "one-to-one appointment"; a trainee offers "a private one-to-one setup at home".
Literal matching misses it, the fix is never accepted, and a calm customer runs out of patience.
So a fix's phrases are compared word by word after stemming ("refunding" is "refund"), reading
synonyms as one word ("reimburse" is "refund"), forgiving typos (rapidfuzz), matching amounts
however they are written ("$99.98", "99.98 dollars"), and, failing all that, by how many of the
words only this fix uses the sentence says.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from simulator.engine.fix_words import FILLER, SYNONYM_GROUPS

# rapidfuzz ratio (0..100) at which a word of the reply is read as a misspelt word of the phrase.
TYPO_SIMILARITY = 85
TYPO_MIN_LENGTH = 5  # shorter words are too easily confused ("rest" and "test")
# Distinct words that only this fix uses, said in one offering sentence, that identify the fix
# when no single phrase matched ("private", "home", "patient advisor" is the home setup).
OVERLAP_WORDS = 2

# An amount ("$99.98", "25") is a token of its own; "4g" and "250mg" are words.
_TOKEN = re.compile(r"[$£€]?\d+(?:[.,]\d+)?(?![a-z0-9])|[a-z0-9]+(?:[-'][a-z0-9]+)*")
# A phrase of several words that carries one word of meaning ("I'll call you") must be said
# nearly as written: the one word alone ("every call") offers nothing.
WHOLE_PHRASE_SIMILARITY = 90
_AMOUNT = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True, slots=True)
class FixMatch:
    """Why a sentence was read as offering a fix: how it matched, and the trainer's phrase."""

    resolution: str
    how: str  # "words", "synonym", "typo", "amount" or "overlap"
    phrase: str
    sentence: str

    def explain(self) -> str:
        return {
            "words": f'the same words as "{self.phrase}"',
            "synonym": f'the same meaning as "{self.phrase}"',
            "typo": f'"{self.phrase}", allowing for a typo',
            "amount": f'the amount in "{self.phrase}"',
            "overlap": f"words only this fix uses ({self.phrase})",
        }[self.how]


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    from nltk.stem.snowball import SnowballStemmer  # needs no nltk_data

    return SnowballStemmer("english")


@lru_cache(maxsize=1)
def _synonyms() -> dict[str, str]:
    canonical: dict[str, str] = {}
    for group in SYNONYM_GROUPS:
        head = _stem_word(group[0].replace(" ", "-"))
        for word in group:
            canonical.setdefault(_stem_word(word.replace(" ", "-")), head)
    return canonical


@lru_cache(maxsize=4096)
def _stem_word(word: str) -> str:
    return _stemmer().stem(word.replace("-", "").replace("'", ""))


def amount(token: str) -> str | None:
    """A number as one spelling: "$99.98", "99.98" and "99,98" are "99.98"; "$50.00" is "50"."""
    digits = token.lstrip("$£€").replace(",", ".")
    if not _AMOUNT.fullmatch(digits):
        return None
    whole, _, cents = digits.partition(".")
    return whole if cents.strip("0") == "" else f"{whole}.{cents}"


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[tuple[str, ...], tuple[str, ...], frozenset[str]]:
    """(stems read through synonyms, the plain stems, amounts) of the words that carry meaning."""
    text = text.lower()
    for group in SYNONYM_GROUPS:  # two-word synonyms ("gift card", "make up") become one word
        for word in group:
            if " " in word:
                text = text.replace(word, word.replace(" ", "-"))
    meant, plain, amounts = [], [], set()
    for token in _TOKEN.findall(text):
        number = amount(token)
        if number is not None:
            amounts.add(number)
            continue
        if token in FILLER or token.replace("-", " ") in FILLER:
            continue
        stem = _stem_word(token)
        plain.append(stem)
        meant.append(_synonyms().get(stem, stem))
    return tuple(meant), tuple(plain), frozenset(amounts)


def _typo_of(stem: str, said: Iterable[str]) -> bool:
    if len(stem) < TYPO_MIN_LENGTH:
        return False
    from rapidfuzz import fuzz

    return any(
        len(word) >= TYPO_MIN_LENGTH and fuzz.ratio(stem, word) >= TYPO_SIMILARITY for word in said
    )


def phrase_match(phrase: str, sentence: str) -> str | None:
    """How `sentence` says `phrase` ("words", "synonym", "typo", "amount"), or None."""
    meant, plain, amounts = words(phrase)
    said_meant, said_plain, said_amounts = words(sentence)
    if amounts and amounts & said_amounts:
        return "amount"
    if not meant:
        return None
    if len(meant) == 1 and len(_TOKEN.findall(phrase.lower())) > 1:
        from rapidfuzz import fuzz

        similar = fuzz.partial_ratio(
            " ".join(_TOKEN.findall(phrase.lower())), " ".join(_TOKEN.findall(sentence.lower()))
        )
        return "words" if similar >= WHOLE_PHRASE_SIMILARITY else None
    if set(plain) <= set(said_plain):
        return "words"
    if set(meant) <= set(said_meant):
        return "synonym"
    missing = set(meant) - set(said_meant)
    if all(_typo_of(stem, said_meant) or _typo_of(stem, said_plain) for stem in missing):
        return "typo"
    return None


def match_fix(
    resolution_id: str,
    phrases: Sequence[str],
    others: Sequence[Sequence[str]],
    sentences: Sequence[str],
    problem: Sequence[str] = (),
) -> FixMatch | None:
    """The first way one of `sentences` offers this fix, or None.

    `others` are the other fixes' phrases: a word they share says nothing about which fix it is.
    Nor does a word of the `problem` (the scenario's facts): "the replacement is faulty" names
    what went wrong, not the replacement on offer.
    """
    for sentence in sentences:
        for phrase in phrases:
            how = phrase_match(phrase, sentence)
            if how:
                return FixMatch(resolution_id, how, phrase, sentence.strip())
    own = {stem for phrase in phrases for stem in words(phrase)[0]}
    shared = {stem for group in others for phrase in group for stem in words(phrase)[0]}
    shared |= {stem for phrase in problem for stem in words(phrase)[0]}
    distinctive = own - shared
    for sentence in sentences:
        hits = sorted(distinctive & set(words(sentence)[0]))
        if len(hits) >= OVERLAP_WORDS:
            return FixMatch(resolution_id, "overlap", ", ".join(hits), sentence.strip())
    return None
