"""One attempt read from an export, checked and in the form it is stored in."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, NamedTuple


class Incoming(NamedTuple):
    """A NamedTuple rather than a frozen dataclass: an import builds 100,000 of them, and a
    tuple is built in one C call where a frozen dataclass sets each field through Python."""

    uuid: str
    trainee: str
    team: str
    attempt: tuple[Any, ...]  # scenario_id .. dimensions, in the attempts table's column order
    finished: bool
    turns: tuple[tuple[Any, ...], ...]  # turns table rows without the attempt's row id


@lru_cache(maxsize=4096)
def events_json(events: tuple[str, ...]) -> str:
    """A turn's events as stored: the few distinct lists are encoded once each."""
    return json.dumps(list(events))
