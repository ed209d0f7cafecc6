"""Golden conversations: a scenario's `scripts`, played with the real scorer, end as expected?

`calibrate` reports each script that ends another way, with the reply where it went another way.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.engine.conversation import Conversation, Scorer
from simulator.engine.model import Turn
from simulator.scenario.model import Scenario, Script


@dataclass(frozen=True, slots=True)
class ScriptResult:
    scenario: Scenario
    script: Script
    outcome: str
    turns: tuple[Turn, ...]
    accept_below: float

    @property
    def holds(self) -> bool:
        return self.outcome == self.script.expect

    @property
    def turning_point(self) -> int:
        """The 0-based reply where the conversation went another way than the script expects.

        Ended early (walked out, left, accepted a fix): that reply. Still going when the replies
        ran out: for a script that should resolve, the last reply that offered a fix (it was not
        taken), else the last reply; for one that should end otherwise, the calmest reply.
        """
        if not self.turns:
            return 0
        if self.outcome != "abandoned":
            return len(self.turns) - 1
        if self.script.expect == "resolved":
            offered = [t.index for t in self.turns if t.offers]
            return offered[-1] if offered else len(self.turns) - 1
        return min(self.turns, key=lambda t: (t.anger_after - t.anger_before, t.index)).index

    def explain(self) -> str:
        """One paragraph: what was expected, what happened, and where."""
        script, turn = self.script, self.turns[self.turning_point] if self.turns else None
        where = self._where(self.turning_point)
        head = f'script "{script.name}" expected {script.expect}, got {self.outcome}'
        if turn is None:
            return head + " (no reply was played)"
        moved = f"anger {turn.anger_before} -> {turn.anger_after}"
        if self.outcome == "abandoned":
            head += f" (the replies ran out after {len(self.turns)} with the customer still there)"
        detail = f"; it went another way at reply {turn.index + 1}{where}: {moved}"
        causes = sorted(turn.changes, key=lambda c: -abs(c.delta))[:2]
        if causes:
            detail += " (" + "; ".join(f"{c.delta:+g} {c.why}" for c in causes) + ")"
        if script.expect == "resolved" and not any(t.offers for t in self.turns):
            detail += ". No reply offered one of this scenario's fixes"
        elif script.expect == "resolved" and turn.offers and self.outcome != "resolved":
            detail += (
                f". It offered {', '.join(turn.offers)}, but the customer accepts only below "
                f"anger {self.accept_below:g}"
            )
        unplayed = len(script.replies) - len(self.turns)
        if unplayed > 0:
            were = "reply was" if unplayed == 1 else "replies were"
            detail += f". {unplayed} later {were} never played"
        return head + detail + "."

    def _where(self, index: int) -> str:
        lines = self.script.reply_lines
        path = self.scenario.path
        if index < len(lines) and path is not None:
            return f" ({path}:{lines[index]})"
        return ""


def play_golden(scenario: Scenario, script: Script, scorer: Scorer | None = None) -> ScriptResult:
    """Play the script's replies in order until the conversation ends; leftovers are abandoned."""
    talk = Conversation(scenario, seed=script.seed, scorer=scorer)
    for reply in script.replies:
        if talk.state != "ongoing":
            break
        talk.reply(reply)
    talk.abandon()  # no-op when it already ended
    return ScriptResult(scenario, script, talk.state, talk.turns, talk.accept_below)
