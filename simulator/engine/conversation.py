"""One conversation with one customer: replies in, scored turns and the customer's answers out.

Used alike by the app and the command line. Same scenario, seed and replies: same transcript.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from scoring.model import HIGH_THRESHOLD, ReplyScore
from simulator.engine.anger import ANGER_MAX, AngerRules, PhraseMemory, anger_changes, apply
from simulator.engine.debrief import build_debrief
from simulator.engine.lines import GIVE_UP_BELOW, CustomerVoice
from simulator.engine.model import AngerChange, Debrief, Line, Outcome, Turn, mood_for
from simulator.engine.offers import missing_needs, offered_resolutions
from simulator.engine.questions import answer_lines, topics_asked
from simulator.scenario.model import Resolution, Scenario

# Longer than any real chat reply; a huge paste is refused with a message rather than scored.
MAX_REPLY_CHARS = 4000


class Scorer(Protocol):
    """`scoring.score_reply`, or a test's stand-in for it."""

    def __call__(
        self, reply: str, *, customer: Sequence[str] = (), scenario: Scenario | None = None
    ) -> ReplyScore: ...


class ReplyRejected(ValueError):
    """A reply the customer never sees (empty or a huge paste); the message says what to do."""


class ConversationOver(RuntimeError):
    """A reply after the conversation ended."""


class Conversation:
    """The customer starts with the scenario's opening line; each `reply` returns a `Turn`."""

    def __init__(self, scenario: Scenario, seed: int = 0, scorer: Scorer | None = None) -> None:
        if scorer is None:
            from scoring import score_reply  # loaded on first use: NLTK costs start-up time

            scorer = score_reply
        self.scenario = scenario
        self.seed = seed
        self._score = scorer
        self._rules = AngerRules.for_scenario(scenario.difficulty, scenario.tuning)
        self._memory = PhraseMemory.empty()
        self._voice = CustomerVoice(
            scenario.moods,
            scenario.reactions,
            seed,
            scenario.endings,
            known=f"{scenario.situation} {scenario.opening}",
        )
        self._anger = scenario.customer.anger
        self._state: Outcome = "ongoing"
        self._turns: list[Turn] = []
        self._accepted: Resolution | None = None
        self._transcript = [Line("customer", self._voice.say(scenario.opening))]

    @property
    def state(self) -> Outcome:
        return self._state

    @property
    def anger(self) -> int:
        return self._anger

    @property
    def mood(self) -> str:
        return mood_for(self._anger)

    @property
    def accept_below(self) -> float:
        return self._rules.accept_below

    @property
    def replies_left(self) -> int:
        if self._state != "ongoing":
            return 0
        return max(0, self.scenario.customer.patience - len(self._turns))

    @property
    def turns(self) -> tuple[Turn, ...]:
        return tuple(self._turns)

    @property
    def transcript(self) -> tuple[Line, ...]:
        return tuple(self._transcript)

    @property
    def accepted(self) -> Resolution | None:
        """The fix the customer accepted, once resolved."""
        return self._accepted

    def reply(self, text: str, stored_answer: str | None = None) -> Turn:
        """Score the reply, move the customer's anger, and return the turn with their answer.

        `stored_answer`: what the customer said back in a past attempt (rebuilding its debrief,
        `simulator.engine.rebuild`): said instead of the line picked now, so the next reply is
        scored against the conversation the trainee had."""
        if self._state != "ongoing":
            raise ConversationOver(f"The conversation has ended ({self._state}).")
        check_reply(text)
        customer_lines = tuple(line.text for line in self._transcript if line.speaker == "customer")
        score = self._score(text, customer=customer_lines, scenario=self.scenario)
        changes = anger_changes(score, text, self._rules, self._memory)
        self._memory.remember(score, text)
        before, after = self._anger, apply(self._anger, changes)
        scores = [turn.score for turn in self._turns] + [score]
        offers = offered_resolutions(score, text, self.scenario)
        accepted, missing = self._judge_offers(offers, scores, after)
        pushback = not accepted and bool(offers)
        if pushback:
            changes += (self._pushback_change(after, missing),)

        out_of_patience = len(self._turns) + 1 >= self.scenario.customer.patience
        asked = ""
        if accepted is not None:
            self._state, self._accepted = "resolved", accepted
            answer = self._voice.say(accepted.accept)
        elif after >= ANGER_MAX or (out_of_patience and after >= GIVE_UP_BELOW):
            self._state = "walked_out"
            answer = self._voice.walk_out(after)
        elif out_of_patience:
            self._state = "unresolved"
            answer = self._voice.give_up(after)
        else:
            events = score.events + tuple(c.cause for c in changes)
            topics = topics_asked(text, score, self.scenario.answers, self.scenario.facts)
            said = answer_lines(self.scenario.answers, topics)
            owned_up = pushback and _owned_up(score)
            answer = self._voice.answer(events, after, missing, text, said, owned_up)
            asked = ", ".join(topics) if answer in said else ""

        if stored_answer is not None and stored_answer != answer:
            answer, asked = stored_answer, ""
        offered = tuple(r.id for r in offers)
        turn = Turn(len(self._turns), text, score, answer, before, after, changes, offered, asked)
        self._turns.append(turn)
        self._anger = after
        self._transcript += [Line("trainee", text), Line("customer", answer)]
        return turn

    def abandon(self) -> None:
        """The trainee ends the conversation early; nothing happens if it already ended."""
        if self._state == "ongoing":
            self._state = "abandoned"

    def debrief(self) -> Debrief:
        return build_debrief(self.scenario, self._state, self._turns, self._anger)

    def _judge_offers(
        self, offers: Sequence[Resolution], scores: Sequence[ReplyScore], anger: int
    ) -> tuple[Resolution | None, tuple[str, ...]]:
        """The first offered fix the customer accepts, else what the first offer still needs."""
        if anger >= ANGER_MAX:
            return None, ()
        for resolution in offers:
            missing = missing_needs(resolution, self.scenario, scores)
            if not missing and anger < self._rules.accept_below:
                return resolution, ()
        if offers:
            return None, missing_needs(offers[0], self.scenario, scores)
        return None, ()

    def _pushback_change(self, anger: int, missing: Sequence[str]) -> AngerChange:
        if missing:
            why = f"fix offered before any reply scored high on {', '.join(missing)}"
        else:
            why = f"fix offered too early: anger {anger}, accepted only below {self.accept_below:g}"
        return AngerChange("pushback", 0.0, why)


# What a reply must score high on to count as having dealt with what happened, so that a fix
# offered too early is met warily rather than as a bribe: an apology plus hearing them (their
# words said back, or the impact on them acknowledged).
def _owned_up(score: ReplyScore) -> bool:
    high = {d for d, v in score.dimensions.items() if v >= HIGH_THRESHOLD}
    return "apology" in high and bool(high & {"listening", "empathy"})


def check_reply(text: str) -> None:
    """Refuse what no customer should be sent, with a message that says what to do."""
    if not text.strip():
        raise ReplyRejected("Type a reply before sending it.")
    if len(text) > MAX_REPLY_CHARS:
        raise ReplyRejected(
            f"That reply is {len(text):,} characters; keep it under {MAX_REPLY_CHARS:,}. "
            "A customer reads a few sentences, not an essay."
        )
