"""Names frozen with every backend's schema: the six dimensions and a stored turn's fields."""

from __future__ import annotations

# Column names of the six dimensions (scoring.DIMENSIONS must match them; a test checks it, and
# a change here needs a migration in each backend's schema).
DIMENSION_COLUMNS: tuple[str, ...] = (
    "listening",
    "empathy",
    "apology",
    "ownership",
    "no_excuses",
    "resolution",
)

# A turn is stored as a JSON array of these fields, in this order; exports write turns the same
# way (declared in the file's header as "turn_fields").
TURN_FIELDS: tuple[str, ...] = (
    "index",
    "reply",
    "customer",
    "anger_before",
    "anger_after",
    "overall",
    *DIMENSION_COLUMNS,
    "events",
)

# An assessment attempt's verdict, after the dimension scores in the attempts table (and in an
# import's rows): the pass mark it was judged against and whether it passed (NULL: not judged).
VERDICT_COLUMNS = ("pass_mark", "passed")
