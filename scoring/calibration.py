"""Trainers' calibration: a small logistic layer over what the rules found, learned from the
labelled development sets, that moves a dimension across the high line only where the rules'
own findings, taken together, say trainers would judge it the other way.

Its inputs are the rules' findings, never the reply's words: "restate up" and "argues_back down"
in one reply, the six rule scores, and four plain facts of shape (short, long, has a number, asks
a question). So every contribution can be told to a trainer in the rules' own names, and the
layer cannot learn that "am" or "ok" mean anything. Weights are data (calibration.yaml), fitted
by benchmarks/fit_calibration.py; a dimension the file does not list is left to the rules.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from scoring.lexicon_files import read_yaml
from scoring.model import DIMENSIONS, HIGH_THRESHOLD, Evidence

CALIBRATION_FILE = "calibration.yaml"
RULE = "calibrated"
# Replies of fewer words than this read as terse, of more as long (the registers trainers grade
# differently: "€189 refunded. sorry." against a ramble).
SHORT_WORDS = 12
LONG_WORDS = 60
# Contributions named in the evidence, strongest first.
NAMED_REASONS = 3
_DIGIT = re.compile(r"\d")

FEATURE_NAMES = {
    "short": "a terse reply",
    "long": "a long reply",
    "number": "a number, time or amount",
    "question": "a question",
}


@dataclass(frozen=True, slots=True)
class DimensionModel:
    bias: float
    weights: Mapping[str, float]


@dataclass(frozen=True, slots=True)
class Calibration:
    """The fitted layer: a model per calibrated dimension, and how sure it must be to move one.
    `margin` is the distance from even odds the layer needs before it overrules the rules where
    no rule of that dimension spoke for their verdict; `contested` where one did (a clarifying
    question found, a self-help step offered): there the rule's finding is the better witness
    unless the rest of the reply says otherwise far more clearly."""

    margin: float
    contested: float
    fitted_on: tuple[str, ...]
    models: Mapping[str, DimensionModel]


def features(
    reply: str, scores: Mapping[str, int], evidence: Iterable[Evidence]
) -> dict[str, float]:
    """What the layer sees: the rule scores, which rule moved which dimension, and the shape."""
    found = {}
    for d in DIMENSIONS:
        found[_SCORE[d]] = scores[d] / 100
        found[_HIGH[d]] = float(scores[d] >= HIGH_THRESHOLD)
    for e in evidence:
        if e.rule != RULE:
            found[feature_of(e)] = 1.0
    found.update(_shape(reply))
    return found


_SCORE = {d: f"score:{d}" for d in DIMENSIONS}
_HIGH = {d: f"high:{d}" for d in DIMENSIONS}


def feature_of(e: Evidence) -> str:
    """A finding as the layer knows it. A scenario's own fix or fact ("resolution:refund-now")
    counts as its kind, so no weight is learned for one scenario's ids."""
    rule = e.rule.partition(":")[0]
    return f"rule:{e.dimension}:{rule}:{e.effect}"


def chance(model: DimensionModel, found: Mapping[str, float]) -> float:
    """The layer's odds that trainers would mark the dimension high, 0..1."""
    weights = model.weights
    return _logistic(model.bias + sum(weights.get(k, 0.0) * v for k, v in found.items()))


def _logistic(logit: float) -> float:
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, logit))))


def _sure_enough(p: float, ruled_high: bool, margin: float) -> bool:
    return p <= 0.5 - margin if ruled_high else p >= 0.5 + margin


def calibrate(
    reply: str,
    scores: Mapping[str, int],
    evidence: tuple[Evidence, ...],
    calibration: Calibration | None = None,
) -> tuple[dict[str, int], tuple[Evidence, ...]]:
    """The scores after calibration and the evidence of every move it made. A dimension moves
    only across the line, to the layer's own odds (at least 50 up, at most 49 down), so a
    rule's high or low stands unless the findings together clearly say otherwise."""
    layer = calibration or load_calibration()
    out = dict(scores)
    if not layer.models:
        return out, ()
    shape = _shape(reply)
    moves: list[Evidence] = []
    for dim, model in layer.models.items():
        ruled_high = scores[dim] >= HIGH_THRESHOLD
        p = _odds(model, scores, evidence, shape)
        if not _sure_enough(p, ruled_high, layer.margin):
            continue  # the cheap check first: most replies stop here
        backed = any(e.dimension == dim and (e.effect == "up") == ruled_high for e in evidence)
        if backed and not _sure_enough(p, ruled_high, layer.contested):
            continue
        if ruled_high:
            out[dim] = min(HIGH_THRESHOLD - 1, int(round(100 * p)))
        else:
            out[dim] = max(HIGH_THRESHOLD, int(round(100 * p)))
        found = features(reply, scores, evidence)
        moves.append(_move_evidence(dim, model, found, evidence, up=not ruled_high, p=p))
    return out, tuple(moves)


def _shape(reply: str) -> dict[str, float]:
    words = len(reply.split())
    return {
        "shape:short": float(words < SHORT_WORDS),
        "shape:long": float(words > LONG_WORDS),
        "shape:number": float(bool(_DIGIT.search(reply))),
        "shape:question": float("?" in reply),
    }


def _odds(
    model: DimensionModel,
    scores: Mapping[str, int],
    evidence: tuple[Evidence, ...],
    shape: Mapping[str, float],
) -> float:
    """`chance` over `features`, without building them: this runs on every reply scored."""
    w = model.weights.get
    logit = model.bias
    for d in DIMENSIONS:
        score = scores[d]
        logit += w(_SCORE[d], 0.0) * score / 100
        if score >= HIGH_THRESHOLD:
            logit += w(_HIGH[d], 0.0)
    seen = set()
    for e in evidence:
        if e.rule != RULE:
            name = feature_of(e)
            if name not in seen:
                seen.add(name)
                logit += w(name, 0.0)
    logit += sum(w(k, 0.0) * v for k, v in shape.items())
    return _logistic(logit)


def _move_evidence(
    dim: str,
    model: DimensionModel,
    found: Mapping[str, float],
    evidence: tuple[Evidence, ...],
    *,
    up: bool,
    p: float,
) -> Evidence:
    """The move, told in the rules' names: the findings that pushed it most, with their
    weights, and the span of the strongest one that has words in the reply."""
    sign = 1.0 if up else -1.0
    pushes = sorted(
        ((model.weights.get(k, 0.0) * v, k) for k, v in found.items()),
        key=lambda pair: -sign * pair[0],
    )
    named = [(w, k) for w, k in pushes if sign * w > 0][:NAMED_REASONS]
    reasons = ", ".join(f"{describe(k)} {w:+.1f}" for w, k in named)
    if sign * model.bias > 0:  # most replies are low (or high) to begin with: say so
        reasons = ", ".join(filter(None, (f"the starting odds {model.bias:+.1f}", reasons)))
    spans = {feature_of(e): e for e in evidence}
    anchor = next((spans[k] for _, k in named if k in spans), None)
    start, end, text = (anchor.start, anchor.end, anchor.text) if anchor else (0, 0, "")
    verdict = "high" if up else "low"
    why = (
        f"trainers' labels on replies with these findings put {dim} {verdict} "
        f"({round(100 * p)}% high): {reasons}"
    )
    return Evidence(dim, start, end, text, "up" if up else "down", RULE, why)


def describe(feature: str) -> str:
    """A feature in a trainer's words: "restate (listening, up)", "the empathy score"."""
    kind, _, rest = feature.partition(":")
    if kind == "rule":
        dim, rule, effect = rest.split(":")
        return f"{rule} ({dim} {effect})"
    if kind == "score":
        return f"the {rest} score"
    if kind == "high":
        return f"{rest} high"
    return FEATURE_NAMES.get(rest, rest)


@lru_cache(maxsize=1)
def load_calibration() -> Calibration:
    """The bundled layer (scoring/lexicons/calibration.yaml)."""
    return parse_calibration(read_yaml(CALIBRATION_FILE))


def parse_calibration(data: Mapping[str, object]) -> Calibration:
    models = {}
    raw_models = data.get("dimensions") or {}
    assert isinstance(raw_models, Mapping)
    for dim, raw in raw_models.items():
        if dim not in DIMENSIONS:
            raise ValueError(f"calibration: unknown dimension {dim!r}")
        weights = {str(k): float(v) for k, v in (raw.get("weights") or {}).items()}
        models[str(dim)] = DimensionModel(float(raw["bias"]), weights)
    fitted_on = data.get("fitted_on") or ()
    assert isinstance(fitted_on, list | tuple)
    margin, contested = data.get("margin", 0.2), data.get("contested", 0.5)
    assert isinstance(margin, int | float) and isinstance(contested, int | float)
    return Calibration(float(margin), float(contested), tuple(str(s) for s in fitted_on), models)
