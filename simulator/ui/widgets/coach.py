"""Practice mode's coach: the six behaviours as a checklist that ticks as each is shown."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from scoring.model import DIMENSIONS
from simulator.text_safety import visible
from simulator.ui.coaching import label


class CoachPanel(Vertical):
    DEFAULT_CSS = """
    CoachPanel {
        width: 28;
        height: 1fr;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
        border: round $secondary;
        border-title-color: $text-secondary;
        padding: 0 1;
    }
    CoachPanel #coach-list { height: auto; }
    CoachPanel #coach-moment { height: auto; margin-bottom: 1; }
    CoachPanel #coach-moment.-empty { display: none; }
    CoachPanel #coach-hint { height: auto; margin-top: 1; color: $text-warning; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.border_title = "Coach"
        self.shown: set[str] = set()
        self.latest: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        yield Static("", id="coach-moment", markup=False, classes="-empty")
        yield Static(self._checklist(), id="coach-list")
        yield Static("", id="coach-hint", markup=False)

    def update_scores(self, dimensions: dict[str, int], high: set[str]) -> None:
        self.latest = dict(dimensions)
        self.shown |= high
        self.query_one("#coach-list", Static).update(self._checklist())
        self.query_one("#coach-hint", Static).update("")

    def show_moment(self, lines: list[str]) -> None:
        """Why the last reply moved the customer, and the words that scored (plain text)."""
        text = Text("Last reply", style="bold")
        for line in lines:
            style = "green" if line.startswith("▲") else "red" if line.startswith("▼") else ""
            text.append("\n" + visible(line), style=style)
        moment = self.query_one("#coach-moment", Static)
        moment.update(text if lines else "")
        moment.set_class(not lines, "-empty")

    def show_hint(self, hint: str) -> None:
        self.query_one("#coach-hint", Static).update(Text("Hint: " + hint))

    def _checklist(self) -> Text:
        lines = Text()
        for dimension in DIMENSIONS:
            done = dimension in self.shown
            lines.append("☑ " if done else "☐ ", style="bold green" if done else "dim")
            lines.append(label(dimension).ljust(17), style="" if done else "dim")
            last = self.latest.get(dimension)
            if last is not None:
                lines.append(f"{last:>3}", style="green" if last >= 50 else "red")
            lines.append("\n")
        lines.append(f"{len(self.shown)}/6 shown", style="italic")
        if self.latest:
            lines.append(" · last reply's scores", style="dim italic")
        lines.append("\nctrl+g for a hint", style="dim")
        return lines
