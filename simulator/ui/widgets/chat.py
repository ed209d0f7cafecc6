"""The conversation as chat bubbles: the customer on the left, the trainee on the right."""

from __future__ import annotations

from textual.containers import Container, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from simulator.text_safety import visible
from simulator.ui.text import literal


class Bubble(Static):
    """One message. Body and title are plain text: replies and scenario lines are never markup."""

    DEFAULT_CSS = """
    Bubble {
        width: auto;
        max-width: 85%;
        height: auto;
        padding: 0 1;
    }
    Bubble.-customer {
        background: $error 10%;
        border: round $error;
        border-title-color: $text-error;
        border-title-style: bold;
    }
    Bubble.-trainee {
        background: $primary 15%;
        border: round $primary;
        border-title-align: right;
        border-title-color: $text-primary;
        border-title-style: bold;
    }
    Bubble.-note {
        width: 1fr;
        max-width: 100%;
        color: $text-muted;
        text-style: italic;
        text-align: center;
    }
    """

    def __init__(self, speaker: str, text: str, *, side: str) -> None:
        super().__init__(literal(text), classes=f"-{side}", markup=False)
        if speaker:
            self.border_title = Content(visible(speaker))


class ChatRow(Container):
    """Holds one bubble so it can hug the left or the right edge."""

    DEFAULT_CSS = """
    ChatRow { width: 1fr; height: auto; margin: 0 1; }
    ChatRow.-trainee { align-horizontal: right; }
    """


class ChatLog(VerticalScroll):
    DEFAULT_CSS = """
    ChatLog { height: 1fr; }
    """

    def add(self, speaker: str, text: str, *, side: str) -> Bubble:
        """Mount one message at the end and keep the newest in view."""
        bubble = Bubble(speaker, text, side=side)
        self.mount(ChatRow(bubble, classes=f"-{side}"))
        self.call_after_refresh(self.scroll_end, animate=False)
        return bubble
