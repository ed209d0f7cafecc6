"""The reply scorer: six explainable dimensions of a customer-service recovery reply.

Plain Python; never imports Textual.
"""

from scoring.model import (
    DIMENSIONS,
    EVENTS,
    HIGH_THRESHOLD,
    Evidence,
    ReplyScore,
    ScenarioLike,
)

__all__ = [
    "DIMENSIONS",
    "EVENTS",
    "HIGH_THRESHOLD",
    "Evidence",
    "ReplyScore",
    "ScenarioLike",
]
