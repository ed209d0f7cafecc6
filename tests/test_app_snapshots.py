"""Every screen at 80x24 and 120x40, cursor blink and customer delay off.

Update after an intended change with `pytest tests/test_app_snapshots.py --snapshot-update`,
then look at the new SVGs before committing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import (
    build_app,
    fill_scoreboard,
    send_reply,
    stop_blinking,
    wait_for_library,
    wait_until,
    write_scenario,
)

from simulator.ui.screens.conversation import ConversationScreen
from simulator.ui.screens.debrief import DebriefScreen
from simulator.ui.settings import TraineeSettings, save_settings

SIZES = [(80, 24), (120, 40)]


@pytest.fixture
def app_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    parcel = write_scenario(
        folder,
        situation="Sam ordered a birthday present on 1 May; the courier marked it delivered "
        "but it never arrived. Sam has phoned twice and was promised a call back.",
    )
    parcel.write_text(parcel.read_text() + "industry: parcels\nchannel: phone\n")
    train = write_scenario(
        folder, id="late-train", title="Train late, missed the wedding", difficulty=3
    )
    train.write_text(train.read_text() + "industry: public transport\nchannel: chat\n")
    write_scenario(folder, id="cold-soup", title="Cold soup", category="restaurant", difficulty=1)
    (folder / "broken.yaml").write_text("id: broken\ntitle: [unclosed\n")
    save_settings(tmp_path / "config", TraineeSettings(name="Ada", team="Blue"))
    return tmp_path


async def to_conversation(pilot) -> None:  # type: ignore[no-untyped-def]
    await wait_for_library(pilot)
    pilot.app.screen.query_one("#filter").value = "parcel"
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConversationScreen), "chat")
    await pilot.pause()


async def to_debrief(pilot) -> None:  # type: ignore[no-untyped-def]
    await to_conversation(pilot)
    await send_reply(pilot, "That's our policy, calm down.")
    await send_reply(pilot, "I understand, I'm sorry, our mistake. I will refund it today.")
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, DebriefScreen), "debrief")
    assert pilot.app.screen.debrief.outcome == "resolved"
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_start_screen(snap_compare, app_dir: Path, size: tuple[int, int]) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await wait_for_library(pilot)
        await pilot.press("down")
        stop_blinking(pilot)

    assert snap_compare(build_app(app_dir), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_conversation_screen(snap_compare, app_dir: Path, size: tuple[int, int]) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await to_conversation(pilot)
        await send_reply(pilot, "I understand, I'm sorry that your parcel was lost.")
        await pilot.press(*"I will")
        stop_blinking(pilot)

    assert snap_compare(build_app(app_dir), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_debrief_screen(snap_compare, app_dir: Path, size: tuple[int, int]) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await to_debrief(pilot)

    assert snap_compare(build_app(app_dir), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_debrief_transcript(snap_compare, app_dir: Path, size: tuple[int, int]) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await to_debrief(pilot)
        await pilot.press("2", "tab", "down")
        await pilot.pause()

    assert snap_compare(build_app(app_dir), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help_screen(snap_compare, app_dir: Path, size: tuple[int, int]) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await wait_for_library(pilot)
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(build_app(app_dir), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_scoreboard_screen(snap_compare, app_dir: Path, size: tuple[int, int]) -> None:
    fill_scoreboard(app_dir)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await wait_for_library(pilot)
        await pilot.press("f2")
        screen = pilot.app.screen
        await wait_until(pilot, lambda: bool(getattr(screen, "rows", None)), "scoreboard rows")
        await screen.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(build_app(app_dir), terminal_size=size, run_before=run_before)
