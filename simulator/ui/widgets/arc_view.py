"""The recovery arc as text: each step with the reply and words that did it, or what to do."""

from __future__ import annotations

from rich.text import Text

from simulator.engine.model import Debrief
from simulator.text_safety import visible


def arc_text(debrief: Debrief) -> Text:
    text = Text("The recovery, step by step\n\n", style="bold")
    arc = debrief.arc
    if arc is None or not debrief.turns:
        text.append("No replies, so no steps to show.", style="italic")
        return text
    for step in arc.steps:
        if step.done:
            text.append("✔ ", style="bold green")
            text.append(f"{step.label}: ", style="bold")
            text.append(f"reply {step.reply + 1} ", style="green")  # type: ignore[operator]
            text.append(visible(f"\u201c{step.words}\u201d\n"))
        else:
            text.append("✘ ", style="bold red")
            text.append(f"{step.label}: ", style="bold")
            text.append("never happened. ", style="red")
            text.append(f"{step.coaching}\n", style="italic")
    if arc.faults:
        text.append("\nOut of order or missing where it mattered:\n", style="bold")
        for fault in arc.faults:
            text.append("! ", style="bold dark_orange")
            text.append(f"{fault}\n")
    return text
