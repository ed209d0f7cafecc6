"""A scenario as the rest of the product sees it: typed, frozen, already validated.

Only `simulator.scenario.loader` reads YAML; everything else receives these objects.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from simulator.engine.passing import DEFAULT_PASS_MARK, PassRule

MOOD_BANDS: tuple[str, ...] = ("furious", "angry", "calming", "satisfied")

# Lines the engine says on its own account; scenarios may provide their own under `reactions`.
CONVERSATION_EVENTS: tuple[str, ...] = ("repetition", "pushback", "walkout", "unresolved")
# Closing lines that may be written per mood (a mapping of mood to lines) as well as a list.
ENDINGS: tuple[str, ...] = ("walkout", "unresolved")

DIFFICULTY_WORDS: Mapping[int, str] = {1: "gentle", 2: "firm", 3: "hostile"}

# How the customer reaches the trainee; the lines are written to read like it.
CHANNELS: tuple[str, ...] = ("chat", "email", "phone")


@dataclass(frozen=True, slots=True)
class Customer:
    name: str
    anger: int
    patience: int


@dataclass(frozen=True, slots=True)
class Fact:
    """Something that went wrong; a specific apology or a paraphrase names it."""

    id: str
    phrases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Resolution:
    """A fix this customer would accept, and what they say when they accept it."""

    id: str
    phrases: tuple[str, ...]
    accept: str
    needs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Expectation:
    """A calibration bound on one dimension, e.g. high (>= 50), low (< 50) or ">= 70"."""

    dimension: str
    op: str  # one of ">=", ">", "<=", "<", "=="
    value: int
    text: str  # as the trainer wrote it, for reports

    def holds(self, score: int) -> bool:
        return {
            ">=": score >= self.value,
            ">": score > self.value,
            "<=": score <= self.value,
            "<": score < self.value,
            "==": score == self.value,
        }[self.op]


@dataclass(frozen=True, slots=True)
class Example:
    """A trainer's calibration: how this reply must score in this scenario."""

    reply: str
    expect: tuple[Expectation, ...]
    customer: str | None = None  # the customer line it answers; default the opening
    line: int = 0  # where it stands in the file, for reports


@dataclass(frozen=True, slots=True)
class Script:
    """A golden conversation: these replies, played in order, must end with this outcome."""

    name: str
    expect: str  # an outcome: resolved, unresolved, walked_out or abandoned
    replies: tuple[str, ...]
    seed: int = 0
    line: int = 0  # where it stands in the file, for reports
    reply_lines: tuple[int, ...] = ()  # each reply's line in the file


@dataclass(frozen=True, slots=True)
class Scenario:
    id: str
    title: str
    category: str
    difficulty: int
    customer: Customer
    situation: str
    opening: str
    facts: tuple[Fact, ...]
    resolutions: tuple[Resolution, ...]
    moods: Mapping[str, tuple[str, ...]]
    reactions: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # `walkout` / `unresolved` lines written per mood: ending -> mood -> lines.
    endings: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    examples: tuple[Example, ...] = ()
    # What the customer says when asked about a topic (`when`, `amount`, `want` ...) or a fact id.
    answers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    scripts: tuple[Script, ...] = ()  # golden conversations `calibrate` plays
    # Extra scorer phrases for this domain, keyed by scorer rule id (see docs/AUTHORING.md).
    phrases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Anger tuning overrides: `accept_below` and per-event anger deltas (see docs/SCORING.md).
    tuning: Mapping[str, float] = field(default_factory=dict)
    # Dimension weights for the conversation's overall score; missing ones weigh 1.
    weights: Mapping[str, float] = field(default_factory=dict)
    # Dimensions that must have scored high in some earlier reply before any fix is accepted.
    needs: tuple[str, ...] = ()
    industry: str = ""  # e.g. "veterinary"; free text, lowercase, used to filter the library
    channel: str = ""  # one of CHANNELS, or "" in a file written before channels existed
    path: Path | None = None
    content_hash: str = ""  # sha256 of the file's bytes, so the scoreboard can spot edits
    # What an assessment attempt must reach to pass: a mark, and an outcome if set (`resolved`).
    pass_mark: int = DEFAULT_PASS_MARK
    pass_outcome: str | None = None

    @property
    def pass_rule(self) -> PassRule:
        return PassRule(mark=self.pass_mark, outcome=self.pass_outcome)

    @property
    def difficulty_word(self) -> str:
        return DIFFICULTY_WORDS[self.difficulty]
