"""A small scenario and a scripted fake scorer for the engine's unit tests."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from scoring.model import DIMENSIONS, Evidence, ReplyScore
from simulator.scenario.model import Customer, Example, Expectation, Fact, Resolution, Scenario

MOODS = {
    "furious": ("F1", "F2", "F3"),
    "angry": ("A1", "A2", "A3"),
    "calming": ("C1", "C2", "C3"),
    "satisfied": ("S1", "S2", "S3"),
}


def make_scenario(**changes: Any) -> Scenario:
    base = Scenario(
        id="test-parcel",
        title="Parcel lost",
        category="delivery",
        difficulty=2,
        customer=Customer(name="Sam", anger=70, patience=6),
        situation="A parcel was lost.",
        opening="Where is my parcel?",
        facts=(Fact("lost", ("lost parcel",)),),
        resolutions=(
            Resolution("refund", ("refund",), "Fine, refund it."),
            Resolution("resend", ("send a new one",), "OK, send a new one.", needs=("ownership",)),
        ),
        moods=MOODS,
    )
    return replace(base, **changes)


def score(*events: str, evidence: Sequence[Evidence] = (), **dims: int) -> ReplyScore:
    """A ReplyScore with these events; dimensions default to 50 unless given."""
    dimensions = {name: dims.get(name, 50) for name in DIMENSIONS}
    return ReplyScore(
        overall=round(sum(dimensions.values()) / len(dimensions)),
        dimensions=dimensions,
        events=events,
        evidence=tuple(evidence),
    )


def up(dimension: str, text: str, rule: str = "") -> Evidence:
    return Evidence(dimension, 0, len(text), text, "up", rule or dimension, f"{dimension} up")


def down(dimension: str, text: str, rule: str = "") -> Evidence:
    return Evidence(dimension, 0, len(text), text, "down", rule or dimension, f"{dimension} down")


def offer(resolution_id: str, **dims: int) -> ReplyScore:
    """A reply offering one of the scenario's fixes, named by the scorer's rule id."""
    dims.setdefault("resolution", 80)
    evidence = [up("resolution", resolution_id, f"resolution:{resolution_id}")]
    return score("resolution_offer", evidence=evidence, **dims)


class ScriptedScorer:
    """Answers each reply with the ReplyScore scripted for it; records what it was asked."""

    def __init__(self, table: Mapping[str, ReplyScore]) -> None:
        self.table = dict(table)
        self.calls: list[tuple[str, tuple[str, ...]]] = []

    def __call__(
        self, reply: str, *, customer: Sequence[str] = (), scenario: object = None
    ) -> ReplyScore:
        self.calls.append((reply, tuple(customer)))
        return self.table.get(reply, score())


def expectation(dimension: str, level: str) -> Expectation:
    op = ">=" if level == "high" else "<"
    return Expectation(dimension, op, 50, level)


def example(reply: str, **levels: str) -> Example:
    return Example(reply, tuple(expectation(d, lv) for d, lv in levels.items()))
