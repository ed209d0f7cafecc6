"""A whole conversation played through the UI, as a trainee would."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import build_app, write_scenario
from textual.widgets import DataTable, Input

from simulator.ui.screens.conversation import ConversationScreen
from simulator.ui.screens.debrief import DebriefScreen
from simulator.ui.screens.start import StartScreen
from simulator.ui.widgets.anger_meter import AngerMeter
from simulator.ui.widgets.chat import Bubble


@pytest.fixture
def scenario_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    write_scenario(folder)
    return folder


async def wait_for_library(pilot) -> None:  # type: ignore[no-untyped-def]
    start = pilot.app.screen
    for _ in range(200):
        await pilot.pause(0.02)
        if isinstance(start, StartScreen) and start.library is not None:
            return
    raise AssertionError("library never loaded")


async def test_play_a_conversation_to_the_debrief_and_retry(tmp_path: Path, scenario_dir: Path):
    app = build_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_library(pilot)
        assert isinstance(app.screen, StartScreen)
        name = app.screen.query_one("#name", Input)
        assert app.screen.focused is name  # no saved name yet: typing goes to the name
        await pilot.press(*"Ada", "enter", *"Blue", "enter")
        await pilot.press(*"parcel")  # filter
        table = app.screen.query_one("#library", DataTable)
        assert table.row_count == 1
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        meter = screen.query_one(AngerMeter)
        start_anger = meter.anger
        await pilot.press(*"That's our policy, calm down.", "enter")
        await screen.workers.wait_for_complete()
        await pilot.pause()
        after_bad = meter.anger
        assert after_bad > start_anger
        bubbles = [str(b.content) for b in screen.query(Bubble)]
        assert "That's our policy, calm down." in bubbles
        assert len(bubbles) == 3  # opening, reply, answer
        await pilot.press(*"I understand, I'm sorry, it was our mistake.", "enter")
        await screen.workers.wait_for_complete()
        await pilot.pause()
        assert meter.anger < after_bad
        assert "2 replies left" in str(screen.query_one("#replies-left").content)
        await pilot.press(*"I'm sorry. I will refund it today.", "enter")
        await screen.workers.wait_for_complete()
        await pilot.pause()
        assert screen.finished
        await pilot.press("enter")  # the focused "See your debrief" button
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert app.screen.debrief.replies_used == 3
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ConversationScreen)
        assert app.screen is not screen
        assert len(app.screen.query(Bubble)) == 1
