"""One reply end to end in a real browser: Debian's Chromium, driven by Playwright's Python
package (never `playwright install`). The terminal is drawn on a canvas, so what happened is
read from the scoreboard; the screenshot is kept as an artifact for a person to look at."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

pytest.importorskip("textual_serve", reason="serve needs the web extra: pip install -e '.[web]'")
pytest.importorskip("playwright", reason="the browser test needs playwright (the test extra)")

from serve_support import ROOT, serving  # noqa: E402

from simulator.store import open_store  # noqa: E402

CHROMIUM = os.environ.get("RECOVERY_SIM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCRIPT = ROOT / "tests" / "data" / "library_scripts" / "gym-billing-after-cancel.good.txt"
ARTIFACTS = Path(os.environ.get("RECOVERY_SIM_ARTIFACTS", ROOT / "build" / "artifacts"))


def chromium() -> str:
    if Path(CHROMIUM).is_file() or shutil.which(CHROMIUM):
        return CHROMIUM
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI needs Chromium at {CHROMIUM}: apt-get install -y chromium (.ci/run does)")
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install -y chromium to run this test)")


def wait_for(condition, what: str, timeout: float = 60) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


def turns_played(db: Path) -> tuple[int, str | None]:
    if not db.exists():
        return 0, None
    with open_store(db) as board:
        attempts = board.attempts()
        if not attempts:
            return 0, None
        return len(board.attempt(attempts[0].id).turns), attempts[0].outcome


def test_a_trainee_plays_in_chromium_and_the_attempt_is_saved(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    executable = chromium()
    db = tmp_path / "board.db"
    replies = SCRIPT.read_text().splitlines()
    with serving(tmp_path) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            external: list[str] = []
            page.on(
                "request",
                lambda r: external.append(r.url) if not r.url.startswith(url) else None,
            )
            page.goto(url + "/")
            page.wait_for_selector("body.-first-byte", timeout=60_000)
            keys = page.locator(".xterm-helper-textarea")
            keys.focus()  # not a click: that becomes a mouse event in the app and moves focus
            time.sleep(1.5)  # the library fills in
            page.keyboard.type("Dana Okoro", delay=20)
            page.keyboard.press("Tab")
            time.sleep(0.3)  # without a pause two fields' text can run together
            page.keyboard.type("Support-East", delay=20)
            page.keyboard.press("Enter")
            time.sleep(0.3)
            page.keyboard.type("charged after", delay=20)
            page.keyboard.press("Enter")
            time.sleep(1.5)  # the conversation opens
            for number, reply in enumerate(replies, 1):
                page.keyboard.type(reply, delay=2)
                page.keyboard.press("Enter")
                wait_for(lambda n=number: turns_played(db)[0] >= n, f"reply {number} saved")
                time.sleep(1.5)  # the customer "types" and answers
            time.sleep(2)  # the customer accepts and the conversation ends
            page.keyboard.press("Control+d")  # the debrief (a key the browser lets through)
            wait_for(lambda: turns_played(db)[1] == "resolved", "the debrief to save the result")
            time.sleep(1.5)
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            shot = ARTIFACTS / "serve-chromium-debrief.png"
            page.screenshot(path=str(shot))
            assert shot.stat().st_size > 10_000
            assert external == []  # no font service, nothing off this server
        finally:
            browser.close()
    with open_store(db) as board:
        (attempt,) = board.attempts()
        assert (attempt.trainee, attempt.team, attempt.scenario_id) == (
            "Dana Okoro",
            "Support-East",
            "gym-billing-after-cancel",
        )
        assert attempt.outcome == "resolved"
