"""The lead's progress screen: per trainee, per assignment, where each stands; who is behind.

The rows are `recovery-sim progress`'s, read by the same function
(`simulator.store.assignments.team_progress`) and in the same words; this module only renders.
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

from simulator.text_safety import visible
from simulator.ui.difficulty import chosen_scenarios, difficulty_select, fill_team_select
from simulator.ui.lifetime import still_shown
from simulator.ui.text import clip, literal, status_text

if TYPE_CHECKING:
    from simulator.store.assignments import Assignment, Standing
    from simulator.ui.attempts import AttemptLog

# The command's columns (simulator/cli/cmd_progress.py), and the word that marks who is behind.
COLUMNS = (
    ("team", "Team"),
    ("scenario", "Scenario"),
    ("due", "Due"),
    ("trainee", "Trainee"),
    ("status", "Status"),
    ("behind", "Behind?"),  # beside the status, so it is in view on 80 columns
    ("attempts", "Tries"),
    ("best", "Best"),
)
BEHIND_WORD = "⚠ behind"


class ProgressScreen(Screen[None]):
    CSS_PATH = "progress.tcss"
    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back"),
        Binding("k", "app.skills", "Skills"),
        Binding("f5", "reload", "Reload"),
        Binding("f1", "app.help", "Help"),
    ]

    def __init__(self, attempts: AttemptLog, team: str | None = None) -> None:
        super().__init__()
        self.attempts = attempts
        self.team = team  # None: every team's assignments
        self.standings: tuple[Standing, ...] = ()

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="progress-filters"):
            yield Select([], prompt="All teams", id="progress-team", compact=True)
            yield difficulty_select("progress-difficulty")
        yield DataTable(id="progress-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="progress-counts")
        yield Static("", id="progress-behind")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Assignments: who has done what"
        table = self.query_one("#progress-table", DataTable)
        for key, title in COLUMNS:
            table.add_column(title, key=key)
        table.loading = True
        self.reload()

    @work(exclusive=True, group="progress-screen")
    async def reload(self) -> None:
        team, today = self.team, self.app.today()  # type: ignore[attr-defined]
        chosen = await chosen_scenarios(self.app, self.query_one("#progress-difficulty", Select))

        def query() -> tuple[tuple[Assignment, ...], tuple[Standing, ...], list[str]] | None:
            from simulator.store.assignments import team_progress
            from simulator.store.names import name_key

            board = self.attempts.board()
            if board is None:
                return None
            every = board.assignments()
            teams = {name_key(a.team): a.team for a in every}  # as first written, once each
            assignments, rows = team_progress(board, team, today, chosen)
            return assignments, rows, [teams[key] for key in sorted(teams)]

        try:
            result = await asyncio.to_thread(query)
        except Exception as error:  # noqa: BLE001 - shown to the user
            from simulator.ui.screens.error import ErrorDialog

            self.app.push_screen(ErrorDialog("Could not read the assignments", str(error)))
            result = None
        if not still_shown(self) or not self.query("#progress-table"):
            return  # the screen was closed while the query ran
        table = self.query_one("#progress-table", DataTable)
        table.loading = False
        if result is None:
            table.clear()
            return
        assignments, rows, teams = result
        self._fill_teams(teams)
        self.standings = rows
        self._show(assignments, rows)

    def _fill_teams(self, teams: list[str]) -> None:
        select: Select[str] = self.query_one("#progress-team", Select)
        with self.prevent(Select.Changed):
            fill_team_select(select, teams, self.team)

    def _show(self, assignments: tuple[Assignment, ...], rows: tuple[Standing, ...]) -> None:
        from simulator.store.assignments import (
            BEHIND,
            NOBODY_YET,
            behind,
            status_counts,
            teams_nobody_yet,
        )

        table = self.query_one("#progress-table", DataTable)
        table.clear()
        for row in rows:
            item = row.assignment
            allowed = "" if item.attempts is None else f"/{item.attempts}"
            late = row.status in BEHIND
            table.add_row(
                literal(clip(item.team, 16)),
                literal(clip(item.scenario_id, 28)),
                Text(item.due.isoformat()),
                literal(clip(row.trainee, 20), style="bold" if late else ""),
                status_text(row.status),
                Text(BEHIND_WORD, style="bold reverse") if late else Text(""),
                Text(f"{row.attempts}{allowed}", justify="right"),
                Text("" if row.best is None else str(row.best), justify="right"),
            )
        counts = self.query_one("#progress-counts", Static)
        late_names = behind(rows)
        where = "" if self.team is None else f" for {self.team}"
        if not assignments:
            counts.update(
                Text(
                    visible(
                        f"No assignments{where}. A lead assigns one with: recovery-sim "
                        "assign --team T --scenario ID --due YYYY-MM-DD"
                    ),
                    style="italic",
                )
            )
        else:
            summary = Text(", ".join(f"{n} {status}" for status, n in status_counts(rows).items()))
            for team in teams_nobody_yet(assignments, rows):
                summary.append(visible(f"\n{team}: {NOBODY_YET}"), style="italic")
            counts.update(summary)
        line = Text()
        if late_names:
            line.append("Behind: ", style="bold")
            line.append(visible(", ".join(late_names)))
            line.append("  (overdue, or every allowed attempt used without a pass)", style="dim")
        elif assignments:
            line.append("Nobody is behind.", style="italic")
        self.query_one("#progress-behind", Static).update(line)

    @on(Select.Changed, "#progress-difficulty")
    def _difficulty_changed(self) -> None:
        self.reload()

    @on(Select.Changed, "#progress-team")
    def _team_changed(self, event: Select.Changed) -> None:
        self.team = None if event.value is Select.NULL else str(event.value)
        self.reload()

    def action_reload(self) -> None:
        self.reload()

    def shown_rows(self) -> list[list[str]]:
        """The table as plain strings (tests, and the same words `recovery-sim progress`
        prints)."""
        table = self.query_one("#progress-table", DataTable)
        return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
