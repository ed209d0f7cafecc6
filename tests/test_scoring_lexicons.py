"""The lexicon files are data a trainer may edit: check they are well formed and documented."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib import resources

import pytest
import yaml

from scoring import EVENTS, PHRASE_RULES
from scoring.lexicon import RULE_FILES, base_lexicon
from scoring.model import DIMENSIONS

FOLDER = resources.files("scoring").joinpath("lexicons")


@pytest.mark.parametrize("name", RULE_FILES)
def test_every_rule_is_complete_and_says_where_it_comes_from(name: str) -> None:
    text = FOLDER.joinpath(name).read_text("utf-8")
    rules = yaml.safe_load(text)["rules"]
    for rule_id, spec in rules.items():
        assert spec["dimension"] in DIMENSIONS, rule_id
        assert spec["effect"] in ("up", "down"), rule_id
        assert spec.get("event") is None or spec["event"] in EVENTS, rule_id
        assert spec["why"].strip(), rule_id
        assert spec.get("phrases") or spec.get("detector"), rule_id
        # A YAML comment right under the rule's key names its source.
        after_key = text.split(f"\n  {rule_id}:\n", 1)[1]
        assert re.match(r"\s*#", after_key), f"{rule_id} has no source comment"


def test_every_phrase_compiles_to_words() -> None:
    lexicon = base_lexicon()
    assert all(p.elements for p in lexicon.phrases)
    assert {p.rule for p in lexicon.phrases} <= set(lexicon.rules)


def test_tips_cover_every_dimension() -> None:
    tips = base_lexicon().tips
    for dim in DIMENSIONS:
        assert tips[dim]["default"].strip()
    assert tips["gaming"] and tips["empty"]


def test_phrase_rules_lists_rules_and_event_aliases() -> None:
    assert "excuse" in PHRASE_RULES and "resolution_offer" in PHRASE_RULES
    assert set(base_lexicon().rules) <= set(PHRASE_RULES)


def test_importing_scoring_does_not_import_textual_or_read_lexicons() -> None:
    code = (
        "import sys, scoring, scoring.lexicon as l; "
        "print('textual' in sys.modules, l.base_lexicon.cache_info().currsize)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "0"]
