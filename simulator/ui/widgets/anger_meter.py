"""The customer's anger as a bar, a number and a word (never colour alone)."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from simulator.engine.model import mood_for
from simulator.ui.text import MOOD_STYLES, bar

MAX_BAR = 40  # wider than this reads as decoration, not a gauge


class AngerMeter(Widget):
    DEFAULT_CSS = """
    AngerMeter {
        height: 1;
        width: 1fr;
        max-width: 70;
        min-width: 20;
    }
    """

    anger: reactive[int] = reactive(0)
    change: reactive[int] = reactive(0)

    def set_anger(self, anger: int, before: int | None = None) -> None:
        self.change = 0 if before is None else anger - before
        self.anger = anger

    def render(self) -> Text:
        mood = mood_for(self.anger)
        style = MOOD_STYLES[mood]
        word = f" {self.anger:>3} {mood}"
        if self.change:
            word += f" {'▲' if self.change > 0 else '▼'}{abs(self.change)}"
        width = max(4, min(MAX_BAR, self.size.width - len("Anger ") - len(word) - 1))
        line = Text("Anger ", style="bold")
        line.append(bar(self.anger, width), style=style)
        line.append(word, style=style)
        return line
