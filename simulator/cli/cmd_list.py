"""`list`: the scenario library as a table."""

from __future__ import annotations

import argparse
import sys

from rich.table import Table

from simulator.cli.common import add_library_option, plain_console, scenario_dirs
from simulator.scenario.library import load_library
from simulator.text_safety import visible


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "list",
        help="show the scenario library: id, title, category, difficulty",
        description="Show every scenario in the library, and any file that failed to load.",
        epilog="example:\n  %(prog)s --scenarios my-team/scenarios/",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_library_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    library = load_library(scenario_dirs(args))
    table = Table(box=None, pad_edge=False)
    table.add_column("id", no_wrap=True)
    table.add_column("title", ratio=2)
    table.add_column("category", ratio=1)
    table.add_column("difficulty", no_wrap=True)
    for scenario in library.scenarios:
        difficulty = f"{scenario.difficulty} {scenario.difficulty_word}"
        # Scenario text is data, not markup: pass it as plain strings with markup off.
        table.add_row(*map(visible, (scenario.id, scenario.title, scenario.category)), difficulty)
    console = plain_console(soft_wrap=False)
    console.print(table)
    if library.broken:
        print(f"\n{len(library.broken)} file(s) could not be loaded:", file=sys.stderr)
        for problem in library.problems:
            print(f"  {problem}", file=sys.stderr)
    return 0
