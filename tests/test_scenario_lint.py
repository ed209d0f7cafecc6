"""`validate` content warnings: each kind once, with the line it points at, and a clean library."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.cli import main
from simulator.scenario.library import load_library
from simulator.scenario.lint import lint
from simulator.scenario.loader import load_scenario

ROOT = Path(__file__).resolve().parents[1]
PARCEL = ROOT / "tests" / "fixtures" / "scenarios" / "valid" / "parcel.yaml"


def warnings_for(tmp_path: Path, old: str, new: str) -> list[str]:
    text = PARCEL.read_text()
    assert old in text
    path = tmp_path / "parcel.yaml"
    path.write_text(text.replace(old, new, 1))
    return [str(w) for w in lint(load_scenario(path))]


def line_of(tmp_path: Path, text: str) -> int:
    lines = (tmp_path / "parcel.yaml").read_text().splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def test_the_fixture_and_the_bundled_library_are_clean() -> None:
    assert lint(load_scenario(PARCEL)) == []
    for scenario in load_library().scenarios:
        assert [str(w) for w in lint(scenario)] == [], scenario.id


def test_a_mood_with_fewer_than_three_lines(tmp_path: Path) -> None:
    (warning,) = warnings_for(tmp_path, '    - "Thanks. That\'s all I wanted."\n', "")
    where = line_of(tmp_path, "satisfied:")
    assert f":{where}:3: warning: moods.satisfied has 2 line(s)" in warning


def test_a_line_said_twice(tmp_path: Path) -> None:
    (warning,) = warnings_for(
        tmp_path, '"Thank you. That\'s more like it."', '"So what are you going to do about it?"'
    )
    assert "moods.calming" in warning and "is already a line of moods.angry" in warning


def test_a_mood_line_quoting_words_the_trainee_may_not_have_said(tmp_path: Path) -> None:
    (warning,) = warnings_for(
        tmp_path, '"Thanks. That\'s all I wanted."', "\"Don't tell me 'these things happen'.\""
    )
    assert f":{line_of(tmp_path, 'these things happen')}:" in warning
    assert 'quotes "these things happen", which the trainee may never have said' in warning


def test_a_reaction_whose_every_line_quotes_the_trainee(tmp_path: Path) -> None:
    (warning,) = warnings_for(
        tmp_path, "    - \"That's not an apology. My daughter's present is ruined.\"\n", ""
    )
    assert "reactions.non_apology: every line quotes" in warning


def test_a_fix_no_example_reaches(tmp_path: Path) -> None:
    (warning,) = warnings_for(tmp_path, "I'll refund you in full today.", "I'll look into it.")
    assert f':{line_of(tmp_path, "id: refund")}:5: warning: resolutions "refund"' in warning


def test_validate_prints_warnings_and_fails_on_them_only_when_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    warnings_for(tmp_path, "I'll refund you in full today.", "I'll look into it.")
    assert main(["validate", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "warning: resolutions" in out and "1 scenario OK, 1 content warning(s)" in out
    assert main(["validate", "--strict", str(tmp_path)]) == 1
    assert main(["validate", "--no-lint", str(tmp_path)]) == 0


def test_a_scenario_without_industry_or_channel(tmp_path: Path) -> None:
    found = warnings_for(tmp_path, "industry: delivery\nchannel: chat\n", "")
    assert [w.split("warning: ")[1].split(";")[0] for w in found] == ["no industry", "no channel"]
    assert all(f":{line_of(tmp_path, 'category:')}:1: warning" in w for w in found)


def test_a_big_library_is_linted_on_every_core_with_the_same_warnings_in_order(tmp_path):
    """validate lints 1,000 files in 1.6 s instead of 3.4 s on two cores; what it finds must
    not depend on how it was found."""
    from simulator.cli.cmd_validate import PARALLEL_FROM, lint_all
    from simulator.scenario.library import load_files
    from simulator.scenario.lint import lint
    from simulator.scenario.starter import starter_text

    paths = []
    for i in range(PARALLEL_FROM + 10):
        text = starter_text(f"big-{i:03d}", f"big-{i:03d}.yaml", "scenario.schema.json")
        if i % 7 == 0:  # a fix no example reaches: a content warning
            text = text.replace('phrases: [refund, "money back"]', 'phrases: ["zebra crossing"]')
        path = tmp_path / f"big-{i:03d}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    scenarios = load_files(paths).scenarios
    serial = [w for scenario in scenarios for w in lint(scenario)]
    assert len([w for w in serial if 'resolutions "refund"' in w.message]) == len(paths[::7])
    assert lint_all(scenarios) == serial
