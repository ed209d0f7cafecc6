"""No excuses: high unless the reply explains, shields, blames, argues, minimises or mocks."""

from __future__ import annotations

from scoring.analysis import Analysis
from scoring.dimensions.result import Verdict
from scoring.weights import NO_EXCUSES_CLEAN, NO_EXCUSES_MANY, NO_EXCUSES_ONE, NO_EXCUSES_TWO

# Rules that count against this dimension; a negated one ("it's not your fault") does not count,
# except sarcasm, which is not undone by a "not".
OFFENCES = (
    "excuse",
    "excuse_cause",
    "policy",
    "blame_customer",
    "blame_cause",
    "defensive",
    "minimizing",
    "sarcasm",
    "sarcasm_caps",
)
SCORE_BY_KINDS = (NO_EXCUSES_CLEAN, NO_EXCUSES_ONE, NO_EXCUSES_TWO, NO_EXCUSES_MANY)


def score_no_excuses(a: Analysis) -> Verdict:
    v = Verdict("no_excuses")
    kinds: set[str] = set()
    seen: list[tuple[int, int]] = []
    for rule in OFFENCES:
        for m in a.get(rule):
            if not rule.startswith("sarcasm") and a.negated(m):
                continue
            if any(i <= m.i < j for i, j in seen):  # one stretch of words counts once
                continue
            seen.append((m.i, m.j))
            event = a.lexicon.rules[rule].event or rule
            v.note(a, m, "down", event=event)
            kinds.add(event)
    v.score = SCORE_BY_KINDS[min(len(kinds), len(SCORE_BY_KINDS) - 1)]
    return v.clamp()
