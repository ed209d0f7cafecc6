"""The six dimension rules, one module each, in a table keyed by dimension name."""

from __future__ import annotations

from collections.abc import Callable

from scoring.analysis import Analysis
from scoring.dimensions.apology import score_apology
from scoring.dimensions.empathy import score_empathy
from scoring.dimensions.listening import score_listening
from scoring.dimensions.no_excuses import score_no_excuses
from scoring.dimensions.ownership import score_ownership
from scoring.dimensions.resolution import score_resolution
from scoring.dimensions.result import Verdict

DIMENSION_RULES: dict[str, Callable[[Analysis], Verdict]] = {
    "listening": score_listening,
    "empathy": score_empathy,
    "apology": score_apology,
    "ownership": score_ownership,
    "no_excuses": score_no_excuses,
    "resolution": score_resolution,
}

__all__ = ["DIMENSION_RULES", "Verdict"]
