"""Keys and the six behaviours, each with an example of a high-scoring phrase."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from simulator.ui.coaching import BEHAVIOURS

KEYS: tuple[tuple[str, str], ...] = (
    ("Everywhere", ""),
    ("ctrl+p", "command palette: start a scenario, scoreboard, switch mode, help, theme"),
    ("f1", "this help"),
    ("ctrl+q", "quit (asks first during a conversation)"),
    ("Start", ""),
    ("type", "filter the library; ↑ ↓ choose, Enter starts"),
    ("f2 / f3", "scoreboard / switch practice or assessment mode"),
    ("f5 / f6", "for leads: assignment progress / skills heatmap"),
    ("Conversation", ""),
    ("Enter", "send your reply"),
    ("ctrl+j", "new line in your reply (shift+enter too, where the terminal supports it)"),
    ("ctrl+g", "hint: one tip for a behaviour not shown yet (practice mode)"),
    ("Esc", "give up (kept as abandoned)"),
    ("Debrief", ""),
    ("r / p / s", "retry / pick another scenario / scoreboard"),
    ("1 2 3 4", "scores, marked transcript, model replies, recovery arc"),
    ("Scoreboard", ""),
    ("s / r", "sort by the next column / reverse the order; or click a column header"),
    ("Enter", "open the row's attempt: its debrief, read-only, with coaching notes (5)"),
    ("t / T", "the row's trainee's / team's scores over time (v: chart or table, m: skill)"),
    ("p", "assignment progress"),
    ("Progress and skills", ""),
    ("k / p", "skills heatmap / progress, on the same team"),
    ("m", "skills: assessment, practice or both modes"),
    ("Esc", "back"),
)


class HelpScreen(Screen[None]):
    CSS_PATH = "help.tcss"  # parsed when first shown, not at start-up
    BINDINGS = [Binding("escape,q,f1", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="help-body"):
            yield Static(Text("Keys", style="bold underline"))
            yield Static(self._keys())
            yield Static(Text("\nWhat is scored", style="bold underline"))
            yield Static(self._behaviours())
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Help"

    def _keys(self) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column()
        for key, what in KEYS:
            if not what:
                table.add_row(Text(key, style="bold yellow"), "")
            else:
                table.add_row(Text(key), Text(what))
        return table

    def _behaviours(self) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for behaviour in BEHAVIOURS.values():
            body = Text(behaviour.meaning + "\n")
            body.append("e.g. “" + behaviour.example + "”", style="green italic")
            table.add_row(Text(behaviour.label), body)
            table.add_row("", "")
        return table
