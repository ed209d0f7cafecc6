"""Where the bundled lexicons live and how they are read: no NLTK here, so the scenario loader
can check a scenario's `phrases:` rule ids without paying for the stemmer at start-up."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

LEXICON_PACKAGE = "scoring"
LEXICON_FOLDER = "lexicons"
RULE_FILES: tuple[str, ...] = (
    "apology.yaml",
    "empathy.yaml",
    "ownership.yaml",
    "excuses.yaml",
    "listening.yaml",
    "resolution.yaml",
)
# Event names a scenario may use in `phrases:` for the rule that detects them.
PHRASE_ALIASES = {"excuse": "excuse_cause", "blame_customer": "blame_cause"}

# libyaml's C parser when present: the lexicons are read at every start.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(name: str) -> Any:
    """Read one bundled lexicon file; packaged data, so no path juggling."""
    text = resources.files(LEXICON_PACKAGE).joinpath(LEXICON_FOLDER, name).read_text("utf-8")
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader, C or Python


@lru_cache(maxsize=1)
def phrase_rules() -> tuple[str, ...]:
    """Rule ids (and event aliases) a scenario's `phrases:` may add to, sorted."""
    ids = {str(rule) for name in RULE_FILES for rule in read_yaml(name)["rules"]}
    return tuple(sorted(ids | set(PHRASE_ALIASES)))
