"""The scoreboard's domain records: what callers pass in and get back. SQL rows stay inside."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, NewType

Mode = Literal["practice", "assessment"]
MODES: tuple[str, ...] = ("practice", "assessment")

# Outcomes a finished attempt can have; an attempt never finished reads back as "abandoned".
FINISHED_OUTCOMES: tuple[str, ...] = ("resolved", "walked_out", "abandoned")

AttemptId = NewType("AttemptId", str)  # a UUID in its canonical text form


@dataclass(frozen=True, slots=True)
class TurnRecord:
    """One stored reply and what came of it."""

    index: int
    reply: str
    customer: str
    anger_before: int
    anger_after: int
    overall: int
    dimensions: Mapping[str, int]
    events: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AttemptRecord:
    """One attempt as stored. `finished` is False for an attempt whose process never finished it."""

    id: AttemptId
    trainee: str
    team: str
    scenario_id: str
    scenario_hash: str
    scorer_version: str
    mode: str
    started_at: datetime
    ended_at: datetime | None
    outcome: str
    overall: int | None
    dimensions: Mapping[str, int] = field(default_factory=dict)
    turns: tuple[TurnRecord, ...] = ()

    @property
    def finished(self) -> bool:
        return self.ended_at is not None
