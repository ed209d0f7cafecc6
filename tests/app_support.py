"""Helpers for the app tests: a temp scenario folder, an app built by the real factory, and a
small keyword scorer so UI tests do not depend on the real scorer's exact numbers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from scoring.model import DIMENSIONS, Evidence, ReplyScore
from simulator.app import make_app

# word -> (dimension, score it gives, event, effect)
KEYWORDS: dict[str, tuple[str, int, str, str]] = {
    "sorry": ("apology", 85, "specific_apology", "up"),
    "understand": ("empathy", 80, "empathy_statement", "up"),
    "mistake": ("ownership", 80, "responsibility", "up"),
    "refund": ("resolution", 85, "resolution_offer", "up"),
    "policy": ("no_excuses", 5, "policy", "down"),
    "calm": ("empathy", 10, "dismissive", "down"),
}


class KeywordScorer:
    """Scores a reply by the keywords above; every hit carries its span as evidence."""

    def __call__(
        self, reply: str, *, customer: Sequence[str] | str = (), scenario: Any = None
    ) -> ReplyScore:
        dims = {d: 30 for d in DIMENSIONS}
        events: list[str] = []
        evidence: list[Evidence] = []
        for word, (dimension, value, event, effect) in KEYWORDS.items():
            for found in re.finditer(word, reply, flags=re.IGNORECASE):
                dims[dimension] = value
                events.append(event)
                why = f"'{word}' {'raises' if effect == 'up' else 'lowers'} {dimension}"
                evidence.append(
                    Evidence(
                        dimension, found.start(), found.end(), found.group(), effect, event, why
                    )  # fmt: skip
                )
        tips = tuple(f"Show more {d}" for d, v in dims.items() if v < 50)[:3]
        overall = round(sum(dims.values()) / len(dims))
        return ReplyScore(overall, dims, tuple(dict.fromkeys(events)), tuple(evidence), tips)


SCENARIO_YAML = """\
id: {id}
title: "{title}"
category: "{category}"
difficulty: {difficulty}
customer:
  name: "{name}"
  anger: 80
  patience: 4
situation: "{situation}"
opening: "{opening}"
facts:
  - id: lost
    phrases: [lost parcel]
resolutions:
  - id: refund
    phrases: [refund]
    accept: "Fine. Refund it and we're done."
moods:
  furious: ["This is outrageous."]
  angry: ["I'm still annoyed."]
  calming: ["OK, go on."]
  satisfied: ["Thank you."]
tuning:
  accept_below: 90
examples:
  - reply: "I'm so sorry your parcel was lost. I'll refund it today."
    expect: {{apology: high}}
"""


def write_scenario(folder: Path, **fields: Any) -> Path:
    values = {
        "id": "lost-parcel",
        "title": "Parcel lost",
        "category": "delivery",
        "difficulty": 2,
        "name": "Sam Lee",
        "situation": "Sam's parcel was lost in transit.",
        "opening": "Where is my parcel?",
    }
    values.update(fields)
    path = folder / f"{values['id']}.yaml"
    path.write_text(SCENARIO_YAML.format(**values), encoding="utf-8")
    return path


def build_app(tmp_path: Path, **settings: Any) -> Any:
    """The app as `run.py` builds it, with a temp db and config dir and no typing delay."""
    settings.setdefault("customer_delay", 0)
    settings.setdefault("config_dir", tmp_path / "config")
    settings.setdefault("seed", 7)
    settings.setdefault("scorer", KeywordScorer())
    settings.setdefault("bundled_library", False)
    settings.setdefault("db_path", str(tmp_path / "board.db"))
    return make_app(scenario_dirs=[tmp_path / "scenarios"], **settings)


async def wait_until(pilot: Any, condition: Any, what: str) -> None:
    """Let the app run until `condition()` holds (workers finish on their own schedule)."""
    for _ in range(250):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"timed out waiting for {what}")


async def wait_for_library(pilot: Any) -> None:
    from simulator.ui.screens.start import StartScreen

    def loaded() -> bool:
        screen = pilot.app.screen
        return isinstance(screen, StartScreen) and screen.library is not None

    await wait_until(pilot, loaded, "the library to load")
    await pilot.pause()


async def send_reply(pilot: Any, text: str) -> None:
    """Paste a reply into the box (as a trainee pasting would), press Enter, wait for the answer."""
    from textual import events

    screen = pilot.app.screen
    before = screen.turns_shown
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()
    await pilot.press("enter")
    await wait_until(
        pilot,
        lambda: screen.turns_shown > before and not screen.locked,
        "the customer to answer",
    )
    await pilot.pause()


def stop_blinking(pilot: Any) -> None:
    """Snapshot helper: a blinking cursor would make screenshots differ run to run."""
    from textual.widgets import Input, TextArea

    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, (Input, TextArea)):
            widget.cursor_blink = False


def fill_scoreboard(app_dir: Path) -> None:
    """Attempts with fixed dates, so the table reads the same on every run."""
    from simulator.engine.conversation import Conversation
    from simulator.scenario.loader import load_scenario
    from simulator.store import open_store

    scenario = load_scenario(app_dir / "scenarios" / "lost-parcel.yaml")
    plays = [
        ("Ada", "Blue", ["sorry", "I understand, I'm sorry, our mistake. refund"], 1),
        ("Ada", "Blue", ["policy", "calm down", "policy"], 2),
        ("Bo", "Blue", ["sorry, our mistake", "I understand. refund"], 3),
        ("Cy", "Red", ["policy", "sorry"], 4),
        ("Di", "Red", ["I understand, sorry, our mistake", "refund"], 5),
    ]
    with open_store(app_dir / "board.db") as board:
        for trainee, team, replies, day in plays:
            when = datetime(2026, 3, day, 9, 0, tzinfo=timezone.utc)
            conversation = Conversation(scenario, 1, scorer=KeywordScorer())
            attempt = board.start_attempt(
                trainee, team, scenario.id, scenario.content_hash, "test", started_at=when
            )
            for reply in replies:
                if conversation.state == "ongoing":
                    board.record_turn(attempt, conversation.reply(reply))
            conversation.abandon()
            debrief = conversation.debrief()
            board.finish_attempt(
                attempt, debrief.outcome, debrief.overall, debrief.dimensions, ended_at=when
            )


# The date the assignment tests judge on (fixed, so statuses and snapshots do not move).
ASSIGNED_TODAY = date(2027, 1, 10)


def record_attempt(
    board: Any, scenario: Any, trainee: str, team: str, replies: Sequence[str], mode: str
) -> str:
    """One attempt played through the engine with the keyword scorer, judged and stored."""
    from simulator.engine.conversation import Conversation
    from simulator.engine.passing import judge

    conversation = Conversation(scenario, 1, scorer=KeywordScorer())
    attempt = board.start_attempt(trainee, team, scenario.id, scenario.content_hash, "test", mode)
    for reply in replies:
        if conversation.state == "ongoing":
            board.record_turn(attempt, conversation.reply(reply))
    if conversation.state == "ongoing":
        conversation.abandon()
    debrief = conversation.debrief()
    verdict = judge(scenario.pass_rule, mode, debrief.overall, debrief.outcome)
    board.finish_from_debrief(attempt, debrief, verdict)
    return str(attempt)


GOOD = ["I understand, I'm sorry, our mistake.", "I will refund it today."]
POOR = ["That's our policy.", "calm down", "policy", "policy"]


def write_assigned_scenarios(folder: Path) -> None:
    """The three scenarios the assignments are of, passed at 60 (the keyword scorer's good
    conversation scores 65)."""
    folder.mkdir(exist_ok=True)
    for fields in (
        {},
        {"id": "late-train", "title": "Train late, missed the wedding"},
        {"id": "cold-soup", "title": "Cold soup", "difficulty": 1},
    ):
        path = write_scenario(folder, **fields)
        path.write_text(path.read_text() + "pass_mark: 60\n", encoding="utf-8")


def fill_assignments(app_dir: Path) -> None:
    """Blue has three assignments, Red one: passed, failed, overdue, in progress, not started
    (judged on ASSIGNED_TODAY)."""
    from simulator.scenario.loader import load_scenario
    from simulator.store import open_store

    folder = app_dir / "scenarios"
    parcel = load_scenario(folder / "lost-parcel.yaml")
    train = load_scenario(folder / "late-train.yaml")
    with open_store(app_dir / "board.db") as board:
        board.assign("Blue", "lost-parcel", date(2027, 1, 15), attempts=2)
        board.assign("Blue", "late-train", date(2027, 1, 5))
        board.assign("Blue", "cold-soup", date(2027, 2, 1), mode="practice")
        board.assign("Red", "lost-parcel", date(2027, 1, 20))
        record_attempt(board, parcel, "Ada", "Blue", GOOD, "assessment")
        record_attempt(board, parcel, "Bo", "Blue", POOR, "assessment")
        record_attempt(board, parcel, "bo ", "blue", POOR, "assessment")  # the same Bo
        record_attempt(board, train, "Bo", "Blue", POOR, "assessment")
        record_attempt(board, parcel, "Cy", "Red", POOR, "practice")  # practice: not counted
        record_attempt(board, parcel, "Di", "Red", POOR, "assessment")


def fill_harbour(app_dir: Path) -> None:
    """Harbour (written three ways) has two assignments and three trainees; Red one trainee.

    On ASSIGNED_TODAY: Ann passed lost-parcel and gave up late-train (overdue); Bob used both
    allowed tries on lost-parcel without a pass (failed); Cy has played nothing (not started,
    and overdue on late-train); Di of Red practised only."""
    from simulator.scenario.loader import load_scenario
    from simulator.store import open_store

    folder = app_dir / "scenarios"
    parcel = load_scenario(folder / "lost-parcel.yaml")
    train = load_scenario(folder / "late-train.yaml")
    with open_store(app_dir / "board.db") as board:
        record_attempt(board, parcel, "Cy", "Harbour", [], "practice")  # first written: Harbour
        board.assign(" harbour ", "lost-parcel", date(2027, 1, 15), attempts=2)
        board.assign("HARBOUR", "late-train", date(2027, 1, 5))
        record_attempt(board, parcel, "Ann", "Harbour", GOOD, "assessment")
        record_attempt(board, train, "Ann", " harbour ", GOOD[:1], "assessment")  # given up
        record_attempt(board, parcel, "Bob", "HARBOUR", POOR, "assessment")
        record_attempt(board, parcel, "bob", "harbour", POOR, "assessment")
        record_attempt(board, parcel, "Di", "Red", GOOD, "practice")
