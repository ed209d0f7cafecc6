"""The scoreboard's views as plain tables (columns and rows of values) for table, CSV and JSON.

Every format shows the same columns. A row from another scorer version or a changed scenario file
says so in its `note` column, in words, so no output mixes them silently: "other scorer",
"changed scenario", or for totals and progress "N mixed" / "mixed" (see `LEGEND`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from simulator.store import GroupRow, LeaderboardRow, ProgressSeries
from simulator.store.columns import DIMENSION_COLUMNS
from simulator.store.skills import SkillRow
from simulator.store.trends import MEASURES, Trend

Value = str | int | float | None

LEGEND = (
    "note: 'other scorer' = scored by another scorer version; 'changed scenario' = played on an "
    "earlier version of the scenario file; 'mixed' = attempts of either kind, counted in; "
    "'N attempts' = too few to compare with confidence."
)
# A mean over fewer attempts than this is flagged in its note ("3 attempts"). A judgement, not
# a measurement: one attempt more or less moves a mean of four by a quarter of its difference.
SMALL_SAMPLE = 5


@dataclass(frozen=True, slots=True)
class View:
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]


def leaderboard_view(rows: Sequence[LeaderboardRow]) -> View:
    columns: tuple[str, ...] = ("rank", "trainee", "team", "best", "scenario", "mode")
    columns += ("outcome", "attempts", "date", "scorer", "attempt", "note")
    return View(
        "Leaderboard: each trainee's best attempt",
        columns,
        tuple(
            (
                row.rank,
                row.trainee,
                row.team,
                row.best_overall,
                row.scenario_id,
                row.mode,
                row.outcome,
                row.attempts,
                row.ended_at.date().isoformat(),
                row.scorer_version,
                row.attempt_id,  # for `replay`
                _leaderboard_note(row),
            )
            for row in rows
        ),
    )


def _leaderboard_note(row: LeaderboardRow) -> str:
    notes = []
    if row.other_scorer:
        notes.append("other scorer")
    if row.other_scenario_version:
        notes.append("changed scenario")
    return "; ".join(notes)


def comparison_view(rows: Sequence[GroupRow], by: str, mode: str | None = None) -> View:
    columns = (by, "trainees", "attempts", "resolved_pct", "mean_overall", *DIMENSION_COLUMNS)
    which = f"{mode} attempts" if mode else "practice and assessment attempts"
    return View(
        f"Comparison by {by}: {which}, given-up attempts left out unless --with-abandoned",
        (*columns, "note"),
        tuple(
            (
                row.key,
                row.trainees,
                row.attempts,
                round(100 * row.resolved_rate, 1),
                row.mean_overall,
                *(row.dimension_means[name] for name in DIMENSION_COLUMNS),
                _group_note(row),
            )
            for row in rows
        ),
    )


def _group_note(row: GroupRow) -> str:
    notes = []
    if row.attempts < SMALL_SAMPLE:
        notes.append(f"{row.attempts} attempt{'' if row.attempts == 1 else 's'}")
    if row.marked:
        notes.append(f"{row.marked_attempts} mixed")
    return "; ".join(notes)


def skill_view(rows: Sequence[SkillRow], mode: str | None = None) -> View:
    """Trainee x skill: the mean of each of the six over the attempts counted."""
    which = f"{mode} attempts" if mode else "practice and assessment attempts"
    return View(
        f"Skills by trainee: mean of each score over {which} (given-up attempts left out)",
        ("trainee", "team", "attempts", *DIMENSION_COLUMNS, "weakest", "note"),
        tuple(
            (
                row.trainee,
                row.team,
                row.attempts,
                *row.means,
                row.weakest,
                _sample_note(row.attempts),
            )
            for row in rows
        ),
    )


def _sample_note(attempts: int) -> str:
    if attempts >= SMALL_SAMPLE:
        return ""
    return f"{attempts} attempt{'' if attempts == 1 else 's'}"


def progress_view(series: Sequence[ProgressSeries]) -> View:
    columns = ("trainee", "team", "scenario", "ended_at", "overall", "mode", "outcome", "attempt")
    columns += ("note",)
    return View(
        "Progress: overall score over time, per scenario",
        columns,
        tuple(
            (
                line.trainee,
                line.team,
                line.scenario_id,
                point.ended_at.isoformat(timespec="seconds"),
                point.overall,
                point.mode,
                point.outcome,
                point.attempt_id,  # for `replay`
                "mixed" if point.marked else "",
            )
            for line in series
            for point in line.points
        ),
    )


def trend_view(trend: Trend, mode: str | None) -> View:
    """A trend's points as rows: the period, how many attempts (and trainees) it holds, and
    the mean overall and of each skill (a team's: the mean of its trainees' means)."""
    kinds = mode or "practice and assessment"
    return View(
        f"Trend: {trend.subject}, by {trend.period} ({kinds}; pass mark {trend.pass_mark})",
        ("period", "attempts", "trainees", *MEASURES),
        tuple(
            (trend.label(p), p.attempts, p.trainees, *(p.value(m) for m in MEASURES))
            for p in trend.points
        ),
    )
