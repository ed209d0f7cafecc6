"""One trainee's or one team's scores over time: a chart, or the same numbers as a table.

Opened from the scoreboard ("t": the row's trainee, "T": the team), with its filters. The table
(key "v") is the plain form a screen reader reads; the chart draws the same points.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from simulator.cli.scoreboard_views import SMALL_SAMPLE
from simulator.store.trends import MEASURES, Trend, trend
from simulator.text_safety import visible
from simulator.trend_chart import number, trend_chart
from simulator.ui.coaching import label
from simulator.ui.lifetime import still_shown

if TYPE_CHECKING:
    from simulator.store.results import Filters
    from simulator.ui.attempts import AttemptLog

CHART_ROWS = 21  # 0 to 100 in steps of 5 when the screen has the room
CHART_MIN_ROWS = 11  # trend_chart.ROW_STEPS: 10 points a row; a shorter screen scrolls


def measure_name(measure: str) -> str:
    return "Overall" if measure == "overall" else label(measure)


class TrendScreen(Screen[None]):
    DEFAULT_CSS = """
    TrendScreen #trend-title { height: auto; padding: 0 1; margin-top: 1; }
    TrendScreen #trend-body { height: 1fr; padding: 0 1; }
    TrendScreen #trend-chart { width: 100%; }
    TrendScreen #trend-table { height: 1fr; margin: 0 1; display: none; }
    TrendScreen.-table #trend-table { display: block; }
    TrendScreen.-table #trend-body { display: none; }
    """
    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back"),
        Binding("v", "toggle_view", "Chart/table"),
        Binding("m,right", "measure(1)", "Next skill"),
        Binding("M,left", "measure(-1)", "Previous skill", show=False),
        Binding("f1", "app.help", "Help"),
    ]

    def __init__(
        self, attempts: AttemptLog, filters: Filters, team: str, trainee: str | None = None
    ) -> None:
        from dataclasses import replace

        super().__init__()
        # Given-up attempts never count in a trend (a half-played conversation is not a level).
        self.filters = replace(filters, team=team, without_abandoned=True)
        self.attempts, self.team, self.trainee = attempts, team, trainee
        self.measure = "overall"
        self.trend: Trend | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="trend-title")
        with VerticalScroll(id="trend-body"):
            yield Static("Reading the scoreboard…", id="trend-chart")
        yield DataTable(id="trend-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Trend"
        table = self.query_one("#trend-table", DataTable)
        table.add_column("Period", key="period")
        table.add_column("Attempts", key="attempts")
        if self.trainee is None:
            table.add_column("Trainees", key="trainees")
        for measure in MEASURES:
            table.add_column(measure_name(measure), key=measure)
        self.load()

    @work(exclusive=True, group="trend")
    async def load(self) -> None:
        filters = self.filters

        def query() -> Trend | None:
            board = self.attempts.board()
            if board is None:
                return None
            found = board.attempts(filters)
            return trend(found, self.team, self.trainee)

        try:
            found = await asyncio.to_thread(query)
        except Exception as error:  # noqa: BLE001 - shown to the user
            self._say(Text(visible(f"Could not read the scoreboard: {error}"), style="bold red"))
            return
        if not still_shown(self):
            return
        if found is None:
            where = self.attempts.where()
            self._say(Text(visible(f"The scoreboard {where} is not answering; try again."), "bold"))
            return
        self.trend = found
        self._fill_table()
        self.show()

    def _say(self, text: Text) -> None:
        if still_shown(self):
            self.query_one("#trend-chart", Static).update(text)

    def _fill_table(self) -> None:
        assert self.trend is not None
        table = self.query_one("#trend-table", DataTable)
        table.clear()
        for point in self.trend.points:
            cells: list[Any] = [self.trend.label(point), Text(str(point.attempts), justify="right")]
            if self.trainee is None:
                cells.append(Text(str(point.trainees), justify="right"))
            cells += [Text(number(point.value(m)), justify="right") for m in MEASURES]
            table.add_row(*cells)

    def show(self) -> None:
        """The title (who, what, how many) and the chart at the screen's width."""
        found = self.trend
        if found is None or not still_shown(self):
            return
        title = Text(visible(found.subject), style="bold")
        title.append(f" · {measure_name(self.measure)} by {found.period}")
        mode = self.filters.mode or "practice and assessment"
        title.append(f" · {mode}")
        if self.filters.scenario:
            title.append(visible(f" · {self.filters.scenario}"))
        attempts = found.attempts
        title.append(f" · {attempts} attempt{'' if attempts == 1 else 's'}")
        if 0 < attempts < SMALL_SAMPLE:
            title.append(" (few: read with care)", style="italic")
        title.append("\nm / ← →: skill · v: chart or table (the table has every skill)", "dim")
        self.query_one("#trend-title", Static).update(title)
        body = self.query_one("#trend-body")
        width = max(40, body.size.width - 2 if body.size.width else self.size.width - 4)
        rows = max(CHART_MIN_ROWS, min(CHART_ROWS, (body.size.height or CHART_ROWS) - 3))
        self.query_one("#trend-chart", Static).update(trend_chart(found, self.measure, width, rows))

    def on_resize(self) -> None:
        self.call_after_refresh(self.show)

    def action_toggle_view(self) -> None:
        self.toggle_class("-table")
        if self.has_class("-table"):
            self.query_one("#trend-table", DataTable).focus()

    def action_measure(self, step: int) -> None:
        self.measure = MEASURES[(MEASURES.index(self.measure) + step) % len(MEASURES)]
        self.show()
