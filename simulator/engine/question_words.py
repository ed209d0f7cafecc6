"""What a trainee's question is about, as words to look for: data for `simulator.engine.questions`.

A scenario's `answers:` are keyed by these topics (or by one of its fact ids). The order matters:
the first topic whose words a question uses is the one answered, so the narrow ones come first
("what time" is `when` before "what" is `what`).
"""

from __future__ import annotations

from collections.abc import Mapping

QUESTION_TOPICS: Mapping[str, tuple[str, ...]] = {
    "want": (
        "what would you like",
        "what do you want",
        "what would help",
        "what would make",
        "what would put",
        "what can i do",
        "what can we do",
        "how can i make",
        "how can we make",
        "how can i help",
        "what outcome",
        "what would be",
        "what are you hoping",
        "what would you prefer",
        "ideally",
    ),
    "amount": (
        "how much",
        "what amount",
        "which amount",
        "what was the charge",
        "what were you charged",
        "what did you pay",
        "what did it cost",
        "the total",
        "how many",
    ),
    "when": (
        "when",
        "what time",
        "what date",
        "which date",
        "what day",
        "which day",
        "how long ago",
        "how long have",
        "since when",
    ),
    "where": ("where", "which store", "which branch", "which shop", "which address"),
    "who": ("who ", "which member", "which colleague", "their name", "his name", "her name"),
    "reference": (
        "order number",
        "reference",
        "account number",
        "booking number",
        "ticket number",
        "case number",
    ),
    "what": (
        "what happened",
        "tell me more",
        "tell me what",
        "walk me through",
        "talk me through",
        "can you explain",
        "could you explain",
        "can you describe",
        "what went wrong",
        "what exactly",
        "what was said",
        "what he said",
        "what she said",
        "what they said",
        "what did he",
        "what did she",
        "what did they",
    ),
}
