"""The scorer's vocabulary: dimension and event names, and the frozen result types.

Everything outside `scoring/` (loader, engine, store, app) speaks in these names, so they are
defined once here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

# The six behaviours a recovery reply is judged on. Fixed across the whole product.
DIMENSIONS: tuple[str, ...] = (
    "listening",
    "empathy",
    "apology",
    "ownership",
    "no_excuses",
    "resolution",
)

# What the scorer can detect in a reply. Scenario `reactions` are keyed by these names.
EVENTS: tuple[str, ...] = (
    "specific_apology",
    "generic_apology",
    "non_apology",
    "sorry_but",
    "excuse",
    "policy",
    "blame_customer",
    "defensive",
    "minimizing",
    "pity",
    "sarcasm",
    "deflection",
    "dismissive",
    "paraphrase",
    "clarifying_question",
    "empathy_statement",
    "commitment",
    "responsibility",
    "hedge",
    "timeline",
    "resolution_offer",
    "refusal",
    "satisfaction_check",
    "gaming",
)

HIGH_THRESHOLD = 50  # "high" means a dimension score >= 50, as the scenario format defines it.

Effect = Literal["up", "down"]


@dataclass(frozen=True, slots=True)
class Evidence:
    """One reason a dimension moved: which rule, which words of the reply, and why."""

    dimension: str
    start: int
    end: int
    text: str
    effect: Effect
    rule: str
    why: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "dimension": self.dimension,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "effect": self.effect,
            "rule": self.rule,
            "why": self.why,
        }


@dataclass(frozen=True, slots=True)
class ReplyScore:
    """The verdict on one reply: six scores 0..100, what was detected, and the evidence."""

    overall: int
    dimensions: Mapping[str, int]
    events: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    tips: tuple[str, ...] = ()
    # Set when the reply was not scored (written in a language the scorer does not read): the
    # dimensions are then 0 and mean nothing; show this instead.
    notice: str = ""

    @property
    def scored(self) -> bool:
        return not self.notice

    def is_high(self, dimension: str) -> bool:
        return self.dimensions[dimension] >= HIGH_THRESHOLD

    def to_dict(self) -> dict[str, Any]:
        out = {
            "overall": self.overall,
            "dimensions": {name: self.dimensions[name] for name in DIMENSIONS},
            "events": list(self.events),
            "evidence": [item.to_dict() for item in self.evidence],
            "tips": list(self.tips),
        }
        if self.notice:
            out["notice"] = self.notice
        return out


# What the scorer needs to know of a scenario. The scenario loader's frozen dataclasses satisfy
# these protocols; the scorer never imports the loader.


class FactLike(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def phrases(self) -> Sequence[str]: ...


class ResolutionLike(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def phrases(self) -> Sequence[str]: ...


class ScenarioLike(Protocol):
    @property
    def facts(self) -> Sequence[FactLike]: ...
    @property
    def resolutions(self) -> Sequence[ResolutionLike]: ...
    @property
    def phrases(self) -> Mapping[str, Sequence[str]]:
        """Extra lexicon phrases for this scenario's domain, keyed by scorer rule id."""
        ...
