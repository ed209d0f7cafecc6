"""Typo tolerance: read an unknown word as the vocabulary word it is one slip away from.

Guards keep fuzzy matching from inventing matches: only unknown words are corrected (never a
function word, a lexicon word or a guard such as "story"), the allowed edits grow with word length,
and the first letter must agree (slips rarely hit it).
"""

from __future__ import annotations

from collections.abc import Iterable

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


class Corrector:
    """Maps a written word to a vocabulary word, or None; remembers every answer."""

    __slots__ = ("_by_letter", "_known", "_known_stems", "_cache")

    def __init__(self, vocabulary: Iterable[str], known: Iterable[str]) -> None:
        vocab = {w for w in vocabulary if w.isalpha() and len(w) >= FUZZY_MIN_LENGTH}
        # Candidates by first letter: a slip never changes it, so only those are compared.
        self._by_letter: dict[str, list[str]] = {}
        for w in sorted(vocab):
            self._by_letter.setdefault(w[0], []).append(w)
        self._known = frozenset(known) | frozenset(vocabulary)
        # "vouched" stems to the guard "vouch": a real word, so never read as "voucher".
        self._known_stems = frozenset(stem(w) for w in self._known)
        self._cache: dict[str, str | None] = {}

    def __call__(self, word: str) -> str | None:
        try:
            return self._cache[word]
        except KeyError:
            pass
        result = self._lookup(word)
        if result is None and len(word) > FUZZY_MIN_LENGTH and word not in self._known:
            stemmed = stem(word)
            if stemmed != word:  # the same lookup again would find nothing again
                result = self._lookup(stemmed)
        if len(self._cache) >= CACHE_LIMIT:
            self._cache.clear()
        self._cache[word] = result
        return result

    def _lookup(self, word: str) -> str | None:
        if len(word) < FUZZY_MIN_TOKEN or word in self._known or not word.isalpha():
            return None
        if stem(word) in self._known_stems:
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
