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


def test_a_rule_reads_at_most_its_first_matches() -> None:
    from scoring.lexicon import MAX_MATCHES_PER_RULE

    analysis = analyse_reply("sorry " * 3_000, customer="You charged me twice")
    apologies = analysis.get("apology_cue")
    assert 0 < len(apologies) <= MAX_MATCHES_PER_RULE
    assert apologies[0].i == 0  # the first ones, in order


def test_a_run_on_sentence_is_cut_into_bounded_sentences() -> None:
    from scoring.language import language
    from scoring.text import MAX_SENTENCE_TOKENS, tokenize

    toks = tokenize("and then " * MAX_SENTENCE_TOKENS, language())
    assert toks.sentence_count == 2
    assert toks.sent.count(0) == MAX_SENTENCE_TOKENS


def test_a_repeated_apology_and_excuse_still_reads_as_an_excuse() -> None:
    from scoring import score_reply

    score = score_reply("I'm sorry, but the courier was late. " * 500, customer="My parcel is late")
    assert score.dimensions["no_excuses"] < 50


def test_typos_are_looked_for_in_a_bounded_number_of_different_words() -> None:
    from scoring.language import language
    from scoring.text import MAX_CORRECTED_WORDS, tokenize

    def corrector(word: str) -> str | None:
        return "refund" if word == "refnud" else None

    filler = " ".join(f"w{i}x" for i in range(MAX_CORRECTED_WORDS))
    early = tokenize("refnud " + filler, language(), corrector)
    late = tokenize(filler + " refnud", language(), corrector)
    assert early.corrected.get(0) == "refund"  # within the budget: read as the typo it is
    assert not late.corrected  # past it: read as written, whatever a cache holds
