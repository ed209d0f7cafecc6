"""Practice or assessment, as one line: ◉ Practice ○ Assessment. Click, Space or Enter switches.

Lighter than a Select (no overlay to build), which keeps the first screen quick to appear.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

LABELS = {"practice": "Practice (coach on)", "assessment": "Assessment (no hints)"}
# On narrow terminals the long labels would leave the name and team boxes a few letters wide.
SHORT_LABELS = {"practice": "Practice", "assessment": "Assessment"}


class ModeToggle(Widget, can_focus=True):
    DEFAULT_CSS = """
    ModeToggle { width: auto; height: 1; padding: 0 1; background: $boost; }
    ModeToggle:focus { background: $primary 40%; }
    """
    BINDINGS = [Binding("space,enter", "toggle", "Switch mode", show=False)]

    mode: reactive[str] = reactive("practice")
    short: reactive[bool] = reactive(False, layout=True)

    @dataclass
    class Changed(Message):
        mode: str

    def __init__(self, mode: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.set_reactive(ModeToggle.mode, mode)

    def render(self) -> Text:
        text = Text()
        labels = SHORT_LABELS if self.short else LABELS
        for index, (mode, label) in enumerate(labels.items()):
            chosen = mode == self.mode
            text.append(("  " if index else "") + ("◉ " if chosen else "○ "))
            text.append(label, style="bold" if chosen else "dim")
        return text

    def action_toggle(self) -> None:
        self.mode = "assessment" if self.mode == "practice" else "practice"
        self.post_message(self.Changed(self.mode))

    def on_click(self, event: events.Click) -> None:
        self.action_toggle()
