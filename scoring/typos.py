"""Typo tolerance: read an unknown word as the vocabulary word it is one slip away from.

Guards keep fuzzy matching from inventing matches: only unknown words are corrected (never a
function word, a lexicon word or a guard such as "story"), the allowed edits grow with word length,
and the first letter must agree (slips rarely hit it).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from scoring.language import stem
from scoring.weights import (
    FUZZY_LONG_LENGTH,
    FUZZY_MIN_LENGTH,
    FUZZY_MIN_TOKEN,
    FUZZY_SHORT_SWAP_ONLY,
)

CACHE_LIMIT = 50_000  # words remembered per corrector before the cache is cleared


def allowed_edits(length: int) -> int:
    if length < FUZZY_MIN_LENGTH:
        return 0
    return 1 if length < FUZZY_LONG_LENGTH else 2


class KnownWords(NamedTuple):
    """Words never corrected, and their stems, built once and shared by many correctors."""

    words: frozenset[str]
    stems: frozenset[str]

    @classmethod
    def of(cls, words: Iterable[str]) -> KnownWords:
        known = frozenset(words)
        return cls(known, frozenset(stem(w) for w in known))


NO_KNOWN_WORDS = KnownWords(frozenset(), frozenset())


class Corrector:
    """Maps a written word to a vocabulary word, or None; remembers every answer.

    Known words are `shared` (one copy for every customer's corrector: the function words and
    the lexicon's 2,000 words) plus this corrector's own, kept in dicts of strings, which the
    garbage collector never walks; candidates are tuples of strings, which it stops walking.
    256 cached customer references each copied the shared words into two frozensets, and every
    full collection walked them all (issue 18: 6 ms more per collection for 40 of them)."""

    __slots__ = ("_by_letter", "_known", "_known_stems", "_shared", "_cache")

    def __init__(
        self,
        vocabulary: Iterable[str],
        known: Iterable[str],
        shared: KnownWords = NO_KNOWN_WORDS,
    ) -> None:
        vocabulary = list(vocabulary)
        vocab = {w for w in vocabulary if w.isalpha() and len(w) >= FUZZY_MIN_LENGTH}
        # Candidates by first letter: a slip never changes it, so only those are compared.
        by_letter: dict[str, list[str]] = {}
        for w in sorted(vocab):
            by_letter.setdefault(w[0], []).append(w)
        self._by_letter = {letter: tuple(words) for letter, words in by_letter.items()}
        own = dict.fromkeys(w for w in (*known, *vocabulary) if w not in shared.words)
        self._shared = shared
        self._known = own
        # "vouched" stems to the guard "vouch": a real word, so never read as "voucher".
        self._known_stems = dict.fromkeys(s for s in map(stem, own) if s not in shared.stems)
        self._cache: dict[str, str | None] = {}

    def __call__(self, word: str) -> str | None:
        try:
            return self._cache[word]
        except KeyError:
            pass
        result = self._lookup(word)
        if result is None and len(word) > FUZZY_MIN_LENGTH and not self._knows(word):
            stemmed = stem(word)
            if stemmed != word:  # the same lookup again would find nothing again
                result = self._lookup(stemmed)
        if len(self._cache) >= CACHE_LIMIT:
            self._cache.clear()
        self._cache[word] = result
        return result

    def _knows(self, word: str) -> bool:
        return word in self._known or word in self._shared.words

    def _lookup(self, word: str) -> str | None:
        if len(word) < FUZZY_MIN_TOKEN or self._knows(word) or not word.isalpha():
            return None
        stemmed = stem(word)
        if stemmed in self._known_stems or stemmed in self._shared.stems:
            return None
        candidates = self._by_letter.get(word[0])
        if not candidates:
            return None
        hit = process.extractOne(
            word,
            candidates,
            scorer=DamerauLevenshtein.distance,
            score_cutoff=allowed_edits(FUZZY_LONG_LENGTH),
        )
        if hit is None:
            return None
        candidate, distance = hit[0], int(hit[1])
        if distance > allowed_edits(len(candidate)):
            return None
        if distance > allowed_edits(len(word) + 1):  # a short written word gets no extra slack
            return None
        if len(word) == len(candidate) <= FUZZY_SHORT_SWAP_ONLY and not _swapped(word, candidate):
            return None  # one letter changed in a short word makes another word: floor/flood
        return str(candidate)


def _swapped(word: str, candidate: str) -> bool:
    """Two neighbouring letters swapped ("sroty"), the one same-length slip short words keep."""
    return sorted(word) == sorted(candidate)
