"""Team versus team: for each behaviour, one labelled bar per team."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from scoring.model import DIMENSIONS
from simulator.text_safety import visible
from simulator.ui.coaching import label
from simulator.ui.text import bar, score_style

if TYPE_CHECKING:
    from simulator.store.results import GroupRow

NAME_WIDTH = 12  # team names are cut to this when the panel is narrow
MIN_BAR = 20  # on a wider panel, longer names are shown in full while the bars keep this much


def team_comparison(rows: Sequence[GroupRow], width: int) -> Text:
    if not rows:
        return Text("No finished attempts match these filters yet.", style="italic")
    longest = max(len(visible(row.key or "(no team)")) for row in rows)
    name_width = min(longest, max(NAME_WIDTH, width - MIN_BAR - 8))
    bar_width = max(6, min(40, width - name_width - 8))
    text = Text()
    for row in rows:
        text.append(visible(row.key or "(no team)"), style="bold")
        text.append(
            f"  {row.trainees} trainee{'s' if row.trainees != 1 else ''} · {row.attempts} tries"
            f" · {row.resolved_rate:.0%} resolved{' †' if row.marked else ''}\n",
            style="dim",
        )
    for heading, values in [("Overall", [r.mean_overall for r in rows])] + [
        (label(d), [r.dimension_means.get(d, 0.0) for r in rows]) for d in DIMENSIONS
    ]:
        text.append(f"\n{heading}\n", style="bold underline")
        for row, value in zip(rows, values, strict=True):
            text.append("  " + _name(row.key, name_width) + " ")
            text.append(bar(value, bar_width), style=score_style(value))
            text.append(f" {value:>3.0f}\n", style="bold")
    return text


def _name(team: str, width: int) -> str:
    team = visible(team or "(no team)")
    return team[: width - 1] + "…" if len(team) > width else team.ljust(width)


class TeamBars(Static):
    """Holds the last comparison and re-renders it to fit its width."""

    DEFAULT_CSS = """
    TeamBars { height: auto; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__("", markup=False, **kwargs)  # type: ignore[arg-type]
        self.rows: Sequence[GroupRow] = ()

    def show(self, rows: Sequence[GroupRow]) -> None:
        self.rows = rows
        self.update(team_comparison(rows, self.size.width or 40))

    def on_resize(self) -> None:
        self.update(team_comparison(self.rows, self.size.width or 40))
