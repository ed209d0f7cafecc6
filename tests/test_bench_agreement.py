"""The agreement report's own maths: a wrong rank correlation or kappa would mislead trainers."""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_agreement.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_agreement", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_agreement"] = module
    spec.loader.exec_module(module)
    return module


def test_tied_values_share_the_average_of_their_ranks(bench: ModuleType) -> None:
    assert bench.average_ranks([10, 20, 20, 30]) == [1.0, 2.5, 2.5, 4.0]
    assert bench.average_ranks([3, 1, 3, 3]) == [3.0, 1.0, 3.0, 3.0]


def test_spearman_matches_the_textbook_value_with_ties(bench: ModuleType) -> None:
    # Ranks (1..5) vs (1, 2, 3.5, 5, 3.5): rho = 8 / sqrt(10 * 9.5), as scipy.stats.spearmanr gives.
    assert bench.spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]) == pytest.approx(0.8207826816681233)
    assert bench.spearman([1, 2, 3], [30, 20, 10]) == pytest.approx(-1.0)
    assert math.isnan(bench.spearman([1, 2, 3], [4, 4, 4]))


def test_kappa_is_one_for_agreement_and_zero_for_chance_level(bench: ModuleType) -> None:
    labels = ["high", "low", "high", "low"]
    assert bench.kappa(labels, labels) == pytest.approx(1.0)
    assert bench.kappa(labels, ["high", "high", "low", "low"]) == pytest.approx(0.0)


def test_contexts_load_as_scenario_like_objects(bench: ModuleType) -> None:
    contexts = bench.load_contexts(bench.CONTEXTS)
    gym = contexts["gym-billing"]
    assert any("April and May" in fact.phrases for fact in gym.facts)
    assert {resolution.id for resolution in gym.resolutions} >= {"refund"}
    assert dict(gym.phrases) == {}
    entries = bench.load_devset(bench.DEVSET)
    assert all(entry.context is None or entry.context in contexts for entry in entries)


def test_data_option_picks_the_labelled_set_and_defaults_to_the_dev_set(
    bench: ModuleType,
) -> None:
    assert bench.parse_args([]).data == bench.DEVSET
    assert bench.parse_args(["--data", str(bench.HELDOUT)]).data == bench.HELDOUT
    assert bench.parse_args(["--devset", "other.jsonl"]).data == Path("other.jsonl")
    held_out = bench.load_devset(bench.HELDOUT)
    assert held_out and all(entry.id.startswith("ho-") for entry in held_out)
