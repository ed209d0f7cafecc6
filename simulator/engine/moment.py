"""Coaching in the moment: after one reply, the top reason anger moved and the words that
raised or lowered a score. Practice mode shows it as the conversation goes; assessment keeps it
for the debrief."""

from __future__ import annotations

from dataclasses import dataclass

from scoring.model import Evidence
from simulator.engine.model import Turn

WORDS_SHOWN = 40  # characters of a quoted span: the coach panel is narrow


@dataclass(frozen=True, slots=True)
class MomentNote:
    anger: str  # "Anger -12: a specific apology calms the customer", or "" if nothing moved it
    raised: Evidence | None  # the words that raised a score most clearly
    lowered: Evidence | None  # the words that lowered one

    def lines(self, label: dict[str, str] | None = None) -> list[str]:
        names = label or {}
        out = [self.anger] if self.anger else []
        for mark, item in (("▲", self.raised), ("▼", self.lowered)):
            if item is not None:
                words = item.text if len(item.text) <= WORDS_SHOWN else item.text[:39] + "…"
                name = names.get(item.dimension, item.dimension.replace("_", " "))
                out.append(f"{mark} {name}: \u201c{words}\u201d")
        return out


def moment_note(turn: Turn) -> MomentNote:
    """The change that moved anger most, and the first span that raised and lowered a score."""
    moved = [c for c in turn.changes if c.delta]
    total = turn.anger_after - turn.anger_before
    arrow = "▲" if total > 0 else "▼" if total < 0 else "="
    anger = ""
    if moved:
        top = max(moved, key=lambda c: abs(c.delta))
        anger = f"Anger {arrow}{abs(total)}, mostly {top.why} ({top.delta:+g})"
    elif turn.changes:
        anger = f"Anger {arrow}{abs(total)}: {turn.changes[0].why}"
    evidence = [e for e in turn.score.evidence if e.text.strip()]
    cause = max(moved, key=lambda c: abs(c.delta)).cause if moved else ""

    def first(effect: str) -> Evidence | None:
        """The words behind the top anger change if they moved a score this way, else the
        first words that did."""
        this_way = [e for e in evidence if e.effect == effect]
        return next((e for e in this_way if e.rule == cause), next(iter(this_way), None))

    return MomentNote(anger, first("up"), first("down"))
