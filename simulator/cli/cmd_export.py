"""`export`: every attempt, with its turns, to a JSON file another machine can import."""

from __future__ import annotations

import argparse
from pathlib import Path

from simulator.cli.common import CliError, add_db_option
from simulator.cli.scoreboard_access import open_scoreboard
from simulator.store import ScoreboardError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "export",
        help="write every attempt with its turns to a JSON file",
        description=(
            "Write every attempt in the scoreboard, with its turns, to FILE as JSON. Another "
            "machine merges it with `import`."
        ),
        epilog="example:\n  %(prog)s team-east-2026-03.json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", metavar="FILE", help="the JSON file to write")
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")
    add_db_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    target = Path(args.file)
    if target.is_dir():
        raise CliError(f"{target} is a folder; give a file name such as {target}/export.json")
    if target.exists() and not args.force:
        raise CliError(f"{target} already exists; choose another name or add --force")
    with open_scoreboard(args, read_only=True) as board:
        try:
            written = board.export_to(target)
        except ScoreboardError as error:
            raise CliError(str(error)) from None
    print(f"exported {written} attempt{'' if written == 1 else 's'} to {target}")
    return 0
