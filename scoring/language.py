"""The plain-English machinery every rule is read through: contractions, function words,
negators, typo guards and the stemmer. Loaded once from `lexicons/language.yaml`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from nltk.stem import PorterStemmer  # type: ignore[import-untyped]

from scoring.lexicon_files import read_yaml

# The suffixes each Porter step (nltk 3.8+, NLTK_EXTENSIONS mode) has a rule for. A word ending in
# none of a step's suffixes leaves that step unchanged, so the step can be skipped.
_STEP2_SUFFIXES = (
    "ational", "tional", "enci", "anci", "izer", "bli", "alli", "entli", "eli", "ousli",
    "ization", "ation", "ator", "alism", "iveness", "fulness", "ousness", "aliti", "iviti",
    "biliti", "fulli", "logi",
)  # fmt: skip
_STEP3_SUFFIXES = ("icate", "ative", "alize", "iciti", "ical", "ful", "ness")
_STEP4_SUFFIXES = (
    "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou",
    "ism", "ate", "iti", "ous", "ive", "ize",
)  # fmt: skip


# The last letters of every suffix a step looks at ("s", "ed", "ing", "y", "e", "ll" and the
# lists above): a word ending in another letter goes through every step unchanged.
_STEP_LAST_LETTERS = frozenset(
    suffix[-1]
    for suffix in (*_STEP2_SUFFIXES, *_STEP3_SUFFIXES, *_STEP4_SUFFIXES, "s", "ed", "ing", "y", "e")
)


class QuickPorter(PorterStemmer):  # type: ignore[misc]
    """nltk's Porter stemmer (NLTK_EXTENSIONS mode, its default), giving nltk's own answers,
    with each step skipped when the word ends in none of its suffixes (one `str.endswith`
    instead of a method call walking the step's rule list). A word seen for the first time took
    ~10 us, now ~0.6 us: a reply of 3,000 made-up words and a customer context of 1,000 more
    spent 40 ms in the stemmer (issue 18). tests/test_scoring_mechanics.py checks it against
    nltk's stemmer on every lexicon word and on generated words built from the suffixes."""

    def stem(self, word: str, to_lowercase: bool = True) -> str:
        stem = word.lower() if to_lowercase else word
        pooled = self.pool.get(stem)
        if pooled is not None:
            return str(pooled)
        if len(word) <= 2 or stem[-1] not in _STEP_LAST_LETTERS:
            return stem
        step = PorterStemmer
        if stem.endswith("s"):
            stem = step._step1a(self, stem)
        if stem.endswith(("ed", "ing")):
            stem = step._step1b(self, stem)
        if stem.endswith("y"):
            stem = step._step1c(self, stem)
        if stem.endswith(_STEP2_SUFFIXES):
            stem = step._step2(self, stem)
        if stem.endswith(_STEP3_SUFFIXES):
            stem = step._step3(self, stem)
        if stem.endswith(_STEP4_SUFFIXES):
            stem = step._step4(self, stem)
        if stem.endswith("e"):
            stem = step._step5a(self, stem)
        if stem.endswith("ll"):
            stem = step._step5b(self, stem)
        return stem


_STEMMER = QuickPorter()


# Stems remembered before the cache is cleared. A plain dict of strings, not an lru_cache: the
# garbage collector never walks a dict holding only strings, while each lru_cache entry is a
# list it walks on every full collection (65,536 of them added ~5 ms to one; issue 18).
STEM_CACHE_LIMIT = 65_536
_STEMS: dict[str, str] = {}


def stem(word: str) -> str:
    """Porter stem, cached: replies reuse the same few hundred words."""
    found = _STEMS.get(word)
    if found is not None:
        return found
    if not word.isalpha() or len(word) <= 2:
        found = word
    else:
        found = str(_STEMMER.stem(word, to_lowercase=False))
    if len(_STEMS) >= STEM_CACHE_LIMIT:
        _STEMS.clear()
    _STEMS[word] = found
    return found


@dataclass(frozen=True, slots=True)
class Language:
    contractions: Mapping[str, tuple[str, ...]]
    negators: frozenset[str]
    negation_exceptions: frozenset[str]
    determiner_no_ends_at: frozenset[str]
    contrast_words: frozenset[str]
    abbreviations: frozenset[str]
    stopwords: frozenset[str]
    generic_nouns: frozenset[str]
    typo_guards: frozenset[str]
    fillers: frozenset[str]
    clause_openers: frozenset[str]
    common_service_words: frozenset[str]  # stems: weak evidence of listening on their own
    handoff_destinations: frozenset[str]  # stems: where a hand-off sends them
    passing_verbs: frozenset[str]  # stems: "forwarded", "escalated"
    dispatch_verbs: frozenset[str]  # stems: "send" someone to do it for them
    dispatched_people: frozenset[str]  # stems: who we send ("an engineer")
    informing_verbs: frozenset[str]  # stems: "you did tell us"
    process_verbs: frozenset[str]  # stems: "I've logged a complaint", "I'll feed it back"
    other_languages: Mapping[str, frozenset[str]]  # language name -> its function words
    fault_words: frozenset[str]  # "wrong", "mistake": saying so owns what is told
    other_words: frozenset[str]  # every word of `other_languages`, for a quick "none here"
    # script name -> its Unicode code point ranges (inclusive), in the order they are checked
    other_scripts: tuple[tuple[str, tuple[tuple[int, int], ...]], ...] = ()
    foreign_min_words: int = 8
    foreign_max_english_share: float = 0.12
    foreign_min_accented: int = 3

    def is_content(self, word: str) -> bool:
        """A word that can carry the customer's meaning (not a function word)."""
        return (
            word not in self.stopwords
            and word not in self.generic_nouns
            and (len(word) >= 2 or word[:1].isdigit())
        )


@lru_cache(maxsize=1)
def language() -> Language:
    data = read_yaml("language.yaml")

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data[key])

    return Language(
        contractions={str(k): tuple(str(w) for w in v) for k, v in data["contractions"].items()},
        negators=words("negators"),
        negation_exceptions=words("negation_exceptions"),
        determiner_no_ends_at=words("determiner_no_ends_at"),
        contrast_words=words("contrast_words"),
        abbreviations=words("abbreviations"),
        stopwords=words("stopwords"),
        generic_nouns=words("generic_nouns") | {stem(w) for w in words("generic_nouns")},
        typo_guards=words("typo_guards"),
        fillers=words("fillers"),
        clause_openers=words("clause_openers"),
        common_service_words=frozenset(stem(w) for w in words("common_service_words")),
        handoff_destinations=frozenset(stem(w) for w in words("handoff_destinations")),
        passing_verbs=frozenset(stem(w) for w in words("passing_verbs")),
        dispatch_verbs=frozenset(stem(w) for w in words("dispatch_verbs")),
        dispatched_people=frozenset(stem(w) for w in words("dispatched_people")),
        informing_verbs=frozenset(stem(w) for w in words("informing_verbs")),
        process_verbs=frozenset(stem(w) for w in words("process_verbs")),
        fault_words=words("fault_words"),
        other_words=frozenset(
            str(w).lower() for ws in data["other_languages"].values() for w in ws
        ),
        other_scripts=tuple(
            (str(name), tuple(_code_range(str(r)) for r in ranges))
            for name, ranges in (data.get("other_scripts") or {}).items()
        ),
        foreign_min_words=int(data.get("foreign_min_words", 8)),
        foreign_max_english_share=float(data.get("foreign_max_english_share", 0.12)),
        foreign_min_accented=int(data.get("foreign_min_accented", 3)),
        other_languages=MappingProxyType(
            {
                str(name): frozenset(str(w).lower() for w in ws)
                for name, ws in data["other_languages"].items()
            }
        ),
    )


def _code_range(text: str) -> tuple[int, int]:
    """ "3040-309F" -> (0x3040, 0x309F)."""
    lo, _, hi = text.partition("-")
    return int(lo, 16), int(hi or lo, 16)
