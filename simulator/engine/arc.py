"""The recovery arc: the seven steps of a good recovery, which reply did each, and what was out
of order.

Listen and clarify before solving; apologise specifically; own it; offer a concrete fix with a
time; check it works for them; end on a positive note (a goodwill gesture); promise follow-up.
Each step is read from what the scorer detected in a reply (its events and evidence), so the
debrief can quote the words that did it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from scoring.model import HIGH_THRESHOLD
from simulator.engine.anger import sentence_around
from simulator.engine.model import Turn

# Words that promise or arrange follow-up, and words of a positive close (a thank-you). The
# scorer has rules for the other steps; these two are the engine's own, small and explicit.
FOLLOW_UP = re.compile(
    r"\b(?:i(?:'ll| will) (?:call|ring|phone|email|e-mail|text|message|update|check (?:in|back)|"
    r"follow up|get back to|let you know|confirm|keep you)|follow(?:-| )up|keep you (?:posted|"
    r"updated|informed)|my direct (?:number|line|email)|check in with you|get back to you by)",
    re.IGNORECASE,
)
THANKS = re.compile(
    r"\b(?:thank you|thanks|i appreciate|we appreciate)\b[^.!?]{0,40}\b(?:patience|telling|"
    r"raising|bearing|time|calling|understanding|letting)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ArcStep:
    """One step of the recovery, and the first reply that did it (None: it never happened)."""

    id: str
    label: str
    reply: int | None  # 0-based turn index
    words: str  # the reply's words that did it
    coaching: str  # what to do when it never happened

    @property
    def done(self) -> bool:
        return self.reply is not None


@dataclass(frozen=True, slots=True)
class Arc:
    steps: tuple[ArcStep, ...]
    faults: tuple[str, ...]  # out of order, or missing where it mattered

    def step(self, step_id: str) -> ArcStep:
        return next(s for s in self.steps if s.id == step_id)

    @property
    def missing(self) -> tuple[ArcStep, ...]:
        return tuple(s for s in self.steps if not s.done)

    def to_dict(self) -> dict[str, Any]:
        return {
            "steps": [
                {
                    "step": s.id,
                    "label": s.label,
                    "reply": None if s.reply is None else s.reply + 1,
                    "words": s.words,
                }  # fmt: skip
                for s in self.steps
            ],
            "faults": list(self.faults),
        }


WORDS_SHOWN = 90  # characters of the sentence that did a step, quoted in the debrief


def _evidence(turn: Turn, rules: Sequence[str], dimension: str = "") -> str:
    """The sentence holding the first evidence of these rules, so the trainee sees their words."""
    for item in turn.score.evidence:
        if item.effect != "up" or (dimension and item.dimension != dimension):
            continue
        if item.rule in rules or any(item.rule.startswith(r) for r in rules if r.endswith(":")):
            sentence = " ".join(sentence_around(turn.reply, item.start, item.end).split())
            sentence = sentence or item.text
            return sentence if len(sentence) <= WORDS_SHOWN else sentence[: WORDS_SHOWN - 1] + "…"
    return ""


Detector = Callable[[Turn], "str | None"]


def _by_events(events: Sequence[str], rules: Sequence[str], dimension: str) -> Detector:
    """A step done well: its event in a reply that also scored high on its dimension, so a
    'sorry, but' excuse that names their words is neither listening nor an apology."""

    def found(turn: Turn) -> str | None:
        if not set(events) & set(turn.events) or "gaming" in turn.events:
            return None
        if turn.score.dimensions.get(dimension, 0) < HIGH_THRESHOLD:
            return None
        return _evidence(turn, rules, dimension) or " ".join(turn.reply.split()[:8])

    return found


def _fix(turn: Turn) -> str | None:
    if not turn.offers and "resolution_offer" not in turn.events:
        return None
    if "gaming" in turn.events:
        return None
    offer = ("resolution_offer", "resolution:", "timeline", "commitment", "goodwill")
    return _evidence(turn, offer[:2], "resolution") or _evidence(turn, offer) or turn.reply[:60]


_LAST_QUESTION = re.compile(r"[^.!?]*\?\s*$")


def _check(turn: Turn) -> str | None:
    """A satisfaction check the scorer saw, or a fix that ends by asking ("would Thursday suit
    her?"): a question after the offer asks whether it works for them."""
    found = _by_events(("satisfaction_check",), ("satisfaction_check",), "resolution")(turn)
    if found is not None:
        return found
    question = _LAST_QUESTION.search(turn.reply)
    if _fix(turn) is not None and question:
        return " ".join(question.group().split())
    return None


def _close(turn: Turn) -> str | None:
    words = _evidence(turn, ("goodwill",), "resolution")
    if words:
        return words
    match = THANKS.search(turn.reply)
    return match.group() if match else None


def _follow_up(turn: Turn) -> str | None:
    match = FOLLOW_UP.search(turn.reply)
    return match.group() if match else None


STEPS: tuple[tuple[str, str, Detector, str], ...] = (
    (
        "listen",
        "Listen and clarify",
        _by_events(
            ("paraphrase", "clarifying_question"),
            ("restate", "restate_you", "clarifying_question", "customer_words"),
            "listening",
        ),  # fmt: skip
        "Say back what happened, or ask a question, before you solve anything.",
    ),
    (
        "apologise",
        "Apologise specifically",
        _by_events(("specific_apology",), ("specific_apology", "strong_apology"), "apology"),
        "Say sorry for the exact thing that went wrong, with no 'but'.",
    ),
    (
        "own",
        "Own it",
        _by_events(("responsibility",), ("responsibility",), "ownership"),
        "Say it was your side's mistake: 'that's on us'.",
    ),
    (
        "fix",
        "Concrete fix with a time",
        _fix,
        "Offer one of the fixes this customer would take, and say when it will happen.",
    ),
    (
        "check",
        "Check it works for them",
        _check,
        "After the fix, ask whether it works for them: 'would that put it right?'",
    ),
    (
        "close",
        "Positive close / goodwill",
        _close,
        "End on a positive note: thank them, or add a small goodwill gesture.",
    ),
    (
        "follow_up",
        "Promise follow-up",
        _follow_up,
        "Say how and when you will follow up: 'I'll call you on Friday to confirm'.",
    ),
)


# What the check step says when the customer took the fix in the very reply that offered it:
# they had no reply left to be asked, so it is a habit to build, not a fault.
CHECK_WHEN_ACCEPTED = (
    "They took the fix at once, so there was no later reply to ask in: next time ask in the same"
    " reply, 'would that put it right?'"
)


def recovery_arc(turns: Sequence[Turn], accepted: bool = False) -> Arc:
    """`accepted`: the customer took the fix offered in the last reply, ending the talk."""
    steps = []
    fix_at = next((t.index for t in turns if _fix(t) is not None), None)
    for step_id, label, detect, coaching in STEPS:
        # Checking it works only means something once a fix is on the table.
        pool = (
            [t for t in turns if fix_at is not None and t.index >= fix_at]
            if (step_id == "check")
            else list(turns)
        )
        found = next(((t.index, w) for t in pool if (w := detect(t)) is not None), None)
        index, words = found if found else (None, "")
        at_once = accepted and fix_at is not None and fix_at == turns[-1].index
        if step_id == "check" and index is None and at_once:
            coaching = CHECK_WHEN_ACCEPTED
        steps.append(ArcStep(step_id, label, index, words, coaching))
    arc = Arc(tuple(steps), ())
    return Arc(arc.steps, _faults(arc, turns, accepted))


def _faults(arc: Arc, turns: Sequence[Turn], accepted: bool = False) -> tuple[str, ...]:
    fix, listen, apologise = arc.step("fix"), arc.step("listen"), arc.step("apologise")
    faults: list[str] = []
    if fix.reply is None:
        return ()  # the debrief's fix note says what to offer; "what would help?" is no fault
    n = fix.reply + 1
    if listen.reply is None or listen.reply > fix.reply:
        faults.append(
            f"You offered a fix (reply {n}) before you understood the problem: say back what "
            "happened or ask a question first."
        )
    if apologise.reply is not None and apologise.reply > fix.reply:
        faults.append(f"You offered a fix (reply {n}) before apologising.")
    fixes = [t for t in turns if t.index >= fix.reply and _fix(t) is not None]
    if not any("timeline" in t.events for t in fixes):
        faults.append("Your fix never came with a time: say when it will happen.")
    checks_after = [t for t in turns if t.index >= fix.reply and _check(t) is not None]
    # Taken in the reply that offered it: the customer's yes answered the check (found by a
    # new user: "You never checked" after a one-reply recovery they could not go on from).
    taken_at_once = accepted and fix.reply == turns[-1].index
    if not checks_after and not taken_at_once:
        faults.append(
            "You never checked it worked for them: after the fix, ask whether it puts it right."
        )
    return tuple(faults)
