"""Any text scores without error, in range, and identically twice (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring import DIMENSIONS, EVENTS, score_reply

# Letters, digits, punctuation, control characters, emoji and right-to-left scripts.
CHARACTERS = st.one_of(
    st.characters(codec="utf-8"),
    st.sampled_from(list("\x00\x07\x1b\t\r\n\u200f\u202e\ufeff")),
    st.sampled_from(list("😀🙏🔥👍🏽")),
    st.sampled_from(list("مرحبا שלום")),
)
# Scorer words mixed in, so the rules fire on odd input too, not only the tokenizer.
WORDS = st.sampled_from(
    [
        "sorry ",
        "I'll refund ",
        "but ",
        "not ",
        "SO ",
        "your majesty ",
        "? ",
        ". ",
        "you should have ",
        "today ",
    ]
)
TEXT = st.lists(st.one_of(st.text(alphabet=CHARACTERS, max_size=20), WORDS), max_size=30).map(
    "".join
)
CUSTOMER = st.one_of(st.just(()), TEXT, st.lists(TEXT, max_size=3))


def assert_sane(reply: str, customer: object) -> None:
    first = score_reply(reply, customer=customer)  # type: ignore[arg-type]
    assert 0 <= first.overall <= 100
    assert tuple(first.dimensions) == DIMENSIONS
    assert all(0 <= first.dimensions[d] <= 100 for d in DIMENSIONS)
    assert set(first.events) <= set(EVENTS)
    for item in first.evidence:
        assert 0 <= item.start <= item.end <= len(reply)
        assert reply[item.start : item.end] == item.text
    assert score_reply(reply, customer=customer) == first  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reply=TEXT, customer=CUSTOMER)
def test_any_text_scores_in_range_and_deterministically(reply: str, customer: object) -> None:
    assert_sane(reply, customer)


def test_huge_paste_scores_without_error() -> None:
    reply = ("I'm sorry 😀 مرحبا \x00 but the courier. " * 3000)[:100_000]
    assert len(reply) == 100_000
    assert_sane(reply, "You lost my parcel.")


def test_edge_inputs() -> None:
    for reply in ["", " ", "\n\n", "?", "....", "\x00\x01", "İstanbul", "ﬃ", "x" * 5000]:
        assert_sane(reply, ())
