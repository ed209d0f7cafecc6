"""The trainee's assignments on the start screen, and the lead's progress screen in the app."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import (
    ASSIGNED_TODAY,
    build_app,
    fill_assignments,
    wait_for_library,
    wait_until,
    write_assigned_scenarios,
)
from textual.widgets import DataTable, Input

from simulator.store import open_store
from simulator.store.assignments import team_progress
from simulator.ui.screens.conversation import ConversationScreen
from simulator.ui.screens.debrief import DebriefScreen
from simulator.ui.screens.start import StartScreen
from simulator.ui.settings import TraineeSettings, save_settings


@pytest.fixture
def app_dir(tmp_path: Path) -> Path:
    write_assigned_scenarios(tmp_path / "scenarios")
    save_settings(tmp_path / "config", TraineeSettings(name="bo", team="BLUE", mode="practice"))
    fill_assignments(tmp_path)
    return tmp_path


def rows(table: DataTable) -> list[list[str]]:  # type: ignore[type-arg]
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def wait_for_assignments(pilot) -> StartScreen:  # type: ignore[no-untyped-def]
    await wait_for_library(pilot)
    screen = pilot.app.screen
    await wait_until(pilot, lambda: bool(screen.standings), "the assignments")
    await pilot.pause()
    return screen


async def test_a_trainee_sees_their_assignments_first_with_status_and_tries(app_dir: Path) -> None:
    app = build_app(app_dir, today=ASSIGNED_TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_for_assignments(pilot)
        box = screen.query_one("#assignments-box")
        assert box.display and box.region.y < screen.query_one("#library").region.y
        # "bo" in "BLUE" is Bo of Blue: names match whatever their case and spaces.
        assert rows(screen.query_one("#assignments", DataTable)) == [
            ["Train late, missed the wedding", "2027-01-05", "! overdue", "1", "26", "assessment"],
            ["Parcel lost", "2027-01-15", "✘ failed", "2 of 2", "26", "assessment"],
            ["Cold soup", "2027-02-01", "○ not started", "0", "–", "practice"],
        ]
        assert str(box.border_title) == "Your assignments: 2 to do of 3"


async def test_starting_an_assignment_plays_it_in_the_assignments_mode(app_dir: Path) -> None:
    app = build_app(app_dir, today=ASSIGNED_TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_for_assignments(pilot)
        assert app.settings.mode == "practice"
        screen.query_one("#assignments", DataTable).focus()
        await pilot.press("enter")  # the first: late-train, an assessment
        await wait_until(pilot, lambda: isinstance(app.screen, ConversationScreen), "chat")
        assert (app.screen.scenario.id, app.screen.mode) == ("late-train", "assessment")


async def test_back_from_an_assignment_the_keys_go_to_the_filter_not_another_attempt(
    app_dir: Path,
) -> None:
    """Found by a new user: after an assignment, typing "vet" went nowhere and Enter started
    the assignment again, in assessment."""
    app = build_app(app_dir, today=ASSIGNED_TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_for_assignments(pilot)
        table = screen.query_one("#assignments", DataTable)
        table.focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ConversationScreen), "chat")
        await pilot.press("escape", "y")  # give up before replying: nothing is recorded
        await wait_until(pilot, lambda: isinstance(app.screen, DebriefScreen), "the debrief")
        await pilot.pause(1.0)  # the debrief's keys wait out typing ahead
        await pilot.press("p")  # pick another
        await wait_until(pilot, lambda: app.screen is screen, "the start screen again")
        await pilot.pause()
        assert screen.focused is screen.query_one("#filter", Input)
        table.focus()  # and typing on the table goes to the filter, as on the library
        await pilot.press(*"cold")
        assert screen.query_one("#filter", Input).value.endswith("cold")


async def test_the_start_screen_shows_no_assignments_box_without_any(app_dir: Path) -> None:
    save_settings(app_dir / "config", TraineeSettings(name="Zed", team="Green"))
    app = build_app(app_dir, today=ASSIGNED_TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_library(pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.screen.query_one("#assignments-box").display


def test_the_known_data_set_reads_as_progress_counts_it(app_dir: Path) -> None:
    with open_store(app_dir / "board.db") as board:
        _, standings = team_progress(board, None, ASSIGNED_TODAY)
    got = {(s.assignment.team, s.assignment.scenario_id, s.trainee): s.status for s in standings}
    assert got[("Blue", "lost-parcel", "Ada")] == "passed"
    assert got[("Blue", "lost-parcel", "Bo")] == "failed"
    assert got[("Blue", "late-train", "Ada")] == "overdue"
    assert got[("Red", "lost-parcel", "Cy")] == "not started"
    assert got[("Red", "lost-parcel", "Di")] == "in progress"


def test_another_trainees_own_assignment_is_not_on_my_list(app_dir: Path) -> None:
    from datetime import date

    from simulator.store import open_store
    from simulator.store.assignments import trainee_progress

    with open_store(app_dir / "board.sqlite") as board:
        board.assign("Harbour", "gym-billing-after-cancel", date(2027, 1, 15), trainee="Bob")
        board.assign("Harbour", "hotel-room-not-ready", date(2027, 1, 15))
        ann = trainee_progress(board, "Ann", "Harbour", date(2027, 1, 1))
        bob = trainee_progress(board, "bob", "harbour", date(2027, 1, 1))
    assert [r.assignment.scenario_id for r in ann] == ["hotel-room-not-ready"]
    assert sorted(r.assignment.scenario_id for r in bob) == [
        "gym-billing-after-cancel",
        "hotel-room-not-ready",
    ]


async def test_typing_a_name_and_team_then_tab_shows_their_assignments(app_dir: Path) -> None:
    save_settings(app_dir / "config", TraineeSettings(name="", team="", mode="practice"))
    app = build_app(app_dir, today=ASSIGNED_TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await pilot.pause()
        assert not screen.standings
        screen.query_one("#name", Input).focus()
        await pilot.press(*"Bo", "tab", *"blue", "tab")
        await wait_until(pilot, lambda: bool(screen.standings), "the assignments after tab")
        assert screen.query_one("#assignments-box").display
