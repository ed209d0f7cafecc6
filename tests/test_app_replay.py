"""Enter on a scoreboard row: that attempt's debrief, read-only, rebuilt from the stored
attempt, with its coaching notes; Escape back to the same row. And the scoreboard reading
itself again while it is shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import (
    GOOD,
    POOR,
    build_app,
    record_attempt,
    wait_for_library,
    wait_until,
    write_scenario,
)
from textual.widgets import DataTable, Select, Static

from simulator.scenario.loader import load_scenario
from simulator.store import open_store
from simulator.ui.screens.replay import ReplayScreen
from simulator.ui.screens.scoreboard import ScoreboardScreen
from simulator.ui.settings import TraineeSettings, save_settings
from simulator.ui.widgets.marked_transcript import MarkedTranscript


@pytest.fixture
def app_dir(tmp_path: Path) -> Path:
    (tmp_path / "scenarios").mkdir()
    write_scenario(tmp_path / "scenarios")
    save_settings(tmp_path / "config", TraineeSettings(name="Ada", team="Blue"))
    return tmp_path


def played(app_dir: Path, db: str | None = None) -> dict[str, str]:
    """Ada played well, Bo poorly; the lead noted Ada's attempt."""
    scenario = load_scenario(app_dir / "scenarios" / "lost-parcel.yaml")
    with open_store(db or app_dir / "board.db") as board:
        ada = record_attempt(board, scenario, "Ada", "Blue", GOOD, "assessment")
        bo = record_attempt(board, scenario, "Bo", "Blue", POOR, "practice")
        board.add_note(ada, "Good apology.\nNext time: the refund first.", "Dana")
    return {"Ada": ada, "Bo": bo}


async def open_scoreboard(pilot) -> ScoreboardScreen:  # type: ignore[no-untyped-def]
    await wait_for_library(pilot)
    await pilot.press("f2")
    screen = pilot.app.screen
    assert isinstance(screen, ScoreboardScreen)
    await wait_until(pilot, lambda: bool(screen.rows), "scoreboard rows")
    await screen.workers.wait_for_complete()
    await pilot.pause()
    screen.query_one("#board", DataTable).focus()
    return screen


async def enter_on(pilot, screen: ScoreboardScreen, trainee: str) -> ReplayScreen:  # type: ignore[no-untyped-def]
    table = screen.query_one("#board", DataTable)
    names = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
    await pilot.press(*["up"] * len(names), *["down"] * names.index(trainee))
    assert screen.selected_row().trainee == trainee and table.has_focus
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ReplayScreen), "the replay")
    await pilot.pause()
    return pilot.app.screen


def text_of(screen, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(screen.query_one(selector, Static).render())


async def test_enter_opens_that_attempts_debrief_read_only_with_its_note(app_dir: Path) -> None:
    ids = played(app_dir)
    app = build_app(app_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        board = await open_scoreboard(pilot)
        replay = await enter_on(pilot, board, "Bo")
        assert replay.record.id == ids["Bo"] and replay.record.trainee == "Bo"
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is board and board.selected_row().trainee == "Bo"

        replay = await enter_on(pilot, board, "Ada")
        assert replay.record.id == ids["Ada"]
        assert replay.rebuilt.marked  # the keyword scorer gives the stored scores again
        # recorded as scorer "test" (app_support.record_attempt): said, not hidden
        assert replay.rebuilt.notices[0].startswith("Scored by scorer test; marked by this one")
        # The stored scores and verdict, and the marks the trainee saw (keyword scorer's spans).
        assert replay.debrief.overall == replay.record.overall
        outcome = text_of(replay, "#outcome")
        assert replay.record.passed is False  # GOOD scores 65 with the keyword scorer
        assert f"Failed: {replay.record.overall}, pass mark 70, resolved" in outcome
        marks = [m.evidence.text for m in replay.marks]
        assert "sorry" in marks and "refund" in marks
        assert replay.query_one(MarkedTranscript).turns[0].reply == GOOD[0]
        assert "1 coaching note: press 5" in text_of(replay, "#replay-about")
        await pilot.press("5")
        await pilot.pause()
        note = text_of(replay, "#notes-text")
        assert "Dana" in note and "Good apology.\nNext time: the refund first." in note
        # Nothing that would play again or write: the keys do nothing, and the footer lacks them.
        shown = {b.binding.action for b in replay.active_bindings.values()}
        assert not shown & {"retry", "save", "pick_another", "scoreboard"}
        await pilot.press("r", "d", "p")
        await pilot.pause()
        assert pilot.app.screen is replay
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is board and board.selected_row().trainee == "Ada"
    with open_store(app_dir / "board.db") as board_store:
        assert len(board_store.attempts()) == 2  # nothing recorded by reading


async def test_a_changed_or_missing_scenario_is_said_and_the_transcript_still_shown(
    app_dir: Path,
) -> None:
    played(app_dir)
    path = app_dir / "scenarios" / "lost-parcel.yaml"
    path.write_text(path.read_text() + "# edited since\n", encoding="utf-8")
    app = build_app(app_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        replay = await enter_on(pilot, await open_scoreboard(pilot), "Ada")
        about = text_of(replay, "#replay-about")
        assert 'The scenario file "lost-parcel" has changed since this attempt' in about
        assert not replay.rebuilt.marked and replay.marks == []
        assert f"Overall {replay.record.overall}/100" in text_of(replay, "#outcome")
        assert replay.query_one(MarkedTranscript).turns[1].reply == GOOD[1]
    path.unlink()
    write_scenario(app_dir / "scenarios", id="cold-soup", title="Cold soup")
    app = build_app(app_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        replay = await enter_on(pilot, await open_scoreboard(pilot), "Ada")
        assert 'The scenario "lost-parcel" is no longer in the library' in text_of(
            replay, "#replay-about"
        )
        assert [t.reply for t in replay.query_one(MarkedTranscript).turns] == GOOD
        assert "Failed: 65, pass mark 70, resolved" in text_of(replay, "#outcome")


async def test_a_trainee_opening_their_own_attempt_sees_the_leads_note(app_dir: Path) -> None:
    ids = played(app_dir)
    app = build_app(app_dir)  # the settings say this is Ada
    async with app.run_test(size=(120, 40)) as pilot:
        replay = await enter_on(pilot, await open_scoreboard(pilot), "Ada")
        assert replay.record.id == ids["Ada"]
        assert "Dana" in text_of(replay, "#notes-text")


async def test_the_scoreboard_shows_an_attempt_recorded_elsewhere_while_open(
    app_dir: Path, new_store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import simulator.ui.screens.scoreboard as module

    monkeypatch.setattr(module, "REFRESH_SECONDS", 0.2)
    db = new_store()  # a file, or a PostgreSQL database, as the backend parameter says
    played(app_dir, db)
    app = build_app(app_dir, db_path=db)
    async with app.run_test(size=(120, 40)) as pilot:
        board = await open_scoreboard(pilot)
        await pilot.press("s")  # sorted by trainee, cursor on Bo
        await pilot.press("down")
        assert board.selected_row().trainee == "Bo"
        scenario = load_scenario(app_dir / "scenarios" / "lost-parcel.yaml")
        with open_store(db) as other:  # another connection: a teammate's app
            record_attempt(other, scenario, "Cy", "Red", GOOD, "assessment")
        await wait_until(pilot, lambda: len(board.rows) == 3, "Cy's attempt to appear")
        await pilot.pause()
        table = board.query_one("#board", DataTable)
        names = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        assert names == ["Ada", "Bo", "Cy"]  # still sorted by trainee
        assert board.selected_row().trainee == "Bo"  # the cursor stayed on its trainee
        assert board.sort_key == "trainee"
        board.query_one("#team-filter", Select).value = "Red"  # Cy's new team is a choice now
        await wait_until(pilot, lambda: [r.trainee for r in board.rows] == ["Cy"], "Red only")


async def test_a_server_away_is_said_and_the_refresh_carries_on(
    app_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import simulator.ui.screens.scoreboard as module
    from simulator.store.errors import ServerUnavailableError

    monkeypatch.setattr(module, "REFRESH_SECONDS", 0.2)
    played(app_dir)
    app = build_app(app_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        board = await open_scoreboard(pilot)
        store = app.attempts.board()
        where = "postgresql://lead@db.example.org/recovery_sim"

        def away(*_: object, **__: object) -> None:
            raise ServerUnavailableError(where, "connection refused")

        monkeypatch.setattr(store, "leaderboard", away)
        status = board.query_one("#board-status", Static)
        await wait_until(pilot, lambda: status.display, "the status line")
        said = str(status.render())
        assert said.startswith(f"the scoreboard server {where} is not answering")
        assert "trying again every 0.2 s" in said
        assert [r.trainee for r in board.rows] == ["Ada", "Bo"]  # what was read last stays
        assert pilot.app.screen is board  # no dialog over it
        monkeypatch.undo()
        monkeypatch.setattr(module, "REFRESH_SECONDS", 0.2)
        with open_store(app_dir / "board.db") as other:
            scenario = load_scenario(app_dir / "scenarios" / "lost-parcel.yaml")
            record_attempt(other, scenario, "Cy", "Red", GOOD, "assessment")
        await wait_until(pilot, lambda: len(board.rows) == 3, "the refresh after the outage")
        assert not status.display
