"""The scoreboard screen: sorting, filters, team versus team, progress, and how to reach it."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import build_app, fill_scoreboard, wait_for_library, wait_until, write_scenario
from textual.widgets import DataTable, Select, Sparkline

from scoring.model import DIMENSIONS
from simulator.ui.screens.scoreboard import ScoreboardScreen
from simulator.ui.settings import TraineeSettings, save_settings
from simulator.ui.widgets.team_bars import TeamBars


@pytest.fixture
def app_dir(tmp_path: Path) -> Path:
    (tmp_path / "scenarios").mkdir()
    write_scenario(tmp_path / "scenarios")
    save_settings(tmp_path / "config", TraineeSettings(name="Ada", team="Blue"))
    fill_scoreboard(tmp_path)
    return tmp_path


async def open_scoreboard(pilot) -> ScoreboardScreen:  # type: ignore[no-untyped-def]
    await wait_for_library(pilot)
    await pilot.press("f2")
    screen = pilot.app.screen
    assert isinstance(screen, ScoreboardScreen)
    await wait_until(pilot, lambda: bool(screen.rows), "scoreboard rows")
    await screen.workers.wait_for_complete()
    await pilot.pause()
    return screen


def column(screen: ScoreboardScreen, index: int) -> list[str]:
    table = screen.query_one("#board", DataTable)
    return [str(table.get_row_at(row)[index]) for row in range(table.row_count)]


async def test_sorting_by_any_column_and_reversing(app_dir: Path) -> None:
    app = build_app(app_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_scoreboard(pilot)
        assert column(screen, 0) == ["1", "1", "1"]  # by rank; Cy only gave up: no best
        await pilot.press("s")  # next column: trainee
        assert column(screen, 1) == ["Ada", "Bo", "Di"]
        await pilot.press("r")
        assert column(screen, 1) == ["Di", "Bo", "Ada"]
        table = screen.query_one("#board", DataTable)
        table.post_message(DataTable.HeaderSelected(table, table.columns["date"].key, 8, None))
        await pilot.pause()
        assert column(screen, 8) == sorted(column(screen, 8))
        assert str(table.columns["date"].label).endswith("▲")


async def test_team_filter_narrows_table_and_comparison(app_dir: Path) -> None:
    app = build_app(app_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_scoreboard(pilot)
        bars = screen.query_one(TeamBars)
        assert {row.key for row in bars.rows} == {"Blue", "Red"}
        screen.query_one("#team-filter", Select).value = "Red"
        await pilot.pause()
        await screen.workers.wait_for_complete()
        await pilot.pause()
        assert sorted(column(screen, 1)) == ["Di"]  # Cy's only attempt was given up
        assert {row.key for row in bars.rows} == {"Red"}


async def test_difficulty_filter_narrows_to_the_librarys_scenarios_of_it(app_dir: Path) -> None:
    """Every view takes the difficulty, the app's scoreboard too (lost-parcel is firm, 2)."""
    app = build_app(app_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_scoreboard(pilot)
        choose = screen.query_one("#difficulty-filter", Select)
        for level, expected in (("3", []), ("2", ["Ada", "Bo", "Di"])):
            choose.value = level
            await pilot.pause()
            await screen.workers.wait_for_complete()
            await pilot.pause()
            assert sorted(column(screen, 1)) == expected
            assert {row.key for row in screen.query_one(TeamBars).rows} == (
                {"Blue", "Red"} if expected else set()
            )


async def test_progress_sparkline_follows_the_selected_trainee(app_dir: Path) -> None:
    app = build_app(app_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_scoreboard(pilot)
        await screen.workers.wait_for_complete()
        first = screen.selected_row()
        assert first is not None and first.trainee == "Ada"
        assert len(screen.query_one(Sparkline).data or []) == 2  # Ada played twice
        label = str(screen.query_one("#progress-label").content)
        assert label.startswith("Ada (Blue) 2 attempts: ")
        screen.query_one("#board", DataTable).focus()
        await pilot.press("down")  # Bo, who played once
        await screen.workers.wait_for_complete()
        await pilot.pause()
        assert screen.selected_row().trainee == "Bo"
        assert "1 attempt: " in str(screen.query_one("#progress-label").content)


async def test_reachable_from_the_command_palette_and_closes_with_escape(app_dir: Path) -> None:
    app = build_app(app_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_library(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"scoreboard")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ScoreboardScreen), "scoreboard")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ScoreboardScreen)


async def test_names_from_the_database_are_shown_literally(tmp_path: Path) -> None:
    from simulator.store import open_store

    (tmp_path / "scenarios").mkdir()
    write_scenario(tmp_path / "scenarios")
    with open_store(tmp_path / "board.db") as board:
        attempt = board.start_attempt("[b]Eve[/b]", "[red]Ops", "lost-parcel", "h", "v")
        board.finish_attempt(attempt, "resolved", 70, dict.fromkeys(DIMENSIONS, 70))
    app = build_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_scoreboard(pilot)
        assert column(screen, 1) == ["[b]Eve[/b]"]
        assert column(screen, 2) == ["[red]Ops"]
        assert "[red]Ops" in str(screen.query_one(TeamBars).content)


async def test_results_from_another_scorer_version_are_marked(tmp_path: Path) -> None:
    from simulator.store import open_store

    (tmp_path / "scenarios").mkdir()
    write_scenario(tmp_path / "scenarios")
    with open_store(tmp_path / "board.db") as board:
        for name, version in (("Ann", "1.0"), ("Ben", "1.0"), ("Cat", "0.9")):
            attempt = board.start_attempt(name, "Ops", "lost-parcel", "h", version)
            board.finish_attempt(attempt, "resolved", 70, dict.fromkeys(DIMENSIONS, 70))
    app = build_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_scoreboard(pilot)
        best = dict(zip(column(screen, 1), column(screen, 3), strict=True))
        assert best["Cat"].endswith("†") and not best["Ann"].endswith("†")
        assert screen.query_one("#legend").display


def test_team_names_are_shown_in_full_when_the_panel_has_room() -> None:
    from simulator.store.results import GroupRow
    from simulator.ui.widgets.team_bars import team_comparison

    rows = [GroupRow("Harbour Front Desk", 2, 3, 2, 50.0, dict.fromkeys(DIMENSIONS, 50.0), 0)]
    wide = team_comparison(rows, 66).plain
    assert "  Harbour Front Desk █" in wide
    narrow = team_comparison(rows, 30).plain
    assert "  Harbour Fro… █" in narrow  # cut, so the bars keep their room
