"""The command line as a trainer uses it: validate, list, new, help; errors without tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.cli import COMMANDS, build_parser, main
from simulator.scenario.loader import load_scenario

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "scenarios"


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "run.py"), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def test_validate_valid_folder_prints_count_and_exits_zero(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", str(FIXTURES / "valid")]) == 0
    assert capsys.readouterr().out.strip() == "1 scenario OK"


def test_validate_reports_every_problem_and_exits_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(FIXTURES / "broken"), str(FIXTURES / "valid")]) == 1
    captured = capsys.readouterr()
    lines = captured.out.strip().splitlines()
    broken = len(list((FIXTURES / "broken").glob("*.yaml")))
    assert len(lines) == broken
    assert all(line.startswith(str(FIXTURES / "broken")) for line in lines)
    assert captured.err.strip().endswith(f"1 scenario OK, {broken} with problems")


def test_validate_missing_path_is_a_clear_error_not_a_traceback() -> None:
    result = run_cli("validate", "no/such/place.yaml")
    assert result.returncode == 1
    assert result.stderr == "recovery-sim: error: no/such/place.yaml: no such file or folder\n"


def test_default_validate_covers_the_bundled_library_and_extra_folders() -> None:
    result = run_cli("validate", "--scenarios", str(FIXTURES / "valid"))
    assert result.returncode == 0, result.stdout + result.stderr
    bundled = len(list((ROOT / "scenarios").glob("*.yaml")))
    noun = "scenario" if bundled == 0 else "scenarios"
    assert result.stdout.strip() == f"{bundled + 1} {noun} OK"


def test_environment_variable_adds_folders_and_broken_ones_are_reported() -> None:
    folders = os.pathsep.join([str(FIXTURES / "valid"), str(FIXTURES / "duplicate")])
    result = run_cli("list", env={"RECOVERY_SIM_SCENARIOS": folders})
    assert result.returncode == 0
    assert "parcel-in-rain" in result.stdout and "same-id" in result.stdout
    assert 'id "same-id" is already used by' in result.stderr


def test_list_shows_scenario_text_literally(tmp_path: Path) -> None:
    text = (FIXTURES / "valid" / "parcel.yaml").read_text()
    (tmp_path / "m.yaml").write_text(text.replace("Parcel left in the rain", "'[bold red]hi[/]'"))
    # Wide enough that the title is not wrapped between "[bold" and "red]": this is about markup.
    result = run_cli("list", "--scenarios", str(tmp_path), env={"COLUMNS": "200"})
    assert "[bold red]hi[/]" in result.stdout


def test_new_writes_a_starter_that_validates_as_written(tmp_path: Path) -> None:
    assert main(["new", "late-parcel", "--out", str(tmp_path)]) == 0
    scenario = load_scenario(tmp_path / "late-parcel.yaml")
    assert scenario.id == "late-parcel"
    assert (
        (tmp_path / "late-parcel.yaml").read_text().startswith("# yaml-language-server: $schema=")
    )


def test_new_refuses_to_overwrite_and_bad_ids(tmp_path: Path) -> None:
    (tmp_path / "taken.yaml").write_text("keep me")
    result = run_cli("new", "taken", "--out", str(tmp_path))
    assert result.returncode == 1 and "already exists" in result.stderr
    assert (tmp_path / "taken.yaml").read_text() == "keep me"
    result = run_cli("new", "Bad_Id", "--out", str(tmp_path))
    assert result.returncode == 1 and '"Bad_Id" is not a valid id' in result.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_every_subcommand_has_help_with_an_example(command: str) -> None:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "==SUPPRESS==" and a.choices)
    help_text = subparsers.choices[command].format_help()
    # In-process the program is not run.py: examples name the installed command.
    assert "example" in help_text and f"recovery-sim {command}" in help_text
    assert "python run.py" not in help_text


def test_help_from_a_checkout_names_run_py() -> None:
    result = run_cli("validate", "--help")
    assert "  python run.py validate my-team/scenarios/" in result.stdout


def test_unknown_subcommand_is_a_usage_error_without_traceback() -> None:
    result = run_cli("frobnicate")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "invalid choice" in result.stderr


def test_ctrl_c_while_the_command_line_is_still_loading_is_no_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import simulator.cli as cli

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "build_parser", interrupted)
    assert main(["list"]) == 130
    assert capsys.readouterr().err.strip() == "recovery-sim: interrupted"
