"""Messages screens post to the app, which decides what comes next (STYLE: App-wide messages)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from simulator.engine.model import Debrief
    from simulator.scenario.model import Scenario


@dataclass
class ScenarioPicked(Message):
    """Start (or retry) a conversation with this scenario (in `mode`: an assignment's, or
    None for the mode the trainee chose)."""

    scenario: Scenario
    mode: str | None = None


@dataclass
class ConversationEnded(Message):
    """The conversation is over (resolved, walked out or abandoned); show the debrief."""

    scenario: Scenario
    debrief: Debrief


class PickAnother(Message):
    """Back to the library."""


class OpenScoreboard(Message):
    """Show the scoreboard."""
