"""What the reply can refer back to: the customer's own words and the scenario's facts.

Built once per (customer lines, scenario) and cached, so a conversation pays for it once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from scoring.language import language
from scoring.lexicon import Lexicon, Phrase, base_lexicon, compile_phrases
from scoring.lexicon_files import PHRASE_ALIASES
from scoring.model import ScenarioLike
from scoring.text import Tokens, tokenize
from scoring.typos import Corrector, KnownWords

# Scenario `phrases` keys that are event names rather than rule ids, and the rule they feed.
# A domain excuse ("the turnstile system") behaves like the courier or the weather.
SCENARIO_CACHE_LIMIT = 64


@dataclass(frozen=True, slots=True)
class Fact:
    id: str
    stems: frozenset[str]
    text: str


@dataclass(slots=True)
class Reference:
    """Content stems the reply may name, where they come from, and a typo corrector for them."""

    customer: frozenset[str] = frozenset()
    facts: tuple[Fact, ...] = ()
    fact_stems: frozenset[str] = frozenset()
    corrector: Corrector | None = None
    words: dict[str, str] = field(default_factory=dict)  # stem -> a word as written
    said: str = ""  # the customer's lines as stems, " "-joined and padded: phrases they used
    readings: dict[str, Any] = field(default_factory=dict)  # tokenizer cache for this reference

    @property
    def empty(self) -> bool:
        return not self.customer and not self.facts

    def knows(self, canon: str) -> bool:
        return canon in self.customer or canon in self.fact_stems


# How each written word reads with no typo correction, shared by every customer line and
# scenario phrase (tokenize bounds its size).
_PLAIN_READINGS: dict[str, Any] = {}


def content_stems(text: str) -> dict[str, str]:
    """Stem -> word of every content word in `text` (no typo correction: it is the reference)."""
    return _content_of(tokenize(text, language(), cache=_PLAIN_READINGS))


def _content_of(toks: Tokens) -> dict[str, str]:
    lang = language()
    out: dict[str, str] = {}
    for word, canon in zip(toks.raw, toks.canon, strict=True):
        if lang.is_content(word) and lang.is_content(canon):
            out.setdefault(canon, word)
    return out


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity: a cache key
class ScenarioData:
    lexicon: Lexicon
    facts: tuple[Fact, ...]
    words: dict[str, str]


_SCENARIOS: dict[int, tuple[ScenarioLike, ScenarioData]] = {}


def scenario_data(scenario: ScenarioLike | None) -> ScenarioData:
    """The scenario's facts and its lexicon (bundled rules plus its own phrases), cached."""
    if scenario is None:
        return _NO_SCENARIO()
    cached = _SCENARIOS.get(id(scenario))
    if cached is not None and cached[0] is scenario:
        return cached[1]
    data = _build_scenario(scenario)
    if len(_SCENARIOS) >= SCENARIO_CACHE_LIMIT:
        _SCENARIOS.pop(next(iter(_SCENARIOS)))
    _SCENARIOS[id(scenario)] = (scenario, data)
    return data


@lru_cache(maxsize=1)
def _NO_SCENARIO() -> ScenarioData:  # noqa: N802 - a constant built lazily
    return ScenarioData(base_lexicon(), (), {})


def _build_scenario(scenario: ScenarioLike) -> ScenarioData:
    base = base_lexicon()
    extra: list[Phrase] = []
    words: dict[str, str] = {}
    for key, phrases in (getattr(scenario, "phrases", None) or {}).items():
        rule = PHRASE_ALIASES.get(str(key), str(key))
        if rule in base.rules:
            extra += compile_phrases(rule, [str(p) for p in phrases])
    for resolution in getattr(scenario, "resolutions", None) or ():
        extra += compile_phrases("resolution_offer", list(resolution.phrases), tag=resolution.id)
        for phrase in resolution.phrases:
            words.update(content_stems(str(phrase)))
    facts = []
    for fact in getattr(scenario, "facts", None) or ():
        for phrase in fact.phrases:
            stems = content_stems(str(phrase))
            words.update(stems)
            if stems:
                facts.append(Fact(fact.id, frozenset(stems), str(phrase)))
    return ScenarioData(base.with_phrases(extra), tuple(facts), words)


def customer_lines(customer: str | Sequence[str]) -> tuple[str, ...]:
    if isinstance(customer, str):
        return (customer,) if customer else ()
    return tuple(str(line) for line in customer if line)


@lru_cache(maxsize=1)
def _known_words() -> KnownWords:
    """Never corrected in a customer's words: function words, guards and the lexicon's words."""
    lang = language()
    return KnownWords.of(lang.stopwords | lang.typo_guards | base_lexicon().vocabulary)


@lru_cache(maxsize=256)
def build_reference(lines: tuple[str, ...], scenario: ScenarioData) -> Reference:
    customer: dict[str, str] = {}
    said = []
    for line in lines:
        toks = tokenize(line, language(), cache=_PLAIN_READINGS)  # once: content words, stems
        customer.update(_content_of(toks))
        said.append(" ".join(toks.canon))
    words = {**scenario.words, **customer}
    # Both the words as written and their stems: "charje" is one slip from the stem "charg".
    corrector = Corrector([*words.values(), *words], (), _known_words()) if words else None
    return Reference(
        customer=frozenset(customer),
        facts=scenario.facts,
        fact_stems=frozenset(s for f in scenario.facts for s in f.stems),
        corrector=corrector,
        words=words,
        said=" " + " | ".join(said) + " " if said else "",
    )
