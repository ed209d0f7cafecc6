"""Practice mode's coach: the six behaviours as a checklist that ticks as each is shown."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from scoring.model import DIMENSIONS
from simulator.ui.coaching import label


class CoachPanel(VerticalScroll):
    DEFAULT_CSS = """
    CoachPanel {
        width: 26;
        height: 1fr;
        border: round $secondary;
        border-title-color: $text-secondary;
        padding: 0 1;
    }
    CoachPanel #coach-list { height: auto; }
    CoachPanel #coach-hint { height: auto; margin-top: 1; color: $text-warning; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.border_title = "Coach"
        self.shown: set[str] = set()
        self.latest: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        yield Static(self._checklist(), id="coach-list")
        yield Static("", id="coach-hint", markup=False)

    def update_scores(self, dimensions: dict[str, int], high: set[str]) -> None:
        self.latest = dict(dimensions)
        self.shown |= high
        self.query_one("#coach-list", Static).update(self._checklist())

    def show_hint(self, hint: str) -> None:
        self.query_one("#coach-hint", Static).update(Text("Hint: " + hint))

    def _checklist(self) -> Text:
        lines = Text()
        for dimension in DIMENSIONS:
            done = dimension in self.shown
            lines.append("☑ " if done else "☐ ", style="bold green" if done else "dim")
            lines.append(label(dimension), style="" if done else "dim")
            last = self.latest.get(dimension)
            if last is not None:
                lines.append(f" {last}", style="green" if last >= 50 else "red")
            lines.append("\n")
        lines.append(f"{len(self.shown)}/6 shown", style="italic")
        return lines
