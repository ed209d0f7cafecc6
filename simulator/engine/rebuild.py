"""A past attempt's debrief, rebuilt from what the scoreboard kept, for reading it again.

The scoreboard keeps each reply, the customer's answer, the anger before and after, the scores
and the scorer's event names, but not the evidence spans the debrief marks. Those come from
playing the stored replies through the engine again against the stored answers: the scorer is
deterministic, so on the same scenario file and scorer the marks are the ones the trainee saw.
That is checked turn by turn against the stored scores; where the file is gone, was edited, or
the scores differ, the debrief keeps the stored transcript and scores without marks and says why.
The outcome, the scores and the verdict shown are always the stored ones.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, cast

from scoring.model import ReplyScore
from simulator.engine.conversation import Conversation, ConversationOver, ReplyRejected
from simulator.engine.debrief import model_replies
from simulator.engine.model import Debrief, Outcome, Turn
from simulator.engine.passing import DEFAULT_PASS_MARK, PassRule, Verdict
from simulator.scenario.model import Customer, Scenario

if TYPE_CHECKING:
    from simulator.store.records import AttemptRecord

# What the transcript opens with when the scenario file is gone (the opening is not stored).
GONE_OPENING = "(the scenario file is gone, and the customer's opening line is not kept)"
STAND_IN_CUSTOMER = "Customer"


@dataclass(frozen=True, slots=True)
class Rebuilt:
    """What the read-only debrief shows."""

    scenario: Scenario  # the library's, or a stand-in that names the attempt's scenario id
    debrief: Debrief  # the stored outcome and scores; marks only when `marked`
    marked: bool  # the marks and the arc are the ones the trainee saw
    notices: tuple[str, ...] = ()  # why not, or what else differs, in words


def stored_verdict(record: AttemptRecord) -> Verdict | None:
    """The verdict as stored with the attempt (its pass mark at the time), or None."""
    if record.passed is None or record.pass_mark is None or record.overall is None:
        return None
    return Verdict(record.passed, record.overall, PassRule(mark=record.pass_mark), record.outcome)


def rebuild(
    record: AttemptRecord,
    scenario: Scenario | None,
    scorer_version: str,
    scorer: Callable[..., Any] | None = None,
) -> Rebuilt:
    """The debrief of `record`, played again on `scenario` (the library's file of that id, or
    None when there is none) with `scorer` (None: the real one) of version `scorer_version`."""
    if scenario is None:
        notice = (
            f'The scenario "{record.scenario_id}" is no longer in the library: the transcript '
            "and the stored scores are shown, without the marks."
        )
        return Rebuilt(_stand_in(record), _stored_debrief(record, None), False, (notice,))
    if scenario.content_hash and record.scenario_hash != scenario.content_hash:
        notice = (
            f'The scenario file "{record.scenario_id}" has changed since this attempt: the '
            "transcript and the stored scores are shown, without the marks (the opening line "
            "and model replies are the file's as it is now)."
        )
        return Rebuilt(scenario, _stored_debrief(record, scenario), False, (notice,))
    conversation = _replayed(record, scenario, scorer)
    if conversation is None:
        notice = (
            "Scoring these replies again does not give the stored scores (scored by scorer "
            f"{record.scorer_version}, this is {scorer_version}): the transcript and the "
            "stored scores are shown, without the marks."
        )
        return Rebuilt(scenario, _stored_debrief(record, scenario), False, (notice,))
    if conversation.state == "ongoing":
        conversation.abandon()
    debrief = conversation.debrief()
    notices: tuple[str, ...] = ()
    if record.scorer_version != scorer_version:
        notices = (
            f"Scored by scorer {record.scorer_version}; marked by this one ({scorer_version}),"
            " which gives the same scores.",
        )
    stored = replace(
        debrief,
        outcome=cast(Outcome, record.outcome),
        overall=debrief.overall if record.overall is None else record.overall,
        dimensions=record.dimensions or debrief.dimensions,
    )
    return Rebuilt(scenario, stored, True, notices)


def _replayed(
    record: AttemptRecord, scenario: Scenario, scorer: Callable[..., Any] | None
) -> Conversation | None:
    """The stored replies played again against the stored answers, or None if any turn's score
    or anger differs from what was stored (another scorer, or rules that moved)."""
    conversation = Conversation(scenario, 0, scorer=scorer)
    for kept in record.turns:
        try:
            turn = conversation.reply(kept.reply, kept.customer)
        except (ConversationOver, ReplyRejected):
            return None
        same = (
            turn.score.overall == kept.overall
            and dict(turn.score.dimensions) == dict(kept.dimensions)
            and (turn.anger_before, turn.anger_after) == (kept.anger_before, kept.anger_after)
        )
        if not same:
            return None
    return conversation


def _stored_debrief(record: AttemptRecord, scenario: Scenario | None) -> Debrief:
    """The debrief from the stored turns alone: text, scores and event names, no evidence."""
    turns = tuple(
        Turn(
            index=kept.index,
            reply=kept.reply,
            score=ReplyScore(kept.overall, dict(kept.dimensions), tuple(kept.events)),
            customer=kept.customer,
            anger_before=kept.anger_before,
            anger_after=kept.anger_after,
            changes=(),
        )
        for kept in record.turns
    )
    patience = scenario.customer.patience if scenario else len(turns)
    final = turns[-1].anger_after if turns else (scenario.customer.anger if scenario else 0)
    return Debrief(
        scenario_id=record.scenario_id,
        outcome=cast(Outcome, record.outcome),
        replies_used=len(turns),
        patience=max(patience, len(turns)),
        final_anger=final,
        overall=record.overall or 0,
        dimensions=dict(record.dimensions),
        turns=turns,
        tips=(),
        model_replies=model_replies(scenario.examples) if scenario else (),
    )


def _stand_in(record: AttemptRecord) -> Scenario:
    """A scenario that only names the attempt's, for a file no longer in the library."""
    first_anger = record.turns[0].anger_before if record.turns else 0
    return Scenario(
        id=record.scenario_id,
        title=record.scenario_id,
        category="",
        difficulty=1,
        customer=Customer(STAND_IN_CUSTOMER, first_anger, max(1, len(record.turns))),
        situation="",
        opening=GONE_OPENING,
        facts=(),
        resolutions=(),
        moods={},
        pass_mark=record.pass_mark or DEFAULT_PASS_MARK,
    )
