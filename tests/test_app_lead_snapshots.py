"""The lead's progress screen and skills heatmap at 80x24 and 120x40, on the known Harbour data
set (`app_support.fill_harbour`), judged on a fixed date.

Update after an intended change with `pytest tests/test_app_lead_snapshots.py --snapshot-update`,
then look at the new SVGs before committing them.
"""

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

from simulator.ui.screens.progress import ProgressScreen
from simulator.ui.screens.skills import SkillsScreen
from simulator.ui.settings import TraineeSettings, save_settings

SIZES = [(80, 24), (120, 40)]


@pytest.fixture
def app_dir(tmp_path: Path) -> Path:
    write_assigned_scenarios(tmp_path / "scenarios")
    save_settings(tmp_path / "config", TraineeSettings(name="Lee", team="Leads"))
    fill_harbour(tmp_path)
    return tmp_path


async def to_screen(pilot, key: str, kind: type) -> None:  # type: ignore[no-untyped-def]
    await wait_for_library(pilot)
    await pilot.press(key)
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, kind), kind.__name__)
    screen = pilot.app.screen
    await wait_until(pilot, lambda: not screen.query_one("DataTable").loading, "the rows")
    await screen.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_progress_screen(snap_compare, app_dir: Path, size: tuple[int, int]) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await to_screen(pilot, "f5", ProgressScreen)

    app = build_app(app_dir, today=ASSIGNED_TODAY)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_skills_screen(snap_compare, app_dir: Path, size: tuple[int, int]) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await to_screen(pilot, "f6", SkillsScreen)

    app = build_app(app_dir, today=ASSIGNED_TODAY)
    assert snap_compare(app, terminal_size=size, run_before=run_before)
