"""Filters the lead's screens share: the difficulty (the scenario file's, so it turns into the
library's scenarios of that difficulty, as `--difficulty` does) and the team choice."""

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


def fill_team_select(select: Select[str], teams: list[str], team: str | None) -> None:
    """The teams as first written (plain text, never markup: leads type them), keeping `team`
    chosen whatever its spelling. The caller prevents the Changed message it would post."""
    from simulator.store.names import name_key
    from simulator.ui.text import literal

    select.set_options((literal(t), t) for t in teams)
    if team is not None:
        chosen = next((t for t in teams if name_key(t) == name_key(team)), None)
        if chosen is not None:
            select.value = chosen
