"""Trends: one trainee's or one team's scores over time, overall and per skill.

Worked out from the attempts (`Store.attempts`) the same way for both backends. Only finished
attempts count, and given-up ones only when asked for (a half-played conversation is not a
level; an attempt with no reply is always a given-up one). A trainee with few attempts gets a
point per attempt (two on one day show the change between them); otherwise points are calendar
days, ISO weeks or months (UTC), the shortest that keeps the chart readable. A team's point is
the mean of its trainees' means for that period, so one trainee who plays ten times does not
outweigh nine who played once; names are matched as a lead means them (`name_key`), shown as
first written.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from simulator.engine.passing import DEFAULT_PASS_MARK
from simulator.store.columns import DIMENSION_COLUMNS
from simulator.store.names import name_key
from simulator.store.records import AttemptRecord

MEASURES: tuple[str, ...] = ("overall", *DIMENSION_COLUMNS)
Period = Literal["attempt", "day", "week", "month"]
PERIODS: tuple[Period, ...] = ("day", "week", "month")
# The most points a chart labels one by one: a number beside each point and a date under it
# need about six columns each, and a terminal chart is 60 to 110 columns wide.
MAX_POINTS = 12


@dataclass(frozen=True, slots=True)
class TrendPoint:
    start: date  # the period's first day
    means: tuple[float, ...]  # in MEASURES order, one decimal
    attempts: int
    trainees: int
    at: datetime | None = None  # when the attempt ended, for a point per attempt

    def value(self, measure: str) -> float:
        return self.means[MEASURES.index(measure)]


@dataclass(frozen=True, slots=True)
class Trend:
    kind: Literal["trainee", "team"]
    team: str  # as first written
    trainee: str | None  # None for a team's trend
    period: Period
    points: tuple[TrendPoint, ...]  # oldest first
    pass_mark: int  # the line drawn across: the most common pass mark of the attempts counted

    @property
    def subject(self) -> str:
        return f"{self.trainee} ({self.team})" if self.trainee else f"team {self.team}"

    @property
    def attempts(self) -> int:
        return sum(point.attempts for point in self.points)

    def axis_label(self, point: TrendPoint) -> str:
        """The date under a chart's point (an attempt's day, or its period's)."""
        return period_label(point.start, self.period)

    def label(self, point: TrendPoint) -> str:
        """The point in a table: its period, or an attempt's date and time."""
        if point.at is not None:
            return point.at.strftime("%Y-%m-%d %H:%M")
        return period_label(point.start, self.period)


def period_start(day: date, period: Period) -> date:
    """The first day of the period `day` falls in (for "attempt": the day itself)."""
    if period == "week":
        return day - timedelta(days=day.weekday())  # the Monday
    if period == "month":
        return day.replace(day=1)
    return day


def period_label(start: date, period: Period) -> str:
    return start.strftime("%Y-%m") if period == "month" else start.isoformat()


def counted(attempt: AttemptRecord, with_given_up: bool = False) -> bool:
    """Whether an attempt counts in a trend: finished, and not given up unless asked for."""
    if not attempt.finished or attempt.overall is None:
        return False
    return with_given_up or attempt.outcome != "abandoned"


def trend(
    attempts: Iterable[AttemptRecord],
    team: str,
    trainee: str | None = None,
    *,
    with_given_up: bool = False,
    period: Period | None = None,
) -> Trend:
    """`trainee`'s trend in `team` (or the whole team's when None), by `period` (None: a
    point per attempt for a trainee with at most MAX_POINTS, else the shortest of day, week,
    month that gives at most MAX_POINTS points)."""
    team_key = name_key(team)
    trainee_key = name_key(trainee) if trainee is not None else None
    mine: list[AttemptRecord] = []
    shown_team, shown_trainee = team, trainee
    keys: dict[str, str] = {}  # a team's attempts repeat a few spellings thousands of times
    for attempt in attempts:
        if not counted(attempt, with_given_up):
            continue
        if _key(keys, attempt.team) != team_key:
            continue
        if trainee_key is not None and _key(keys, attempt.trainee) != trainee_key:
            continue
        mine.append(attempt)
    mine.sort(key=lambda a: (a.ended_at, a.id))
    if mine:  # the spellings as first written
        shown_team = mine[0].team
        if trainee_key is not None:
            shown_trainee = mine[0].trainee
    chosen = period or (
        "attempt" if trainee_key is not None and len(mine) <= MAX_POINTS else _period_for(mine)
    )
    marks = Counter(a.pass_mark for a in mine if a.pass_mark is not None)
    return Trend(
        kind="trainee" if trainee is not None else "team",
        team=shown_team,
        trainee=shown_trainee,
        period=chosen,
        points=_points(mine, chosen),
        pass_mark=marks.most_common(1)[0][0] if marks else DEFAULT_PASS_MARK,
    )


def _day(attempt: AttemptRecord) -> date:
    assert attempt.ended_at is not None  # counted() let only finished attempts in
    return attempt.ended_at.date()


def _key(keys: dict[str, str], name: str) -> str:
    found = keys.get(name)
    if found is None:
        found = keys[name] = name_key(name)
    return found


def _period_for(attempts: Sequence[AttemptRecord]) -> Period:
    days = {_day(a) for a in attempts}  # a team's thousands of attempts fall on a few hundred
    for period in PERIODS:
        if len({period_start(day, period) for day in days}) <= MAX_POINTS:
            return period
    return "month"


def _points(attempts: Sequence[AttemptRecord], period: Period) -> tuple[TrendPoint, ...]:
    if period == "attempt":
        return tuple(
            TrendPoint(
                start=_day(a),
                means=(
                    float(a.overall or 0),
                    *(float(a.dimensions.get(n, 0)) for n in DIMENSION_COLUMNS),
                ),
                attempts=1,
                trainees=1,
                at=a.ended_at,
            )
            for a in attempts
        )
    # period -> trainee -> one sum per measure, and the count
    sums: dict[date, dict[str, list[int]]] = {}
    starts: dict[date, date] = {}
    keys: dict[str, str] = {}
    for attempt in attempts:
        day = _day(attempt)
        start = starts.get(day)
        if start is None:
            start = starts[day] = period_start(day, period)
        per_trainee = sums.setdefault(start, {})
        total = per_trainee.setdefault(_key(keys, attempt.trainee), [0] * (len(MEASURES) + 1))
        total[0] += 1
        total[1] += attempt.overall or 0
        for index, name in enumerate(DIMENSION_COLUMNS, start=2):
            total[index] += attempt.dimensions.get(name, 0)
    points = []
    for start in sorted(sums):
        trainees = sums[start].values()
        # Each trainee's mean first, then the mean of those: per trainee before per team.
        means = [[value / total[0] for value in total[1:]] for total in trainees]
        points.append(
            TrendPoint(
                start=start,
                means=tuple(
                    round(sum(column) / len(means), 1) for column in zip(*means, strict=True)
                ),
                attempts=sum(total[0] for total in trainees),
                trainees=len(means),
            )
        )
    return tuple(points)
