"""`score` and `calibrate` as a trainer runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.cli import main

ROOT = Path(__file__).resolve().parents[1]
GOOD = "I'm so sorry we charged you twice. I'll refund the second charge today."


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "run.py"), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        input=stdin,
        timeout=60,
        env={**os.environ, "COLUMNS": "200"},
    )


def test_score_prints_six_scores_evidence_and_tips(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", "--customer", "You charged me twice!", GOOD]) == 0
    out = capsys.readouterr().out
    for dim in ("listening", "empathy", "apology", "ownership", "no_excuses", "resolution"):
        assert dim in out
    assert "Evidence:" in out and '"sorry"' in out and "Tips:" in out


def test_score_shows_reply_markup_literally(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", "[bold red]sorry[/] about that"]) == 0
    assert "[bold red]sorry[/] about that" in capsys.readouterr().out


def test_score_json_is_one_object(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", "--json", "--scenario", "gym-billing-after-cancel", GOOD]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"overall", "dimensions", "events", "evidence", "tips"}
    assert data["dimensions"]["apology"] >= 50


def test_score_unknown_scenario_is_one_clear_line() -> None:
    result = run_cli("score", "--scenario", "gym-billing-after-cancl", GOOD)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "gym-billing-after-cancel" in result.stderr


def test_score_without_reply_is_a_clear_error() -> None:
    result = run_cli("score")
    assert result.returncode == 1 and "give a reply" in result.stderr


def test_batch_scores_each_line_in_order_and_reports_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"reply": GOOD, "customer": ["You charged me twice!"]}),
        "{not json",
        json.dumps(
            {"reply": "Sorry for any inconvenience.", "scenario": "gym-billing-after-cancel"}
        ),
        json.dumps({"customer": "no reply here"}),
        json.dumps({"reply": "ok", "scenario": "no-such-scenario"}),
    ]
    batch = tmp_path / "in.jsonl"
    batch.write_text("\n".join(lines) + "\n")
    result = run_cli("score", "--batch", str(batch))
    assert result.returncode == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 5
    assert out[0]["dimensions"]["apology"] >= 50
    assert set(out[0]) == {"overall", "dimensions", "events", "evidence", "tips"}
    assert "error" in out[1] and "line 2" in out[1]["error"]
    assert out[2]["dimensions"]["apology"] < 50
    assert "error" in out[3] and "reply" in out[3]["error"]
    assert "error" in out[4] and "no-such-scenario" in out[4]["error"]


def test_batch_reports_a_lone_surrogate_and_scores_the_lines_after_it(tmp_path: Path) -> None:
    batch = tmp_path / "in.jsonl"
    lines = ['{"reply": "sorry \\ud800 we charged you twice"}', json.dumps({"reply": GOOD})]
    batch.write_text("\n".join(lines) + "\n")
    result = run_cli("score", "--batch", str(batch))
    assert result.returncode == 1, result.stderr
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert "line 1" in first["error"] and "surrogate" in first["error"]
    assert second["dimensions"]["apology"] >= 50


def test_batch_from_stdin_all_good_exits_zero() -> None:
    result = run_cli("score", "--batch", "-", stdin=json.dumps({"reply": GOOD}) + "\n")
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == 1


def test_calibrate_bundled_scenarios_agree() -> None:
    result = run_cli("calibrate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "kappa" in result.stdout and "Every example scores" in result.stdout


CALIBRATION = """\
id: late-parcel
title: Parcel left in the rain
category: delivery
difficulty: 1
customer: {{name: Sam, anger: 60, patience: 5}}
situation: The parcel was left in the rain.
opening: "My parcel was left out in the rain and the book inside is ruined."
facts:
  - id: rain
    phrases: ["left in the rain", "ruined book"]
resolutions:
  - id: replace
    phrases: [replacement, "new copy"]
    accept: "Fine."
moods:
  furious: ["No."]
  angry: ["Hm."]
  calming: ["Okay."]
  satisfied: ["Thanks."]
examples:
  - reply: "I'm so sorry your book was left in the rain and ruined. I'll send a new copy today."
    expect: {{apology: high, resolution: high}}
  - reply: "Sorry for any inconvenience."
    expect: {{apology: {generic}}}
"""


def test_calibrate_reports_disagreement_with_evidence_and_exits_one(tmp_path: Path) -> None:
    path = tmp_path / "late-parcel.yaml"
    path.write_text(CALIBRATION.format(generic="low"))
    ok = run_cli("calibrate", str(path))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    path.write_text(CALIBRATION.format(generic="high"))
    bad = run_cli("calibrate", str(path))
    assert bad.returncode == 1
    assert "apology expected high, scored 30" in bad.stdout
    assert "generic" in bad.stdout  # the evidence behind the score


def test_calibrate_missing_path_is_a_clear_error() -> None:
    result = run_cli("calibrate", "no/such/file.yaml")
    assert result.returncode == 1 and "Traceback" not in result.stderr


GOLDEN = """
scripts:
  - name: good
    expect: {expect}
    replies:
      - "I'm so sorry your book was left in the rain and ruined. That's on us."
      - "To be fair, the courier was busy. It's not a big deal, these things happen."
      - "You should have been home. Calm down."
      - "As I said, there's nothing I can do."
      - "Whatever. That's our policy, you'll need to contact the courier."
"""


def test_calibrate_fails_on_a_broken_golden_script_naming_the_turn(tmp_path: Path) -> None:
    path = tmp_path / "late-parcel.yaml"
    path.write_text(CALIBRATION.format(generic="low") + GOLDEN.format(expect="walked_out"))
    ok = run_cli("calibrate", str(path))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "1 golden conversations (scripts) in 1 scenarios: 1 end as expected." in ok.stdout
    path.write_text(CALIBRATION.format(generic="low") + GOLDEN.format(expect="resolved"))
    bad = run_cli("calibrate", str(path))
    assert bad.returncode == 1, bad.stdout
    lines = CALIBRATION.count("\n") + 3  # the script's `- name:` line
    assert f"{path}:{lines}: late-parcel: " in bad.stdout
    assert 'script "good" expected resolved, got walked_out' in bad.stdout
    assert "it went another way at reply " in bad.stdout
    assert "No reply offered one of this scenario's fixes" in bad.stdout
    assert "Traceback" not in bad.stderr
