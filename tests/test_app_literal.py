"""Text from scenario files and from the trainee is shown literally, never as markup."""

from __future__ import annotations

import html
import re
from pathlib import Path

from app_support import build_app, send_reply, wait_for_library, wait_until, write_scenario
from textual.widgets import Input

from simulator.ui.screens.conversation import ConversationScreen
from simulator.ui.screens.debrief import DebriefScreen

MARKUP = "[bold red]hi[/]"
LINK = "[link=http://x]x[/link]"


def screen_text(app) -> str:  # type: ignore[no-untyped-def]
    """What the terminal shows, as plain text (from the SVG screenshot)."""
    svg = app.export_screenshot()
    lines = re.findall(r"<text[^>]*>(.*?)</text>", svg)
    return html.unescape("".join(lines)).replace("\xa0", " ")


async def test_scenario_and_reply_markup_is_shown_as_written(tmp_path: Path) -> None:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    write_scenario(
        folder,
        title=MARKUP,
        category="[i]cat[/i]",
        name="[b]Sam[/b]",
        situation=f"Situation {LINK} here",
        opening=f"Look: {MARKUP} and {LINK}",
    )
    app = build_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_library(pilot)
        shown = screen_text(app)
        assert MARKUP in shown  # the table and the preview title
        assert "[i]cat[/i]" in shown
        assert LINK in shown  # the situation
        app.screen.query_one("#name", Input).value = "[red]Ada[/red]"
        app.screen.query_one("#team", Input).value = "[b]Blue"
        app.screen.query_one("#filter", Input).focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ConversationScreen), "conversation")
        await pilot.pause()
        shown = screen_text(app)
        assert f"Look: {MARKUP} and {LINK}" in shown  # the customer's bubble
        assert "[b]Sam[/b]" in shown  # the bubble title and the header bar
        await send_reply(pilot, f"sorry {MARKUP} {LINK}")
        shown = screen_text(app)
        assert f"sorry {MARKUP} {LINK}" in shown
        await pilot.press("escape", "y")
        await wait_until(pilot, lambda: isinstance(app.screen, DebriefScreen), "debrief")
        await pilot.press("2")  # the marked transcript
        await pilot.pause()
        shown = screen_text(app)
        assert f"{MARKUP} {LINK}" in shown
