"""The scenario library: the bundled folder plus a team's own folders, loaded file by file.

A broken file never stops the others from loading; it is kept aside with its problems so the app
and the CLI can say why it is missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from simulator.resources import bundled_scenarios_dir
from simulator.scenario.model import Scenario
from simulator.scenario.problems import Problem, ScenarioError

SCENARIO_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Library:
    scenarios: tuple[Scenario, ...]
    broken: Mapping[Path, tuple[Problem, ...]] = field(default_factory=dict)

    @property
    def problems(self) -> tuple[Problem, ...]:
        return tuple(p for problems in self.broken.values() for p in problems)

    def by_id(self) -> dict[str, Scenario]:
        return {s.id: s for s in self.scenarios}

    def get(self, id_or_path: str) -> Scenario:
        """A scenario by id, or by file path; `LookupError` with a message a user can act on."""
        from simulator.scenario.loader import did_you_mean, load_scenario

        found = self.by_id().get(id_or_path)
        if found is not None:
            return found
        path = Path(id_or_path)
        if path.suffix in SCENARIO_SUFFIXES or path.exists() or "/" in id_or_path:
            if not path.is_file():
                raise LookupError(f'no scenario file at "{id_or_path}"')
            try:
                return load_scenario(path)
            except ScenarioError as error:
                raise LookupError(f"{path} has problems:\n{error}") from None
        hint = did_you_mean(id_or_path, list(self.by_id())) or " (`list` shows the library)"
        for broken_path, problems in self.broken.items():
            if broken_path.stem == id_or_path:
                hint = f"; {broken_path} has problems:\n" + "\n".join(map(str, problems))
        raise LookupError(f'no scenario with id "{id_or_path}"{hint}')


def scenario_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in SCENARIO_SUFFIXES and p.is_file())


def library_dirs(extra_dirs: Sequence[str | Path] = (), *, bundled: bool = True) -> list[Path]:
    """The bundled folder (`MissingBundle` if the install lost it) and then `extra_dirs`."""
    dirs = [bundled_scenarios_dir()] if bundled else []
    for folder in map(Path, extra_dirs):
        if folder.resolve() not in {d.resolve() for d in dirs}:
            dirs.append(folder)
    return dirs


def load_library(extra_dirs: Sequence[str | Path] = (), *, bundled: bool = True) -> Library:
    """Every scenario in the bundled folder and in `extra_dirs`, in that order."""
    paths, missing = find_files(extra_dirs, bundled=bundled)
    return with_missing(load_files(paths), missing)


def find_scenario(id_or_path: str, extra_dirs: Sequence[str | Path] = ()) -> Scenario:
    """One scenario, without parsing a library of thousands of files it does not need.

    Files named after the id are read first, in library order; then the files whose text has
    that id on an `id:` line (a scan of bytes, no YAML: 10,000 files in a fraction of a second).
    Only when none of them holds that id (or one is broken) is the whole library read, for the
    full lookup and its message.
    """
    from simulator.scenario.loader import load_scenario

    if Path(id_or_path).suffix not in SCENARIO_SUFFIXES and "/" not in id_or_path:
        paths, _ = find_files(extra_dirs)
        named = [path for path in paths if path.stem == id_or_path]
        for candidate in [*named, *_files_naming(id_or_path, paths, skip=set(named))]:
            try:
                scenario = load_scenario(candidate)
            except ScenarioError:
                break
            if scenario.id == id_or_path:
                return scenario
    return load_library(extra_dirs).get(id_or_path)


def _files_naming(scenario_id: str, paths: Sequence[Path], skip: set[Path]) -> Iterator[Path]:
    """The files, in order, with a top-level `id:` line holding `scenario_id` (maybe quoted)."""
    from simulator.scenario.loader import MAX_FILE_BYTES

    pattern = re.compile(
        rb"^id:[ \t]*[\"']?" + re.escape(scenario_id.encode()) + rb"[\"']?[ \t]*(#|\r?$)",
        re.MULTILINE,
    )
    for path in paths:
        if path in skip:
            continue
        try:
            with path.open("rb") as handle:  # never more than a scenario file may hold
                data = handle.read(MAX_FILE_BYTES + 1)
        except OSError:
            continue
        if pattern.search(data):
            yield path


def find_files(
    extra_dirs: Sequence[str | Path] = (), *, bundled: bool = True
) -> tuple[list[Path], dict[Path, tuple[Problem, ...]]]:
    """The scenario files of the library's folders, and a problem for each folder not found."""
    paths: list[Path] = []
    missing: dict[Path, tuple[Problem, ...]] = {}
    for folder in library_dirs(extra_dirs, bundled=bundled):
        if not folder.is_dir():
            message = "scenario folder not found; check the --scenarios path"
            missing[folder] = (Problem(folder, 1, 1, message),)
            continue
        paths.extend(scenario_files(folder))
    return paths, missing


def with_missing(library: Library, missing: Mapping[Path, tuple[Problem, ...]]) -> Library:
    return Library(library.scenarios, {**missing, **library.broken})


def load_files(paths: Iterable[Path]) -> Library:
    """Load each file on its own; the first file to claim an id keeps it."""
    from simulator.scenario.loader import load_scenario  # YAML only when files are read

    scenarios: list[Scenario] = []
    broken: dict[Path, tuple[Problem, ...]] = {}
    owner: dict[str, Scenario] = {}
    for path in paths:
        try:
            scenario = load_scenario(path)
        except ScenarioError as error:
            broken[path] = error.problems
            continue
        except Exception as error:  # noqa: BLE001 - one file must never hide the rest
            message = f"could not be read ({type(error).__name__}); please report this file"
            broken[path] = (Problem(path, 1, 1, message),)
            continue
        first = owner.get(scenario.id)
        if first is not None:
            line, col = _id_position(path)
            message = f'id "{scenario.id}" is already used by {first.path}; ids must be unique'
            broken[path] = (Problem(path, line, col, message),)
            continue
        owner[scenario.id] = scenario
        scenarios.append(scenario)
    return Library(tuple(scenarios), broken)


def _id_position(path: Path) -> tuple[int, int]:
    """Line and column of the `id:` value, for the duplicate-id message."""
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        if line.startswith("id:"):
            value = line[3:]
            return number, 4 + len(value) - len(value.lstrip())
    return 1, 1
