"""The difficulty filter every lead's screen has: difficulty is the scenario file's, so the
filter turns into the library's scenarios of that difficulty (as `--difficulty` does)."""

from __future__ import annotations

from typing import Any

from textual.widgets import Select

DIFFICULTY_CHOICES = ((1, "Gentle ★"), (2, "Firm ★★"), (3, "Hostile ★★★"))


def difficulty_select(widget_id: str) -> Select[str]:
    return Select(
        [(label, str(level)) for level, label in DIFFICULTY_CHOICES],
        prompt="Any difficulty",
        id=widget_id,
        compact=True,
    )


async def chosen_scenarios(app: Any, select: Select[str]) -> frozenset[str] | None:
    """The ids of the library's scenarios of the chosen difficulty; None when none is chosen."""
    level = select.value
    if level is Select.NULL:
        return None
    library = app.library or await app.load_library()
    return frozenset(s.id for s in library.scenarios if s.difficulty == int(str(level)))
