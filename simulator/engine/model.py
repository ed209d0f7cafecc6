"""What a conversation produces: turns, anger changes, outcome and debrief. Frozen, typed.

The engine (`simulator.engine.conversation`) fills these in; the CLI, the scoreboard and the app
only read them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from scoring.model import ReplyScore

if TYPE_CHECKING:
    from simulator.engine.arc import Arc

# `unresolved`: patience ran out while the customer was calm (below the angry band): they left
# without a fix, but did not walk out. `walked_out`: anger hit 100, or patience ran out angry.
Outcome = Literal["ongoing", "resolved", "unresolved", "walked_out", "abandoned"]
OUTCOMES: tuple[str, ...] = ("ongoing", "resolved", "unresolved", "walked_out", "abandoned")

# Mood bands by anger: furious >= 75, angry 50..74, calming 25..49, satisfied < 25.
MOOD_FLOORS: tuple[tuple[str, int], ...] = (
    ("furious", 75),
    ("angry", 50),
    ("calming", 25),
    ("satisfied", 0),
)

# Events the engine adds to a turn on its own account (besides what the scorer detected).
ENGINE_EVENTS: tuple[str, ...] = ("repetition", "pushback", "no_progress")


def mood_for(anger: float) -> str:
    for band, floor in MOOD_FLOORS:
        if anger >= floor:
            return band
    return "satisfied"


@dataclass(frozen=True, slots=True)
class AngerChange:
    """One reason the customer's anger moved this turn."""

    cause: str  # an event name (scoring.EVENTS or "repetition"), or a dimension rule
    delta: float
    why: str

    def to_dict(self) -> dict[str, Any]:
        return {"cause": self.cause, "delta": self.delta, "why": self.why}


@dataclass(frozen=True, slots=True)
class Turn:
    index: int  # 0-based
    reply: str
    score: ReplyScore
    customer: str  # what the customer answered
    anger_before: int
    anger_after: int
    changes: tuple[AngerChange, ...]
    offers: tuple[str, ...] = ()  # ids of the scenario fixes this reply offered
    answered: str = ""  # what a question was about, when the customer answered it from `answers`

    @property
    def events(self) -> tuple[str, ...]:
        """What the scorer detected, then the engine's own events (repetition, pushback)."""
        own = tuple(c.cause for c in self.changes if c.cause in ENGINE_EVENTS)
        return self.score.events + tuple(dict.fromkeys(own))

    def to_dict(self) -> dict[str, Any]:
        return {
            "reply": self.reply,
            "customer": self.customer,
            "anger_before": self.anger_before,
            "anger_after": self.anger_after,
            "events": list(self.events),
            "changes": [change.to_dict() for change in self.changes],
            "score": self.score.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the transcript, as said."""

    speaker: Literal["customer", "trainee"]
    text: str


@dataclass(frozen=True, slots=True)
class Debrief:
    """What a trainee needs afterwards."""

    scenario_id: str
    outcome: Outcome
    replies_used: int
    patience: int
    final_anger: int
    overall: int
    dimensions: Mapping[str, int]
    turns: tuple[Turn, ...]
    tips: tuple[str, ...]  # the three most useful
    model_replies: tuple[str, ...]  # the scenario's best calibration examples
    fix_note: str = ""  # why no fix was accepted, and which fixes this customer would take
    arc: Arc | None = None  # the recovery arc: which reply did each step, and what was out of order

    def to_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario_id,
            "outcome": self.outcome,
            "replies_used": self.replies_used,
            "patience": self.patience,
            "final_anger": self.final_anger,
            "turns": [turn.to_dict() for turn in self.turns],
            "score": {"overall": self.overall, "dimensions": dict(self.dimensions)},
            "tips": list(self.tips),
            "model_replies": list(self.model_replies),
            "fix_note": self.fix_note,
            "arc": self.arc.to_dict() if self.arc else None,
        }
