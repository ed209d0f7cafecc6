"""`score_reply`: one reply in, six explained scores out. Pure and deterministic."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from scoring.analysis import Analysis, analyse, name_reference
from scoring.calibration import calibrate
from scoring.detectors import run_detectors
from scoring.dimensions import DIMENSION_RULES, Verdict
from scoring.gaming import gaming_spans
from scoring.language import language, stem
from scoring.lexicon import Lexicon, base_lexicon
from scoring.model import DIMENSIONS, EVENTS, HIGH_THRESHOLD, Evidence, ReplyScore, ScenarioLike
from scoring.other_language import SCORED_LANGUAGES, notice_for, reply_language, script_language
from scoring.reference import Reference, build_reference, customer_lines, scenario_data
from scoring.text import tokenize
from scoring.typos import Corrector
from scoring.weights import DIMENSION_WEIGHTS, NO_EXCUSES_CLEAN

# Replies are cut here before scoring: a pasted essay is judged on its first 20,000 characters,
# which keeps the time per reply bounded (a trainee's reply is rarely over 1,000).
MAX_REPLY_CHARS = 20_000
# The customer's side is capped the same way (issue 18: 1M characters of customer context took
# 7.6 s for one reply). The scorer reads the latest lines first, as a trainee does: at most
# MAX_CUSTOMER_LINES of them and MAX_CUSTOMER_CHARS in all (a whole bundled conversation is
# under 3,000 characters; a customer line the app says is under 1,000).
MAX_CUSTOMER_LINES = 40
MAX_CUSTOMER_CHARS = 8_000
# What is masked before reading: links, e-mail addresses, @handles.
ADDRESS = re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\w+|@\w+")


_BASE_READINGS: dict[str, Any] = {}  # how each written word reads with no customer or scenario


@lru_cache(maxsize=1)
def _base_corrector() -> Corrector:
    lang = language()
    return Corrector(base_lexicon().vocabulary, lang.stopwords | lang.typo_guards)


def score_reply(
    reply: str,
    *,
    customer: str | Sequence[str] = (),
    scenario: ScenarioLike | None = None,
    calibrated: bool = True,
) -> ReplyScore:
    """Score `reply` to the customer's lines so far, in `scenario` if given. `calibrated=False`
    gives the rules alone, without the trainers' calibration layer (for fitting and measuring
    that layer)."""
    analysis = analyse_reply(reply, customer=customer, scenario=scenario)
    score = _judge(analysis, calibrated)
    written = str(reply)[:MAX_REPLY_CHARS]
    if analysis.reply == written:
        return score
    # Links and handles were masked for reading; evidence quotes the words as they were written.
    evidence = tuple(replace(e, text=written[e.start : e.end]) for e in score.evidence)
    return replace(score, evidence=evidence)


def _judge(analysis: Analysis, calibrated: bool = True) -> ReplyScore:
    toks, text = analysis.toks, analysis.reply
    plain = text.isascii()
    in_script = None if plain else script_language(text, analysis.lang)
    if in_script is not None:
        return _not_scored(notice_for(in_script))
    if not toks.canon:
        return _nothing_earned(analysis.lexicon, (), (), "empty", NO_EXCUSES_CLEAN)
    written_in = reply_language(toks, analysis.lang, plain=plain)
    if written_in not in SCORED_LANGUAGES:
        return _not_scored(notice_for(written_in))
    spans = gaming_spans(
        toks, notes=bool(analysis.get("done_deed")), keywords=analysis.lexicon.vocabulary
    )
    if spans:
        # Gaming earns nothing; no_excuses stays "high unless", as for an empty reply.
        no_excuses = DIMENSION_RULES["no_excuses"](analysis)
        evidence = tuple(
            Evidence(
                dim,
                toks.start[i],
                toks.end[j - 1],
                text[toks.start[i] : toks.end[j - 1]],
                "down",
                "gaming",
                "repeated words or a keyword list, not a reply",
            )
            for i, j in spans[:1]
            for dim in DIMENSIONS
            if dim != "no_excuses"
        ) + tuple(no_excuses.evidence)
        events = ("gaming", *no_excuses.events)
        return _nothing_earned(analysis.lexicon, events, evidence, "gaming", no_excuses.score)
    verdicts = [DIMENSION_RULES[dim](analysis) for dim in DIMENSIONS]
    return _assemble(analysis, verdicts, calibrated)


def analyse_reply(
    reply: str,
    *,
    customer: str | Sequence[str] = (),
    scenario: ScenarioLike | None = None,
) -> Analysis:
    """Everything the rules see of a reply: tokens, phrase matches after the detectors, and
    the customer's words it names. `score_reply` judges this; tests inspect it."""
    text = mask_addresses(str(reply)[:MAX_REPLY_CHARS])
    data = scenario_data(scenario)
    reference = build_reference(recent_customer_lines(customer), data)
    corrector = _make_corrector(reference)
    cache = _BASE_READINGS if reference.corrector is None else reference.readings
    toks = tokenize(text, language(), corrector, cache)
    analysis = analyse(text, toks, data.lexicon, reference)
    run_detectors(analysis)
    name_reference(analysis)
    return analysis


def recent_customer_lines(customer: str | Sequence[str]) -> tuple[str, ...]:
    """The customer's lines the reply is read against: the latest MAX_CUSTOMER_LINES non-empty
    lines within MAX_CUSTOMER_CHARS in all, oldest first. The line that crosses the budget keeps
    its opening part; older lines are not read (nor even looked at: a million lines cost
    nothing)."""
    if isinstance(customer, str):
        return customer_lines(customer[:MAX_CUSTOMER_CHARS])
    kept: list[str] = []
    budget = MAX_CUSTOMER_CHARS
    for line in reversed(customer):
        if len(kept) >= MAX_CUSTOMER_LINES or budget <= 0:
            break
        text = str(line)[:budget]
        if text:
            kept.append(text)
            budget -= len(text)
    return customer_lines(kept[::-1])


def mask_addresses(text: str) -> str:
    """Links, e-mail addresses and @handles blanked out (same length, so every offset stays
    where it was): "https://support.example.com/hc/articles" is not eight words of a reply, and
    a keyword-list check must not read it as one (real agent replies, real_dev set)."""
    if "http" not in text and "www." not in text and "@" not in text:
        return text
    return ADDRESS.sub(lambda found: " " * len(found.group()), text)


def _make_corrector(reference: Reference) -> Corrector:
    base = _base_corrector()
    if reference.corrector is None:
        return base
    ref_corrector = reference.corrector
    known = reference.customer | reference.fact_stems

    def correct(word: str) -> str | None:
        if stem(word) in known:
            return None
        return base(word) or ref_corrector(word)

    return correct  # type: ignore[return-value]


def _assemble(a: Analysis, verdicts: list[Verdict], calibrated: bool = True) -> ReplyScore:
    ruled = {v.dimension: v.score for v in verdicts}
    events: list[str] = []
    for v in verdicts:
        events += [e for e in v.events if e in EVENTS and e not in events]
    found = _dedupe([e for v in verdicts for e in v.evidence])
    scores, moves = calibrate(a.reply, ruled, tuple(found)) if calibrated else (ruled, ())
    evidence = sorted(
        [*found, *moves],
        key=lambda e: (e.start, DIMENSIONS.index(e.dimension), e.end),
    )
    tips = tuple(_tip(a.lexicon, v) for v in verdicts if scores[v.dimension] < HIGH_THRESHOLD)
    return ReplyScore(
        overall=overall(scores),
        dimensions=MappingProxyType(scores),
        events=tuple(events),
        evidence=tuple(evidence),
        tips=tips,
    )


def overall(scores: dict[str, int]) -> int:
    total = sum(DIMENSION_WEIGHTS[d] for d in DIMENSIONS)
    return int(round(sum(scores[d] * DIMENSION_WEIGHTS[d] for d in DIMENSIONS) / total))


def _tip(lexicon: Lexicon, v: Verdict) -> str:
    tips = lexicon.tips[v.dimension]
    causes = {e.rule for e in v.evidence} | set(v.events)
    for key, line in tips.items():
        if key != "default" and key in causes:
            return str(line)
    return str(tips["default"])


def _nothing_earned(
    lexicon: Lexicon,
    events: tuple[str, ...],
    evidence: tuple[Evidence, ...],
    reason: str,
    no_excuses: int,
) -> ReplyScore:
    """Empty or gaming: zero on everything that must be earned; no_excuses is "high unless"."""
    scores = {d: 0 for d in DIMENSIONS}
    scores["no_excuses"] = no_excuses
    lead = str(lexicon.tips[reason])
    tips = (lead,) + tuple(
        str(lexicon.tips[d]["default"]) for d in DIMENSIONS if scores[d] < HIGH_THRESHOLD
    )
    return ReplyScore(overall(scores), MappingProxyType(scores), events, evidence, tips)


def _not_scored(notice: str) -> ReplyScore:
    """Another language: a notice, no evidence, no events, and no scores that would pretend."""
    scores = {d: 0 for d in DIMENSIONS}
    return ReplyScore(0, MappingProxyType(scores), (), (), (notice,), notice=notice)


def _dedupe(evidence: list[Evidence]) -> list[Evidence]:
    seen = set()
    out = []
    for e in evidence:
        key = (e.dimension, e.start, e.end, e.rule, e.effect)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out
