"""Checks on values before they are stored, shared by recording and importing."""

from __future__ import annotations

from collections.abc import Mapping

from simulator.store.errors import InvalidRecordError
from simulator.store.records import FINISHED_OUTCOMES, MODES
from simulator.store.schema import DIMENSION_COLUMNS

MAX_NAME_LENGTH = 100  # trainee and team names are labels in a table, not essays
SCORE_RANGE = range(0, 101)


def clean_name(value: object, what: str) -> str:
    """A trainee or team name: trimmed, non-empty, one line, of a sensible length."""
    if not isinstance(value, str):
        raise InvalidRecordError(f"the {what} must be text")
    name = " ".join(value.split())
    if not name:
        raise InvalidRecordError(f"the {what} is empty; give a name")
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidRecordError(f"the {what} is longer than {MAX_NAME_LENGTH} characters")
    if any(not char.isprintable() for char in name):
        raise InvalidRecordError(f"the {what} contains control characters")
    return name


def check_text(value: object, what: str, *, allow_empty: bool = False) -> str:
    if not isinstance(value, str) or (not allow_empty and not value.strip()):
        raise InvalidRecordError(f"the {what} must be non-empty text")
    return value


def check_mode(value: object) -> str:
    if value not in MODES:
        raise InvalidRecordError(f"mode must be one of {', '.join(MODES)}, not {value!r}")
    return str(value)


def check_outcome(value: object) -> str:
    if value not in FINISHED_OUTCOMES:
        choices = ", ".join(FINISHED_OUTCOMES)
        raise InvalidRecordError(f"a finished attempt's outcome is one of {choices}, not {value!r}")
    return str(value)


def check_score(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value not in SCORE_RANGE:
        raise InvalidRecordError(f"the {what} must be a whole number from 0 to 100, not {value!r}")
    return value


def check_anger(value: object, what: str) -> int:
    return check_score(value, what)


def check_dimensions(value: object, what: str = "dimensions") -> tuple[int, ...]:
    """The six dimension scores, in column order."""
    if not isinstance(value, Mapping):
        raise InvalidRecordError(f"the {what} must map each dimension to a score")
    missing = [name for name in DIMENSION_COLUMNS if name not in value]
    if missing:
        raise InvalidRecordError(f"the {what} lack {', '.join(missing)}")
    return tuple(check_score(value[name], f"{what}.{name} score") for name in DIMENSION_COLUMNS)
