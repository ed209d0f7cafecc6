"""One pass over a reply: tokens with offsets, sentence and clause numbers, negation scope.

Offsets always point into the original reply, so evidence can highlight the trainee's own words.
Contractions expand to several tokens sharing one span ("won't" -> will + not).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from scoring.language import Language, stem

# Letters (any script) with inner apostrophes, or numbers with inner . , : ("49.99", "3:30").
TOKEN_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*|\d+(?:[.,:]\d+)*")
# The same, as a split pattern: [gap, token, gap, token, ..., gap] in one C call, cheaper than a
# match object per token.
TOKEN_SPLIT = re.compile(f"({TOKEN_RE.pattern})")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
SENTENCE_END = re.compile(r"[.!?\n\u2026]")
CLAUSE_END = re.compile(r"[;:()\u2014\u2013]|\s-+\s")
SEGMENT_END = re.compile(r"[,;:()\u2014\u2013]|\s-+\s")

# How many tokens a negator reaches ("I will not be able to process a refund": 6). Origin:
# nltk's mark_negation scopes to the next punctuation; a cap keeps run-on sentences sane.
NEGATION_SCOPE = 8
# A run-on "sentence" is cut into sentences of at most 150 tokens. Rules look across a sentence
# from each match, so one 4,000-token sentence made a single call take 0.1-0.5 s (issue #18);
# the longest sentence a person wrote in the dev sets is 119 tokens.
MAX_SENTENCE_TOKENS = 150

Corrector = Callable[[str], "str | None"]


def normalize(reply: str) -> str:
    """Lower-case with curly quotes straightened, keeping every offset where it was."""
    text = reply.translate(_QUOTES)
    low = text.lower()
    if len(low) != len(text):  # e.g. "İ" lowers to two code points: lower per character
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low


@dataclass(slots=True)
class Tokens:
    """Parallel lists, one entry per token; built once per reply and then only read."""

    raw: list[str] = field(default_factory=list)  # the word as written (lower case)
    canon: list[str] = field(default_factory=list)  # stem after typo correction
    start: list[int] = field(default_factory=list)
    end: list[int] = field(default_factory=list)
    sent: list[int] = field(default_factory=list)
    clause: list[int] = field(default_factory=list)
    segment: list[int] = field(default_factory=list)
    neg: list[bool] = field(default_factory=list)
    corrected: dict[int, str] = field(default_factory=dict)  # token -> word it was read as
    questions: set[int] = field(default_factory=set)  # sentences ending in "?"
    sentence_count: int = 0

    def __len__(self) -> int:
        return len(self.canon)

    def sentence_tokens(self, sentence: int) -> range:
        """The tokens of one sentence (sentence numbers only grow along the tokens): a binary
        search, not a pass over the reply (once per question, "why? " * 4,000 took 250 ms)."""
        return range(bisect_left(self.sent, sentence), bisect_right(self.sent, sentence))


CLITICS = {"ll": "will", "ve": "have", "re": "are", "m": "am"}


def word_forms(raw: str, lang: Language) -> tuple[str, ...]:
    """The words a written token stands for: contractions expanded, possessive 's dropped."""
    expanded = lang.contractions.get(raw)
    if expanded is not None:
        return expanded
    if "'" in raw:
        head, _, tail = raw.partition("'")
        if tail in ("s", ""):
            return (head,)
        if tail == "t" and head.endswith("n"):
            return (head[:-1], "not")
        # "she'll ring you", "Sam'll call", "who've": the contraction is the same word whoever
        # says it (d3 dev set: "she'll ring your mobile by 10:30" read as "she ll ring").
        return (head, CLITICS.get(tail, tail))
    return (raw,)


Reading = tuple[tuple[str, str, "str | None"], ...]  # (word, stem, corrected-to) per form
READING_CACHE_LIMIT = 100_000
# Typos are looked for in the first 400 different words of a text only; later new words are
# read as written. A lookup costs ~0.05 ms, so 3,000 made-up words took 160 ms (issue #18's 50 ms
# budget per call); a 1,000-character reply has about 120 different words. Counted per text,
# not per cache, so the same reply always reads the same way.
MAX_CORRECTED_WORDS = 400


def tokenize(
    reply: str,
    lang: Language,
    correct: Corrector | None = None,
    cache: dict[str, Reading] | None = None,
) -> Tokens:
    """Tokens of `reply`; `correct` maps an unknown word to the lexicon word it is a typo of.

    `cache` remembers how each written word was read (its forms, stems and corrections); pass
    the same dict for the same `correct` so a conversation reads each word once.
    """
    low = normalize(reply)
    toks = Tokens()
    raws, canons, starts, ends = toks.raw, toks.canon, toks.start, toks.end
    sents, clauses, segments = toks.sent, toks.clause, toks.segment
    corrected = toks.corrected
    readings = {} if cache is None else cache
    sent = clause = segment = 0
    sentence_began = 0  # index of the current sentence's first token
    distinct: dict[str, int] = {}  # each different word, numbered in order of first use
    prev_end = -1  # no token yet
    prev_raw = ""
    contrast, openers = lang.contrast_words, lang.clause_openers
    parts = TOKEN_SPLIT.split(low)
    end = 0
    for k in range(1, len(parts), 2):
        gap, raw = parts[k - 1], parts[k]
        start = end + len(gap)
        end = start + len(raw)
        if prev_end >= 0:
            if gap != " ":
                if SENTENCE_END.search(gap) and not (
                    gap.startswith(".") and prev_raw in lang.abbreviations
                ):
                    if "?" in gap:
                        toks.questions.add(sent)
                    sent += 1
                    clause += 1
                    segment += 1
                elif CLAUSE_END.search(gap):
                    clause += 1
                    segment += 1
                elif "," in gap:
                    segment += 1
            if sents[-1] == sent and len(raws) - sentence_began >= MAX_SENTENCE_TOKENS:
                sent += 1
                clause += 1
                segment += 1
            if sents[-1] != sent:
                sentence_began = len(raws)
            if raw in contrast:
                if sents[-1] == sent:
                    clause += 1
                    segment += 1
            elif raw in openers and segments[-1] == segment:
                segment += 1
        if raw not in distinct:
            distinct[raw] = len(distinct)
        if distinct[raw] >= MAX_CORRECTED_WORDS:
            reading = _read(raw, lang, None)  # past the budget: read as written, not cached
        else:
            reading = readings.get(raw)
            if reading is None:
                reading = _read(raw, lang, correct)
                if len(readings) >= READING_CACHE_LIMIT:
                    readings.clear()
                readings[raw] = reading
        for word, canon, fixed in reading:
            if fixed is not None:
                corrected[len(raws)] = fixed
            raws.append(word)
            canons.append(canon)
            starts.append(start)
            ends.append(end)
            sents.append(sent)
            clauses.append(clause)
            segments.append(segment)
        prev_end = end
        prev_raw = raw
    canon_out = toks.canon
    if canon_out and "?" in low[max(prev_end, 0) :]:
        toks.questions.add(sent)
    toks.sentence_count = sent + 1 if canon_out else 0
    toks.neg = negation_scope(toks, lang)
    return toks


def _read(raw: str, lang: Language, correct: Corrector | None) -> Reading:
    forms = word_forms(raw, lang)
    out = []
    for word in forms:
        fixed = correct(word) if correct is not None and len(forms) == 1 else None
        if fixed == word:
            fixed = None
        out.append((word, stem(fixed or word), fixed))
    return tuple(out)


def negation_scope(toks: Tokens, lang: Language) -> list[bool]:
    """Mark tokens governed by a preceding negator in the same segment (comma-bounded clause)."""
    n = len(toks.canon)
    neg = [False] * n
    left = 0
    segment = -1
    determiner = False  # the scope was opened by "no" before a noun
    for i in range(n):
        if toks.segment[i] != segment:
            segment = toks.segment[i]
            left = 0
        word = toks.raw[i]
        if left and determiner and word in lang.determiner_no_ends_at:
            left = 0
        if left:
            neg[i] = True
            left -= 1
        if word in lang.negators:
            nxt = toks.raw[i + 1] if i + 1 < n else ""
            if nxt not in lang.negation_exceptions:
                left = NEGATION_SCOPE
                determiner = word == "no" and nxt != "one"
    return neg
