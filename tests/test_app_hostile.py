"""Issue 18 in the app: markup and control characters from names, files and errors are shown as
written and never act (no action fired, no link, no escape reaching the terminal)."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from app_support import build_app, fill_scoreboard, wait_for_library, wait_until, write_scenario
from test_app_literal import screen_text
from textual.widgets import Select

from simulator.ui.screens.error import ErrorDialog
from simulator.ui.screens.scoreboard import ScoreboardScreen
from simulator.ui.settings import SETTINGS_FILE, TraineeSettings, save_settings

CLICK = "[@click=app.quit]x[/]"
LINK = "[link=https://x.test]l[/]"
ESCAPES = "\x1b[31mR \x9b31m \x07 \x1b]0;t\x07 \x1b]52;c;aGk=\x07"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.fixture
def app_dir(tmp_path: Path) -> Path:
    (tmp_path / "scenarios").mkdir()
    write_scenario(tmp_path / "scenarios")
    save_settings(tmp_path / "config", TraineeSettings(name="Ada", team="Blue"))
    fill_scoreboard(tmp_path)
    with sqlite3.connect(tmp_path / "board.db") as db:  # as another writer could have left them
        db.execute("UPDATE trainees SET team = ? WHERE team = 'Red'", (f"{CLICK} {ESCAPES}",))
        db.execute("UPDATE trainees SET name = ? WHERE name = 'Bo'", (LINK,))
        db.execute("UPDATE team_totals SET team = ? WHERE team = 'Red'", (f"{CLICK} {ESCAPES}",))
    return tmp_path


async def test_scoreboard_filters_show_markup_and_escapes_as_text(app_dir: Path) -> None:
    app = build_app(app_dir)
    async with app.run_test(size=(150, 40)) as pilot:
        await wait_for_library(pilot)
        await pilot.press("f2")
        screen = app.screen
        assert isinstance(screen, ScoreboardScreen)
        await wait_until(pilot, lambda: bool(screen.rows), "scoreboard rows")
        await screen.workers.wait_for_complete()
        await pilot.pause()
        await pilot.click("#team-filter")
        await pilot.pause()
        shown = screen_text(app)
        assert CLICK in shown  # the dropdown lists the name as written
        assert "\\x1b[31mR" in shown and not RAW.search(shown)
        team_select = screen.query_one("#team-filter", Select)
        hostile = next(v for _, v in team_select._options if isinstance(v, str) and CLICK in v)
        team_select.value = hostile  # choose it: it filters, it does not quit
        await pilot.pause()
        await screen.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running and app.return_code is None
        shown = screen_text(app)
        assert CLICK in shown and LINK not in shown  # only Red's trainees, name shown literally
        assert not RAW.search(shown)


async def test_error_dialog_shows_markup_and_fires_nothing(app_dir: Path) -> None:
    app = build_app(app_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_library(pilot)
        app.push_screen(ErrorDialog(f"Could not read {LINK}", f"team {CLICK} {ESCAPES}"))
        await pilot.pause()
        shown = screen_text(app)
        assert f"team {CLICK}" in shown and f"Could not read {LINK}" in shown
        assert not RAW.search(shown)
        await pilot.click("#detail", offset=(6, 0))  # where "x" would be a quit button
        await pilot.pause()
        assert app.is_running and app.return_code is None


async def test_settings_warning_toast_is_plain_text(tmp_path: Path) -> None:
    (tmp_path / "scenarios").mkdir()
    write_scenario(tmp_path / "scenarios")
    config = tmp_path / f"cfg {CLICK} [link=x.test]l[/]"
    config.mkdir(parents=True)
    (config / SETTINGS_FILE).write_text("{not json", encoding="utf-8")
    app = build_app(tmp_path, config_dir=config)
    async with app.run_test(size=(160, 40)) as pilot:
        await wait_for_library(pilot)
        await pilot.pause()
        notes = [n for n in app._notifications if "Could not read" in n.message]
        assert notes, "the settings warning was not raised"
        # Textual renders a toast with markup=False as Content(message): the path as written.
        assert notes[0].markup is False
        assert f"cfg {CLICK} [link=x.test]l[/]" in notes[0].message
        assert app.is_running and app.return_code is None


async def test_a_name_with_control_characters_is_refused_at_the_start_screen(
    tmp_path: Path,
) -> None:
    from textual.widgets import Input

    from simulator.ui.screens.start import StartScreen

    (tmp_path / "scenarios").mkdir()
    write_scenario(tmp_path / "scenarios")
    app = build_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_library(pilot)
        app.screen.query_one("#name", Input).value = "Ada\x1b]52;c;aGk=\x07"
        app.screen.query_one("#team", Input).value = "Blue"
        app.screen.action_start()
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)  # not started, nothing recorded
        notes = [n.message for n in app._notifications]
        assert any("control character" in n and "\x1b" not in n for n in notes), notes


async def test_escapes_in_a_scenario_and_a_reply_never_reach_any_screen(tmp_path: Path) -> None:
    from app_support import send_reply
    from textual.widgets import Input

    from simulator.ui.screens.conversation import ConversationScreen
    from simulator.ui.screens.debrief import DebriefScreen

    (tmp_path / "scenarios").mkdir()
    yaml_escapes = "\\e[31mR \\x9b31m \\a \\e]0;t\\a \\e]52;c;aGk=\\a"  # YAML's own escapes
    write_scenario(
        tmp_path / "scenarios",
        situation=f"Situation {yaml_escapes}",
        opening=f"Look: {yaml_escapes} {CLICK}",
    )
    app = build_app(tmp_path)
    seen: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_library(pilot)
        seen.append(screen_text(app))
        app.screen.query_one("#name", Input).value = "Ada"
        app.screen.query_one("#team", Input).value = "Blue"
        app.screen.query_one("#filter", Input).focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ConversationScreen), "chat")
        await pilot.pause()
        seen.append(screen_text(app))
        await send_reply(pilot, f"sorry {ESCAPES} {CLICK}")
        seen.append(screen_text(app))
        await pilot.press("escape", "y")
        await wait_until(pilot, lambda: isinstance(app.screen, DebriefScreen), "debrief")
        for tab in "12345":
            await pilot.press(tab)
            await pilot.pause()
            seen.append(screen_text(app))
        assert app.is_running and app.return_code is None
    assert all(not RAW.search(shown) for shown in seen)
    assert "\\x1b[31mR" in seen[1] and CLICK in seen[1]  # shown, as written
