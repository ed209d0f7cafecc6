"""Whole conversations played through the UI, as a trainee would."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from app_support import build_app, send_reply, wait_for_library, wait_until, write_scenario
from textual.widget import Widget
from textual.widgets import DataTable, Input

from simulator.store import open_store
from simulator.ui.preload import start_library_load
from simulator.ui.screens.confirm import ConfirmDialog
from simulator.ui.screens.conversation import ConversationScreen
from simulator.ui.screens.debrief import DebriefScreen
from simulator.ui.screens.start import StartScreen
from simulator.ui.widgets.anger_meter import AngerMeter
from simulator.ui.widgets.chat import Bubble
from simulator.ui.widgets.coach import CoachPanel


@pytest.fixture(autouse=True)
def scenario_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    write_scenario(folder)
    write_scenario(folder, id="late-train", title="Train late", category="travel")
    return folder


def bubble_texts(screen: ConversationScreen) -> list[str]:
    return [str(b.content) for b in screen.query(Bubble)]


async def start_conversation(pilot, name: str = "Ada", team: str = "Blue") -> ConversationScreen:  # type: ignore[no-untyped-def]
    app = pilot.app
    await wait_for_library(pilot)
    start = app.screen
    start.query_one("#name", Input).value = name
    start.query_one("#team", Input).value = team
    start.query_one("#filter", Input).value = "parcel"
    start.query_one("#filter", Input).focus()
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(app.screen, ConversationScreen), "conversation")
    await pilot.pause()
    return app.screen


async def test_play_a_conversation_to_the_debrief_and_retry(tmp_path: Path) -> None:
    app = build_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_library(pilot)
        start = app.screen
        assert isinstance(start, StartScreen)
        assert start.focused is start.query_one("#name", Input)  # nothing saved: name first
        await pilot.press(*"Ada", "enter", *"Blue", "enter")
        await pilot.press(*"parcel")  # typing in the filter narrows the table
        assert start.query_one("#library", DataTable).row_count == 1
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ConversationScreen), "conversation")
        screen = app.screen
        meter = screen.query_one(AngerMeter)
        start_anger = meter.anger
        assert bubble_texts(screen) == ["Where is my parcel?"]

        await send_reply(pilot, "That's our policy, calm down.")
        assert meter.anger > start_anger  # excuses make it worse
        texts = bubble_texts(screen)
        assert texts[1] == "That's our policy, calm down."
        assert len(texts) == 3  # opening, reply, the customer's answer
        after_bad = meter.anger

        await send_reply(pilot, "I understand, I'm sorry, it was our mistake.")
        assert meter.anger < after_bad  # good recovery calms
        assert "2 replies left" in str(screen.query_one("#replies-left").content)
        assert {"apology", "empathy", "ownership"} <= screen.query_one(CoachPanel).shown

        await send_reply(pilot, "I'm sorry. I will refund it today.")
        assert screen.finished
        assert bubble_texts(screen)[-2] == "Fine. Refund it and we're done."
        # The header says how it ended, not "0 replies left".
        assert str(screen.query_one("#replies-left").content) == "Resolved"
        await pilot.press("enter")  # the focused "See your debrief" button
        await pilot.pause()
        debrief = app.screen
        assert isinstance(debrief, DebriefScreen)
        assert debrief.debrief.outcome == "resolved"
        assert debrief.debrief.replies_used == 3

        await pilot.press("r")  # retry the same scenario
        await pilot.pause()
        assert isinstance(app.screen, ConversationScreen)
        assert app.screen is not screen
        assert app.screen.scenario.id == "lost-parcel"
        assert bubble_texts(app.screen) == ["Where is my parcel?"]

    with open_store(tmp_path / "board.db") as board:
        attempts = board.attempts()
    finished = [a for a in attempts if a.outcome == "resolved"]
    assert len(finished) == 1
    assert (finished[0].trainee, finished[0].team, finished[0].mode) == ("Ada", "Blue", "practice")
    with open_store(tmp_path / "board.db") as board:
        assert len(board.attempt(finished[0].id).turns) == 3


async def test_empty_reply_is_not_sent_and_says_why(tmp_path: Path) -> None:
    app = build_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_conversation(pilot)
        await pilot.press("space", "enter")
        await pilot.pause()
        assert screen.turns_shown == 0
        assert bubble_texts(screen) == ["Where is my parcel?"]
        assert "empty reply is not sent" in str(screen.query_one("#reply-notice").content)


async def test_too_long_reply_is_kept_and_not_sent(tmp_path: Path) -> None:
    app = build_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_conversation(pilot)
        from textual import events

        app.post_message(events.Paste("x" * 2001))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert screen.turns_shown == 0
        assert "2,001/2,000" in str(screen.query_one("#reply-counter").content)
        assert "shorten it" in str(screen.query_one("#reply-notice").content)
        assert len(screen.query_one("#reply").text) == 2001  # nothing the trainee typed is lost


async def test_ctrl_j_adds_a_new_line_instead_of_sending(tmp_path: Path) -> None:
    app = build_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_conversation(pilot)
        await pilot.press("h", "i", "ctrl+j", "y", "o")
        assert screen.query_one("#reply").text == "hi\nyo"
        assert screen.turns_shown == 0


async def test_quit_mid_conversation_asks_and_keeps_the_attempt_as_abandoned(
    tmp_path: Path,
) -> None:
    app = build_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_conversation(pilot)
        await send_reply(pilot, "I'm sorry about that.")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # stay
        await pilot.pause()
        assert isinstance(app.screen, ConversationScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0
    with open_store(tmp_path / "board.db") as board:
        (attempt,) = board.attempts()
        assert attempt.outcome == "abandoned"
        assert len(board.attempt(attempt.id).turns) == 1


async def test_give_up_shows_the_debrief_of_an_abandoned_attempt(tmp_path: Path) -> None:
    app = build_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_conversation(pilot)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert app.screen.debrief.outcome == "abandoned"
        await pilot.press("p")  # pick another: back to the library
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)


async def test_back_at_the_library_typing_starts_a_new_filter(tmp_path: Path) -> None:
    app = build_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_library(pilot)
        await pilot.press(*"Ada", "enter", *"Blue", "enter", *"parcel", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ConversationScreen), "conversation")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        start = app.screen
        assert isinstance(start, StartScreen)
        await pilot.press(*"train")  # replaces "parcel" instead of making "parceltrain"
        assert start.query_one("#filter", Input).value == "train"
        assert [scenario.id for scenario in start.shown] == ["late-train"]


async def test_assessment_mode_hides_the_coach_and_hints(tmp_path: Path) -> None:
    app = build_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_library(pilot)
        await pilot.press("f3")  # switch mode
        screen = await start_conversation(pilot)
        assert screen.mode == "assessment"
        assert not screen.query(CoachPanel)
        assert "hint" not in {b.binding.action for b in app.active_bindings.values()}
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert not screen.query("#coach-hint")
        await send_reply(pilot, "I'm sorry about that.")  # an attempt is kept from its first reply
    with open_store(tmp_path / "board.db") as board:
        assert board.attempts()[0].mode == "assessment"


async def test_hint_names_a_behaviour_not_shown_yet(tmp_path: Path) -> None:
    app = build_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_conversation(pilot)
        await send_reply(pilot, "I'm sorry, I understand.")
        await pilot.press("ctrl+g")
        await pilot.pause()
        hint = str(screen.query_one("#coach-hint").content)
        assert hint.startswith("Hint: Active listening")


async def test_name_team_and_mode_are_remembered_between_runs(tmp_path: Path) -> None:
    app = build_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_library(pilot)
        await pilot.press(*"Grace", "enter", *"Red", "enter", "f3")
        await pilot.press("ctrl+q")
        await pilot.pause()
    saved = json.loads((tmp_path / "config" / "settings.json").read_text())
    assert (saved["name"], saved["team"], saved["mode"]) == ("Grace", "Red", "assessment")

    again = build_app(tmp_path)
    async with again.run_test(size=(80, 24)) as pilot:
        await wait_for_library(pilot)
        start = again.screen
        assert start.query_one("#name", Input).value == "Grace"
        assert start.query_one("#team", Input).value == "Red"
        assert start.focused is start.query_one("#filter", Input)  # straight to the library


async def test_broken_scenario_files_are_listed_with_their_error(
    tmp_path: Path, scenario_dir: Path
) -> None:
    (scenario_dir / "broken.yaml").write_text("id: broken\ntitle: [unclosed\n")
    app = build_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_library(pilot)
        broken = app.screen.query_one("#broken")
        assert broken.display
        assert "broken.yaml" in str(app.screen.query_one("#broken-text").content)
        assert app.screen.query_one("#library", DataTable).row_count == 2


async def test_a_library_read_before_start_is_in_the_first_frame(
    tmp_path: Path, scenario_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    waited: list[bool] = []
    monkeypatch.setattr(StartScreen, "load", lambda self: waited.append(True))
    library = start_library_load([scenario_dir], bundled=False)  # as the CLI does
    library.result(timeout=30)
    app = build_app(tmp_path, library_future=library)
    async with app.run_test(size=(80, 24)) as pilot:
        start = pilot.app.screen
        assert not waited  # filled while mounting: no worker, no second layout pass
        assert start.query_one("#library", DataTable).row_count == 2
        assert not start.query("#broken")  # nothing broken: the box is not even mounted


async def test_best_scores_that_arrive_while_the_app_closes_are_dropped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found in CI: the scores came back after Textual had removed the start screen's
    children but before it cancelled the worker, and the query for them raised."""
    app = build_app(tmp_path)
    boxes_gone = asyncio.Event()
    real_best = type(app).best_scores

    async def best_after_the_boxes_are_gone(self: object) -> dict[str, int]:
        await boxes_gone.wait()
        return await real_best(self)  # type: ignore[arg-type]

    real_unmount = Widget._on_unmount

    def unmount(self: Widget) -> None:
        real_unmount(self)
        if self.id == "assignments-box":
            boxes_gone.set()

    monkeypatch.setattr(type(app), "best_scores", best_after_the_boxes_are_gone)
    monkeypatch.setattr(Widget, "_on_unmount", unmount)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_library(pilot)
    assert boxes_gone.is_set()  # the scores were read while the screen was coming down
    assert app.return_code in (None, 0)  # and the app closed without an error


async def test_starting_without_a_name_asks_for_one(tmp_path: Path) -> None:
    app = build_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_library(pilot)
        start = app.screen
        start.query_one("#filter", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert start.focused is start.query_one("#name", Input)


class FailingScorer:
    def __call__(self, reply: str, **_: object) -> None:
        raise RuntimeError("the scorer's lexicon file is unreadable")


async def test_an_engine_failure_is_shown_in_a_dialog_and_the_reply_kept(tmp_path: Path) -> None:
    from simulator.ui.screens.error import ErrorDialog

    app = build_app(tmp_path, scorer=FailingScorer())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_conversation(pilot)
        await pilot.press(*"sorry", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ErrorDialog), "the error dialog")
        assert "lexicon file is unreadable" in app.screen.detail
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one("#reply").text == "sorry"  # nothing typed is lost
        assert bubble_texts(screen) == ["Where is my parcel?"]  # and it is not shown as sent
        assert not screen.locked


async def test_debrief_keys_wait_out_typing_ahead(tmp_path: Path) -> None:
    app = build_app(tmp_path, customer_delay=1.0)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_conversation(pilot)
        await pilot.press("escape", "y")
        await wait_until(pilot, lambda: isinstance(app.screen, DebriefScreen), "debrief")
        debrief = app.screen
        await pilot.press("s")  # typed ahead: ignored
        assert app.screen is debrief
        await pilot.pause(1.0)
        await pilot.press("s")  # now it opens the scoreboard
        await pilot.pause()
        from simulator.ui.screens.scoreboard import ScoreboardScreen

        assert isinstance(app.screen, ScoreboardScreen)


async def test_command_palette_starts_a_scenario(tmp_path: Path) -> None:
    from textual.widgets import Input as TextInput

    app = build_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_library(pilot)
        app.screen.query_one("#name", TextInput).value = "Ada"
        app.screen.query_one("#team", TextInput).value = "Blue"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"start scen", "enter")
        await pilot.pause(0.3)
        await pilot.press(*"train", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ConversationScreen), "conversation")
        assert app.screen.scenario.id == "late-train"


async def test_the_library_shows_this_trainees_best_score_after_playing(tmp_path: Path) -> None:
    app = build_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_conversation(pilot)
        await send_reply(pilot, "I understand, I'm sorry, our mistake. I will refund it today.")
        await pilot.press("enter")  # to the debrief
        await pilot.pause()
        overall = app.screen.debrief.overall
        await pilot.press("p")  # pick another
        start = app.screen
        assert isinstance(start, StartScreen)
        table = start.query_one("#library", DataTable)

        def best_shown() -> bool:
            return str(table.get_cell("lost-parcel", "best")) == str(overall)

        await wait_until(pilot, best_shown, "the best score in the library")
        start.query_one("#filter", Input).value = ""
        await pilot.pause()
        assert str(table.get_cell("late-train", "best")) == "–"  # never played


async def test_a_reply_is_scored_by_the_real_scorer_by_default(tmp_path: Path) -> None:
    app = build_app(tmp_path, scorer=None)  # what `python run.py` uses
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_conversation(pilot)
        await send_reply(pilot, "I'm so sorry your parcel was lost, that's on us.")
        (turn,) = screen.conversation.turns
        assert turn.score.dimensions["apology"] >= 50
        assert len(bubble_texts(screen)) == 3


async def test_a_conversation_with_no_reply_is_not_recorded(tmp_path: Path) -> None:
    """Retry from the debrief, then quit straight away: no attempt scored 0 is kept."""
    app = build_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_conversation(pilot)
        await send_reply(pilot, "I'm sorry about that.")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await wait_until(pilot, lambda: isinstance(app.screen, DebriefScreen), "debrief")
        await wait_until(pilot, lambda: app.screen.armed, "debrief keys")
        await pilot.press("r")  # retry: a new conversation
        await wait_until(pilot, lambda: isinstance(app.screen, ConversationScreen), "retry")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await wait_until(pilot, lambda: isinstance(app.screen, DebriefScreen), "second debrief")
    with open_store(tmp_path / "board.db") as board:
        (attempt,) = board.attempts()  # only the conversation that had a reply
        assert len(board.attempt(attempt.id).turns) == 1


async def test_practice_coaches_in_the_moment_and_assessment_keeps_it_for_the_debrief(
    tmp_path: Path,
) -> None:
    app = build_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_conversation(pilot)
        await send_reply(pilot, "I'm sorry your parcel was lost.")
        moment = str(screen.query_one("#coach-moment").render())
        assert "Last reply" in moment and "Anger ▼" in moment and "mostly" in moment
    app = build_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_library(pilot)
        await pilot.press("f3")  # assessment
        screen = await start_conversation(pilot)
        await send_reply(pilot, "I'm sorry your parcel was lost.")
        assert not screen.query("#coach-moment")


async def test_an_assessment_debrief_says_passed_or_failed_and_keeps_it(tmp_path: Path) -> None:
    app = build_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_library(pilot)
        await pilot.press("f3")  # assessment
        await start_conversation(pilot)
        await send_reply(pilot, "I'm sorry about that.")
        await pilot.press("escape", "y")  # give up: a given-up attempt never passes
        await wait_until(pilot, lambda: isinstance(app.screen, DebriefScreen), "debrief")
        line = str(app.screen.query_one("#outcome").content)
        assert "Failed: " in line and "pass mark 70" in line
    with open_store(tmp_path / "board.db") as board:
        (attempt,) = board.attempts()
        assert (attempt.pass_mark, attempt.passed) == (70, False)
