"""Fit the trainers' calibration layer (scoring/calibration.py) on the development sets,
report whether it beats the rules on sets it was not fitted to, and write its weights
(scoring/lexicons/calibration.yaml).

For each dimension, a logistic model over the rules' findings (never the reply's words) is
fitted on every development set but one and predicts the one left out, for each of the
LEAVE_OUT sets in turn. A dimension is written to the file only if the layer beats the rules on
every left-out set by at least MIN_GAIN kappa and on average by MIN_MEAN_GAIN; the rest stay with
the rules. The written weights are then fitted on all the development sets.

Development sets only (tests/data/sets/README.md); test-set names are refused.

    pip install scikit-learn      # fitting only: the product reads the weights, never sklearn
    python benchmarks/fit_calibration.py            # report only
    python benchmarks/fit_calibration.py --write    # and write the weights
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import yaml  # noqa: E402
from agreement_data import DevEntry, score_dev_sets  # noqa: E402
from bench_agreement import external_dir, kappa  # noqa: E402

from scoring.calibration import (  # noqa: E402
    Calibration,
    DimensionModel,
    calibrate,
    features,
)
from scoring.model import DIMENSIONS, HIGH_THRESHOLD, ReplyScore  # noqa: E402

OUT = REPO_ROOT / "scoring" / "lexicons" / "calibration.yaml"
# The sets written by independent labellers under the current rubric, each left out in turn.
LEAVE_OUT = ("d1", "d2", "d3", "d4", "d5", "d7", "d8")
# L2 strength (scikit-learn's C): 0.3 beat 0.1 and 1.0 on the left-out sets (December 2026).
C = 0.3
# The layer overrules the rules only this far past even odds (0.1 and 0.3 were worse on d1-d3).
MARGIN = 0.2
# ... and this far where a rule of the dimension spoke for the rules' verdict (see Calibration).
CONTESTED = 0.35
# A finding seen in fewer training replies than this is not weighed (too rare to learn from).
MIN_REPLIES = 3
# A dimension is calibrated only if the layer helps on every left-out set and clearly on average.
MIN_GAIN = 0.0
MIN_MEAN_GAIN = 0.03
# Never calibrated, whatever it gains: resolution's layer (+.02/+.05/+.01/+.05 on d1-d4, December
# 2026), learned mostly from written replies where "try X" is a brush-off, overrules the
# self-help steps and linked guides real agents give, which real-reply labellers count as fixes
# (the named classes in tests/test_scoring_classes.py and tests/test_scoring_rules.py).
NEVER_CALIBRATED = ("resolution",)

Row = tuple[str, Mapping[str, int], ReplyScore, dict[str, bool]]


def load_rows(external: Path) -> dict[str, list[Row]]:
    """Every scored development reply, with the rules' findings (calibration off)."""

    def row(e: DevEntry, score: ReplyScore) -> Row:
        labels = {d: e.labels[d] == "high" for d in DIMENSIONS}
        return (e.reply, score.dimensions, score, labels)

    return score_dev_sets(external, row)


def fit(rows: Sequence[Row], dims: Sequence[str] = DIMENSIONS) -> dict[str, DimensionModel]:
    from sklearn.linear_model import LogisticRegression

    found = [features(reply, scores, score.evidence) for reply, scores, score, _ in rows]
    counts = Counter(name for f in found for name in f if f[name])
    vocabulary = sorted(
        name for name, n in counts.items() if n >= MIN_REPLIES or not name.startswith("rule:")
    )
    index = {name: k for k, name in enumerate(vocabulary)}
    matrix = [[0.0] * len(vocabulary) for _ in rows]
    for r, f in enumerate(found):
        for name, value in f.items():
            if name in index:
                matrix[r][index[name]] = value
    models = {}
    for d in dims:
        truth = [labels[d] for *_, labels in rows]
        model = LogisticRegression(C=C, max_iter=5000).fit(matrix, truth)
        weights = {
            k: round(float(w), 3)
            for k, w in zip(vocabulary, model.coef_[0], strict=True)
            if abs(w) >= 0.001
        }
        models[d] = DimensionModel(round(float(model.intercept_[0]), 3), weights)
    return models


def kappas(rows: Sequence[Row], layer: Calibration | None) -> list[float]:
    predicted: dict[str, list[str]] = {d: [] for d in DIMENSIONS}
    for reply, scores, score, _ in rows:
        final = calibrate(reply, scores, score.evidence, layer)[0] if layer else scores
        for d in DIMENSIONS:
            predicted[d].append("high" if final[d] >= HIGH_THRESHOLD else "low")
    return [
        kappa(["high" if labels[d] else "low" for *_, labels in rows], predicted[d])
        for d in DIMENSIONS
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write {OUT.name}")
    args = parser.parse_args(argv)
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("Fitting needs scikit-learn: pip install scikit-learn. Nothing fitted.")
        return 0
    rows = load_rows(external_dir(argparse.Namespace(external=None)))
    print("development rows: " + ", ".join(f"{name} {len(part)}" for name, part in rows.items()))
    print(f"kappa per dimension ({' '.join(d[:5] for d in DIMENSIONS)}), each set left out:")
    gains: dict[str, list[float]] = {d: [] for d in DIMENSIONS}
    for held in (h for h in LEAVE_OUT if h in rows):
        train = [row for name, part in rows.items() if name != held for row in part]
        layer = Calibration(MARGIN, CONTESTED, (), fit(train))
        rules, layered = kappas(rows[held], None), kappas(rows[held], layer)
        print(f"  {held:<4} rules      " + " ".join(f"{v:5.2f}" for v in rules))
        print(f"  {held:<4} calibrated " + " ".join(f"{v:5.2f}" for v in layered))
        for d, before, after in zip(DIMENSIONS, rules, layered, strict=True):
            gains[d].append(after - before)
    chosen = [
        d
        for d in DIMENSIONS
        if d not in NEVER_CALIBRATED
        and gains[d]
        and min(gains[d]) >= MIN_GAIN
        and sum(gains[d]) / len(gains[d]) >= MIN_MEAN_GAIN
    ]
    print("calibrated (helps on every left-out set): " + (", ".join(chosen) or "none"))
    if NEVER_CALIBRATED:
        print("never calibrated (see NEVER_CALIBRATED): " + ", ".join(NEVER_CALIBRATED))
    if not args.write:
        return 0
    models = fit([row for part in rows.values() for row in part], chosen)
    data = {
        "fitted_on": sorted(rows),
        "margin": MARGIN,
        "contested": CONTESTED,
        "dimensions": {
            d: {"bias": m.bias, "weights": dict(sorted(m.weights.items()))}
            for d, m in models.items()
        },
    }
    header = (
        "# Trainers' calibration layer (scoring/calibration.py): written by\n"
        "# benchmarks/fit_calibration.py --write from the development sets named below; do not\n"
        "# edit by hand. A dimension not listed is left to the rules.\n"
    )
    OUT.write_text(header + yaml.safe_dump(data, sort_keys=False, width=100), encoding="utf-8")
    print(f"wrote {OUT.relative_to(REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
