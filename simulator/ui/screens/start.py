"""Who is training, in which mode, on which scenario: the library as a filterable table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Label, Static

from simulator.names import clean_name
from simulator.scenario.filters import parse_query
from simulator.text_safety import visible
from simulator.ui.lifetime import still_shown
from simulator.ui.messages import OpenScoreboard, ScenarioPicked
from simulator.ui.screens.error import ErrorDialog
from simulator.ui.text import clip, literal, stars, status_text
from simulator.ui.widgets.mode_toggle import ModeToggle
from simulator.ui.widgets.text_field import TextField

if TYPE_CHECKING:
    from simulator.scenario.library import Library
    from simulator.scenario.model import Scenario
    from simulator.store.assignments import Standing


ASSIGNMENT_COLUMNS = (
    ("scenario", "Assignment"),
    ("due", "Due"),
    ("status", "Status"),
    ("attempts", "Tries"),
    ("best", "Best"),
    ("mode", "Mode"),
)

# The table's width from which the level column has room for its word ("★★☆ firm").
LEVEL_WORD_WIDTH = 70


class StartScreen(Screen[None]):
    BINDINGS = [
        Binding("enter", "start", "Start", show=True, priority=False),
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("f2", "app.scoreboard", "Scoreboard"),
        Binding("f3", "app.switch_mode", "Mode"),
        Binding("f4", "assignments", "Assignments", show=False),
        Binding("f5", "app.progress", "Progress", show=False),
        Binding("f6", "app.skills", "Skills", show=False),
        Binding("f1", "app.help", "Help"),
    ]

    def __init__(self, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.library: Library | None = None
        self.best: Mapping[str, int] = {}
        self.shown: list[Scenario] = []
        self.standings: tuple[Standing, ...] = ()
        self._fitted_width = -1

    def compose(self) -> ComposeResult:
        settings = self.app.settings  # type: ignore[attr-defined]
        yield Header()
        with Horizontal(id="trainee"):
            yield Label("Name", classes="field-label")
            locked = self.app.locked_trainee is not None  # type: ignore[attr-defined]
            name = TextField(settings.name, placeholder="name", id="name", compact=True)
            name.disabled = locked  # the sign-in proxy named this trainee
            if locked:
                name.tooltip = "Your name comes from your sign-in"
            yield name
            yield Label("Team", classes="field-label")
            yield TextField(settings.team, placeholder="team", id="team", compact=True)
            toggle = ModeToggle(settings.mode, id="mode")
            toggle.set_reactive(ModeToggle.short, self.has_class("-narrow"))
            yield toggle
        with Vertical(id="assignments-box"):  # shown once the trainee has assignments
            yield DataTable(id="assignments", cursor_type="row", zebra_stripes=True)
        yield TextField(
            placeholder="Filter: words, or industry:vet channel:phone difficulty:2",
            id="filter",
            compact=True,
            # Typing on a table moves here with its first letter; selecting all on focus
            # made the next letter replace it ("cold" became "old").
            select_on_focus=False,
        )
        with Horizontal(id="library-body"):
            yield DataTable(id="library", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="preview"):
                yield Static("Loading the scenario library…", id="preview-text")
        yield Footer()  # the broken-files box is mounted above it only when there are some

    def on_mount(self) -> None:
        table = self.query_one("#library", DataTable)
        table.add_column("Title", key="title")
        table.add_column("Industry", key="industry")
        table.add_column("Via", key="channel")
        table.add_column("Level", key="difficulty")
        table.add_column("Best", key="best")
        self.query_one("#preview").border_title = "Situation"
        assigned = self.query_one("#assignments", DataTable)
        for key, title in ASSIGNMENT_COLUMNS:
            assigned.add_column(title, key=key)
        self.query_one("#assignments-box").display = False
        name, team = self.query_one("#name", Input), self.query_one("#team", Input)
        if name.disabled:  # named by the sign-in: the team is all there is to type
            (self.query_one("#filter", Input) if team.value else team).focus()
        else:
            (self.query_one("#filter", Input) if name.value else name).focus()
        library = self.app.library_if_loaded()  # type: ignore[attr-defined]
        if library is not None:
            self._show_library(library)  # in the first frame: no second layout pass
        else:
            self.load()

    @work(exclusive=True, group="library")
    async def load(self) -> None:
        """Wait for the library (read in a thread since start-up) without stalling a frame."""
        app = self.app
        try:
            library = await app.load_library()  # type: ignore[attr-defined]
        except Exception as error:  # noqa: BLE001 - shown as a dialog, never a traceback
            app.push_screen(ErrorDialog("Could not read the scenario library", str(error)))
            if getattr(app, "exit_after_ready", False):
                app.exit(1)  # a benchmark must not wait for a screen that will never be ready
            return
        if still_shown(self):
            self._show_library(library)

    def _show_library(self, library: Library) -> None:
        self.library = library
        self._fill(self.query_one("#filter", Input).value)
        self._show_broken()
        if not self.app.screen_ready():  # type: ignore[attr-defined]
            # Best scores fill in a moment later: the library is usable before the scoreboard.
            self.app.refresh_best()  # type: ignore[attr-defined]

    def on_screen_resume(self) -> None:
        """Back from a conversation: typing starts a new filter instead of extending the old.
        Back from an assignment, the filter has the keys again: Enter left on the assignments
        table would start another graded attempt (found by a new user)."""
        box = self.query_one("#filter", Input)
        if self.focused is self.query_one("#assignments", DataTable):
            box.focus()
        if box.value and self.focused is box:
            box.select_all()

    def on_resize(self) -> None:
        self.query_one("#mode", ModeToggle).short = self.has_class("-narrow")
        if self.library is not None and self._fitted_width != self._table_width():
            self._fill(self.query_one("#filter", Input).value)

    def _table_width(self) -> int:
        """The table's width from the screen's (not the table's, which lags a layout behind):
        the full width less margins, or what the preview panel (45%) leaves on wide screens."""
        inner = self.size.width - 2
        return inner if self.has_class("-narrow") else inner - int(inner * 0.45) - 1

    def refresh_best(self, best: Mapping[str, int]) -> None:
        self.best = best
        self._fill(self.query_one("#filter", Input).value)

    def refresh_assignments(self, standings: Sequence[Standing]) -> None:
        """This trainee's assignments, soonest due first, above the library."""
        self.standings = tuple(standings)
        box = self.query_one("#assignments-box")
        box.display = bool(self.standings)
        table = self.query_one("#assignments", DataTable)
        keep = table.cursor_row
        table.clear()
        titles = {s.id: s.title for s in self.library.scenarios} if self.library else {}
        width = max(20, self.size.width - 50)
        for row in self.standings:
            item = row.assignment
            allowed = "" if item.attempts is None else f" of {item.attempts}"
            table.add_row(
                literal(clip(titles.get(item.scenario_id, item.scenario_id), width)),
                Text(item.due.isoformat()),
                status_text(row.status),
                Text(f"{row.attempts}{allowed}", justify="right"),
                Text("–" if row.best is None else str(row.best), justify="right"),
                Text(item.mode),
                key=item.id,
            )
        if self.standings:
            table.move_cursor(row=min(max(keep, 0), len(self.standings) - 1))
        to_do = sum(r.status not in ("passed", "failed") for r in self.standings)
        box.border_title = f"Your assignments: {to_do} to do of {len(self.standings)}"
        box.border_subtitle = "Enter starts one in its mode"

    def _fill(self, query: str) -> None:
        table = self.query_one("#library", DataTable)
        self._fitted_width = width = self._table_width()
        keep = table.cursor_row
        table.clear()
        scenarios = self.library.scenarios if self.library else ()
        self.shown = parse_query(query).apply(scenarios)
        # Title takes what the other columns leave, so difficulty and best stay in view
        # (industry, channel 5, difficulty 11 or 5, best 4, two cells of padding per column, the
        # scrollbar). Beside the preview the level is its stars alone; the preview names it.
        industry_width = 18 if width >= 90 else 12
        worded = width >= LEVEL_WORD_WIDTH
        title_width = max(15, width - industry_width - 5 - (11 if worded else 5) - 4 - 10 - 2)
        for scenario in self.shown:
            best = self.best.get(scenario.id)
            table.add_row(
                literal(clip(scenario.title, title_width)),
                literal(clip(scenario.industry or scenario.category, industry_width)),
                Text(scenario.channel or "–"),
                Text(
                    f"{stars(scenario.difficulty)} {scenario.difficulty_word}"
                    if worded
                    else stars(scenario.difficulty)
                ),
                Text("–" if best is None else str(best), justify="right"),
                key=scenario.id,
            )
        if self.shown:
            table.move_cursor(row=min(keep, len(self.shown) - 1))
        self._preview()

    def _show_broken(self) -> None:
        """List the files that failed validation, in a box mounted only when there are some."""
        broken = self.library.broken if self.library else {}
        if not broken or self.query("#broken"):
            return
        text = Text()
        for path, problems in broken.items():
            for problem in problems:
                where = visible(f"{_short(path)}:{problem.line}:{problem.col}: ")
                text.append(where, style="bold")
                text.append(visible(problem.message) + "\n")
        box = Vertical(Static(text, id="broken-text"), id="broken")
        box.border_title = f"⚠ {len(broken)} scenario file(s) could not be loaded"
        self.mount(box, before=self.query_one(Footer))

    def selected(self) -> Scenario | None:
        table = self.query_one("#library", DataTable)
        if not self.shown or table.cursor_row < 0:
            return None
        return self.shown[min(table.cursor_row, len(self.shown) - 1)]

    def _preview(self) -> None:
        scenario = self.selected()
        target = self.query_one("#preview-text", Static)
        if scenario is None:
            message = "No scenario matches the filter." if self.library else ""
            target.update(Text(message, style="italic"))
            return
        customer = scenario.customer
        text = literal(scenario.title, style="bold")
        text.append(visible(f"\n{customer.name}"), style="bold")
        text.append(f" · anger {customer.anger} · patience {customer.patience} replies\n")
        level = f"{stars(scenario.difficulty)} {scenario.difficulty_word}"
        where = " · ".join(filter(None, (scenario.industry, scenario.channel, level)))
        text.append(visible(f"{where}\n\n"))
        text.append(visible(reflow(scenario.situation)))
        text.append("\n\nThey open with: ", style="bold")
        text.append(visible(reflow(scenario.opening)), style="italic")
        target.update(text)

    @on(DataTable.RowHighlighted, "#library")
    def _highlighted(self) -> None:
        self._preview()

    @on(DataTable.RowSelected, "#library")
    def _row_selected(self) -> None:
        self.action_start()

    @on(DataTable.RowSelected, "#assignments")
    def _assignment_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.start_assignment(str(event.row_key.value))

    def start_assignment(self, assignment_id: str) -> None:
        """Play an assignment's scenario in the assignment's mode (whatever the toggle says)."""
        row = next((r for r in self.standings if r.assignment.id == assignment_id), None)
        if row is None:
            return
        item = row.assignment
        scenarios = self.library.scenarios if self.library else ()
        scenario = next((s for s in scenarios if s.id == item.scenario_id), None)
        if scenario is None:
            self.notify(
                visible(f"Scenario {item.scenario_id} is not in your library: ask your lead."),
                severity="warning",
                markup=False,
            )
            return
        if not self._trainee_ready():
            return
        if row.status == "failed" or (item.attempts is not None and row.attempts >= item.attempts):
            self.notify("Every allowed attempt is used: this one will not count.", timeout=4)
        self.post_message(ScenarioPicked(scenario, item.mode))

    def action_assignments(self) -> None:
        if self.standings:
            self.query_one("#assignments", DataTable).focus()

    @on(Input.Changed, "#filter")
    def _filter(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#filter")
    def _filter_enter(self) -> None:
        self.action_start()

    @on(Input.Submitted, "#name")
    def _name_enter(self) -> None:
        self.query_one("#team", Input).focus()  # leaving the field reads its bests (below)

    @on(Input.Submitted, "#team")
    def _team_enter(self) -> None:
        self.query_one("#filter", Input).focus()

    @on(Input.Blurred, "#name")
    @on(Input.Blurred, "#team")
    def _trainee_left(self) -> None:
        # Leaving the name or team, by Enter, Tab or a click, reads that trainee's bests and
        # assignments once.
        self.app.refresh_best()  # type: ignore[attr-defined]

    @on(Input.Changed, "#name")
    @on(Input.Changed, "#team")
    def _trainee_changed(self) -> None:
        self.app.remember_trainee(  # type: ignore[attr-defined]
            self.query_one("#name", Input).value, self.query_one("#team", Input).value
        )

    @on(ModeToggle.Changed)
    def _mode_changed(self, event: ModeToggle.Changed) -> None:
        self.app.set_mode(event.mode)  # type: ignore[attr-defined]

    def show_mode(self, mode: str) -> None:
        self.query_one("#mode", ModeToggle).mode = mode

    def on_key(self, event) -> None:  # type: ignore[no-untyped-def]
        """Typing while a table has focus goes to the filter."""
        tables = (self.query_one("#library"), self.query_one("#assignments"))
        if event.is_printable and self.focused in tables:
            event.stop()
            box = self.query_one("#filter", Input)
            box.focus()
            box.insert_text_at_cursor(event.character or "")

    def action_move(self, step: int) -> None:
        table = self.query_one("#library", DataTable)
        if self.shown:
            table.move_cursor(row=max(0, min(len(self.shown) - 1, table.cursor_row + step)))

    def action_start(self) -> None:
        scenario = self.selected()
        if scenario is None:
            self.notify("Pick a scenario first.", severity="warning")
            return
        if self._trainee_ready():
            self.post_message(ScenarioPicked(scenario))

    def _trainee_ready(self) -> bool:
        """Name and team are filled in and usable (else say which, and put the cursor there)."""
        for field, what in (("#name", "your name"), ("#team", "your team")):
            box = self.query_one(field, Input)
            if not box.value.strip():
                self.notify(f"Enter {what} first, so your scores are kept.", severity="warning")
                box.focus()
                return False
            try:
                box.value = clean_name(box.value, what.replace("your", "Your"))
            except ValueError as error:
                self.notify(str(error), severity="warning", markup=False)
                box.focus()
                return False
        return True

    def action_scoreboard(self) -> None:
        self.post_message(OpenScoreboard())


def reflow(text: str) -> str:
    """Join a YAML block's hard-wrapped lines into paragraphs that wrap to the panel."""
    paragraphs = [" ".join(p.split()) for p in text.strip().split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def _short(path: Path) -> str:
    """The path as the trainer would type it: relative to here when it can be, else its name."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return path.name
