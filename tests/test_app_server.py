"""The app on a team's PostgreSQL server: when the server goes away mid-conversation, the
trainee gets a message, not a traceback, and the conversation carries on."""

from __future__ import annotations

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


async def test_the_server_going_away_shows_a_message_and_keeps_the_conversation(
    team_url: str, tmp_path: Path, pg_server
) -> None:
    app = build_app(tmp_path, db_path=team_url)
    name = team_url.rsplit("/", 1)[1]
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
        _set_connections(pg_server.url, name, allowed=False)
        try:
            await pilot.press(*"I understand")
            await pilot.press("enter")
            await wait_until(pilot, lambda: isinstance(app.screen, ErrorDialog), "the message")
            dialog = app.screen
            assert dialog.title_text == "Could not record your reply"
            assert "is not answering" in dialog.detail and "keep practising" in dialog.detail
            assert "Traceback" not in dialog.detail
            await pilot.press("escape")
            await wait_until(pilot, lambda: app.screen is screen, "the conversation again")
            await wait_until(pilot, lambda: not screen.locked, "the customer to answer")
        finally:
            _set_connections(pg_server.url, name, allowed=True)
        texts = [str(bubble.content) for bubble in screen.query(Bubble)]
        assert "I hear you, that sounds frustrating" in texts and "I understand" in texts
        assert len(texts) == 5  # opening, two replies, two answers: nothing dropped
        await send_reply(pilot, "I am sorry, that was our mistake")  # recorded again
    with open_store(team_url) as board:
        (attempt,) = board.attempts()
        stored = [turn.reply for turn in board.attempt(attempt.id).turns]
    assert stored == ["I hear you, that sounds frustrating", "I am sorry, that was our mistake"]
