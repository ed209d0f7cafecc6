"""Which of the scenario's `answers` a trainee's question asks for, so the customer can reply.

A question is a sentence ending in "?" (or opening with a question word, for trainees who leave
the mark off). One that checks on a fix ("would Thursday suit her?") asks only what they want.
What it is about is read from `question_words.QUESTION_TOPICS`, or from a fact's phrases
("how did the assistant speak to her?" asks about that fact). Only answered topics count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from scoring.model import ReplyScore
from simulator.engine.fix_match import phrase_match
from simulator.engine.question_words import QUESTION_TOPICS
from simulator.scenario.model import Fact

ANSWER_TOPICS: tuple[str, ...] = tuple(QUESTION_TOPICS)
MAX_TOPICS = 2  # a customer answers the first two things asked; more reads like a form
# Facts are looked for after the narrow topics and before the broad "what happened".
_BEFORE_FACTS = tuple(topic for topic in ANSWER_TOPICS if topic != "what")

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_OPENERS = re.compile(
    r"^\s*(what|when|where|who|which|how|why|can you|could you|would you|did|do you|is it|"
    r"was it|were you)\b",
    re.IGNORECASE,
)
_CHECK_RULES = frozenset({"satisfaction_check"})  # "would that work?" checks a fix, asks nothing


def questions(reply: str, score: ReplyScore) -> list[tuple[str, bool]]:
    """The reply's questions, each with whether it checks on a fix ("would Thursday suit?")."""
    checks = [(e.start, e.end) for e in score.evidence if e.rule in _CHECK_RULES]
    found = []
    for match in _SENTENCE.finditer(reply):
        sentence = match.group().strip()
        if not sentence or not (sentence.endswith("?") or _OPENERS.match(sentence)):
            continue
        check = any(match.start() <= start < match.end() for start, _ in checks)
        found.append((sentence, check))
    return found


def asked_about(
    reply: str, score: ReplyScore, answers: Mapping[str, Sequence[str]], facts: Iterable[Fact]
) -> str | None:
    """The first answerable topic (a built-in topic or a fact id) the reply's questions ask."""
    topics = topics_asked(reply, score, answers, facts)
    return topics[0] if topics else None


def topics_asked(
    reply: str,
    score: ReplyScore,
    answers: Mapping[str, Sequence[str]],
    facts: Iterable[Fact],
    most: int = MAX_TOPICS,
) -> tuple[str, ...]:
    """The answerable topics the reply's questions ask about, in the order asked, at most `most`
    ("When was this, and what did he say?" asks `when` and `what`)."""
    if not answers:
        return ()
    facts = tuple(facts)
    found: list[str] = []
    for sentence, check in questions(reply, score):
        lowered = f" {' '.join(sentence.lower().split())} "

        def asks(topic: str, lowered: str = lowered) -> bool:
            return topic in answers and any(f" {w}" in lowered for w in QUESTION_TOPICS[topic])

        if check:  # "what would you like us to do?" asks what they want; "when suits?" does not
            here = ["want"] if asks("want") else []
        else:
            here = [topic for topic in _BEFORE_FACTS if asks(topic)]
            here += [
                fact.id
                for fact in facts
                if fact.id in answers and any(phrase_match(p, sentence) for p in fact.phrases)
            ]
            if asks("what"):
                here.append("what")
        found += [topic for topic in here if topic not in found]
    return tuple(found[:most])


def answer_lines(answers: Mapping[str, Sequence[str]], topics: Sequence[str]) -> tuple[str, ...]:
    """What the customer may say to these topics: one line for each, in the order asked."""
    lines: list[str] = [""]
    for topic in topics:
        lines = [f"{before} {line}".strip() for before in lines for line in answers[topic]]
    return tuple(line for line in lines if line)
