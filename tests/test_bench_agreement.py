"""The agreement report's own maths: a wrong rank correlation or kappa would mislead trainers."""

from __future__ import annotations

import importlib.util
import json
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


def _entry(bench: ModuleType, ident: str, context: str, overall: int) -> object:
    labels = {dim: "low" for dim in bench.DIMENSIONS}
    return bench.DevEntry(ident, context, ("x",), "reply", labels, overall=overall)


def test_ordering_pairs_count_same_context_pairs_with_ties_as_half(bench: ModuleType) -> None:
    entries = [
        _entry(bench, "a", "c1", 5),
        _entry(bench, "b", "c1", 2),
        _entry(bench, "c", "c1", 2),  # same overall as b: not a pair with b
        _entry(bench, "d", "c2", 1),  # alone in its context: no pair
    ]
    # a>b right, a>c tied by the scorer (half): (1 + 0.5) / 2.
    share, total = bench.ordering_pairs(entries, [80, 40, 80, 10])
    assert total == 2
    assert share == pytest.approx(0.75)


def test_the_baseline_is_a_fixed_keyword_rule(bench: ModuleType) -> None:
    labels = bench.baseline_labels("I'm so sorry, but that's our policy. I'll refund it.")
    assert labels["apology"] == "high"
    assert labels["no_excuses"] == "low"  # "but" and "policy"
    assert labels["resolution"] == "high"
    assert labels["empathy"] == "low"
    assert bench.baseline_labels("Thanks.")["no_excuses"] == "high"


def test_new_sets_find_their_contexts_beside_them(bench: ModuleType, tmp_path: Path) -> None:
    data = tmp_path / "d9.jsonl"
    data.write_text("", encoding="utf-8")
    assert bench.contexts_beside(data) is None
    (tmp_path / "d9_contexts.yaml").write_text(
        "contexts:\n  - id: shop\n    resolutions: [{id: refund, phrases: [refund]}]\n",
        encoding="utf-8",
    )
    assert bench.contexts_beside(data) == tmp_path / "d9_contexts.yaml"
    shop = bench.load_contexts(tmp_path / "d9_contexts.yaml")["shop"]
    assert shop.facts == () and shop.resolutions[0].id == "refund"


def _real_set(tmp_path: Path, dataset: str) -> tuple[Path, Path]:
    external = tmp_path / "external"
    (external / dataset).mkdir(parents=True)
    (external / dataset / "tweets.csv").write_text(
        "tweet_id,author_id,inbound,text,in_response_to_tweet_id\n"
        "1,42,True,My parcel never came,\n"
        "2,ShopHelp,False,Sorry about that! Refund issued today.,1.0\n",
        encoding="utf-8",
    )
    labels = {dim: "high" for dim in ("listening", "empathy", "apology")}
    labels |= {dim: "low" for dim in ("ownership", "no_excuses", "resolution")}
    row = {"id": "r1", "context": None, "source": {"dataset": dataset, "reply_id": "2"}}
    data = tmp_path / "real_dev.jsonl"
    data.write_text(json.dumps(row | {"labels": labels, "overall": 3}) + "\n", encoding="utf-8")
    return data, external


def test_real_agent_replies_get_their_text_from_the_external_data(
    bench: ModuleType, tmp_path: Path
) -> None:
    data, external = _real_set(tmp_path, "twcs-kaggle-head-sample")
    joined = bench.join_real_text(bench.load_devset(data), external, evaluation=False)
    assert joined[0].reply == "Sorry about that! Refund issued today."
    assert joined[0].customer == ("My parcel never came",)


def test_real_agent_replies_are_skipped_with_a_message_without_the_data(
    bench: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, _ = _real_set(tmp_path, "twcs-kaggle-head-sample")
    assert bench.join_real_text(bench.load_devset(data), tmp_path / "nowhere", False) is None
    assert "skipped" in capsys.readouterr().out


def test_the_airline_threads_are_read_only_for_an_evaluation_report(
    bench: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, external = _real_set(tmp_path, "twcs-airlines-asapp")
    assert bench.join_real_text(bench.load_devset(data), external, evaluation=False) is None
    assert "evaluation" in capsys.readouterr().out
    assert bench.join_real_text(bench.load_devset(data), external, evaluation=True)


def test_a_second_labeller_is_reported_beside_the_scorer(
    bench: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, external = _real_set(tmp_path, "twcs-kaggle-head-sample")
    second = tmp_path / "second.jsonl"
    second.write_text(data.read_text(encoding="utf-8"), encoding="utf-8")
    bench.main(["--data", str(data), "--second", str(second), "--external", str(external)])
    out = capsys.readouterr().out
    assert "h-v-h" in out and "(n=1)" in out


def test_a_test_set_is_never_shown_case_by_case(bench: ModuleType) -> None:
    assert bench.is_test_set(Path("t1.jsonl")) and bench.is_test_set(Path("real_test.jsonl"))
    assert not bench.is_test_set(Path("d1.jsonl"))


def test_sealed_test_sets_are_read_gzipped_with_their_contexts_and_never_shown(
    bench: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import gzip

    heldout = tmp_path / "heldout"
    heldout.mkdir()
    labels = dict.fromkeys(("listening", "empathy", "apology", "ownership"), "high")
    labels |= {"no_excuses": "high", "resolution": "high"}
    row = {
        "id": "x1",
        "context": "shop",
        "customer": ["My parcel never came"],
        "reply": "Sorry your parcel never came. Refund issued today.",
        "labels": labels,
    }
    data = heldout / "x9.jsonl.gz"
    data.write_bytes(gzip.compress((json.dumps(row) + "\n").encode()))
    contexts = heldout / "x9_contexts.yaml.gz"
    contexts.write_bytes(gzip.compress(b"contexts:\n  - id: shop\n    facts: []\n"))
    assert bench.contexts_beside(data) == contexts
    assert bench.is_test_set(data) and bench.is_test_set(Path("t4.jsonl.gz"))
    bench.main(["--data", str(data), "--no-external", "--show-errors"])
    out = capsys.readouterr().out
    assert "Loaded 1 labelled replies" in out and "1 contexts" in out
    assert "--show-errors refused" in out and "Disagreements" not in out


def test_the_rules_alone_can_be_measured_beside_the_calibrated_scorer(
    bench: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    bench.main(["--no-external", "--rules-only"])
    assert "Rules alone" in capsys.readouterr().out
