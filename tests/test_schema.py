"""The editor schema and the loader agree: what one accepts the other accepts."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from simulator.scenario.loader import check_file

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "docs" / "scenario.schema.json").read_text())
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
BROKEN = ROOT / "tests" / "fixtures" / "scenarios" / "broken"
GOOD_FILES = sorted((ROOT / "scenarios").glob("*.yaml")) + [
    ROOT / "tests" / "fixtures" / "scenarios" / "valid" / "parcel.yaml"
]
# Files YAML itself cannot turn into values have no document for the schema to check.
NOT_YAML_VALUES = {"invalid-yaml", "impossible-date", "bad-bool-tag", "huge-number"}
TYPE_ERROR_FIXTURES = sorted(p for p in BROKEN.glob("*.yaml") if p.stem not in NOT_YAML_VALUES)


def test_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", GOOD_FILES, ids=lambda p: p.name)
def test_good_files_pass_both(path: Path) -> None:
    assert check_file(path)[1] == []
    assert list(VALIDATOR.iter_errors(yaml.safe_load(path.read_text()))) == []


@pytest.mark.parametrize("path", TYPE_ERROR_FIXTURES, ids=lambda p: p.stem)
def test_broken_fixtures_fail_both(path: Path) -> None:
    assert check_file(path)[1] != []
    assert list(VALIDATOR.iter_errors(yaml.safe_load(path.read_text()))) != []
