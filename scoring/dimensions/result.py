"""What a dimension rule returns: its score, the events it saw and the evidence behind it."""

from __future__ import annotations

from dataclasses import dataclass, field

from scoring.analysis import Analysis
from scoring.lexicon import Match
from scoring.model import Evidence


@dataclass(slots=True)
class Verdict:
    dimension: str
    score: int = 0
    events: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    def note(
        self,
        a: Analysis,
        m: Match,
        effect: str,
        *,
        event: str | None = None,
        why: str | None = None,
        rule: str | None = None,
    ) -> None:
        """Record evidence for match `m` (and its event, once)."""
        self.evidence.append(a.evidence(self.dimension, m, effect, why, rule))
        if event and event not in self.events:
            self.events.append(event)

    def event(self, name: str) -> None:
        if name not in self.events:
            self.events.append(name)

    def clamp(self) -> Verdict:
        self.score = max(0, min(100, int(round(self.score))))
        return self
