"""The debrief transcript: the trainee's words marked where they raised or lowered a score.

Raised: green, underlined, followed by ▲. Lowered: red, underlined, followed by ▼. The selected
mark is shown reversed, and its reason is given beside the transcript.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from scoring.model import Evidence
from simulator.engine.model import Turn
from simulator.text_safety import visible
from simulator.ui.text import literal, same_length

UP_STYLE = "bold green underline"
DOWN_STYLE = "bold red underline"


@dataclass(frozen=True, slots=True)
class Mark:
    """One piece of evidence, located in the transcript."""

    turn: int
    evidence: Evidence

    @property
    def symbol(self) -> str:
        return "▲" if self.evidence.effect == "up" else "▼"

    @property
    def style(self) -> str:
        return "green" if self.evidence.effect == "up" else "red"


def marks_for(turns: Sequence[Turn]) -> list[Mark]:
    """Every mark, in reading order."""
    found: list[Mark] = []
    for turn in turns:
        ordered = sorted(turn.score.evidence, key=lambda e: (e.start, e.end))
        found += [Mark(turn.index, evidence) for evidence in ordered]
    return found


def mark_reply(reply: str, evidence: Sequence[Evidence], selected: Evidence | None = None) -> Text:
    """The reply as plain text with each evidence span coloured and followed by its mark."""
    styled = Text(same_length(reply))
    inserts: list[tuple[int, Evidence]] = []
    for item in evidence:
        start, end = _span(reply, item)
        style = UP_STYLE if item.effect == "up" else DOWN_STYLE
        if end > start:
            styled.stylize(style, start, end)
        if item is selected and end > start:
            styled.stylize("reverse", start, end)
        inserts.append((end, item))
    result = Text()
    position = 0
    for end, item in sorted(inserts, key=lambda pair: pair[0]):
        result.append_text(styled[position:end])
        position = end
        mark = "▲" if item.effect == "up" else "▼"
        style = "bold green" if item.effect == "up" else "bold red"
        if item is selected:
            style += " reverse"
        result.append(mark, style=style)
    result.append_text(styled[position:])
    return result


def _span(reply: str, item: Evidence) -> tuple[int, int]:
    """The evidence span, clamped to the reply; a span-less finding marks the reply's end."""
    start, end = max(0, item.start), min(len(reply), item.end)
    if end <= start:
        return len(reply), len(reply)
    return start, end


class TurnView(Static):
    DEFAULT_CSS = """
    TurnView { height: auto; margin-bottom: 1; }
    TurnView.-selected { background: $boost; }
    """


class MarkedTranscript(VerticalScroll):
    DEFAULT_CSS = """
    MarkedTranscript { height: 1fr; padding: 0 1; }
    """

    def __init__(self, customer: str, opening: str, turns: Sequence[Turn], **kwargs: object):
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.customer, self.opening, self.turns = customer, opening, tuple(turns)

    def compose(self) -> ComposeResult:
        yield Static(self._customer_line(self.opening), classes="opening")
        for turn in self.turns:
            yield TurnView(self._render_turn(turn, None), id=f"turn-{turn.index}")

    def _customer_line(self, line: str) -> Text:
        text = literal(self.customer + ": ", style="bold red")
        text.append(visible(line), style="italic")
        return text

    def _render_turn(self, turn: Turn, selected: Evidence | None) -> Text:
        text = Text(f"You ({turn.index + 1}): ", style="bold")
        text.append_text(mark_reply(turn.reply, turn.score.evidence, selected))
        text.append("\n")
        text.append_text(self._customer_line(turn.customer))
        change = turn.anger_after - turn.anger_before
        arrow = "▲" if change > 0 else "▼" if change < 0 else "="
        text.append(f"  anger {arrow}{abs(change)} → {turn.anger_after}", style="dim")
        return text

    def select(self, mark: Mark | None) -> None:
        for turn in self.turns:
            view = self.query_one(f"#turn-{turn.index}", TurnView)
            chosen = mark.evidence if mark and mark.turn == turn.index else None
            view.update(self._render_turn(turn, chosen))
            view.set_class(chosen is not None, "-selected")
            if chosen is not None:
                self.scroll_to_widget(view, animate=False)


def mark_label(mark: Mark, dimension_label: str) -> Text:
    """How a mark is listed: symbol, dimension, the words it points at."""
    text = Text(f"{mark.symbol} ", style=f"bold {mark.style}")
    text.append(f"{mark.turn + 1}· {dimension_label}: ", style=mark.style)
    quoted = mark.evidence.text or "(whole reply)"
    text.append(visible(quoted if len(quoted) <= 40 else quoted[:39] + "…"), style="italic")
    return text


def mark_reason(mark: Mark, dimension_label: str) -> Content:
    raised = "raised" if mark.evidence.effect == "up" else "lowered"
    text = Text(f"{mark.symbol} {dimension_label} {raised}", style=f"bold {mark.style}")
    text.append(f" (reply {mark.turn + 1}, rule {mark.evidence.rule})\n", style="dim")
    if mark.evidence.text:
        text.append(f"“{mark.evidence.text}”\n", style="italic")
    text.append(mark.evidence.why)
    return Content.from_rich_text(text)
