"""Rule lexicons: YAML phrases compiled once into an index keyed by a phrase's first word.

A phrase is a sequence of elements: a stemmed word, a word class (`<feeling>`) or `*` (any one
word). Matching walks the reply once and only tries the phrases whose first word is there.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from scoring.language import Language, language, stem
from scoring.lexicon_files import RULE_FILES, read_yaml
from scoring.text import Tokens, word_forms

# Intensifiers a phrase may step over ("I'm SO sorry you feel"); more would join unrelated words.
MAX_FILLERS = 2
LONG_FUNCTION_WORD = 8  # "tomorrow", "absolutely": long enough that a slip is not another word
DIGITS_KEY = "<digits>"
# One-word phrases of these rules are cues ("refund", "sorry"): echoing them is not listening.
CUE_RULES = frozenset(
    {"apology_cue", "resolution_offer", "goodwill"}
)  # index key for phrases starting with a number class
ANY = None  # the `*` element


class WordClass(frozenset[str]):
    """A set of stems; `digits` lets any number ("3", "49.99") match too."""

    digits: bool = False


Element = str | WordClass | None


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    dimension: str
    effect: str
    why: str
    event: str | None = None
    unless_followed_by: frozenset[str] = frozenset()
    detector: str | None = None  # a named function in scoring/detectors.py decides the matches


@dataclass(frozen=True, slots=True)
class Phrase:
    rule: str
    elements: tuple[Element, ...]
    tag: str = ""  # e.g. the scenario resolution id a phrase belongs to


class Match(NamedTuple):
    """A phrase found in a reply. A named tuple, not a frozen dataclass: replies produce dozens
    and a tuple is several times cheaper to make."""

    rule: str
    i: int  # first token
    j: int  # one past the last token
    tag: str = ""


class Node:
    """A trie node: phrases sharing a prefix share the walk, so each reply word costs one
    dictionary lookup until some phrase actually starts there."""

    __slots__ = ("words", "classes", "any", "ends", "next_by_word", "digit_classes", "leaf")

    def __init__(self) -> None:
        self.words: dict[str, Node] = {}
        self.classes: list[tuple[WordClass, Node]] = []
        self.any: Node | None = None
        self.ends: list[tuple[str, str]] = []  # (rule id, tag) of phrases ending here
        # Filled by `index()`: every child a word leads to (literal or word class) in one lookup.
        self.next_by_word: dict[str, tuple[Node, ...]] = {}
        self.digit_classes: tuple[Node, ...] = ()
        self.leaf = True

    def index(self) -> None:
        """Precompute the lookups the matcher makes, for this node and all below it."""
        self.index_here()
        for child in (*self.words.values(), *(n for _, n in self.classes)):
            child.index()
        if self.any is not None:
            self.any.index()

    def index_here(self) -> None:
        """Precompute the lookups the matcher makes at this node (its children are done)."""
        by_word: dict[str, list[Node]] = {w: [n] for w, n in self.words.items()}
        for wc, node in self.classes:
            for w in wc:
                by_word.setdefault(w, []).append(node)
        self.next_by_word = {w: tuple(nodes) for w, nodes in by_word.items()}
        self.digit_classes = tuple(node for wc, node in self.classes if wc.digits)
        self.leaf = not (self.words or self.classes or self.any)

    def copy(self) -> Node:
        """This node with its own child tables and ends (the children themselves are shared)."""
        node = Node()
        node.words = dict(self.words)
        node.classes = list(self.classes)
        node.any = self.any
        node.ends = list(self.ends)
        return node

    def child(self, element: Element) -> Node:
        if element is ANY:
            if self.any is None:
                self.any = Node()
            return self.any
        if isinstance(element, WordClass):
            for wc, node in self.classes:
                if wc is element:
                    return node
            node = Node()
            self.classes.append((element, node))
            return node
        return self.words.setdefault(element, Node())


def build_trie(phrases: Iterable[Phrase]) -> Node:
    root = Node()
    for phrase in phrases:
        first, rest = phrase.elements[0], phrase.elements[1:]
        for key in first_keys(first):
            node = root.words.setdefault(key, Node())
            for element in rest:
                node = node.child(element)
            node.ends.append((phrase.rule, phrase.tag))
    root.index()
    return root


def extend_trie(base: Node, phrases: Iterable[Phrase]) -> Node:
    """The trie `build_trie` makes of base's phrases followed by `phrases`, built by copying only
    the nodes the new phrases pass through; every other node is shared with `base`, which is
    never changed. A scenario's few dozen phrases cost ~1 ms instead of rebuilding all 5,500
    nodes of the bundled rules (45 ms, on the first reply of each scenario: issue 18)."""
    root = base.copy()
    owned = [root]  # nodes made or copied here: free to change; indexed at the end
    mine = {id(root)}

    def step(node: Node, element: Element) -> Node:
        """node.child(element), with a shared child copied first so it can change."""
        if element is ANY:
            kid = node.any
        elif isinstance(element, WordClass):
            kid = next((n for wc, n in node.classes if wc is element), None)
        else:
            kid = node.words.get(element)
        if kid is not None and id(kid) in mine:
            return kid
        new = Node() if kid is None else kid.copy()
        owned.append(new)
        mine.add(id(new))
        if element is ANY:
            node.any = new
        elif isinstance(element, WordClass):
            if kid is None:
                node.classes.append((element, new))
            else:
                node.classes = [(wc, new if n is kid else n) for wc, n in node.classes]
        else:
            node.words[element] = new
        return new

    for phrase in phrases:
        first, rest = phrase.elements[0], phrase.elements[1:]
        for key in first_keys(first):
            node = step(root, key)
            for element in rest:
                node = step(node, element)
            node.ends.append((phrase.rule, phrase.tag))
    for node in owned:
        node.index_here()
    return root


@dataclass(frozen=True, slots=True)
class Lexicon:
    rules: Mapping[str, Rule]
    phrases: tuple[Phrase, ...]
    trie: Node
    vocabulary: frozenset[str]  # every literal word in a phrase (as written), for typo fixing
    cue_stems: frozenset[str] = frozenset()  # one-word phrases: "refund" is a cue, not a reference
    tips: Mapping[str, Any] = field(default_factory=dict)

    def with_phrases(self, extra: Iterable[Phrase]) -> Lexicon:
        """A copy with scenario phrases added (the base lexicon is never changed)."""
        extra = tuple(extra)
        phrases = (*self.phrases, *extra)
        return Lexicon(
            self.rules,
            phrases,
            extend_trie(self.trie, extra),
            self.vocabulary,
            self.cue_stems,
            self.tips,
        )


def first_keys(element: Element) -> tuple[str, ...]:
    if isinstance(element, WordClass):
        return (*element, DIGITS_KEY) if element.digits else tuple(element)
    if element is None:
        raise ValueError("a phrase cannot start with *")
    return (element,)


def compile_phrase(
    text: str, classes: Mapping[str, WordClass], lang: Language
) -> tuple[Element, ...]:
    elements: list[Element] = []
    for part in text.lower().replace("-", " ").split():
        if part == "*":
            elements.append(ANY)
        elif part.startswith("<") and part.endswith(">"):
            elements.append(classes[part[1:-1]])
        else:
            part = part.strip(".,!?;:").replace("\u2019", "'")
            for word in word_forms(part, lang):
                elements.append(stem(word))
    return tuple(elements)


def compile_class(words: Sequence[Any], lang: Language) -> WordClass:
    stems: set[str] = set()
    digits = False
    for word in words:
        text = str(word).lower()
        digits = digits or text[:1].isdigit()
        for part in text.replace("-", " ").split():
            stems.update(stem(w) for w in word_forms(part, lang))
    wc = WordClass(stems)
    wc.digits = digits
    return wc


def compile_phrases(
    rule_id: str,
    phrases: Iterable[str],
    classes: Mapping[str, WordClass] | None = None,
    tag: str = "",
) -> list[Phrase]:
    lang = language()
    out = []
    for text in phrases:
        elements = compile_phrase(str(text), classes or {}, lang)
        if elements:
            out.append(Phrase(rule_id, elements, tag))
    return out


@lru_cache(maxsize=1)
def base_lexicon() -> Lexicon:
    """All bundled rules, loaded and compiled once per process."""
    lang = language()
    rules: dict[str, Rule] = {}
    phrases: list[Phrase] = []
    vocabulary: set[str] = set()
    for name in RULE_FILES:
        data = read_yaml(name)
        classes = {k: compile_class(v, lang) for k, v in (data.get("classes") or {}).items()}
        for words in (data.get("classes") or {}).values():
            vocabulary.update(str(w).lower() for w in words)
        for rule_id, spec in data["rules"].items():
            rules[rule_id] = Rule(
                id=rule_id,
                dimension=spec["dimension"],
                effect=spec["effect"],
                why=spec["why"],
                event=spec.get("event"),
                unless_followed_by=frozenset(
                    stem(str(w)) for w in spec.get("unless_followed_by", [])
                ),
                detector=spec.get("detector"),
            )
            for text in spec.get("phrases") or []:
                vocabulary.update(str(text).lower().replace("-", " ").split())
            phrases += compile_phrases(rule_id, spec.get("phrases") or [], classes)
    # Function words are never typo targets, except long ones a rule needs ("tomorow").
    vocabulary = {
        w
        for w in vocabulary
        if w.isalpha() and (w not in lang.stopwords or len(w) >= LONG_FUNCTION_WORD)
    }
    cues = {
        p.elements[0]
        for p in phrases
        if len(p.elements) == 1 and isinstance(p.elements[0], str) and p.rule in CUE_RULES
    }
    return Lexicon(
        rules=rules,
        phrases=tuple(phrases),
        trie=build_trie(phrases),
        vocabulary=frozenset(vocabulary),
        cue_stems=frozenset(cues),
        tips=read_yaml("tips.yaml"),
    )


# A rule's first 40 occurrences are read, the rest ignored. Rules compare matches with each
# other and with the words around them, so a reply of one phrase pasted 3,000 times would cost
# seconds (issue #18: "reset reset ..." took 1.8 s); no reply a person writes repeats one
# phrase 40 times (the longest in the dev sets repeats "sorry" 4 times).
MAX_MATCHES_PER_RULE = 40


def find_matches(toks: Tokens, lexicon: Lexicon) -> dict[str, list[Match]]:
    """Every phrase occurrence, by rule; within a rule, matches inside a longer one are dropped.

    Walks the trie from each word; an intensifier ("so", "really") may be stepped over inside a
    phrase, at most MAX_FILLERS times, never before its first word.
    """
    canon, sent, raw = toks.canon, toks.sent, toks.raw
    n = len(canon)
    roots = lexicon.trie.words
    fillers = language().fillers
    rules = lexicon.rules
    found: dict[str, list[Match]] = {}
    new_match = Match
    # One past the last token of each token's sentence: phrases never cross a sentence.
    stops = [0] * n
    k = n
    for idx in range(n - 1, -1, -1):
        if idx + 1 < n and sent[idx + 1] != sent[idx]:
            k = idx + 1
        stops[idx] = k

    # A rule's matches come in order of their first token, and whether one is kept (outermost)
    # depends only on those starting before or with it. So once a rule has MAX_MATCHES_PER_RULE
    # kept matches starting before the current token, no later match can be among the first
    # ones it keeps: the rule is "full" and the rest are not even made ("sorry " * 3,000 made
    # 3,000 matches to keep 40). Checked when a bucket reaches 40, 80, 160, ... matches.
    full: set[str] = set()
    check_at: dict[str, int] = {}

    def record(ends: list[tuple[str, str]], i: int, j: int) -> None:
        for rule_id, tag in ends:
            if rule_id in full:
                continue
            unless = rules[rule_id].unless_followed_by
            if unless and j < n and canon[j] in unless:
                continue
            bucket = found.get(rule_id)
            if bucket is None:
                found[rule_id] = [new_match(rule_id, i, j, tag)]
                continue
            if len(bucket) >= check_at.get(rule_id, MAX_MATCHES_PER_RULE) and bucket[-1].i < i:
                if len(_outermost(list(bucket))) >= MAX_MATCHES_PER_RULE:
                    full.add(rule_id)
                    continue
                check_at[rule_id] = 2 * len(bucket)
            bucket.append(new_match(rule_id, i, j, tag))

    for i, word in enumerate(canon):
        start = roots.get(word)
        if start is None and word[:1].isdigit():
            start = roots.get(DIGITS_KEY)
        if start is None:
            continue
        stop = stops[i]
        if not start.ends:
            # The common case: a first word none of whose phrases goes on with the next word.
            if start.leaf or i + 1 >= stop:
                continue
            nxt = canon[i + 1]
            if (
                nxt not in start.next_by_word
                and start.any is None
                and not (start.digit_classes and nxt[:1].isdigit())
                and raw[i + 1] not in fillers
            ):
                continue
        # Walk straight down while there is one way on; branch with a stack only where a word
        # class, `*` or an intensifier offers several.
        node, j, dead = start, i + 1, False
        while True:
            if node.ends:
                record(node.ends, i, j)
            if node.leaf or j >= stop:
                break
            kids = node.next_by_word.get(canon[j])
            if node.any is not None or node.digit_classes or raw[j] in fillers:
                break
            if kids is None:
                dead = True
                break
            if len(kids) > 1:
                break
            node, j = kids[0], j + 1
        if dead or node.leaf or j >= stop:
            continue
        # Several ways on from here: the general walk, without re-recording this node's ends.
        stack = [(node, j, 0)]
        first = True
        pop, push = stack.pop, stack.append
        while stack:
            node, j, skipped = pop()
            if first:
                first = False
            elif node.ends:
                record(node.ends, i, j)
            if node.leaf or j >= stop:
                continue
            token = canon[j]
            kids = node.next_by_word.get(token)
            if kids is not None:
                for child in kids:
                    push((child, j + 1, skipped))
            if node.digit_classes and token[:1].isdigit():
                for child in node.digit_classes:
                    if kids is None or child not in kids:
                        push((child, j + 1, skipped))
            if node.any is not None:
                push((node.any, j + 1, skipped))
            if skipped < MAX_FILLERS and raw[j] in fillers and (node.words or node.classes):
                push((node, j + 1, skipped + 1))
    return {rule: _outermost(matches)[:MAX_MATCHES_PER_RULE] for rule, matches in found.items()}


def _outermost(matches: list[Match]) -> list[Match]:
    """Keep the longest match at each place; drop ones nested inside another of the same rule."""
    if len(matches) == 1:
        return matches
    if all(a.j <= b.i for a, b in zip(matches, matches[1:], strict=False)):
        return matches  # found in order, none overlapping: nothing to drop
    matches.sort(key=lambda m: (m.i, -(m.j - m.i), not m.tag))  # a scenario's own tag first
    kept: list[Match] = []
    reach = -1
    for m in matches:
        if m.j <= reach:
            continue
        kept.append(m)
        reach = max(reach, m.j)
    return kept
