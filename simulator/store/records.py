"""The scoreboard's domain records: what callers pass in and get back. SQL rows stay inside."""

from __future__ import annotations

import os
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, NewType

Mode = Literal["practice", "assessment"]
MODES: tuple[str, ...] = ("practice", "assessment")

# Outcomes a finished attempt can have ("unresolved": the customer left calm without a fix); an
# attempt never finished reads back as "abandoned", which never counts as a trainee's best.
FINISHED_OUTCOMES: tuple[str, ...] = ("resolved", "walked_out", "unresolved", "abandoned")

AttemptId = NewType("AttemptId", str)  # a UUID in its canonical text form
# The canonical text form, as `str(uuid.UUID(...))` writes it: imports accept it without parsing.
CANONICAL_UUID = r"\A[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z"

_MS_BITS, _RANDOM_BITS = 48, 74  # UUIDv7 (RFC 9562): ms timestamp, version, variant, random


def new_attempt_id(moment: datetime, random_bits: int | None = None) -> AttemptId:
    """A time-ordered UUID (version 7) for an attempt starting at `moment`.

    Time order matters for size, not just tidiness: ids of new and imported attempts land at the
    end of the uuid index instead of all over it, so a big import touches a few index pages
    rather than most of them.
    """
    if random_bits is None:
        random_bits = int.from_bytes(os.urandom(10), "big") >> (80 - _RANDOM_BITS)
    milliseconds = int(moment.timestamp() * 1000) & ((1 << _MS_BITS) - 1)
    high_random, low_random = random_bits >> 62, random_bits & ((1 << 62) - 1)
    value = (milliseconds << 80) | (0x7 << 76) | (high_random << 64) | (0b10 << 62) | low_random
    return AttemptId(str(uuid.UUID(int=value)))


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
    # An assessment attempt's verdict against its scenario's pass mark at the time; None for
    # practice, unfinished attempts and attempts stored before pass marks existed.
    pass_mark: int | None = None
    passed: bool | None = None

    @property
    def finished(self) -> bool:
        return self.ended_at is not None


def uuid_bounds(prefix: str) -> tuple[str, str] | None:
    """The lowest and highest canonical UUIDs that start with `prefix` (hex digits, dashes
    anywhere), so a short id is looked up in the uuid index; None if it cannot be one."""
    digits = prefix.strip().lower().replace("-", "")
    if not digits or len(digits) > 32 or any(c not in "0123456789abcdef" for c in digits):
        return None
    return str(uuid.UUID(digits.ljust(32, "0"))), str(uuid.UUID(digits.ljust(32, "f")))
