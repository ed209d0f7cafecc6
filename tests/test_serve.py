"""`recovery-sim serve` end to end, as a trainee's browser tab sees it (no browser: the page's
websocket into a terminal emulator), and what the server refuses."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("textual_serve", reason="serve needs the web extra: pip install -e '.[web]'")

from serve_support import ROOT, USER_HEADER, WebTerminal, http_status, serving  # noqa: E402

SCRIPT = ROOT / "tests" / "data" / "library_scripts" / "gym-billing-after-cancel.good.txt"
TRUSTED = ("--trust-user-header", USER_HEADER)


def scoreboard(db: Path) -> list[dict[str, object]]:
    result = subprocess.run(
        [sys.executable, str(ROOT / "run.py"), "scoreboard", "--db", str(db), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)["rows"]


async def play_one_reply(terminal: WebTerminal, team: str) -> str:
    """Team, the scenario, one good reply: the screens a trainee goes through."""
    await terminal.wait_for("Charged after cancelling")
    await terminal.type(team)
    await terminal.press("\r")
    await terminal.type("charged after")
    await terminal.press("\r")
    await terminal.wait_for("Give up")  # the conversation's footer
    await terminal.type(SCRIPT.read_text().splitlines()[0], pause=0.005)
    await terminal.press("\r")
    return await terminal.wait_for("last reply's scores", timeout=60)


async def test_a_trainee_named_by_the_proxy_plays_and_is_on_the_scoreboard(
    tmp_path: Path,
) -> None:
    with serving(tmp_path, *TRUSTED) as url:
        async with WebTerminal(url, user="Dana Okoro") as terminal:
            screen = await terminal.wait_for("Dana Okoro")
            assert "Name Dana Okoro" in screen  # filled in from the sign-in, not typed
            screen = await play_one_reply(terminal, "Support-East")
            assert "Charged after cancelling" in screen and "Empathy" in screen
            await terminal.type(SCRIPT.read_text().splitlines()[1], pause=0.005)
            await terminal.press("\r")
            await terminal.wait_for("See your debrief", timeout=60)
            await terminal.press("\x04")  # ctrl+d: the debrief
            screen = await terminal.wait_for("Debrief ·")
            assert "Scores [1]" in screen
    rows = scoreboard(tmp_path / "board.db")
    assert [(r["trainee"], r["team"], r["scenario"]) for r in rows] == [
        ("Dana Okoro", "Support-East", "gym-billing-after-cancel")
    ]


async def test_without_the_header_the_server_answers_403(tmp_path: Path) -> None:
    import aiohttp

    with serving(tmp_path, *TRUSTED) as url:
        status, page = http_status(url + "/")
        assert status == 403 and USER_HEADER in page
        assert http_status(url + "/static/js/textual.js")[0] == 403
        async with aiohttp.ClientSession() as session:
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await session.ws_connect(url.replace("http", "ws") + "/ws", origin=url)
            assert refused.value.status == 403
        status, page = http_status(url + "/", {USER_HEADER: "Dana Okoro"})
        assert status == 200 and "/ws" in page
