"""`recovery-sim serve` end to end, as a trainee's browser tab sees it (no browser: the page's
websocket into a terminal emulator), and what the server refuses."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

pytest.importorskip("textual_serve", reason="serve needs the web extra: pip install -e '.[web]'")

from serve_support import ROOT, USER_HEADER, WebTerminal, http_status, serving  # noqa: E402

from simulator.store import open_store  # noqa: E402

SCRIPT = ROOT / "tests" / "data" / "library_scripts" / "gym-billing-after-cancel.good.txt"
TRUSTED = ("--trust-user-header", USER_HEADER)


def scoreboard(db: Path, *args: str) -> list[dict[str, object]]:
    command = [sys.executable, str(ROOT / "run.py"), "scoreboard", "--db", str(db), *args]
    result = subprocess.run(
        [*command, "--format", "json"],
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
            await terminal.press("d")  # save the debrief: in a browser, a download
            text = await downloaded(terminal, url)
            assert (
                "=== Debrief: gym-billing-after-cancel ===" in text and "Outcome: Resolved" in text
            )
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


async def test_a_full_server_says_so_and_frees_the_seat_when_a_tab_closes(tmp_path: Path) -> None:
    import aiohttp

    with serving(tmp_path, "--max-sessions", "1") as url:
        async with WebTerminal(url) as terminal:
            await terminal.wait_for("Name")
            assert len(url.children()) == 1
            status, page = http_status(url + "/")
            assert status == 503 and "All 1 practice sessions are in use" in page
            async with aiohttp.ClientSession() as session:
                with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                    await session.ws_connect(url.replace("http", "ws") + "/ws", origin=url)
                assert refused.value.status == 503
        await wait_until_true(lambda: not url.children(), "the app process to exit")
        assert http_status(url + "/")[0] == 200


async def test_a_page_from_another_site_cannot_open_a_session(tmp_path: Path) -> None:
    import aiohttp

    with serving(tmp_path) as url:
        async with aiohttp.ClientSession() as session:
            for origin in ("https://evil.example", None):
                headers = {"Origin": origin} if origin else {}
                with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                    await session.ws_connect(url.replace("http", "ws") + "/ws", headers=headers)
                assert refused.value.status == 403
        assert url.children() == []


async def test_an_idle_session_ends_and_keeps_what_was_played(tmp_path: Path) -> None:
    with serving(tmp_path, "--idle-minutes", "0.1", *TRUSTED) as url:  # six seconds
        async with WebTerminal(url, user="Dana Okoro") as terminal:
            await play_one_reply(terminal, "Support-East")
            await asyncio.wait_for(terminal.closed.wait(), timeout=30)
        await wait_until_true(lambda: not url.children(), "the app process to exit")
    with open_store(tmp_path / "board.db") as board:
        (attempt,) = board.attempts()
        assert (attempt.trainee, attempt.outcome) == ("Dana Okoro", "abandoned")
        assert len(board.attempt(attempt.id).turns) == 1


async def wait_until_true(condition: Callable[[], bool], what: str, timeout: float = 20) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.1)


async def test_a_tab_closed_before_the_debrief_keeps_the_outcome(tmp_path: Path) -> None:
    with serving(tmp_path, *TRUSTED) as url:
        async with WebTerminal(url, user="Dana Okoro") as terminal:
            await play_one_reply(terminal, "Support-East")
            await terminal.type(SCRIPT.read_text().splitlines()[1], pause=0.005)
            await terminal.press("\r")
            await terminal.wait_for("See your debrief", timeout=60)
        await wait_until_true(lambda: not url.children(), "the app process to exit")
    with open_store(tmp_path / "board.db") as board:
        (attempt,) = board.attempts()
        assert attempt.outcome == "resolved"


async def test_a_screenshot_is_offered_to_the_browser_as_a_download(tmp_path: Path) -> None:
    with serving(tmp_path, *TRUSTED) as url:
        async with WebTerminal(url, user="Dana Okoro") as terminal:
            await terminal.wait_for("Charged after cancelling")
            await terminal.press("\x10")  # ctrl+p: the command palette
            await terminal.type("Screenshot")
            await terminal.press("\r")
            svg = await downloaded(terminal, url)
            assert svg.lstrip().startswith("<svg") and "Okoro" in svg


async def test_stopping_the_server_ends_every_session_and_keeps_the_turns(tmp_path: Path) -> None:
    with serving(tmp_path, *TRUSTED) as url:
        async with WebTerminal(url, user="Dana Okoro") as terminal:
            await play_one_reply(terminal, "Support-East")
            (pid,) = url.children()
            url.process.terminate()  # as Ctrl+C or `systemctl stop` would
            await asyncio.wait_for(terminal.closed.wait(), timeout=30)
            assert url.process.wait(timeout=30) == 0
        assert not Path(f"/proc/{pid}").exists()
    with open_store(tmp_path / "board.db") as board:
        (attempt,) = board.attempts()
        assert attempt.outcome == "abandoned" and len(board.attempt(attempt.id).turns) == 1


async def downloaded(terminal: WebTerminal, url: str) -> str:
    """The file the app just offered the page, fetched as the browser would."""
    offers = terminal.messages
    await wait_until_true(
        lambda: any(m[0] == "deliver_file_start" for m in offers),  # type: ignore[index]
        "the download to be offered",
    )
    (key,) = [m[1] for m in offers if m[0] == "deliver_file_start"]  # type: ignore[index]
    offers.clear()
    headers = {USER_HEADER: terminal.user or ""}
    status, text = await asyncio.to_thread(http_status, f"{url}/download/{key}", headers)
    assert status == 200, text
    return text
