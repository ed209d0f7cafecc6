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


def _with_and_without_stopping(text: str, lexicon: object) -> tuple[object, object]:
    """find_matches as it is, and with every match made then cut to the first ones."""
    import scoring.lexicon as lexicon_module
    from scoring.language import language
    from scoring.text import tokenize

    toks = tokenize(text, language())
    found = lexicon_module.find_matches(toks, lexicon)  # type: ignore[arg-type]
    cap = lexicon_module.MAX_MATCHES_PER_RULE
    lexicon_module.MAX_MATCHES_PER_RULE = 10**9  # every match made, none left out
    try:
        every = lexicon_module.find_matches(toks, lexicon)  # type: ignore[arg-type]
    finally:
        lexicon_module.MAX_MATCHES_PER_RULE = cap
    return found, {rule: matches[:cap] for rule, matches in every.items()}


# Pieces that start, nest and overlap phrases of several rules.
PIECES = (
    "I'm so sorry",
    "sorry",
    "I'm really sorry for the",
    "I'll refund you",
    "refund",
    "but the courier was late",
    "because of the weather",
    "today",
    "by 5pm",
    "not",
    "really",
    "49.99",
    ",",
    ".",
    "?",
    "that must be frustrating",
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=30), st.integers(1, 60))
def test_a_full_rule_stops_early_and_keeps_the_same_first_matches(
    pieces: list[str], times: int
) -> None:
    found, first = _with_and_without_stopping(" ".join(pieces * times), base_lexicon())
    assert found == first


def _nesting_lexicon() -> object:
    """Phrases of one rule nested in each other and overlapping, over the words xa xb xc."""
    from scoring.lexicon import Lexicon, Phrase, Rule

    shapes = {"r": ("xa xb xc", "xb", "xb xc", "xc xa"), "s": ("xc", "xa xa")}
    rules = {r: Rule(r, "empathy", "up", "test") for r in shapes}
    phrases = tuple(Phrase(r, tuple(p.split())) for r, ps in shapes.items() for p in ps)
    return Lexicon(rules, phrases, build_trie(phrases), frozenset())


@settings(max_examples=1_000, deadline=None)
@given(
    st.lists(st.sampled_from(("xa", "xb", "xc", ".")), min_size=1, max_size=40),
    st.integers(1, 40),
)
def test_nested_matches_of_a_full_rule_keep_the_same_first_ones(
    words: list[str], times: int
) -> None:
    found, first = _with_and_without_stopping(" ".join(words * times), _nesting_lexicon())
    assert found == first


def test_the_longer_of_two_matches_in_the_last_place_kept_wins() -> None:
    # 39 matches of "r", then "xb" (the 40th) and "xb xc" at the same place, found after it.
    found, first = _with_and_without_stopping("xc xa . " * 39 + "xb xc", _nesting_lexicon())
    assert found == first
    assert found["r"][-1].j - found["r"][-1].i == 2  # type: ignore[index]


TEXT_PIECES = st.lists(
    st.sampled_from(('"', "\u201c", "\u201d", "why", "told", "sorry", "?", ".", "\n", ", ", " ")),
    max_size=80,
)


@settings(max_examples=300, deadline=None)
@given(TEXT_PIECES)
def test_the_tokens_of_a_sentence_are_those_numbered_so(pieces: list[str]) -> None:
    from scoring.language import language
    from scoring.text import tokenize

    toks = tokenize(" ".join(pieces), language())
    for s in range(toks.sentence_count + 1):
        assert list(toks.sentence_tokens(s)) == [k for k in range(len(toks)) if toks.sent[k] == s]


@settings(max_examples=300, deadline=None)
@given(TEXT_PIECES)
def test_quoted_tokens_are_those_inside_some_quote(pieces: list[str]) -> None:
    from scoring.detectors import QUOTED, _quoted_tokens, _reported_tokens
    from scoring.scorer import analyse_reply

    text = "".join(pieces)
    a = analyse_reply(text, customer="They told me to email someone")
    spans = [m.span() for m in QUOTED.finditer(a.reply)]
    toks = a.toks
    inside = {
        k
        for k in range(len(toks))
        if any(lo <= toks.start[k] and toks.end[k] <= hi for lo, hi in spans)
    }
    assert _quoted_tokens(a) == _reported_tokens(a) | inside
