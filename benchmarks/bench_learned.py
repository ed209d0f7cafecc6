"""Would a learned layer over the rules agree with trainers better than the rules alone, on
replies it was not fitted to? (Issue 12 allows one only if it measurably does.)

Per dimension, a logistic model over the rules' six scores and the reply's words and word pairs
is fitted on every development set but one of d1/d2, and predicts the one left out. Three ways
of using it are compared with the rules alone, by Cohen's kappa at the 50 line:

- `override`: the model decides wherever it is past MARGIN from even odds;
- `protected`: as override, but never against what a rule saw (a dimension the rules raised
  stays high, one they lowered stays low): the model only fills in what no rule noticed;
- the rules alone.

Development sets only (tests/data/sets/README.md); test-set names are refused.

    pip install scikit-learn      # this report only: the product never imports it
    python benchmarks/bench_learned.py
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import argparse  # noqa: E402

from agreement_data import DevEntry, score_dev_sets  # noqa: E402
from bench_agreement import external_dir, kappa  # noqa: E402

from scoring.model import DIMENSIONS, HIGH_THRESHOLD, ReplyScore  # noqa: E402

HELD_OUT = ("d1", "d2")
# L2 strength (scikit-learn's C): 1.0 was best of 0.1, 0.3 and 1.0 on these folds (Dec 2026).
C = 1.0
# Words and pairs in fewer than MIN_REPLIES training replies are noise; in more than MAX_SHARE
# of them ("and", "the", "you") they say nothing about one reply. 0.1 beat 0.2 and 0.35.
MIN_REPLIES = 3
MAX_SHARE = 0.1
# The rules' call stands unless the model is this far past even odds the other way.
MARGIN = 0.1
WORD = re.compile(r"[a-z']+")


def features(reply: str, scores: Mapping[str, int]) -> dict[str, float]:
    found = {f"dim:{d}": scores[d] / 100 for d in DIMENSIONS}
    found.update({f"hi:{d}": float(scores[d] >= HIGH_THRESHOLD) for d in DIMENSIONS})
    words = WORD.findall(reply.lower())
    found.update({f"w:{w}": 1.0 for w in words})
    found.update({f"b:{a} {b}": 1.0 for a, b in zip(words, words[1:], strict=False)})
    return found


Row = tuple[dict[str, float], dict[str, bool], ReplyScore]


def load_rows(external: Path) -> dict[str, list[Row]]:
    def row(e: DevEntry, score: ReplyScore) -> Row:
        labels = {d: e.labels[d] == "high" for d in DIMENSIONS}
        return (features(e.reply, score.dimensions), labels, score)

    return score_dev_sets(external, row)


def fit(rows: Sequence[Row]) -> dict[str, tuple[float, dict[str, float]]]:
    from sklearn.linear_model import LogisticRegression

    counts = Counter(name for found, _, _ in rows for name in found)
    vocabulary = sorted(
        name
        for name, n in counts.items()
        if MIN_REPLIES <= n <= MAX_SHARE * len(rows) or name[:3] in ("dim", "hi:")
    )
    index = {name: k for k, name in enumerate(vocabulary)}
    matrix = [[0.0] * len(vocabulary) for _ in rows]
    for r, (found, _, _) in enumerate(rows):
        for name, value in found.items():
            if name in index:
                matrix[r][index[name]] = value
    models = {}
    for d in DIMENSIONS:
        model = LogisticRegression(C=C, max_iter=5000).fit(matrix, [lab[d] for _, lab, _ in rows])
        weights = dict(zip(vocabulary, map(float, model.coef_[0]), strict=True))
        models[d] = (float(model.intercept_[0]), weights)
    return models


def decide(model: tuple[float, dict[str, float]], row: Row, d: str, protected: bool) -> bool:
    bias, weights = model
    found, _, score = row
    chance = 1 / (1 + math.exp(-(bias + sum(weights.get(k, 0.0) * v for k, v in found.items()))))
    ruled_high = score.dimensions[d] >= HIGH_THRESHOLD
    if protected:
        seen = {(e.dimension, e.effect) for e in score.evidence}
        if (d, "up" if ruled_high else "down") in seen:
            return ruled_high
    return chance >= (0.5 - MARGIN if ruled_high else 0.5 + MARGIN)


def main() -> int:
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("This report fits models with scikit-learn: pip install scikit-learn. Skipped.")
        return 0
    rows = load_rows(external_dir(argparse.Namespace(external=None)))
    print("development rows: " + ", ".join(f"{name} {len(part)}" for name, part in rows.items()))
    print(f"kappa per dimension ({' '.join(d[:4] for d in DIMENSIONS)}), each set predicted")
    print("by a fit on all the others:")
    for held in HELD_OUT:
        models = fit([row for name, part in rows.items() if name != held for row in part])
        truth = {d: ["high" if lab[d] else "low" for _, lab, _ in rows[held]] for d in DIMENSIONS}
        ways = {
            "rules": lambda row, d, m=models: row[2].dimensions[d] >= HIGH_THRESHOLD,
            "override": lambda row, d, m=models: decide(m[d], row, d, protected=False),
            "protected": lambda row, d, m=models: decide(m[d], row, d, protected=True),
        }
        for way, call in ways.items():
            values = [
                kappa(truth[d], ["high" if call(row, d) else "low" for row in rows[held]])
                for d in DIMENSIONS
            ]
            print(f"  {held:<3} {way:<10} " + " ".join(f"{v:5.2f}" for v in values))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
