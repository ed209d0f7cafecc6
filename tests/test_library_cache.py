"""The app's saved copy of the library: used only while every file is unchanged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import simulator.scenario.loader as loader
from simulator.scenario.cache import CACHE_FILE, load_library_cached
from simulator.scenario.library import load_library

VALID = Path(__file__).parent / "fixtures" / "scenarios" / "valid" / "parcel.yaml"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    scenarios = tmp_path / "scenarios"
    scenarios.mkdir()
    shutil.copy(VALID, scenarios / "parcel.yaml")
    return scenarios


def cached(folder: Path, cache: Path):
    return load_library_cached([folder], bundled=False, cache_dir=cache)


def forbid_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path):  # noqa: ANN001, ANN202
        raise AssertionError(f"{path} was parsed although the saved copy was current")

    monkeypatch.setattr(loader, "load_scenario", refuse)


def test_an_unchanged_library_comes_from_the_copy_without_parsing(folder, tmp_path, monkeypatch):
    read_from_files = load_library([folder], bundled=False)
    assert cached(folder, tmp_path / "cache") == read_from_files
    assert (tmp_path / "cache" / CACHE_FILE).is_file()
    forbid_parsing(monkeypatch)
    assert cached(folder, tmp_path / "cache") == read_from_files


def test_the_bundled_library_is_the_same_from_the_copy(tmp_path):
    cached_twice = [load_library_cached(cache_dir=tmp_path) for _ in range(2)]
    assert cached_twice[0] == cached_twice[1] == load_library()


def test_an_edited_file_is_read_again(folder, tmp_path):
    cached(folder, tmp_path / "cache")
    path = folder / "parcel.yaml"
    path.write_text(path.read_text().replace("title: ", "title: Edited ", 1))
    (scenario,) = cached(folder, tmp_path / "cache").scenarios
    assert scenario.title.startswith("Edited ")


def test_an_edit_that_breaks_a_file_shows_its_problem(folder, tmp_path):
    cached(folder, tmp_path / "cache")
    (folder / "parcel.yaml").write_text("id: parcel\ntitle: [unclosed\n")
    library = cached(folder, tmp_path / "cache")
    assert library.scenarios == ()
    assert list(library.broken) == [folder / "parcel.yaml"]


def test_added_and_removed_files_are_noticed(folder, tmp_path):
    cached(folder, tmp_path / "cache")
    copy = folder / "parcel-two.yaml"
    copy.write_text((folder / "parcel.yaml").read_text().replace("id: ", "id: two-", 1))
    assert len(cached(folder, tmp_path / "cache").scenarios) == 2
    copy.unlink()
    assert len(cached(folder, tmp_path / "cache").scenarios) == 1


def test_a_damaged_copy_is_ignored_and_rewritten(folder, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    expected = cached(folder, cache)
    (cache / CACHE_FILE).write_bytes(b"not a pickle")
    assert cached(folder, cache) == expected
    forbid_parsing(monkeypatch)
    assert cached(folder, cache) == expected  # the rewritten copy is good again


def test_an_unwritable_cache_folder_still_loads_the_library(folder, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    library = cached(folder, blocker / "cache")  # cannot be created under a file
    assert library == load_library([folder], bundled=False)


def test_a_missing_folder_is_reported_as_without_the_cache(tmp_path):
    missing = tmp_path / "nowhere"
    library = load_library_cached([missing], bundled=False, cache_dir=tmp_path / "cache")
    assert library == load_library([missing], bundled=False)
    assert list(library.broken) == [missing]


def test_a_copy_with_a_broken_file_keeps_its_problems(folder, tmp_path, monkeypatch):
    (folder / "broken.yaml").write_text("id: broken\ntitle: [unclosed\n")
    expected = cached(folder, tmp_path / "cache")
    assert list(expected.broken) == [folder / "broken.yaml"]
    forbid_parsing(monkeypatch)
    assert cached(folder, tmp_path / "cache") == expected


def test_a_planted_pickle_never_runs(folder, tmp_path):
    """A pickle in the cache folder (shared or misconfigured) is data that is never loaded."""
    import pickle

    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):  # noqa: ANN204
            return (marker.write_text, ("planted code ran",))

    cache = tmp_path / "cache"
    cache.mkdir()
    for name in ("library.pickle", CACHE_FILE):
        (cache / name).write_bytes(pickle.dumps(Payload()))
    assert cached(folder, cache) == load_library([folder], bundled=False)
    assert not marker.exists()


def test_a_copy_of_the_wrong_shape_is_read_from_the_files(folder, tmp_path):
    cache = tmp_path / "cache"
    expected = cached(folder, cache)
    saved = (cache / CACHE_FILE).read_text()
    (cache / CACHE_FILE).write_text(saved.replace('"difficulty":', '"difficulty":"x","_":', 1))
    assert cached(folder, cache) == expected


def test_a_huge_file_is_refused_by_its_size_and_never_read(tmp_path: Path, monkeypatch) -> None:
    """A 1 GiB .yaml (sparse here) costs neither the cache key nor the loader a whole read."""
    folder = tmp_path / "library"
    folder.mkdir()
    with (folder / "huge.yaml").open("wb") as handle:
        handle.truncate(1 << 30)
    real = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        assert path.name != "huge.yaml", "the 1 GiB file was read whole"
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    library = load_library_cached([folder], bundled=False, cache_dir=tmp_path / "cache")
    (problem,) = library.broken[folder / "huge.yaml"]
    assert "1048576 KiB; scenario files are limited to" in problem.message
