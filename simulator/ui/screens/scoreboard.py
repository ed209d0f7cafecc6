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
from simulator.ui.difficulty import chosen_scenarios, difficulty_select
from simulator.ui.lifetime import still_shown
from simulator.ui.settings import MODES
from simulator.ui.text import OUTCOME_WORDS, clip, literal
from simulator.ui.widgets.team_bars import TeamBars

if TYPE_CHECKING:
    from simulator.store.results import GroupRow, LeaderboardRow
    from simulator.ui.attempts import AttemptLog

# How often a showing scoreboard reads itself again, so a lead sees a teammate's attempt appear
# without a key. A read is the leaderboard and the team comparison (with the short lists of
# teams and scenarios): together about 165 ms on the million-attempt benchmark's SQLite file,
# 110 ms on PostgreSQL (docs/SCOREBOARD.md), so about 3% of one core while the screen is shown;
# rows that did not change are not redrawn.
REFRESH_SECONDS = 5.0

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


class BoardTable(DataTable[Text]):
    """The leaderboard: Enter (DataTable's select) opens the row's attempt, and says so."""

    BINDINGS = [Binding("enter", "select_cursor", "Open attempt")]


class ScoreboardScreen(Screen[None]):
    CSS_PATH = "scoreboard.tcss"  # parsed when first shown, not at start-up
    # The table needs ~90 columns; beside it the comparison only fits on really wide terminals.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (150, "-wide")]
    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back"),
        Binding("s", "sort_next", "Sort"),
        Binding("r", "reverse", "Reverse"),
        Binding("t", "trend('trainee')", "Trainee trend"),
        Binding("T", "trend('team')", "Team trend"),
        Binding("f5", "reload", "Reload"),
        Binding("p", "app.progress", "Progress", show=False),
        Binding("f1", "app.help", "Help"),
    ]

    def __init__(self, attempts: AttemptLog) -> None:
        super().__init__()
        self.attempts = attempts
        self.rows: list[LeaderboardRow] = []
        self.sort_key = "rank"
        self.sort_reverse = False
        self._filter_options: tuple[tuple[str, ...], tuple[str, ...]] | None = None
        self._reading = False  # a read is under way: the timer does not start another
        self._shown = False  # the first read has been shown
        self._away: str | None = None  # why the last read failed, shown until one succeeds

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
            yield difficulty_select("difficulty-filter")
        yield Static("", id="board-status")
        with Vertical(id="board-body"):
            with Vertical(id="board-column"):
                table = BoardTable(id="board", cursor_type="row", zebra_stripes=True)
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
        self.set_interval(REFRESH_SECONDS, self._refresh_if_showing)

    def _refresh_if_showing(self) -> None:
        """Every few seconds while the scoreboard is on screen (not under a replay or trend)."""
        if self.is_current and not self._reading:
            self.reload(quiet=True)

    def on_screen_resume(self) -> None:
        if self._shown and not self._reading:
            self.reload(quiet=True)  # back from a replay: show what was played meanwhile

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
    async def reload(self, quiet: bool = False) -> None:
        """Read the views off the UI thread. `quiet` (the timer): a failure is shown in the
        status line, not in a dialog, and the rows on screen stay until a read succeeds."""
        from simulator.store.errors import ScoreboardUnavailableError

        filters = self._filters()
        chosen = await chosen_scenarios(self.app, self.query_one("#difficulty-filter", Select))
        if chosen is not None:
            from dataclasses import replace

            filters = replace(filters, scenarios=chosen)

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

        self._reading = True
        try:
            result = await asyncio.to_thread(query)
        except ScoreboardUnavailableError as error:  # the server went away: say so, keep rows
            self._show_away(str(error))
            return
        except Exception as error:  # noqa: BLE001 - shown to the user
            if quiet:
                self._show_away(str(error))
                return
            from simulator.ui.screens.error import ErrorDialog

            self.app.push_screen(ErrorDialog("Could not read the scoreboard", str(error)))
            result = None
        finally:
            self._reading = False  # also when a newer read (a filter changed) cancelled this one
        if not still_shown(self) or not self.query("#board"):
            return  # the screen was closed while the query ran
        table = self.query_one("#board", DataTable)
        table.loading = False
        if result is None:
            if self.attempts.unusable is None:  # a server not answering: tried again soon
                self._show_away(f"the scoreboard server {self.attempts.where()} is not answering")
            elif not self._shown:
                table.clear()
            return
        self._show_away(None)
        leaderboard, teams_rows, teams, scenarios = result
        self._fill_filters(teams, scenarios)
        rows = list(leaderboard)
        if rows != self.rows or not self._shown:
            self.rows = rows
            self._show_rows()
        if not self._shown:
            table.focus()  # Enter opens the row's attempt from the start, not the team filter
        self._shown = True
        self._show_teams(teams_rows)

    def _show_away(self, problem: str | None) -> None:
        """The status line: why the scoreboard could not be read, and that it keeps trying."""
        if problem == self._away or not still_shown(self):
            return
        back = self._away is not None and problem is None
        self._away = problem
        line = self.query_one("#board-status", Static)
        line.display = problem is not None
        if problem is not None:
            text = literal(problem.rstrip("."), style="bold yellow")
            text.append(f". Showing what was read last; trying again every {REFRESH_SECONDS:g} s.")
            line.update(text)
        elif back:
            self.notify("The scoreboard is answering again.", timeout=4)

    def _fill_filters(self, teams: tuple[str, ...], scenarios: tuple[str, ...]) -> None:
        """The filters' choices, again when a refresh finds a new team or scenario (what is
        chosen stays chosen)."""
        if self._filter_options == (teams, scenarios):
            return
        self._filter_options = (teams, scenarios)
        with self.prevent(Select.Changed):
            for selector, values in (("#team-filter", teams), ("#scenario-filter", scenarios)):
                select = self.query_one(selector, Select)
                chosen = select.value
                # Option prompts as plain Text: a team called "[@click=app.quit]" stays words.
                select.set_options((literal(value), value) for value in values)
                if chosen is not Select.NULL and chosen in values:
                    select.value = chosen

    def _show_rows(self) -> None:
        """The rows in the chosen order; the cursor stays on the trainee it was on (their
        best attempt may be a new one), or on the same line if they are gone."""
        table = self.query_one("#board", DataTable)
        chosen, line, scrolled = self.selected_row(), table.cursor_row, table.scroll_y
        getter = next(get for key, _, get in COLUMNS if key == self.sort_key)
        table.clear()
        ordered = sorted(self.rows, key=getter, reverse=self.sort_reverse)
        for row in ordered:
            table.add_row(*_cells(row), key=row.attempt_id)
        if chosen is not None and ordered:
            same = [i for i, row in enumerate(ordered) if _who(row) == _who(chosen)]
            table.move_cursor(row=same[0] if same else min(line, len(ordered) - 1))
            table.scroll_to(y=scrolled, animate=False)
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
        if not self.rows or table.cursor_row < 0 or table.row_count == 0:
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
        if not still_shown(self) or not self.query("#progress"):
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

    def action_trend(self, who: str) -> None:
        """The selected trainee's (or team's: the team filter's, else the row's) scores over
        time, as a chart or a table."""
        from simulator.ui.screens.trend import TrendScreen

        row = self.selected_row()
        filters = self._filters()
        if who == "team":
            team = filters.team or (row.team if row is not None else None)
            if team is None:
                self.notify("Pick a row or a team first.", timeout=3)
                return
            self.app.push_screen(TrendScreen(self.attempts, filters, team=team))
        elif row is not None:
            self.app.push_screen(
                TrendScreen(self.attempts, filters, team=row.team, trainee=row.trainee)
            )

    # A row's attempt, read again --------------------------------------------------------------

    @on(DataTable.RowSelected, "#board")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        self.open_attempt(str(event.row_key.value))

    @work(exclusive=True, group="replay")
    async def open_attempt(self, attempt_id: str) -> None:
        """The attempt's debrief as the trainee saw it, read-only, with its coaching notes:
        read and rebuilt off the UI thread (scoring the replies again takes a moment)."""
        from simulator.ui.screens.replay import ReplayScreen, read_replay

        try:
            library = await self.app.load_library()  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - the start screen already said why; no marks then
            library = None
        try:
            found = await asyncio.to_thread(read_replay, self.attempts, library, attempt_id)
        except Exception as error:  # noqa: BLE001 - shown to the user
            self.notify(
                visible(f"Could not open that attempt: {error}"), severity="error", markup=False
            )
            return
        if found is None:
            self.notify(
                visible(f"The scoreboard {self.attempts.where()} is not answering; try again."),
                severity="warning",
                markup=False,
            )
            return
        if self.is_current:
            self.app.push_screen(ReplayScreen(*found))


def _who(row: LeaderboardRow) -> tuple[str, str]:
    from simulator.store.names import name_key

    return name_key(row.trainee), name_key(row.team)


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
