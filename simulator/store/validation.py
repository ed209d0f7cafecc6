"""Checks on values before they are stored, shared by recording and importing.

Each check names the value with `what` ("trainee name", or 'field "overall"' for an import), so
the message tells the user which value is wrong and why.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from simulator.store.columns import DIMENSION_COLUMNS
from simulator.store.errors import InvalidRecordError
from simulator.store.records import FINISHED_OUTCOMES, MODES

if TYPE_CHECKING:
    from simulator.engine.passing import Verdict

MAX_NAME_LENGTH = 100  # trainee and team names are labels in a table, not essays
MAX_SCORE = 100  # scores and anger are 0..100 throughout the product


def clean_name(value: object, what: str) -> str:
    """A trainee or team name: whitespace collapsed, non-empty, printable, of a sensible length."""
    if not isinstance(value, str):
        raise InvalidRecordError(f"{what} must be text, not {type(value).__name__}")
    name = " ".join(value.split())
    if not name:
        raise InvalidRecordError(f"{what} is empty; give a name")
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidRecordError(f"{what} is longer than {MAX_NAME_LENGTH} characters")
    if not name.isprintable():
        raise InvalidRecordError(f"{what} contains control characters")
    return name


def check_text(value: object, what: str, *, allow_empty: bool = False) -> str:
    if not isinstance(value, str) or (not allow_empty and not value.strip()):
        raise InvalidRecordError(f"{what} must be {'' if allow_empty else 'non-empty '}text")
    return value


def check_choice(value: object, what: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise InvalidRecordError(f"{what} must be one of {', '.join(choices)}, not {value!r}")
    return str(value)


def check_mode(value: object, what: str = "mode") -> str:
    return check_choice(value, what, MODES)


def check_outcome(value: object, what: str = "outcome") -> str:
    return check_choice(value, what, FINISHED_OUTCOMES)


def check_score(value: object, what: str) -> int:
    if type(value) is not int or not 0 <= value <= MAX_SCORE:
        raise InvalidRecordError(f"{what} must be a whole number from 0 to 100, not {value!r}")
    return value


def check_dimensions(value: object, what: str = "dimensions") -> tuple[int, ...]:
    """The six dimension scores, in column order."""
    if not isinstance(value, Mapping):
        raise InvalidRecordError(f"{what} must map each dimension to a score")
    missing = [name for name in DIMENSION_COLUMNS if name not in value]
    if missing:
        raise InvalidRecordError(f"{what} is missing {', '.join(missing)}")
    scores = tuple(value[name] for name in DIMENSION_COLUMNS)
    if set(map(type, scores)) == {int} and min(scores) >= 0 and max(scores) <= MAX_SCORE:
        return scores  # the common case, checked without a call per score
    return tuple(check_score(value[name], f"{what}.{name}") for name in DIMENSION_COLUMNS)


def checked_start(
    trainee: object,
    team: object,
    scenario_id: object,
    scenario_hash: object,
    scorer_version: object,
    mode: object,
) -> tuple[str, str, tuple[str, str, str, str]]:
    """A new attempt's trainee, team and (scenario id, hash, scorer version, mode), checked."""
    return (
        clean_name(trainee, "trainee name"),
        clean_name(team, "team name"),
        (
            check_text(scenario_id, "scenario id"),
            check_text(scenario_hash, "scenario hash"),
            check_text(scorer_version, "scorer version"),
            check_mode(mode),
        ),
    )


def stored_turn(turn: Any) -> list[Any]:
    """An engine turn as stored: checked, in TURN_FIELDS order."""
    score = turn.score
    return [
        turn.index,
        check_text(turn.reply, "reply", allow_empty=True),
        check_text(turn.customer, "customer answer", allow_empty=True),
        check_score(turn.anger_before, "anger before"),
        check_score(turn.anger_after, "anger after"),
        check_score(score.overall, "turn overall score"),
        *check_dimensions(score.dimensions, "turn dimensions"),
        list(score.events),
    ]


def checked_verdict(verdict: Verdict | None) -> tuple[int | None, bool | None]:
    """The pass mark and pass/fail an attempt is stored with (None, None: not judged)."""
    if verdict is None:
        return None, None
    return check_score(verdict.rule.mark, "pass mark"), bool(verdict.passed)


def check_assignment(
    team: str, scenario_id: str, mode: str, attempts: int | None
) -> tuple[str, str]:
    """An assignment's team (cleaned) and mode, or InvalidRecordError saying what is wrong."""
    name = clean_name(team, "team name")
    check_text(scenario_id, "scenario id")
    if attempts is not None and (isinstance(attempts, bool) or attempts < 1):
        raise InvalidRecordError(f"attempts allowed must be 1 or more, not {attempts!r}")
    return name, check_mode(mode)
