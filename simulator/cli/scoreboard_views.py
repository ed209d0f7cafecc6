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

Value = str | int | float | None

LEGEND = (
    "note: 'other scorer' = scored by another scorer version; 'changed scenario' = played on an "
    "earlier version of the scenario file; 'mixed' = attempts of either kind, counted in."
)


@dataclass(frozen=True, slots=True)
class View:
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]


def leaderboard_view(rows: Sequence[LeaderboardRow]) -> View:
    columns: tuple[str, ...] = ("rank", "trainee", "team", "best", "scenario", "mode")
    columns += ("outcome", "attempts", "date", "scorer", "note")
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


def comparison_view(rows: Sequence[GroupRow], by: str) -> View:
    columns = (by, "trainees", "attempts", "resolved_pct", "mean_overall", *DIMENSION_COLUMNS)
    return View(
        f"Comparison by {by}",
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
    if not row.marked:
        return ""
    return f"{row.marked_attempts} mixed"


def progress_view(series: Sequence[ProgressSeries]) -> View:
    columns = ("trainee", "team", "scenario", "ended_at", "overall", "mode", "outcome", "note")
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
                "mixed" if point.marked else "",
            )
            for line in series
            for point in line.points
        ),
    )
