"""Issue 18: one broken file never hides the rest of the library.

Each broken fixture (tests/fixtures/scenarios/broken/ and tests/fixtures/hostile/library/, a file
per failure mode) is put beside a good file: the library, the app's cached loader, `play` of the
good one and of a bundled one, and `list` all still work, and the bad file is listed with a
position and a message (no internal error)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.scenario.cache import load_library_cached
from simulator.scenario.library import find_scenario, load_library
from simulator.scenario.loader import check_file

FIXTURES = Path(__file__).parent / "fixtures"
VALID = FIXTURES / "scenarios" / "valid" / "parcel.yaml"
BROKEN = sorted((FIXTURES / "scenarios" / "broken").glob("*.yaml")) + sorted(
    (FIXTURES / "hostile" / "library").glob("*.yaml")
)


@pytest.mark.parametrize("broken", BROKEN, ids=lambda path: f"{path.parent.name}/{path.stem}")
def test_a_broken_file_beside_a_good_one_hides_nothing(broken, tmp_path, capsys):
    folder = tmp_path / "team"
    folder.mkdir()
    shutil.copy(VALID, folder / "a-good.yaml")
    shutil.copy(broken, folder / f"b-{broken.name}")
    problems = check_file(folder / f"b-{broken.name}")[1]
    assert problems and all(p.line >= 1 and p.col >= 1 for p in problems)
    library = load_library([folder])
    assert "parcel-in-rain" in library.by_id() and folder / f"b-{broken.name}" in library.broken
    bundled = next(iter(library.by_id()))  # the bundled folder comes first
    assert find_scenario("parcel-in-rain", [folder]).id == "parcel-in-rain"
    assert find_scenario(bundled, [folder]).id == bundled
    cached = load_library_cached([folder], cache_dir=tmp_path / "cache")
    assert "parcel-in-rain" in cached.by_id()
    assert main(["list", "--scenarios", str(folder)]) in (0, 1)
    out = capsys.readouterr()
    assert "parcel-in-rain" in out.out and "internal error" not in out.err
    assert main(["validate", str(folder)]) == 1
    lines = [line for line in capsys.readouterr().out.splitlines() if str(folder) in line]
    assert lines and all(re.search(r"\.yaml:\d+:\d+: ", line) for line in lines)
