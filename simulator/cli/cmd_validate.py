"""`validate [PATH ...]`: check scenario files the way the app will load them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from simulator.cli.common import CliError, add_library_option, scenario_dirs
from simulator.scenario.library import load_files, load_library, scenario_files


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
    warnings = []
    if not args.no_lint:
        from simulator.scenario.lint import lint

        warnings = [w for scenario in library.scenarios for w in lint(scenario)]
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
