"""The labelled sets are data other code trusts: catch a broken edit before it skews kappa.

All four files share one shape: the dev set (the scorer was tuned on it), the held-out set (tuned
on later), the final held-out set and the second final set (neither seen while tuning, for honest
figures). Each check below runs on all four.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from scoring.model import DIMENSIONS

DATA = Path(__file__).parent / "data"
DEVSET = DATA / "devset.jsonl"
HELDOUT = DATA / "heldout.jsonl"
FINAL_HELDOUT = DATA / "final_heldout.jsonl"
FINAL2 = DATA / "final2.jsonl"
CONTEXTS = DATA / "devset_contexts.yaml"

LABELS = {"high", "low"}
REQUIRED_KEYS = {"id", "context", "customer", "reply", "labels", "tags"}
OPTIONAL_KEYS = {"note"}
# (file, id prefix, minimum size): the issue asks for 150 dev replies; the held-out brief for 80;
# each final brief for 100.
LABELLED_SETS = {
    "devset": (DEVSET, "ds", 150),
    "heldout": (HELDOUT, "ho", 80),
    "final_heldout": (FINAL_HELDOUT, "fh", 100),
    "final2": (FINAL2, "f2", 100),
}
# The brief asks for a healthy balance: the rarer class of each dimension is at least 30%.
MIN_MINORITY_SHARE = 0.30


def _entries(path: Path) -> list[dict[str, Any]]:
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        assert line.strip(), f"{path.name} line {number} is blank"
        entries.append(json.loads(line))
    return entries


def _contexts() -> list[dict[str, Any]]:
    return yaml.safe_load(CONTEXTS.read_text(encoding="utf-8"))["contexts"]


@pytest.fixture(scope="module", params=sorted(LABELLED_SETS))
def labelled_set(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def entries(labelled_set: str) -> list[dict[str, Any]]:
    return _entries(LABELLED_SETS[labelled_set][0])


def test_set_has_enough_entries_with_unique_well_formed_ids(
    labelled_set: str, entries: list[dict[str, Any]]
) -> None:
    _, prefix, minimum = LABELLED_SETS[labelled_set]
    assert len(entries) >= minimum
    ids = [entry["id"] for entry in entries]
    duplicated = [item for item, count in Counter(ids).items() if count > 1]
    assert not duplicated, f"duplicate ids: {duplicated}"
    malformed = [item for item in ids if not re.fullmatch(rf"{prefix}-\d{{3,}}", item)]
    assert not malformed, f"ids not of the form {prefix}-NNN: {malformed}"


def test_every_entry_has_exactly_the_expected_fields(entries: list[dict[str, Any]]) -> None:
    for entry in entries:
        keys = set(entry)
        assert REQUIRED_KEYS <= keys, f"{entry.get('id')}: missing {REQUIRED_KEYS - keys}"
        assert keys <= REQUIRED_KEYS | OPTIONAL_KEYS, f"{entry['id']}: unexpected keys"
        assert isinstance(entry["reply"], str) and entry["reply"].strip(), entry["id"]
        customer = entry["customer"]
        assert isinstance(customer, list) and customer, f"{entry['id']}: customer lines"
        assert all(isinstance(line, str) and line.strip() for line in customer), entry["id"]
        assert isinstance(entry["tags"], list) and entry["tags"], f"{entry['id']}: no tags"
        assert all(isinstance(tag, str) and tag for tag in entry["tags"]), entry["id"]
        if "note" in entry:
            assert isinstance(entry["note"], str) and entry["note"].strip(), entry["id"]


def test_every_entry_labels_all_six_dimensions_high_or_low(
    entries: list[dict[str, Any]],
) -> None:
    for entry in entries:
        labels = entry["labels"]
        assert set(labels) == set(DIMENSIONS), f"{entry['id']}: labels {sorted(labels)}"
        bad = {dim: value for dim, value in labels.items() if value not in LABELS}
        assert not bad, f"{entry['id']}: invalid labels {bad}"


def test_every_dimension_has_both_classes_in_healthy_proportion(
    entries: list[dict[str, Any]],
) -> None:
    for dimension in DIMENSIONS:
        counts = Counter(entry["labels"][dimension] for entry in entries)
        assert set(counts) == LABELS, f"{dimension}: only {dict(counts)}"
        minority = min(counts.values()) / len(entries)
        assert minority >= MIN_MINORITY_SHARE, f"{dimension}: {dict(counts)}"


def test_contexts_file_follows_the_scenario_fact_and_resolution_shape() -> None:
    contexts = _contexts()
    ids = [context["id"] for context in contexts]
    assert len(ids) == len(set(ids)), "duplicate context ids"
    for context in contexts:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", context["id"]), context["id"]
        for section in ("facts", "resolutions"):
            items = context[section]
            assert items, f"{context['id']}: no {section}"
            item_ids = [item["id"] for item in items]
            assert len(item_ids) == len(set(item_ids)), f"{context['id']}: duplicate {section}"
            for item in items:
                phrases = item["phrases"]
                assert phrases and all(isinstance(p, str) and p.strip() for p in phrases), (
                    f"{context['id']}/{item['id']}: phrases must be non-empty strings"
                )


def test_every_entry_context_names_a_known_context_or_is_null(
    entries: list[dict[str, Any]],
) -> None:
    known = {context["id"] for context in _contexts()}
    unknown = {entry["id"]: entry["context"] for entry in entries if entry["context"] is not None}
    unknown = {key: value for key, value in unknown.items() if value not in known}
    assert not unknown, f"entries naming unknown contexts: {unknown}"
    assert any(entry["context"] is None for entry in entries), "no customer-text-only entries"


def _normalised(reply: str) -> str:
    return " ".join(re.findall(r"[a-z0-9$]+", reply.lower()))


def test_held_out_replies_are_not_copies_of_dev_set_replies() -> None:
    """A held-out reply that also sits in the dev set would measure tuning, not agreement."""
    dev = {_normalised(entry["reply"]) for entry in _entries(DEVSET)}
    shared = [entry["id"] for entry in _entries(HELDOUT) if _normalised(entry["reply"]) in dev]
    assert not shared, f"held-out replies also in the dev set: {shared}"


def _copied_replies(later: Path, earlier_sets: tuple[Path, ...]) -> dict[str, str]:
    """Ids in `later` whose reply repeats one in `earlier_sets`, with the id it repeats."""
    earlier = {
        _normalised(entry["reply"]): entry["id"]
        for path in earlier_sets
        for entry in _entries(path)
    }
    return {
        entry["id"]: earlier[_normalised(entry["reply"])]
        for entry in _entries(later)
        if _normalised(entry["reply"]) in earlier
    }


def test_final_held_out_replies_are_not_copies_of_either_earlier_set() -> None:
    """The final set measures agreement on unseen text; a reply tuned on would break that."""
    shared = _copied_replies(FINAL_HELDOUT, (DEVSET, HELDOUT))
    assert not shared, f"final held-out replies copied from earlier sets: {shared}"


def test_second_final_replies_are_not_copies_of_any_earlier_set() -> None:
    """The second final set is a fresh measurement: no reply may repeat one from the other sets."""
    shared = _copied_replies(FINAL2, (DEVSET, HELDOUT, FINAL_HELDOUT))
    assert not shared, f"second final replies copied from earlier sets: {shared}"
