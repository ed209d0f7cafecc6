"""`validate [PATH ...]`: check scenario files the way the app will load them."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.cli.common import CliError, add_library_option, scenario_dirs
from simulator.scenario.library import load_files, load_library, scenario_files

if TYPE_CHECKING:
    from simulator.scenario.lint import ContentWarning
    from simulator.scenario.model import Scenario


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "validate",
        help="check scenario files and report every problem with file:line:col",
        description="Check scenario files (or folders of them); by default the whole library.",
        epilog="examples:\n  %(prog)s\n  %(prog)s my-team/scenarios/"
        "\n  %(prog)s my-team/scenarios/late-parcel.yaml",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="scenario files or folders")
    parser.add_argument(
        "--strict", action="store_true", help="fail on content warnings too (exit code 1)"
    )
    parser.add_argument(
        "--no-lint", action="store_true", help="check the format only, without content warnings"
    )
    add_library_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.paths:
        files: list[Path] = []
        for raw in args.paths:
            path = Path(raw)
            if path.is_dir():
                found = scenario_files(path)
                if not found:
                    raise CliError(f"{path}: no .yaml files in this folder")
                files.extend(found)
            elif path.is_file():
                files.append(path)
            else:
                raise CliError(f"{path}: no such file or folder")
        library = load_files(files)
    else:
        library = load_library(scenario_dirs(args))
    for problem in library.problems:
        print(problem)
    warnings = [] if args.no_lint else lint_all(library.scenarios)
    for warning in warnings:
        print(warning)
    count = len(library.scenarios)
    noun = "scenario" if count == 1 else "scenarios"
    note = f", {len(warnings)} content warning(s)" if warnings else ""
    if library.broken:
        bad = len(library.broken)
        print(f"{count} {noun} OK, {bad} with problems{note}", file=sys.stderr)
        return 1
    print(f"{count} {noun} OK{note}")
    return 1 if warnings and args.strict else 0


# From this many scenarios the content warnings are worked out on every core: they score each
# scenario's example and script replies (about 7 ms a file), which made 1,000 files take 3.4 s
# on one core; a pool costs about 0.1 s to start, so a small library stays on one.
PARALLEL_FROM = 200


def lint_all(scenarios: Sequence[Scenario]) -> list[ContentWarning]:
    """Every scenario's content warnings, in library order."""
    from simulator.scenario.lint import lint

    workers = min(os.cpu_count() or 1, 8)
    if len(scenarios) < PARALLEL_FROM or workers < 2:
        return [w for scenario in scenarios for w in lint(scenario)]
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, len(scenarios) // (workers * 4))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        found = pool.map(lint, scenarios, chunksize=chunk)
        return [w for warnings in found for w in warnings]
