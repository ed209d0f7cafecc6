"""The trainers' calibration layer: it reads the rules' findings (never words), moves a
dimension only across the high line, says why in the rules' names, and defers to a rule that
spoke unless it is far surer."""

from __future__ import annotations

from scoring.calibration import (
    RULE,
    Calibration,
    DimensionModel,
    calibrate,
    describe,
    features,
    load_calibration,
)
from scoring.model import DIMENSIONS, HIGH_THRESHOLD, Evidence
from scoring.scorer import score_reply

SCORES = {
    "listening": 40,
    "empathy": 0,
    "apology": 85,
    "ownership": 60,
    "no_excuses": 100,
    "resolution": 70,
}
APOLOGY = Evidence("apology", 0, 5, "Sorry", "up", "specific_apology", "names it")


def layer(bias: float, weights: dict[str, float], margin: float = 0.2) -> Calibration:
    return Calibration(margin, 0.35, (), {"listening": DimensionModel(bias, weights)})


def test_a_confident_layer_lifts_a_low_dimension_over_the_line_and_names_its_reasons() -> None:
    sure = layer(-1.0, {"rule:apology:specific_apology:up": 3.0})
    scores, moves = calibrate("Sorry the 10:20 was cancelled.", SCORES, (APOLOGY,), sure)
    assert scores["listening"] >= HIGH_THRESHOLD
    assert scores["apology"] == SCORES["apology"]  # a dimension it has no model for stays
    (move,) = moves
    assert (move.dimension, move.effect, move.rule) == ("listening", "up", RULE)
    assert "specific_apology (apology up) +3.0" in move.why
    assert (move.start, move.end, move.text) == (0, 5, "Sorry")  # the finding's own words


def test_a_layer_short_of_its_margin_leaves_the_rules_alone() -> None:
    unsure = layer(0.0, {"rule:apology:specific_apology:up": 0.5})  # 62%: inside 0.2 of even
    scores, moves = calibrate("Sorry.", SCORES, (APOLOGY,), unsure)
    assert scores == SCORES and moves == ()


def test_a_rule_that_spoke_for_its_verdict_is_overruled_only_past_the_contested_margin() -> None:
    heard = Evidence("listening", 0, 5, "you said", "up", "restate", "restates")
    high = {**SCORES, "listening": 70}
    fairly_sure_low = layer(-1.5, {})  # 18% high: past 0.2 of even odds, not past 0.35
    assert calibrate("you said", high, (heard,), fairly_sure_low)[0]["listening"] == 70
    assert calibrate("you said", high, (), fairly_sure_low)[0]["listening"] < HIGH_THRESHOLD
    very_sure_low = layer(-3.0, {})
    scores, (move,) = calibrate("you said", high, (heard,), very_sure_low)
    assert scores["listening"] < HIGH_THRESHOLD and move.effect == "down"
    assert "the starting odds -3.0" in move.why


def test_the_layer_sees_findings_and_shape_not_words() -> None:
    found = features("Refund done. Engineer Fri 8am?", SCORES, (APOLOGY,))
    assert found["rule:apology:specific_apology:up"] == 1.0
    assert found["shape:short"] == found["shape:number"] == found["shape:question"] == 1.0
    assert {name.split(":")[0] for name in found} == {"score", "high", "rule", "shape"}


def test_the_bundled_weights_name_only_real_rules_and_dimensions() -> None:
    bundled = load_calibration()
    assert bundled.models, "the shipped layer calibrates at least one dimension"
    assert 0 < bundled.margin <= bundled.contested < 0.5
    for model in bundled.models.values():
        for name in model.weights:
            kind, _, rest = name.partition(":")
            assert kind in {"score", "high", "rule", "shape"}, name
            if kind == "rule":
                dim, rule, effect = rest.split(":")
                assert dim in DIMENSIONS and effect in {"up", "down"}, name
                assert rule.replace("_", "").isalpha() and rule != RULE, name
                assert describe(name) == f"{rule} ({dim} {effect})"


def test_rules_alone_carry_no_calibration_and_every_move_is_evidence() -> None:
    reply = "€189 refunded. sorry."
    customer = "You charged me €189 for cover I said no to, twice. Darren was rude about it."
    rules = score_reply(reply, customer=customer, calibrated=False)
    final = score_reply(reply, customer=customer)
    assert all(e.rule != RULE for e in rules.evidence)
    for dim in DIMENSIONS:
        moved = (final.dimensions[dim] >= HIGH_THRESHOLD) != (
            rules.dimensions[dim] >= HIGH_THRESHOLD
        )
        assert moved == any(e.rule == RULE and e.dimension == dim for e in final.evidence), dim


def test_the_fast_odds_are_the_odds_over_the_features() -> None:
    from scoring.calibration import _odds, _shape, chance

    bundled = load_calibration()
    reply = "Sorry the 10:20 was cancelled. I'll rebook you for 9am tomorrow?"
    evidence = (APOLOGY, APOLOGY)  # a finding twice counts once, as in the features
    for model in bundled.models.values():
        expected = chance(model, features(reply, SCORES, evidence))
        assert abs(_odds(model, SCORES, evidence, _shape(reply)) - expected) < 1e-12
