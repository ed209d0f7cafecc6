"""The app on a team's PostgreSQL server: when the server goes away mid-conversation, the
trainee gets a message, not a traceback, and the conversation carries on."""

from __future__ import annotations

import asyncio
from pathlib import Path

import psycopg
import pytest
from app_support import build_app, send_reply, wait_for_library, wait_until, write_scenario
from textual.widgets import Input

from simulator.store import open_store
from simulator.ui.screens.conversation import ConversationScreen
from simulator.ui.screens.error import ErrorDialog
from simulator.ui.widgets.chat import Bubble


@pytest.fixture
def team_url(pg_server, tmp_path: Path) -> str:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    write_scenario(folder)
    return pg_server.database("app")


def _set_connections(admin_url: str, name: str, allowed: bool) -> None:
    """Refuse (or allow again) new connections to the database and cut the open ones: to the
    app, the server has gone away (or come back)."""
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS {str(allowed).lower()}')
        if not allowed:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()",
                (name,),
            )


@pytest.fixture
def own_cluster(pg_server):
    """A throwaway cluster of this test's own, to stop for real (`pg_ctl stop -m immediate`)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from pg_cluster import Cluster

    cluster = Cluster()
    try:
        yield cluster
    finally:
        cluster.remove()


def _notices(app) -> list[str]:
    return [str(note.message) for note in app._notifications]


async def test_the_server_stopped_mid_conversation_keeps_every_reply_and_saves_them_later(
    own_cluster, tmp_path: Path
) -> None:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    write_scenario(folder)
    url = own_cluster.url
    app = build_app(tmp_path, db_path=url)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_library(pilot)
        start = app.screen
        start.query_one("#name", Input).value = "Ada"
        start.query_one("#team", Input).value = "Blue"
        start.query_one("#filter", Input).value = "parcel"
        start.query_one("#filter", Input).focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ConversationScreen), "conversation")
        screen = app.screen
        await send_reply(pilot, "I hear you, that sounds frustrating")
        await wait_until(pilot, lambda: app.attempts.recorder.waiting() == 0, "the first save")
        own_cluster.kill()  # pg_ctl stop -m immediate, mid-conversation
        await pilot.press(*"I understand")
        await pilot.press("enter")
        # The customer answers without waiting for the server (the write is held back) ...
        await wait_until(pilot, lambda: len(screen.query(Bubble)) == 5, "the customer's answer")
        # ... and the trainee is told, in words, without a dialog in the way.
        await wait_until(
            pilot, lambda: any("not answering" in n for n in _notices(app)), "the message"
        )
        assert not isinstance(app.screen, ErrorDialog)
        assert not any("Traceback" in n for n in _notices(app))
        assert app.attempts.recorder.waiting() >= 1
        assert "not answering" in (app.attempts.save_state() or "")  # what the debrief says
        await send_reply(pilot, "I am sorry, that was our mistake")
        assert len(screen.query(Bubble)) == 7
        own_cluster.start()
        await wait_until(pilot, lambda: app.attempts.recorder.waiting() == 0, "the late saves")
        await wait_until(
            pilot, lambda: any("answering again" in n for n in _notices(app)), "the all-clear"
        )
        assert app.attempts.save_state() is None
    with open_store(url) as board:
        (attempt,) = board.attempts()
        stored = [turn.reply for turn in board.attempt(attempt.id).turns]
    assert stored == [
        "I hear you, that sounds frustrating",
        "I understand",
        "I am sorry, that was our mistake",
    ]


async def test_quitting_while_the_server_is_away_keeps_the_attempt_in_a_file_to_import(
    own_cluster, tmp_path: Path
) -> None:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    write_scenario(folder)
    app = build_app(tmp_path, db_path=own_cluster.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_library(pilot)
        start = app.screen
        start.query_one("#name", Input).value = "Ada"
        start.query_one("#team", Input).value = "Blue"
        start.query_one("#filter", Input).value = "parcel"
        start.query_one("#filter", Input).focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ConversationScreen), "conversation")
        own_cluster.kill()
        await send_reply(pilot, "I hear you, that sounds frustrating")
        app.screen.abandon()
        message = await asyncio.to_thread(app.attempts.settle, app.config_dir, 0.5)
    assert message is not None and "recovery-sim import" in message
    path = Path(message.split("import ", 1)[1].split(" --db")[0])
    own_cluster.start()
    with open_store(own_cluster.url) as board:
        result = board.import_files([path])
        assert result.added == 1
        (attempt,) = board.attempts()
        stored = [turn.reply for turn in board.attempt(attempt.id).turns]
    assert stored == ["I hear you, that sounds frustrating"]
