"""One attempt read from an export, checked and in the form it is stored in."""

from __future__ import annotations

from typing import Any, NamedTuple


class Incoming(NamedTuple):
    """A NamedTuple rather than a frozen dataclass: an import builds 100,000 of them, and a
    tuple is built in one C call where a frozen dataclass sets each field through Python."""

    uuid: str
    trainee: str
    team: str
    attempt: tuple[Any, ...]  # scenario_id .. dimensions, in the attempts table's column order
    finished: bool
    turns: str  # as the turns table stores them: JSON, in index order
