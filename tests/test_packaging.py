"""The installed package carries what a checkout has: the library, the schema, every module.

A wheel is built and unpacked outside the checkout, and the command line run from there, so a
file left out of the package fails here rather than on a trainer's machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from simulator import resources
from simulator.cli import main
from simulator.scenario.library import load_library

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
SCENARIO_FILES = sorted(p.name for p in (ROOT / "scenarios").glob("*.yaml"))


def test_every_python_package_in_the_tree_is_listed_for_the_wheel() -> None:
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in ("simulator", "scoring")
        for init in (ROOT / top).rglob("__init__.py")
    }
    assert found <= set(PYPROJECT["packages"]), found - set(PYPROJECT["packages"])


def test_mapped_packages_are_the_top_level_folders() -> None:
    assert PYPROJECT["package-dir"] == {
        "simulator.bundled_scenarios": "scenarios",
        "simulator.bundled_docs": "docs",
    }


def test_a_checkout_reads_the_top_level_folders() -> None:
    assert resources.in_checkout()
    assert resources.bundled_scenarios_dir() == ROOT / "scenarios"
    assert resources.schema_path() == ROOT / "docs" / "scenario.schema.json"
    assert resources.authoring_guide_path() == ROOT / "docs" / "AUTHORING.md"


def test_the_packaged_copy_is_preferred(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    package = tmp_path / "site-packages" / "simulator"
    (package / "bundled_scenarios").mkdir(parents=True)
    monkeypatch.setattr(resources, "PACKAGE_DIR", package)
    assert resources.bundled_scenarios_dir() == package / "bundled_scenarios"


def test_a_missing_bundled_library_is_an_error_not_an_empty_list(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(resources, "PACKAGE_DIR", tmp_path / "site-packages" / "simulator")
    monkeypatch.setattr(resources, "CHECKOUT_DIR", tmp_path / "site-packages")
    with pytest.raises(resources.MissingBundle, match="reinstall recovery-sim"):
        load_library()
    for command in (["list"], ["validate"]):
        assert main(command) == 1
        error = capsys.readouterr().err
        assert error.startswith("recovery-sim: error: the installation is incomplete")
        assert "bundled_scenarios" in error and "Traceback" not in error
    assert load_library([ROOT / "scenarios"], bundled=False).scenarios  # extra folders still do


def test_hints_name_the_command_that_was_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", ["/venv/bin/recovery-sim"])
    assert resources.command_name() == "recovery-sim"
    monkeypatch.setattr(sys, "argv", ["run.py"])
    assert resources.command_name() == "python run.py"


def test_a_checkout_starter_links_the_schema_relatively() -> None:
    out = ROOT / "build" / "test-starter"
    try:
        assert main(["new", "late-parcel", "--out", str(out), "--force"]) == 0
        first = (out / "late-parcel.yaml").read_text().splitlines()[0]
        assert first == "# yaml-language-server: $schema=../../docs/scenario.schema.json"
    finally:
        (out / "late-parcel.yaml").unlink(missing_ok=True)


@pytest.fixture(scope="module")
def unpacked_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel `pip wheel .` builds, unpacked as pip would install it, away from the checkout."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = out.glob("recovery_sim-*.whl")
    site = out / "site-packages"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    return site


def run_installed(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    code = (
        "import sys, simulator; from simulator.cli import main; "
        f"assert simulator.__file__.startswith({str(site)!r}), simulator.__file__; "
        "sys.argv[0] = 'recovery-sim'; sys.exit(main(sys.argv[1:]))"
    )
    env = {**os.environ, "PYTHONPATH": str(site), "RECOVERY_SIM_DB": str(cwd / "board.db")}
    env.pop("RECOVERY_SIM_SCENARIOS", None)
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_wheel_carries_the_library_and_the_schema(unpacked_wheel: Path) -> None:
    package = unpacked_wheel / "simulator"
    assert sorted(p.name for p in (package / "bundled_scenarios").iterdir()) == SCENARIO_FILES
    assert (package / "bundled_docs" / "scenario.schema.json").read_bytes() == (
        ROOT / "docs" / "scenario.schema.json"
    ).read_bytes()
    assert (package / "serve" / "templates" / "app_index.html").is_file()
    assert {"AUTHORING.md", "DEPLOYING.md"} <= {
        p.name for p in (package / "bundled_docs").iterdir()
    }
    modules = {
        p.relative_to(ROOT) for top in ("simulator", "scoring") for p in (ROOT / top).rglob("*.py")
    }
    assert {p for p in modules if not (unpacked_wheel / p).is_file()} == set()


def test_the_installed_wheel_works_from_any_folder(unpacked_wheel: Path, tmp_path: Path) -> None:
    listed = run_installed(unpacked_wheel, tmp_path, "list")
    assert listed.returncode == 0, listed.stderr
    assert "gym-billing-after-cancel" in listed.stdout
    checked = run_installed(unpacked_wheel, tmp_path, "validate")
    assert checked.stdout.strip() == f"{len(SCENARIO_FILES)} scenarios OK"
    made = run_installed(unpacked_wheel, tmp_path, "new", "late-parcel")
    assert made.returncode == 0, made.stderr
    assert "next: edit it, then `recovery-sim validate late-parcel.yaml`" in made.stdout
    text = (tmp_path / "late-parcel.yaml").read_text()
    schema = text.splitlines()[0].removeprefix("# yaml-language-server: $schema=")
    assert schema == (unpacked_wheel / "simulator/bundled_docs/scenario.schema.json").as_uri()
    assert "python run.py" not in text and "recovery-sim validate late-parcel.yaml" in text
    assert run_installed(unpacked_wheel, tmp_path, "validate", "late-parcel.yaml").returncode == 0
