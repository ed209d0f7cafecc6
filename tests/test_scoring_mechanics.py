"""The scorer's faster mechanics give the answers the plain ones give (issue 18)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from nltk.stem import PorterStemmer

from scoring.language import _STEP2_SUFFIXES, _STEP3_SUFFIXES, _STEP4_SUFFIXES, QuickPorter
from scoring.lexicon import Node, base_lexicon, build_trie
from scoring.reference import scenario_data
from simulator.scenario.loader import load_scenario

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
NLTK = PorterStemmer()
QUICK = QuickPorter()
# Endings each step looks at, so generated words reach every rule and its conditions.
ENDINGS = sorted(
    {*_STEP2_SUFFIXES, *_STEP3_SUFFIXES, *_STEP4_SUFFIXES}
    | {"s", "ss", "sses", "ies", "ied", "eed", "ed", "ing", "y", "e", "ll", "at", "bl", "iz"}
)


def test_the_quick_stemmer_agrees_with_nltk_on_every_lexicon_word() -> None:
    words = set(base_lexicon().vocabulary)
    for path in SCENARIOS.glob("*.yaml"):
        words.update(w.lower() for w in path.read_text(encoding="utf-8").split() if w.isalpha())
    assert len(words) > 1_000
    for word in sorted(words):
        assert QUICK.stem(word, to_lowercase=False) == NLTK.stem(word, to_lowercase=False), word


@settings(max_examples=3_000, deadline=None)
@given(
    st.text(alphabet="aeiouybcdglmnrstz", min_size=0, max_size=6),
    st.lists(st.sampled_from(ENDINGS), max_size=3),
)
def test_the_quick_stemmer_agrees_with_nltk_on_made_up_words(head: str, tails: list[str]) -> None:
    word = head + "".join(tails)
    assert QUICK.stem(word, to_lowercase=False) == NLTK.stem(word, to_lowercase=False)


def _shape(node: Node) -> tuple[object, ...]:
    """Everything the matcher reads at a node and below, in the order it reads it."""
    return (
        tuple(node.ends),
        node.leaf,
        None if node.any is None else _shape(node.any),
        tuple(
            (word, tuple(_shape(kid) for kid in kids))
            for word, kids in sorted(node.next_by_word.items())
        ),
        tuple(_shape(kid) for kid in node.digit_classes),
    )


def test_a_scenario_trie_is_the_trie_a_fresh_build_makes_and_the_base_is_untouched() -> None:
    base = base_lexicon()
    before = _shape(base.trie)
    checked = 0
    for path in sorted(SCENARIOS.glob("*.yaml"))[:8]:
        lexicon = scenario_data(load_scenario(path)).lexicon
        if len(lexicon.phrases) == len(base.phrases):
            continue
        assert _shape(lexicon.trie) == _shape(build_trie(lexicon.phrases)), path.name
        checked += 1
    assert checked >= 3
    assert _shape(base.trie) == before
