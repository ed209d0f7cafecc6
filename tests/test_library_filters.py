"""Finding scenarios by industry, channel and difficulty: the filter box, `list`, the same rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import build_app, wait_for_library, write_scenario
from textual.widgets import Input

from simulator.cli import main
from simulator.scenario.filters import Filter, difficulty_of, parse_query
from simulator.scenario.library import load_library
from simulator.ui.screens.start import StartScreen

BUNDLED = load_library().scenarios


def ids(found: list) -> set[str]:  # type: ignore[type-arg]
    return {scenario.id for scenario in found}


def test_every_bundled_scenario_names_an_industry_and_a_channel() -> None:
    assert [s.id for s in BUNDLED if not s.industry or not s.channel] == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("channel:phone", Filter(channel="phone")),
        ("industry:public-transport", Filter(industry="public transport")),
        ("difficulty:2", Filter(difficulty=2)),
        ("difficulty:hostile refund", Filter(difficulty=3, words=("refund",))),
        ("Channel:Email late", Filter(channel="email", words=("late",))),
        ("difficulty:9", Filter(words=("difficulty:9",))),  # matches nothing, visibly
        ("note: ten", Filter(words=("note:", "ten"))),
    ],
)
def test_the_filter_box_reads_field_words(query: str, expected: Filter) -> None:
    assert parse_query(query) == expected


def test_a_filter_narrows_by_every_field_at_once() -> None:
    chosen = BUNDLED[0]
    wanted = Filter(industry=chosen.industry, channel=chosen.channel, difficulty=chosen.difficulty)
    found = wanted.apply(BUNDLED)
    assert chosen in found
    assert all(
        (s.industry, s.channel, s.difficulty)
        == (chosen.industry, chosen.channel, chosen.difficulty)
        for s in found
    )
    assert parse_query("difficulty:9").apply(BUNDLED) == []


def test_difficulty_is_a_number_or_its_word() -> None:
    assert [difficulty_of(t) for t in ("1", "firm", " HOSTILE ", "4", "")] == [1, 2, 3, None, None]


def test_list_filters_by_industry_channel_and_difficulty(
    capsys: pytest.CaptureFixture[str],
) -> None:
    chats = [s for s in BUNDLED if s.channel == "chat" and s.difficulty == 2]
    assert chats, "the library needs a firm chat scenario for this test"
    target = chats[0]
    argv = ["list", "--industry", target.industry.upper(), "--channel", "chat", "--difficulty", "2"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert target.id in out
    others = [s.id for s in BUNDLED if s not in chats or s.industry != target.industry]
    assert [i for i in others if f"{i} " in out] == []


def test_list_explains_a_bad_channel_and_an_empty_result(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["list", "--channel", "phon"]) == 2
    assert 'got "phon" (did you mean "phone"?)' in capsys.readouterr().err
    assert main(["list", "--difficulty", "extreme"]) == 2
    assert "--difficulty must be 1, 2 or 3" in capsys.readouterr().err
    assert main(["list", "--industry", "spaceflight"]) == 0
    err = capsys.readouterr().err
    assert "No scenario matches. Industries in this library:" in err
    assert BUNDLED[0].industry in err


async def test_the_start_screen_filters_by_channel_and_industry(tmp_path: Path) -> None:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    for ident, industry, channel in (
        ("vet-chat", "veterinary", "chat"),
        ("vet-phone", "veterinary", "phone"),
        ("bus-phone", "transport", "phone"),
    ):
        path = write_scenario(folder, id=ident, title=ident.replace("-", " "))
        path.write_text(path.read_text() + f"industry: {industry}\nchannel: {channel}\n")
    app = build_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_library(pilot)
        start = app.screen
        assert isinstance(start, StartScreen)
        box = start.query_one("#filter", Input)
        box.focus()
        await pilot.press(*"channel:phone")
        await pilot.pause()
        assert ids(start.shown) == {"vet-phone", "bus-phone"}
        await pilot.press("space", *"industry:vet")
        await pilot.pause()
        assert ids(start.shown) == {"vet-phone"}
        box.value = "veterinary"  # a bare word still searches the industry column
        await pilot.pause()
        assert ids(start.shown) == {"vet-chat", "vet-phone"}
