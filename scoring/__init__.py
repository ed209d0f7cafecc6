"""The reply scorer: six explainable dimensions of a customer-service recovery reply.

Plain Python; never imports Textual. `score_reply` is the one entry point.
"""

from typing import TYPE_CHECKING

from scoring.model import (
    DIMENSIONS,
    EVENTS,
    HIGH_THRESHOLD,
    Evidence,
    ReplyScore,
    ScenarioLike,
)

if TYPE_CHECKING:
    from scoring.scorer import score_reply

# Bump when a rule, lexicon or weight changes, so stored scores can say which scorer made them.
SCORER_VERSION = "2.5.1"


def __getattr__(name: str) -> object:
    """`PHRASE_RULES`: rule ids a scenario's `phrases:` may extend, read from the lexicons
    on first use (so importing `scoring` stays cheap). `score_reply` is loaded on first use
    too: the loader, engine and app import `scoring.model` at startup and should not pay for
    NLTK until a reply is scored."""
    if name == "score_reply":
        from scoring.scorer import score_reply

        return score_reply
    if name == "PHRASE_RULES":
        from scoring.lexicon_files import phrase_rules

        return phrase_rules()
    raise AttributeError(f"module 'scoring' has no attribute {name!r}")


__all__ = [
    "PHRASE_RULES",
    "DIMENSIONS",
    "EVENTS",
    "HIGH_THRESHOLD",
    "SCORER_VERSION",
    "Evidence",
    "ReplyScore",
    "ScenarioLike",
    "score_reply",
]
