"""The trainee's reply box: Enter sends, ctrl+j (or shift+enter) starts a new line."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static, TextArea

MAX_REPLY_CHARS = 2000
NEWLINE_KEYS = ("ctrl+j", "shift+enter")


class ReplyArea(TextArea):
    """A TextArea whose Enter submits instead of breaking the line."""

    BINDINGS = [
        Binding("enter", "submit", "Send"),
        Binding("ctrl+j", "newline", "New line"),
    ]

    @dataclass
    class Submitted(Message):
        text: str

    def action_submit(self) -> None:
        self.post_message(self.Submitted(self.text))

    def action_newline(self) -> None:
        start, end = self.selection
        self._replace_via_keyboard("\n", start, end)

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.action_submit()
            return
        if event.key in NEWLINE_KEYS:
            event.stop()
            event.prevent_default()
            if not self.read_only:
                self.action_newline()
            return
        await super()._on_key(event)


class ReplyBox(Vertical):
    """Input plus a status line: the character counter and short notices."""

    DEFAULT_CSS = """
    ReplyBox { height: auto; }
    ReplyBox ReplyArea { height: 5; border: tall $primary 50%; }
    ReplyBox ReplyArea:focus { border: tall $primary; }
    ReplyBox #reply-status { height: 1; padding: 0 1; }
    ReplyBox #reply-notice { width: 1fr; color: $text-warning; }
    ReplyBox #reply-counter { width: auto; color: $text-muted; }
    ReplyBox #reply-counter.-over { color: $text-error; text-style: bold; }
    """

    @dataclass
    class Send(Message):
        """A reply that passed the checks (not empty, within the limit)."""

        text: str

    locked: reactive[bool] = reactive(False)

    def compose(self) -> ComposeResult:
        area = ReplyArea(id="reply", soft_wrap=True, show_line_numbers=False)
        area.placeholder = "Type your reply. Enter sends · ctrl+j new line"
        yield area
        with Horizontal(id="reply-status"):
            yield Static("", id="reply-notice", markup=False)
            yield Static(f"0/{MAX_REPLY_CHARS:,}", id="reply-counter", markup=False)

    @property
    def area(self) -> ReplyArea:
        return self.query_one(ReplyArea)

    def notice(self, message: str) -> None:
        self.query_one("#reply-notice", Static).update(Text(message))

    def clear(self) -> None:
        self.area.clear()

    def watch_locked(self, locked: bool) -> None:
        self.area.read_only = locked
        self.set_class(locked, "-locked")

    @on(TextArea.Changed)
    def _count(self, event: TextArea.Changed) -> None:
        length = len(event.text_area.text)
        counter = self.query_one("#reply-counter", Static)
        counter.update(f"{length:,}/{MAX_REPLY_CHARS:,}")
        counter.set_class(length > MAX_REPLY_CHARS, "-over")
        if length <= MAX_REPLY_CHARS:
            self.notice("")

    @on(ReplyArea.Submitted)
    def _check(self, event: ReplyArea.Submitted) -> None:
        event.stop()
        if self.locked:
            return
        text = event.text.strip()
        if not text:
            self.notice("Type something first: an empty reply is not sent.")
            return
        if len(text) > MAX_REPLY_CHARS:
            self.notice(
                f"Too long ({len(text):,} characters): shorten it to {MAX_REPLY_CHARS:,} to send."
            )
            return
        self.notice("")
        self.post_message(self.Send(text))
