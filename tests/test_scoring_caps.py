"""The scorer reads a bounded amount of the customer's side, as of the reply (issue 18)."""

from __future__ import annotations

from scoring.language import stem
from scoring.scorer import (
    MAX_CUSTOMER_CHARS,
    MAX_CUSTOMER_LINES,
    analyse_reply,
    recent_customer_lines,
)

EARLY = "My blender arrived cracked."
REPLY = "I'm sorry your blender arrived cracked."


def test_a_word_within_the_cap_is_the_customers() -> None:
    lines = [EARLY] + ["ok"] * (MAX_CUSTOMER_LINES - 1)
    assert stem("blender") in analyse_reply(REPLY, customer=lines).reference.customer


def test_lines_older_than_the_line_cap_are_not_read() -> None:
    lines = [EARLY] + ["ok"] * MAX_CUSTOMER_LINES
    assert stem("blender") not in analyse_reply(REPLY, customer=lines).reference.customer


def test_text_beyond_the_character_cap_is_not_read() -> None:
    one_line = "x " * (MAX_CUSTOMER_CHARS // 2) + EARLY
    assert stem("blender") not in analyse_reply(REPLY, customer=one_line).reference.customer
    latest = ["word " * (MAX_CUSTOMER_CHARS // 5)]
    assert stem("blender") not in analyse_reply(REPLY, customer=[EARLY, *latest]).reference.customer


def test_the_latest_lines_are_kept_oldest_first_within_the_budget() -> None:
    kept = recent_customer_lines(["a" * MAX_CUSTOMER_CHARS, "second", "", "third"])
    assert kept[1:] == ("second", "third")
    assert sum(map(len, kept)) == MAX_CUSTOMER_CHARS
    assert recent_customer_lines(["x"] * 1_000_000) == ("x",) * MAX_CUSTOMER_LINES
