"""The common case of an import's checking: a finished attempt exactly as exports write it.

Checking record by record with a call per field, each ready to name what is wrong, cost more
than parsing the JSON (about 2.5 s for 100,000 attempts). Here a record's fields are taken in
one C call and checked in a few comparisons, and names and labels, which repeat across
thousands of attempts, are checked once per distinct value. This check only accepts: anything
it cannot vouch for (an unfinished attempt, a time in another ISO form, a wrong value) gets
None, and the caller checks that record field by field, which says which field is wrong and
why. Both give the same `Incoming` for a valid record (a test compares them).
"""

from __future__ import annotations

import re
from datetime import datetime
from operator import itemgetter
from typing import Any

from simulator.store.errors import InvalidRecordError
from simulator.store.incoming import Incoming
from simulator.store.records import FINISHED_OUTCOMES, MODES
from simulator.store.schema import DIMENSION_COLUMNS
from simulator.store.turn_rows import checked_turns
from simulator.store.validation import MAX_SCORE, check_text, clean_name

_fields_of = itemgetter(
    "id",
    "trainee",
    "team",
    "scenario_id",
    "scenario_hash",
    "scorer_version",
    "mode",
    "started_at",
    "ended_at",
    "outcome",
    "overall",
    "dimensions",
    "turns",
)
_scores_of = itemgetter(*DIMENSION_COLUMNS)
_index_of = itemgetter(0)
_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")
# Times as exports write them (UTC, microseconds); other ISO forms are left to the slow path.
_EXPORT_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00\Z")
_INTS_ONLY = {int}


class QuickCheck:
    """Checks the records of one import, remembering the names and labels already checked."""

    def __init__(self) -> None:
        self._names: dict[str, str] = {}  # as written -> cleaned
        self._labels: set[str] = set()  # scenario ids, hashes, scorer versions seen valid
        self._turn_numbers: dict[int, tuple[int, ...]] = {}

    def __call__(self, record: Any) -> Incoming | None:
        """The record checked and converted, or None if the field-by-field check must look."""
        if type(record) is not dict:
            return None
        try:
            (uuid, trainee, team, scenario_id, scenario_hash, scorer_version, mode, started,
             ended, outcome, overall, dimensions, turns) = _fields_of(record)  # fmt: skip
        except KeyError:
            return None
        if (
            ended is None  # unfinished: rare, and checked field by field
            or type(uuid) is not str
            or not _CANONICAL_UUID.match(uuid)
            or mode not in MODES
            or outcome not in FINISHED_OUTCOMES
            or type(overall) is not int
            or not 0 <= overall <= MAX_SCORE
            or type(dimensions) is not dict
            or type(turns) is not list
        ):
            return None
        try:
            scores = _scores_of(dimensions)
            if set(map(type, scores)) != _INTS_ONLY or min(scores) < 0 or max(scores) > MAX_SCORE:
                return None
            labels = self._labels
            for label in (scenario_id, scenario_hash, scorer_version):
                if label not in labels:
                    labels.add(check_text(label, ""))
            rows = checked_turns(turns)
            if tuple(map(_index_of, rows)) != self._numbered(len(rows)):
                return None  # not numbered 0, 1, 2... (the slow path accepts any unique order)
            return Incoming(
                uuid,
                self._name(trainee),
                self._name(team),
                (
                    scenario_id,
                    scenario_hash,
                    scorer_version,
                    mode,
                    _stored_time(started),
                    _stored_time(ended),
                    outcome,
                    overall,
                    *scores,
                ),
                True,
                rows,
            )
        except (InvalidRecordError, KeyError, TypeError, ValueError):
            return None

    def _name(self, name: Any) -> str:
        cleaned = self._names.get(name)  # TypeError if unhashable: the slow path says why
        if cleaned is None:
            cleaned = self._names[name] = clean_name(name, "")
        return cleaned

    def _numbered(self, count: int) -> tuple[int, ...]:
        numbers = self._turn_numbers.get(count)
        if numbers is None:
            numbers = self._turn_numbers[count] = tuple(range(count))
        return numbers


def _stored_time(value: Any) -> str:
    """An export time as the database stores it ("...Z"), checked as a real date."""
    if type(value) is not str or not _EXPORT_TIME.match(value):
        raise ValueError(value)
    datetime.fromisoformat(value)  # ValueError for e.g. month 13
    return value[:26] + "Z"
