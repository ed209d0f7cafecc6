"""The skills heatmap: trainee x skill, the mean of each of the six, with the number in each cell.

The rows are `recovery-sim scoreboard --by skill`'s, read by the same function
(`simulator.store.skills.trainee_skills`): assessment attempts unless the mode switch says
otherwise, given-up attempts never counted. A cell's shade repeats its band (the legend names
it) and its number says it exactly, so nothing is told by colour alone.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Select, Static

from simulator.store.columns import DIMENSION_COLUMNS
from simulator.ui.coaching import label
from simulator.ui.difficulty import chosen_scenarios, difficulty_select, fill_team_select
from simulator.ui.lifetime import still_shown
from simulator.ui.text import clip, literal

if TYPE_CHECKING:
    from simulator.store.skills import SkillRow, TeamWeakest
    from simulator.ui.attempts import AttemptLog

# The bands of `simulator.ui.text.score_word`, lowest score of each, with the shade of its cells.
BANDS: tuple[tuple[int, str, str], ...] = (
    (70, "strong", "black on #5fd787"),
    (50, "good", "black on #d7d75f"),
    (25, "weak", "black on #ffaf5f"),
    (0, "missing", "white on #af0000"),
)
TOPS = (100, 69, 49, 24)  # each band's highest mean, as the legend says it
MODE_CHOICES = (("Assessment", "assessment"), ("Practice", "practice"), ("Both modes", "any"))
DEFAULT_MODE = "assessment"  # comparisons are of assessment attempts (cmd_scoreboard)


def heading(skill: str) -> str:
    """A column's short name ("No excuses"): six of the behaviours' full labels do not fit 80
    columns beside the names."""
    return skill.replace("_", " ").capitalize()


def band(score: float) -> tuple[str, str]:
    """The band's word and shade for a mean."""
    return next((word, style) for low, word, style in BANDS if score >= low)


def legend() -> Text:
    text = Text("Shade: ", style="dim")
    for (low, word, style), high in zip(BANDS, TOPS, strict=True):
        text.append(f" {word} {low}–{high} ", style=style)
        text.append(" ")
    return text


class SkillsScreen(Screen[None]):
    CSS_PATH = "skills.tcss"
    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back"),
        Binding("m", "next_mode", "Mode"),
        Binding("p", "app.progress", "Progress"),
        Binding("f5", "reload", "Reload"),
        Binding("f1", "app.help", "Help"),
    ]

    def __init__(self, attempts: AttemptLog, team: str | None = None) -> None:
        super().__init__()
        self.attempts = attempts
        self.team = team
        self.mode = DEFAULT_MODE
        self.rows: tuple[SkillRow, ...] = ()

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="skills-filters"):
            yield Select([], prompt="All teams", id="skills-team", compact=True)
            yield Select(
                MODE_CHOICES, value=DEFAULT_MODE, allow_blank=False, id="skills-mode", compact=True
            )
            yield difficulty_select("skills-difficulty")
        yield DataTable(id="skills-table", cursor_type="row", zebra_stripes=False)
        yield Static(legend(), id="skills-legend")
        yield Static("", id="skills-weakest")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Skills by trainee"
        table = self.query_one("#skills-table", DataTable)
        table.add_column("Trainee", key="trainee")
        table.add_column("Team", key="team")
        table.add_column("Tries", key="attempts")
        for name in DIMENSION_COLUMNS:
            table.add_column(heading(name), key=name)
        table.add_column("Weakest", key="weakest")
        table.add_column("Note", key="note")
        table.loading = True
        self.reload()

    @work(exclusive=True, group="skills-screen")
    async def reload(self) -> None:
        team, mode = self.team, self.mode
        chosen = await chosen_scenarios(self.app, self.query_one("#skills-difficulty", Select))

        def query() -> tuple[tuple[SkillRow, ...], tuple[TeamWeakest, ...], list[str]] | None:
            from simulator.store.names import name_key
            from simulator.store.results import Filters
            from simulator.store.skills import trainee_skills, weakest_by_team

            board = self.attempts.board()
            if board is None:
                return None
            filters = Filters(team=team, mode=None if mode == "any" else mode, scenarios=chosen)
            rows = trainee_skills(board, filters)
            teams = {name_key(t): t for t in board.teams()}
            return rows, weakest_by_team(rows), [teams[key] for key in sorted(teams)]

        try:
            result = await asyncio.to_thread(query)
        except Exception as error:  # noqa: BLE001 - shown to the user
            from simulator.ui.screens.error import ErrorDialog

            self.app.push_screen(ErrorDialog("Could not read the skills", str(error)))
            result = None
        if not still_shown(self) or not self.query("#skills-table"):
            return  # the screen was closed while the query ran
        table = self.query_one("#skills-table", DataTable)
        table.loading = False
        if result is None:
            table.clear()
            return
        rows, weakest, teams = result
        self._fill_teams(teams)
        self.rows = rows
        self._show(rows, weakest)

    def _fill_teams(self, teams: list[str]) -> None:
        select: Select[str] = self.query_one("#skills-team", Select)
        with self.prevent(Select.Changed):
            fill_team_select(select, teams, self.team)

    def _show(self, rows: tuple[SkillRow, ...], weakest: tuple[TeamWeakest, ...]) -> None:
        from simulator.cli.scoreboard_views import SMALL_SAMPLE

        table = self.query_one("#skills-table", DataTable)
        table.clear()
        for row in rows:
            cells = [literal(clip(row.trainee, 20)), literal(clip(row.team, 14))]
            cells.append(Text(str(row.attempts), justify="right"))
            for mean in row.means:
                cells.append(Text(f" {mean:5.1f} ", style=band(mean)[1], justify="right"))
            cells.append(Text(heading(row.weakest)))
            small = row.attempts < SMALL_SAMPLE
            plural = "" if row.attempts == 1 else "s"
            cells.append(Text(f"{row.attempts} attempt{plural}" if small else "", style="italic"))
            table.add_row(*cells)
        which = {"assessment": "assessment", "practice": "practice", "any": "all"}[self.mode]
        line = Text()
        if not rows:
            line.append(
                f"No finished {which} attempts yet"
                + ("" if self.mode == "any" else " (m: another mode)")
                + ".",
                style="italic",
            )
        for item in weakest:
            line.append("Weakest across ")
            line.append(literal(item.team, style="bold"))
            line.append(f": {label(item.skill).lower()} {round(item.mean)}")
            count = f"{item.trainees} trainee{'' if item.trainees == 1 else 's'}"
            line.append(f" ({band(item.mean)[0]}; mean of {count})\n", style="dim")
        line.append(
            f"Means of {which} attempts; given-up attempts are left out.", style="dim italic"
        )
        self.query_one("#skills-weakest", Static).update(line)

    @on(Select.Changed, "#skills-difficulty")
    def _difficulty_changed(self) -> None:
        self.reload()

    @on(Select.Changed, "#skills-team")
    def _team_changed(self, event: Select.Changed) -> None:
        self.team = None if event.value is Select.NULL else str(event.value)
        self.reload()

    @on(Select.Changed, "#skills-mode")
    def _mode_changed(self, event: Select.Changed) -> None:
        if event.value is not Select.NULL and event.value != self.mode:
            self.mode = str(event.value)
            self.reload()

    def action_next_mode(self) -> None:
        modes = [value for _, value in MODE_CHOICES]
        self.query_one("#skills-mode", Select).value = modes[
            (modes.index(self.mode) + 1) % len(modes)
        ]

    def action_reload(self) -> None:
        self.reload()

    def shown_rows(self) -> list[list[str]]:
        """The table as plain strings (for tests)."""
        table = self.query_one("#skills-table", DataTable)
        return [[str(cell).strip() for cell in table.get_row_at(i)] for i in range(table.row_count)]
