"""Showing a ReplyScore in the terminal: scores with a word label, the reply with its evidence
highlighted, and the tips. Trainee text is always plain text (rich `Text`), never markup."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from scoring.model import DIMENSIONS, HIGH_THRESHOLD, ReplyScore

BAR_WIDTH = 20
STYLES = {"up": "bold green", "down": "bold red"}
MARKS = {"up": "+", "down": "-"}  # never colour alone: each line also carries a mark


def score_lines(score: ReplyScore) -> list[Text]:
    lines = [Text(f"overall     {score.overall:3d}", style="bold")]
    for dim in DIMENSIONS:
        value = score.dimensions[dim]
        filled = round(value / 100 * BAR_WIDTH)
        label = "high" if value >= HIGH_THRESHOLD else "low"
        line = Text(f"{dim:<11} {value:3d} ")
        line.append("#" * filled, style="green" if label == "high" else "red")
        line.append("." * (BAR_WIDTH - filled), style="dim")
        line.append(f" {label}")
        lines.append(line)
    return lines


def highlighted_reply(reply: str, score: ReplyScore) -> Text:
    """The reply with each evidence span styled (later spans win where they overlap)."""
    text = Text(reply)
    for item in score.evidence:
        if 0 <= item.start < item.end <= len(reply):
            text.stylize(STYLES[item.effect], item.start, item.end)
    return text


def evidence_lines(score: ReplyScore) -> list[Text]:
    lines = []
    for item in score.evidence:
        line = Text(f"  {MARKS[item.effect]} {item.dimension:<11} ")
        line.append(f'"{item.text}"', style=STYLES[item.effect])
        line.append(f"  {item.why} [{item.rule}]")
        lines.append(line)
    return lines


def print_score(console: Console, reply: str, score: ReplyScore) -> None:
    if not getattr(score, "scored", True):
        # Another language: no table of zeros pretending to be scores, just the notice.
        console.print(Text("Not scored.", style="bold"))
        console.print(Text(score.notice))
        return
    for line in score_lines(score):
        console.print(line)
    console.print()
    console.print(Text("Reply (green: raised a score, red: lowered one):", style="bold"))
    console.print(highlighted_reply(reply, score))
    console.print()
    console.print(Text("Evidence:", style="bold"))
    for line in evidence_lines(score) or [Text("  (none: nothing in the reply moved a score)")]:
        console.print(line)
    if score.tips:
        console.print()
        console.print(Text("Tips:", style="bold"))
        for tip in score.tips:
            console.print(Text(f"  * {tip}"))
