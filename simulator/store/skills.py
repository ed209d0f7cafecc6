"""The trainee x skill view: each trainee's mean of each of the six scores, with counts.

Each backend adds the scores up in its own SQL (`Store.skills`, rows made by `rows_from_sums`);
`skill_rows` works the same rows out from attempt records, and the tests hold the two equal.
Given-up and unfinished attempts never count: a half-played conversation's scores are not a
skill level.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from simulator.store.columns import DIMENSION_COLUMNS
from simulator.store.names import name_key
from simulator.store.records import AttemptRecord
from simulator.store.results import Filters

if TYPE_CHECKING:
    from simulator.store.protocol import Store


@dataclass(frozen=True, slots=True)
class SkillRow:
    trainee: str
    team: str
    attempts: int
    means: tuple[float, ...]  # in DIMENSION_COLUMNS order, one decimal

    @property
    def weakest(self) -> str:
        return DIMENSION_COLUMNS[self.means.index(min(self.means))]


def means(totals: Iterable[int], count: int) -> tuple[float, ...]:
    """Each `total / count` to one decimal: the nearest tenth of the exact quotient, a half up
    (scores are never negative), in whole numbers. `round(total / count, 1)` cost about 3
    microseconds a call on the shared machine, 90 ms for 5,000 trainees' six means; this 10 ms."""
    twice = 2 * count
    return tuple([(20 * total + count) // twice / 10 for total in totals])


def skill_rows(attempts: Iterable[AttemptRecord]) -> tuple[SkillRow, ...]:
    """One row per trainee (team, then name), over their finished attempts not given up (the
    same rows the backends' `skills` add up in SQL; the tests compare the two)."""
    sums: dict[tuple[str, str], list[int]] = {}
    names: dict[tuple[str, str], tuple[str, str]] = {}
    for attempt in attempts:
        if not attempt.finished or attempt.outcome == "abandoned":
            continue
        key = (name_key(attempt.team), name_key(attempt.trainee))
        names.setdefault(key, (attempt.trainee, attempt.team))
        total = sums.setdefault(key, [0] * (len(DIMENSION_COLUMNS) + 1))
        total[0] += 1
        for index, name in enumerate(DIMENSION_COLUMNS, start=1):
            total[index] += attempt.dimensions[name]
    return tuple(
        SkillRow(
            trainee=names[key][0],
            team=names[key][1],
            attempts=total[0],
            means=means(total[1:], total[0]),
        )
        for key, total in sorted(sums.items())
    )


def rows_from_sums(sums: Iterable[Sequence[Any]]) -> tuple[SkillRow, ...]:
    """SkillRows from (name, team, attempts, sum of each of the six) rows, one per trainee, as
    the backends' SQL adds them up: the same order and rounding as `skill_rows`."""
    rows = [
        SkillRow(str(name), str(team), count, means(totals, count))
        for name, team, count, *totals in sums
        if count
    ]
    team_keys: dict[str, str] = {}  # a hundred teams, not five thousand keys to work out
    for row in rows:
        if row.team not in team_keys:
            team_keys[row.team] = name_key(row.team)
    return tuple(sorted(rows, key=lambda r: (team_keys[r.team], name_key(r.trainee))))


def trainee_skills(board: Store, filters: Filters) -> tuple[SkillRow, ...]:
    """`scoreboard --by skill` and the app's skills heatmap: each trainee's means over the
    finished attempts `filters` select (`filters.scenarios`: of those only; `since`/`until`
    bound when they started), given-up ones left out. Added up by the database."""
    return board.skills(filters)


@dataclass(frozen=True, slots=True)
class TeamWeakest:
    """A team's weakest skill: the lowest of its trainees' means averaged per trainee (every
    trainee counts once, however many attempts they played)."""

    team: str
    skill: str
    mean: float
    trainees: int


def weakest_by_team(rows: Iterable[SkillRow]) -> tuple[TeamWeakest, ...]:
    """One line per team (by name key), from the rows of `skill_rows`."""
    teams: dict[str, list[SkillRow]] = {}
    for row in rows:
        teams.setdefault(name_key(row.team), []).append(row)
    found = []
    for key in sorted(teams):
        members = teams[key]
        means = [
            round(sum(r.means[i] for r in members) / len(members), 1)
            for i in range(len(DIMENSION_COLUMNS))
        ]
        lowest = means.index(min(means))
        found.append(
            TeamWeakest(members[0].team, DIMENSION_COLUMNS[lowest], means[lowest], len(members))
        )
    return tuple(found)
