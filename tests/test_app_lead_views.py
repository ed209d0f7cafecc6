"""The lead's progress screen and skills heatmap: the numbers `recovery-sim progress` and
`scoreboard --by skill` give, on a known data set with case-variant team names ("Harbour",
" harbour ", "HARBOUR") and a given-up attempt."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import (
    ASSIGNED_TODAY,
    build_app,
    fill_harbour,
    wait_for_library,
    wait_until,
    write_assigned_scenarios,
)

from simulator.store import open_store
from simulator.store.columns import DIMENSION_COLUMNS
from simulator.ui.screens.progress import ProgressScreen
from simulator.ui.screens.skills import SkillsScreen
from simulator.ui.settings import TraineeSettings, save_settings


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
            ["Harbour", "late-train", "2027-01-05", "Ann", "! overdue", "⚠ behind", "1", ""],
            ["Harbour", "late-train", "2027-01-05", "Bob", "! overdue", "⚠ behind", "0", ""],
            ["Harbour", "late-train", "2027-01-05", "Cy", "! overdue", "⚠ behind", "0", ""],
            ["Harbour", "lost-parcel", "2027-01-15", "Ann", "✔ passed", "", "1/2", "65"],
            ["Harbour", "lost-parcel", "2027-01-15", "Bob", "✘ failed", "⚠ behind", "2/2", "26"],
            ["Harbour", "lost-parcel", "2027-01-15", "Cy", "○ not started", "", "0/2", ""],
        ]
        counts = str(screen.query_one("#progress-counts").render())
        assert counts == "1 not started, 0 in progress, 1 passed, 1 failed, 3 overdue"
        assert "Behind: Ann, Bob, Cy" in str(screen.query_one("#progress-behind").render())


async def test_a_team_whose_trainees_have_not_played_is_named_not_left_blank(
    app_dir: Path,
) -> None:
    from datetime import date

    with open_store(app_dir / "board.db") as board:
        board.assign("Dock", "lost-parcel", date(2027, 1, 15))
    app = build_app(app_dir, today=ASSIGNED_TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_progress(pilot)
        counts = str(screen.query_one("#progress-counts").render())
        assert "Dock: nobody listed yet; a trainee appears once they have played" in counts
        assert "Harbour: nobody" not in counts


async def open_skills(pilot) -> SkillsScreen:  # type: ignore[no-untyped-def]
    await open_progress(pilot)
    await pilot.press("k")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, SkillsScreen), "skills")
    screen = pilot.app.screen
    await wait_until(pilot, lambda: bool(screen.rows), "the skill rows")
    await pilot.pause()
    return screen


def expected_means(app_dir: Path, mode: str | None) -> dict[str, list[str]]:
    """Each trainee's means worked out here from the stored attempts, given-up ones left out."""
    from simulator.store import Filters

    with open_store(app_dir / "board.db") as board:
        attempts = [
            a for a in board.attempts(Filters(mode=mode)) if a.finished and a.outcome != "abandoned"
        ]
    found: dict[str, list[str]] = {}
    for name in {a.trainee for a in attempts}:
        mine = [a for a in attempts if a.trainee == name]
        found[name] = [
            f"{round(sum(a.dimensions[d] for a in mine) / len(mine), 1):.1f}"
            for d in DIMENSION_COLUMNS
        ]
    return found


async def test_skills_heatmap_has_each_trainees_means_in_the_cells(app_dir: Path) -> None:
    app = build_app(app_dir, today=ASSIGNED_TODAY)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_skills(pilot)
        want = expected_means(app_dir, "assessment")
        rows = screen.shown_rows()
        # Assessment only: Ann's given-up late-train is left out (1 try), Bob's two count as one
        # trainee whatever the team's spelling; Cy and Di never played an assessment.
        assert [(r[0], r[1], r[2]) for r in rows] == [
            ("Ann", "Harbour", "1"),
            ("Bob", "Harbour", "2"),
        ]
        assert [r[3:9] for r in rows] == [want["Ann"], want["Bob"]]
        assert [r[10] for r in rows] == ["1 attempt", "2 attempts"]  # small samples flagged
        weakest = str(screen.query_one("#skills-weakest").render())
        assert "Weakest across Harbour: " in weakest
        legend = str(screen.query_one("#skills-legend").render())
        assert all(word in legend for word in ("strong", "good", "weak", "missing"))


async def test_progress_narrows_to_assignments_of_one_difficulty(app_dir: Path) -> None:
    from textual.widgets import Select

    app = build_app(app_dir, today=ASSIGNED_TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_progress(pilot)
        assert {row[1] for row in screen.shown_rows()} == {"late-train", "lost-parcel"}
        screen.query_one("#progress-difficulty", Select).value = "3"  # none of them is hostile
        await pilot.pause()
        await screen.workers.wait_for_complete()
        await pilot.pause()
        assert screen.shown_rows() == []


async def test_the_difficulty_filter_keeps_only_scenarios_of_it(app_dir: Path) -> None:
    from textual.widgets import Select

    app = build_app(app_dir, today=ASSIGNED_TODAY)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_skills(pilot)
        everyone = screen.shown_rows()
        choose = screen.query_one("#skills-difficulty", Select)
        for level, expected in (("1", []), ("2", everyone)):  # cold-soup is gentle, practice
            choose.value = level
            await pilot.pause()
            await screen.workers.wait_for_complete()
            await pilot.pause()
            assert screen.shown_rows() == expected


async def test_the_mode_switch_shows_practice_and_the_team_filter_any_spelling(
    app_dir: Path,
) -> None:
    app = build_app(app_dir, today=ASSIGNED_TODAY)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_skills(pilot)
        await pilot.press("m")  # practice
        await wait_until(pilot, lambda: [r[0] for r in screen.shown_rows()] == ["Di"], "practice")
        assert screen.shown_rows()[0][3:9] == expected_means(app_dir, "practice")["Di"]
        # The team list has each team once, as first written.
        options = [str(o[0]) for o in screen.query_one("#skills-team")._options[1:]]
        assert options == ["Harbour", "Red"]


async def test_progress_team_filter_narrows_to_one_team(app_dir: Path) -> None:
    app = build_app(app_dir, today=ASSIGNED_TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_progress(pilot)
        select = screen.query_one("#progress-team")
        assert [str(o[0]) for o in select._options[1:]] == ["Harbour"]
        select.value = "Harbour"
        await wait_until(pilot, lambda: screen.team == "Harbour", "the filter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert {r[0] for r in screen.shown_rows()} == {"Harbour"} and len(screen.shown_rows()) == 6


async def test_the_palette_and_the_scoreboard_open_progress(app_dir: Path) -> None:
    app = build_app(app_dir, today=ASSIGNED_TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_library(pilot)
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, ProgressScreen), "from scoreboard")
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert "Progress" in commands and "Skills heatmap" in commands


async def test_names_from_the_database_are_shown_as_plain_text(tmp_path: Path) -> None:
    from app_support import GOOD, record_attempt

    from simulator.scenario.loader import load_scenario

    write_assigned_scenarios(tmp_path / "scenarios")
    save_settings(tmp_path / "config", TraineeSettings(name="Lee", team="Leads"))
    parcel = load_scenario(tmp_path / "scenarios" / "lost-parcel.yaml")
    team, name = "[b]Evil[/b]", "[@click=quit]Eve"  # the store refuses control characters
    with open_store(tmp_path / "board.db") as board:
        record_attempt(board, parcel, name, team, GOOD, "assessment")
        board.assign(team, "lost-parcel", ASSIGNED_TODAY)
    app = build_app(tmp_path, today=ASSIGNED_TODAY)
    async with app.run_test(size=(140, 40)) as pilot:
        progress = await open_progress(pilot)
        (row,) = progress.shown_rows()
        assert (row[0], row[3]) == (team, name)
        skills = await open_skills_from(pilot)
        assert skills.shown_rows()[0][:2] == [name, team]
        assert f"Weakest across {team}:" in str(skills.query_one("#skills-weakest").render())


async def open_skills_from(pilot) -> SkillsScreen:  # type: ignore[no-untyped-def]
    await pilot.press("k")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, SkillsScreen), "skills")
    screen = pilot.app.screen
    await wait_until(pilot, lambda: bool(screen.rows), "the skill rows")
    await pilot.pause()
    return screen
