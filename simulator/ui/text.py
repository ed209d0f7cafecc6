"""Small rendering helpers. Everything from files, the trainee or the database goes in as
plain `Text`, never as markup."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from simulator.text_safety import REPLACEMENT, has_control, visible

MOOD_STYLES: dict[str, str] = {
    "furious": "bold red",
    "angry": "dark_orange",
    "calming": "yellow",
    "satisfied": "green",
}
OUTCOME_WORDS: dict[str, str] = {
    "ongoing": "In progress",
    "resolved": "Resolved",
    "unresolved": "Left without a fix",
    "walked_out": "Customer walked out",
    "abandoned": "Abandoned",
}
OUTCOME_SYMBOLS: dict[str, str] = {
    "resolved": "✔",
    "unresolved": "○",
    "walked_out": "✘",
    "abandoned": "■",
}
OUTCOME_STYLES: dict[str, str] = {
    "ongoing": "yellow",
    "resolved": "bold green",
    "unresolved": "bold dark_orange",
    "walked_out": "bold red",
    "abandoned": "dim",
}

# An assignment's status (simulator.store.assignments.STATUSES): the word always, a symbol and a
# colour only repeating it.
STATUS_SYMBOLS: dict[str, str] = {
    "not started": "○",
    "in progress": "◐",
    "passed": "✔",
    "failed": "✘",
    "overdue": "!",
}
STATUS_STYLES: dict[str, str] = {
    "not started": "",
    "in progress": "yellow",
    "passed": "bold green",
    "failed": "bold red",
    "overdue": "bold dark_orange",
}


def status_text(status: str) -> Text:
    """`✔ passed`, `! overdue`: the symbol and colour say what the word says."""
    return Text(f"{STATUS_SYMBOLS.get(status, '•')} {status}", style=STATUS_STYLES.get(status, ""))


def stars(difficulty: int, most: int = 3) -> str:
    return "★" * difficulty + "☆" * max(0, most - difficulty)


def bar(value: float, width: int, *, top: float = 100.0) -> str:
    """A bar of `width` cells for `value` out of `top`, in eighths for a smooth edge."""
    value = max(0.0, min(top, value))
    eighths = round(value / top * width * 8)
    full, part = divmod(eighths, 8)
    partial = " ▏▎▍▌▋▊▉"[part].strip() if part else ""
    return ("█" * full + partial).ljust(width, "·")


def score_style(score: float) -> str:
    if score >= 70:
        return "green"
    if score >= 50:
        return "yellow"
    return "red"


def labelled_bar(label: str, value: float | None, width: int, label_width: int) -> Text:
    """`Empathy      ██████····  62 good` with the colour and a word saying the same."""
    line = Text(label.ljust(label_width), no_wrap=True, overflow="ellipsis")
    if value is None:
        line.append(" " + "·" * width + "   – ", style="dim")
        return line
    style = score_style(value)
    line.append(" ")
    line.append(bar(value, width), style=style)
    line.append(f" {round(value):>3} ", style="bold")
    line.append(score_word(value), style=style)
    return line


def score_word(score: float) -> str:
    if score >= 70:
        return "strong"
    if score >= 50:
        return "good"
    if score >= 25:
        return "weak"
    return "missing"


def literal(text: str, style: str = "", **options: Any) -> Text:
    """Plain text: brackets in scenario files and replies stay brackets, and control characters
    are shown (`\\x1b`) instead of reaching the terminal."""
    return Text(visible(text), style=style, **options)


def same_length(text: str) -> str:
    """`text` with each control character as U+FFFD, one for one, so evidence spans still fit."""
    return (
        "".join(REPLACEMENT if has_control(ch) else ch for ch in text)
        if has_control(text)
        else text
    )


def clip(text: str, width: int) -> str:
    """At most `width` characters, with an ellipsis when cut."""
    return text if len(text) <= width else text[: width - 1] + "…"
