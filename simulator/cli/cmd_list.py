"""`list`: the scenario library as a table, optionally narrowed by industry, channel, difficulty."""

from __future__ import annotations

import argparse
import sys

from rich.table import Table

from simulator.cli.common import add_library_option, plain_console, scenario_dirs
from simulator.scenario.filters import Filter, difficulty_of, industries
from simulator.scenario.library import load_library
from simulator.scenario.model import CHANNELS
from simulator.text_safety import visible


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "list",
        help="show the scenario library: id, title, industry, channel, difficulty",
        description="Show every scenario in the library, and any file that failed to load.",
        epilog=(
            "examples:\n  %(prog)s --scenarios my-team/scenarios/\n"
            "  %(prog)s --industry veterinary --channel chat --difficulty 2"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_library_option(parser)
    parser.add_argument("--industry", default="", help="only industries containing this text")
    parser.add_argument("--channel", default="", help="only this channel: chat, email or phone")
    parser.add_argument(
        "--difficulty", default="", help="only this difficulty: 1 gentle, 2 firm, 3 hostile"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    wanted = _filter(args)
    if isinstance(wanted, str):
        print(f"list: {wanted}", file=sys.stderr)
        return 2
    library = load_library(scenario_dirs(args))
    shown = wanted.apply(library.scenarios)
    table = Table(box=None, pad_edge=False)
    table.add_column("id", no_wrap=True)
    table.add_column("title", ratio=2)
    table.add_column("industry", ratio=1)
    table.add_column("channel", no_wrap=True)
    table.add_column("difficulty", no_wrap=True)
    for scenario in shown:
        difficulty = f"{scenario.difficulty} {scenario.difficulty_word}"
        # Scenario text is data, not markup: pass it as plain strings with markup off.
        table.add_row(
            *map(visible, (scenario.id, scenario.title, scenario.industry or "–")),
            scenario.channel or "–",
            difficulty,
        )
    console = plain_console(soft_wrap=False)
    if shown:
        console.print(table)
    else:
        known = ", ".join(industries(library.scenarios)) or "none yet"
        print(f"No scenario matches. Industries in this library: {known}", file=sys.stderr)
    if library.broken:
        print(f"\n{len(library.broken)} file(s) could not be loaded:", file=sys.stderr)
        for problem in library.problems:
            print(f"  {problem}", file=sys.stderr)
    return 0


def _filter(args: argparse.Namespace) -> Filter | str:
    """The filter the options ask for, or what is wrong with them."""
    channel = args.channel.strip().lower()
    if channel and channel not in CHANNELS:
        from simulator.scenario.loader import did_you_mean

        return f'--channel must be chat, email or phone, got "{args.channel}"' + did_you_mean(
            channel, CHANNELS
        )
    difficulty = None
    if args.difficulty.strip():
        difficulty = difficulty_of(args.difficulty)
        if difficulty is None:
            got = args.difficulty
            return f'--difficulty must be 1, 2 or 3 (gentle, firm, hostile), got "{got}"'
    industry = " ".join(args.industry.lower().split())
    return Filter(industry=industry, channel=channel, difficulty=difficulty)
