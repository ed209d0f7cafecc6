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


def fill_history(app_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ada's five attempts over three weeks and Bo's one, with fixed ids, dates and a note
    by the lead, so the replay and the trend read the same on every run."""
    from datetime import datetime, timedelta, timezone

    from app_support import GOOD, POOR, KeywordScorer

    import simulator.store.sqlite.scoreboard as sqlite_store
    import simulator.store.timestamps as timestamps
    from simulator.engine.conversation import Conversation
    from simulator.engine.passing import judge
    from simulator.scenario.loader import load_scenario
    from simulator.store import open_store
    from simulator.store.records import new_attempt_id

    counter = iter(range(1, 1000))
    monkeypatch.setattr(
        sqlite_store, "new_attempt_id", lambda moment: new_attempt_id(moment, next(counter))
    )
    start = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
    monkeypatch.setattr(timestamps, "now", lambda: start + timedelta(days=30))
    scenario = load_scenario(app_dir / "scenarios" / "lost-parcel.yaml")
    plays = [
        ("Ada", POOR, 0),
        ("Ada", ["sorry", "I understand, our mistake. refund"], 3),
        ("Bo", POOR, 4),
        ("Ada", POOR[:2] + GOOD, 8),
        ("Ada", GOOD, 15),
        ("Ada", ["I understand, I'm sorry, our mistake. I will refund it today."], 20),
    ]
    best: tuple[int, str] = (-1, "")  # Ada's best: the attempt the scoreboard's row opens
    with open_store(app_dir / "board.db") as board:
        for trainee, replies, day in plays:
            when = start + timedelta(days=day)
            conversation = Conversation(scenario, 1, scorer=KeywordScorer())
            attempt = board.start_attempt(
                trainee, "Blue", scenario.id, scenario.content_hash, "test", "assessment",
                started_at=when,
            )  # fmt: skip
            for reply in replies:
                if conversation.state == "ongoing":
                    board.record_turn(attempt, conversation.reply(reply))
            conversation.abandon()
            debrief = conversation.debrief()
            verdict = judge(scenario.pass_rule, "assessment", debrief.overall, debrief.outcome)
            board.finish_attempt(
                attempt, debrief.outcome, debrief.overall, debrief.dimensions,
                ended_at=when + timedelta(minutes=5), verdict=verdict,
            )  # fmt: skip
            if trainee == "Ada" and debrief.overall > best[0]:
                best = (debrief.overall, attempt)
        board.add_note(best[1], "Much better: the apology names the parcel.\nKeep it.", "Dana")


async def to_scoreboard_row(pilot, trainee: str) -> None:  # type: ignore[no-untyped-def]
    from textual.widgets import DataTable

    await wait_for_library(pilot)
    await pilot.press("f2")
    screen = pilot.app.screen
    await wait_until(pilot, lambda: bool(getattr(screen, "rows", None)), "scoreboard rows")
    await screen.workers.wait_for_complete()
    table = screen.query_one("#board", DataTable)
    table.focus()
    names = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
    await pilot.press(*["down"] * names.index(trainee))
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_replay_screen(snap_compare, app_dir: Path, size, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from simulator.ui.screens.replay import ReplayScreen

    fill_history(app_dir, monkeypatch)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await to_scoreboard_row(pilot, "Ada")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ReplayScreen), "replay")
        await pilot.pause()

    assert snap_compare(build_app(app_dir), terminal_size=size, run_before=run_before)


def test_replay_notes_and_transcript(snap_compare, app_dir: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from simulator.ui.screens.replay import ReplayScreen

    fill_history(app_dir, monkeypatch)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await to_scoreboard_row(pilot, "Ada")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ReplayScreen), "replay")
        await pilot.press("5")
        await pilot.pause()

    assert snap_compare(build_app(app_dir), terminal_size=(120, 40), run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_trend_chart(snap_compare, app_dir: Path, size, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from simulator.ui.screens.trend import TrendScreen

    fill_history(app_dir, monkeypatch)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await to_scoreboard_row(pilot, "Ada")
        await pilot.press("t")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, TrendScreen), "trend")
        screen = pilot.app.screen
        await wait_until(pilot, lambda: screen.trend is not None, "the trend's numbers")
        await pilot.pause()

    assert snap_compare(build_app(app_dir), terminal_size=size, run_before=run_before)


def test_trend_table(snap_compare, app_dir: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from simulator.ui.screens.trend import TrendScreen

    fill_history(app_dir, monkeypatch)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await to_scoreboard_row(pilot, "Ada")
        await pilot.press("T")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, TrendScreen), "trend")
        screen = pilot.app.screen
        await wait_until(pilot, lambda: screen.trend is not None, "the trend's numbers")
        await pilot.press("v")
        await pilot.pause()

    assert snap_compare(build_app(app_dir), terminal_size=(80, 24), run_before=run_before)
