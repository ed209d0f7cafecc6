"""Pass or fail: an assessment attempt against its scenario's pass mark.

A scenario sets `pass_mark` (default `DEFAULT_PASS_MARK`) and may require an outcome
(`pass_outcome: resolved`). Practice attempts are not judged: they are for trying things out.
"""

from __future__ import annotations

from dataclasses import dataclass

# The default pass mark when a scenario sets none (the figure the leads asked for; a library
# or a setting may override it later).
DEFAULT_PASS_MARK = 70
JUDGED_MODE = "assessment"
OUTCOME_WORDS = {
    "resolved": "resolved",
    "walked_out": "the customer walked out",
    "unresolved": "not resolved",
    "abandoned": "given up",
}


@dataclass(frozen=True, slots=True)
class PassRule:
    mark: int = DEFAULT_PASS_MARK
    outcome: str | None = None  # the outcome required as well as the mark, if any


@dataclass(frozen=True, slots=True)
class Verdict:
    passed: bool
    overall: int
    rule: PassRule
    outcome: str

    @property
    def text(self) -> str:
        """ "Passed: 78, pass mark 70, resolved" / "Failed: 78, pass mark 70, not resolved"."""
        word = "Passed" if self.passed else "Failed"
        parts = [f"{word}: {self.overall}, pass mark {self.rule.mark}"]
        if self.rule.outcome is not None or self.outcome == "resolved":
            parts.append(OUTCOME_WORDS.get(self.outcome, self.outcome))
        return ", ".join(parts)


def judge(rule: PassRule, mode: str, overall: int, outcome: str) -> Verdict | None:
    """The verdict on a finished attempt; None for practice, which is never judged."""
    if mode != JUDGED_MODE:
        return None
    outcome = "abandoned" if outcome == "ongoing" else outcome  # left unfinished: given up
    passed = overall >= rule.mark and outcome != "abandoned"
    if rule.outcome is not None:
        passed = passed and outcome == rule.outcome
    return Verdict(passed=passed, overall=overall, rule=rule, outcome=outcome)
