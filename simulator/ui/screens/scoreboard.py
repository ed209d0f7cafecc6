"""The scoreboard: best attempts (sortable), filters, team versus team, a trainee's progress."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Select, Sparkline, Static

from simulator.text_safety import visible
from simulator.ui.settings import MODES
from simulator.ui.text import OUTCOME_WORDS, clip, literal
from simulator.ui.widgets.team_bars import TeamBars

if TYPE_CHECKING:
    from simulator.store.results import GroupRow, LeaderboardRow
    from simulator.ui.attempts import AttemptLog

Column = tuple[str, str, Callable[["LeaderboardRow"], Any]]
COLUMNS: tuple[Column, ...] = (
    ("rank", "#", lambda r: r.rank),
    ("trainee", "Trainee", lambda r: r.trainee.lower()),
    ("team", "Team", lambda r: r.team.lower()),
    ("best", "Best", lambda r: r.best_overall),
    ("attempts", "Tries", lambda r: r.attempts),
    ("scenario", "Scenario", lambda r: r.scenario_id),
    ("mode", "Mode", lambda r: r.mode),
    ("outcome", "Outcome", lambda r: r.outcome),
    ("date", "When", lambda r: r.ended_at),
)


class ScoreboardScreen(Screen[None]):
    CSS_PATH = "scoreboard.tcss"  # parsed when first shown, not at start-up
    # The table needs ~90 columns; beside it the comparison only fits on really wide terminals.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (150, "-wide")]
    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back"),
        Binding("s", "sort_next", "Sort"),
        Binding("r", "reverse", "Reverse"),
        Binding("f5", "reload", "Reload"),
        Binding("f1", "app.help", "Help"),
    ]

    def __init__(self, attempts: AttemptLog) -> None:
        super().__init__()
        self.attempts = attempts
        self.rows: list[LeaderboardRow] = []
        self.sort_key = "rank"
        self.sort_reverse = False
        self._filters_filled = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="filters"):
            yield Select([], prompt="All teams", id="team-filter", compact=True)
            yield Select([], prompt="All scenarios", id="scenario-filter", compact=True)
            yield Select(
                [(m.capitalize(), m) for m in MODES],
                prompt="Both modes",
                id="mode-filter",
                compact=True,
            )
        with Vertical(id="board-body"):
            with Vertical(id="board-column"):
                table: DataTable[Text] = DataTable(
                    id="board", cursor_type="row", zebra_stripes=True
                )
                yield table
                yield Static(
                    "† scored by another scorer version or on an edited scenario file",
                    id="legend",
                )
            with Vertical(id="side"):
                with Vertical(id="progress-box"):
                    yield Static("", id="progress-label")
                    yield Sparkline([], id="progress")
                with VerticalScroll(id="teams"):
                    yield TeamBars(id="team-bars")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Scoreboard"
        table = self.query_one("#board", DataTable)
        for key, title, _ in COLUMNS:
            table.add_column(title, key=key)
        table.loading = True
        self.query_one("#teams").border_title = "Team vs team (mean scores)"
        self.query_one("#progress-box").border_title = "Progress"
        self.reload()

    def _filters(self) -> Any:
        from simulator.store.results import Filters

        def value(selector: str) -> str | None:
            chosen = self.query_one(selector, Select).value
            return None if chosen is Select.NULL else str(chosen)

        return Filters(
            team=value("#team-filter"),
            scenario=value("#scenario-filter"),
            mode=value("#mode-filter"),
        )

    @work(exclusive=True, group="board")
    async def reload(self) -> None:
        filters = self._filters()

        def query() -> tuple[Any, ...] | None:
            board = self.attempts.board()
            if board is None:
                return None
            return (
                board.leaderboard(filters),
                board.team_comparison(filters),
                board.teams(),
                board.scenarios(),
            )

        try:
            result = await asyncio.to_thread(query)
        except Exception as error:  # noqa: BLE001 - shown to the user
            from simulator.ui.screens.error import ErrorDialog

            self.app.push_screen(ErrorDialog("Could not read the scoreboard", str(error)))
            result = None
        if not self.is_attached or not self.query("#board"):
            return  # the screen was closed while the query ran
        table = self.query_one("#board", DataTable)
        table.loading = False
        if result is None:
            table.clear()
            return
        leaderboard, teams_rows, teams, scenarios = result
        self._fill_filters(teams, scenarios)
        self.rows = list(leaderboard)
        self._show_rows()
        self._show_teams(teams_rows)

    def _fill_filters(self, teams: tuple[str, ...], scenarios: tuple[str, ...]) -> None:
        if self._filters_filled:
            return
        self._filters_filled = True
        with self.prevent(Select.Changed):
            # Option prompts as plain Text: a team called "[@click=app.quit]" stays words.
            self.query_one("#team-filter", Select).set_options((literal(t), t) for t in teams)
            self.query_one("#scenario-filter", Select).set_options(
                (literal(s), s) for s in scenarios
            )

    def _show_rows(self) -> None:
        table = self.query_one("#board", DataTable)
        getter = next(get for key, _, get in COLUMNS if key == self.sort_key)
        table.clear()
        for row in sorted(self.rows, key=getter, reverse=self.sort_reverse):
            table.add_row(*_cells(row), key=row.attempt_id)
        for key, title, _ in COLUMNS:
            arrow = (" ▼" if self.sort_reverse else " ▲") if key == self.sort_key else ""
            table.columns[key].label = Text(title + arrow)  # type: ignore[index]
        table.refresh()
        self.query_one("#legend").display = any(row.marked for row in self.rows)
        if not self.rows:
            self.query_one("#progress-label", Static).update(
                Text("No finished attempts yet: play a scenario, then come back.", style="italic")
            )
        self._show_progress()

    def _show_teams(self, rows: tuple[GroupRow, ...]) -> None:
        self.query_one(TeamBars).show(rows)

    def selected_row(self) -> LeaderboardRow | None:
        table = self.query_one("#board", DataTable)
        if not self.rows or table.cursor_row < 0:
            return None
        key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        return next((r for r in self.rows if r.attempt_id == key), None)

    @on(DataTable.RowHighlighted, "#board")
    def _show_progress(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.load_progress(row.trainee, row.team)

    @work(exclusive=True, group="progress")
    async def load_progress(self, trainee: str, team: str) -> None:
        filters = self._filters()

        def query() -> list[int]:
            board = self.attempts.board()
            if board is None:
                return []
            series = board.progress(trainee, team, filters)
            points = sorted((p for s in series for p in s.points), key=lambda p: p.ended_at)
            return [p.overall for p in points]

        try:
            overalls = await asyncio.to_thread(query)
        except Exception as error:  # noqa: BLE001 - shown to the user
            self.notify(
                visible(f"Could not read {trainee}'s progress: {error}"),
                severity="error",
                markup=False,
            )
            return
        if not self.is_attached or not self.query("#progress"):
            return  # the screen was closed while the query ran
        self.query_one("#progress", Sparkline).data = overalls
        label = literal(trainee, style="bold")
        label.append(visible(f" ({team}) "), style="dim")
        if overalls:
            if len(overalls) == 1:
                label.append(f"1 attempt: {overalls[0]}")
            else:
                label.append(f"{len(overalls)} attempts: {overalls[0]} → {overalls[-1]}")
                label.append(f", best {max(overalls)}")
        self.query_one("#progress-label", Static).update(label)

    @on(Select.Changed)
    def _filter_changed(self) -> None:
        self.reload()

    @on(DataTable.HeaderSelected, "#board")
    def _header_clicked(self, event: DataTable.HeaderSelected) -> None:
        key = str(event.column_key.value)
        self._sort(key, not self.sort_reverse if key == self.sort_key else False)

    def action_sort_next(self) -> None:
        keys = [key for key, _, _ in COLUMNS]
        self._sort(keys[(keys.index(self.sort_key) + 1) % len(keys)], False)

    def action_reverse(self) -> None:
        self._sort(self.sort_key, not self.sort_reverse)

    def action_reload(self) -> None:
        self.reload()

    def _sort(self, key: str, reverse: bool) -> None:
        self.sort_key, self.sort_reverse = key, reverse
        self._show_rows()


def _cells(row: LeaderboardRow) -> list[Text]:
    mark = " †" if row.marked else ""
    return [
        Text(str(row.rank), justify="right"),
        literal(clip(row.trainee, 18)),
        literal(clip(row.team, 14)),
        Text(f"{row.best_overall}{mark}", justify="right"),
        Text(str(row.attempts), justify="right"),
        literal(clip(row.scenario_id, 22)),
        Text(row.mode),
        Text(OUTCOME_WORDS.get(row.outcome, row.outcome)),
        Text(row.ended_at.strftime("%Y-%m-%d")),
    ]
