"""An attempt's turns, from an export's arrays to the turns table's JSON, checked."""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from simulator.names import MAX_TEXT_LENGTH
from simulator.store.columns import TURN_FIELDS
from simulator.store.errors import InvalidRecordError
from simulator.store.validation import MAX_SCORE, check_score, check_text

_TURN_WIDTH = len(TURN_FIELDS)
_EVENTS = TURN_FIELDS.index("events")
_INTS_ONLY = {int}
_STRS_ONLY = {str}


def checked_turns(turns: list[Any]) -> str:
    """An attempt's turns as stored (JSON, in index order), for the field-by-field check of a
    record the import's quick check (`fast_check`) refused; a wrong field raises
    InvalidRecordError naming it."""
    from simulator.store.fast_check import encode_turns  # msgspec: loaded by imports only

    checked = [_turn(turn, position) for position, turn in enumerate(turns)]
    indexes = {turn[0] for turn in checked}
    if len(indexes) != len(checked):
        raise InvalidRecordError('field "turns" has two turns with the same "index"')
    try:
        return encode_turns(sorted(checked, key=itemgetter(0)))
    except UnicodeEncodeError:  # a lone surrogate ("\ud800") cannot be stored as UTF-8
        raise InvalidRecordError(
            'field "turns" holds text that is not valid Unicode (a lone surrogate such as '
            "\\ud800); re-export it from a working recovery-sim"
        ) from None


def _turn(turn: object, position: int) -> list[Any]:
    """The turn, checked; the valid case is checked in one pass without building messages."""
    if (
        type(turn) is list
        and len(turn) == _TURN_WIDTH
        and type(turn[0]) is int
        and turn[0] >= 0
        and type(turn[1]) is str
        and type(turn[2]) is str
        and len(turn[1]) <= MAX_TEXT_LENGTH
        and len(turn[2]) <= MAX_TEXT_LENGTH
    ):
        scores, events = turn[3:_EVENTS], turn[_EVENTS]
        # set(map(type, ...)) keeps the per-value loop in C; bool is not int here.
        if (
            set(map(type, scores)) == _INTS_ONLY
            and min(scores) >= 0
            and max(scores) <= MAX_SCORE
            and type(events) is list
            and set(map(type, events)) <= _STRS_ONLY
        ):
            return turn
    return _turn_with_reasons(turn, position)


def _turn_with_reasons(turn: object, position: int) -> list[Any]:
    """The slow path: find the first wrong field of a turn and say which and why."""
    where = f"turn {position + 1}"
    if not isinstance(turn, list) or len(turn) != _TURN_WIDTH:
        raise InvalidRecordError(f"{where} must be a list of {_TURN_WIDTH} values ({TURN_FIELDS})")
    fields = dict(zip(TURN_FIELDS, turn, strict=True))
    if type(fields["index"]) is not int or fields["index"] < 0:
        problem = f"must be a whole number from 0, not {fields['index']!r}"
        raise InvalidRecordError(f'{where} field "index" {problem}')
    for name in ("reply", "customer"):
        text = check_text(fields[name], f'{where} field "{name}"', allow_empty=True)
        if len(text) > MAX_TEXT_LENGTH:
            raise InvalidRecordError(
                f'{where} field "{name}" is {len(text):,} characters long; a reply or a '
                f"customer line is at most {MAX_TEXT_LENGTH:,}"
            )
    for name in TURN_FIELDS[3:_EVENTS]:
        check_score(fields[name], f'{where} field "{name}"')
    events = fields["events"]
    if not isinstance(events, list) or not all(isinstance(event, str) for event in events):
        raise InvalidRecordError(f'{where} field "events" must be a list of event names')
    raise AssertionError("unreachable: the fast path accepts every valid turn")  # pragma: no cover
