"""The lead's progress screen and skills heatmap: the numbers `recovery-sim progress` and
`scoreboard --by skill` give, on a known data set with case-variant team names ("Harbour",
" harbour ", "HARBOUR") and a given-up attempt."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from app_support import (
    ASSIGNED_TODAY,
    GOOD,
    POOR,
    build_app,
    record_attempt,
    wait_for_library,
    wait_until,
    write_assigned_scenarios,
)

from simulator.store import open_store
from simulator.store.columns import DIMENSION_COLUMNS
from simulator.ui.screens.progress import ProgressScreen
from simulator.ui.screens.skills import SkillsScreen
from simulator.ui.settings import TraineeSettings, save_settings


def fill_harbour(app_dir: Path) -> None:
    """Harbour (written three ways) has two assignments and three trainees; Red one trainee.

    On ASSIGNED_TODAY: Ann passed lost-parcel and gave up late-train (overdue); Bob used both
    allowed tries on lost-parcel without a pass (failed); Cy has played nothing (not started,
    and overdue on late-train); Di of Red practised only."""
    from simulator.scenario.loader import load_scenario

    folder = app_dir / "scenarios"
    parcel = load_scenario(folder / "lost-parcel.yaml")
    train = load_scenario(folder / "late-train.yaml")
    with open_store(app_dir / "board.db") as board:
        record_attempt(board, parcel, "Cy", "Harbour", [], "practice")  # first written: Harbour
        board.assign(" harbour ", "lost-parcel", date(2027, 1, 15), attempts=2)
        board.assign("HARBOUR", "late-train", date(2027, 1, 5))
        record_attempt(board, parcel, "Ann", "Harbour", GOOD, "assessment")
        record_attempt(board, train, "Ann", " harbour ", GOOD[:1], "assessment")  # given up
        record_attempt(board, parcel, "Bob", "HARBOUR", POOR, "assessment")
        record_attempt(board, parcel, "bob", "harbour", POOR, "assessment")
        record_attempt(board, parcel, "Di", "Red", GOOD, "practice")


@pytest.fixture
def app_dir(tmp_path: Path) -> Path:
    write_assigned_scenarios(tmp_path / "scenarios")
    save_settings(tmp_path / "config", TraineeSettings(name="Lee", team="Leads"))
    fill_harbour(tmp_path)
    return tmp_path


async def open_progress(pilot) -> ProgressScreen:  # type: ignore[no-untyped-def]
    await wait_for_library(pilot)
    await pilot.press("f5")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ProgressScreen), "progress")
    screen = pilot.app.screen
    await wait_until(pilot, lambda: bool(screen.standings), "the standings")
    await pilot.pause()
    return screen


async def test_progress_screen_shows_each_trainee_on_each_assignment(app_dir: Path) -> None:
    app = build_app(app_dir, today=ASSIGNED_TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_progress(pilot)
        assert screen.shown_rows() == [
            ["Harbour", "late-train", "2027-01-05", "Ann", "! overdue", "1", "", "⚠ behind"],
            ["Harbour", "late-train", "2027-01-05", "Bob", "! overdue", "0", "", "⚠ behind"],
            ["Harbour", "late-train", "2027-01-05", "Cy", "! overdue", "0", "", "⚠ behind"],
            ["Harbour", "lost-parcel", "2027-01-15", "Ann", "✔ passed", "1/2", "65", ""],
            ["Harbour", "lost-parcel", "2027-01-15", "Bob", "✘ failed", "2/2", "26", "⚠ behind"],
            ["Harbour", "lost-parcel", "2027-01-15", "Cy", "○ not started", "0/2", "", ""],
        ]
        counts = str(screen.query_one("#progress-counts").render())
        assert counts == "1 not started, 0 in progress, 1 passed, 1 failed, 3 overdue"
        assert "Behind: Ann, Bob, Cy" in str(screen.query_one("#progress-behind").render())
