"""Which scenarios a trainee asked for: by industry, channel and difficulty, or by free words.

Shared by `list` and the start screen so both understand the same request the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from simulator.scenario.model import DIFFICULTY_WORDS, Scenario

# `industry:vet channel:phone difficulty:2` in the filter box narrows by field.
FIELD_NAMES = ("industry", "channel", "difficulty")


@dataclass(frozen=True, slots=True)
class Filter:
    """Empty fields match everything; `industry` matches any industry containing it."""

    industry: str = ""
    channel: str = ""
    difficulty: int | None = None
    words: tuple[str, ...] = ()

    def matches(self, scenario: Scenario) -> bool:
        if self.industry and self.industry not in scenario.industry:
            return False
        if self.channel and scenario.channel != self.channel:
            return False
        if self.difficulty is not None and scenario.difficulty != self.difficulty:
            return False
        haystack = _haystack(scenario)
        return all(word in haystack for word in self.words)

    def apply(self, scenarios: Iterable[Scenario]) -> list[Scenario]:
        return [scenario for scenario in scenarios if self.matches(scenario)]


def difficulty_of(text: str) -> int | None:
    """1, 2 or 3 from "2" or "firm"; None when it is neither."""
    text = text.strip().lower()
    for level, word in DIFFICULTY_WORDS.items():
        if text in (str(level), word):
            return level
    return None


def parse_query(query: str) -> Filter:
    """The filter box: `field:value` words narrow by that field, other words search the text.

    A bare channel name ("phone") or difficulty word ("hostile") is still a free word, found in
    the channel or difficulty column like any other text.
    """
    fields: dict[str, str] = {}
    words: list[str] = []
    for word in query.lower().split():
        name, sep, value = word.partition(":")
        if sep and value and name in FIELD_NAMES:
            fields[name] = value
        else:
            words.append(word)
    difficulty = None
    if "difficulty" in fields:
        difficulty = difficulty_of(fields["difficulty"])
        if difficulty is None:
            words.append(f"difficulty:{fields['difficulty']}")  # matches nothing: says so
    return Filter(
        industry=fields.get("industry", "").replace("-", " "),
        channel=fields.get("channel", ""),
        difficulty=difficulty,
        words=tuple(words),
    )


def industries(scenarios: Sequence[Scenario]) -> list[str]:
    return sorted({scenario.industry for scenario in scenarios if scenario.industry})


def _haystack(scenario: Scenario) -> str:
    parts = (scenario.id, scenario.title, scenario.category, scenario.industry, scenario.channel)
    return " ".join((*parts, scenario.difficulty_word)).lower()
