"""`import`: merge other machines' exports into this scoreboard, all or nothing."""

from __future__ import annotations

import argparse
import os
import sys

from simulator.cli.common import CliError, add_db_option
from simulator.cli.scoreboard_access import open_scoreboard
from simulator.store import ScoreboardError

# Above this much export data, say that the import may take a while (100,000 attempts are
# about 180 MB and take 10 to 15 s), so a silent terminal is not mistaken for a hang.
NOTICE_BYTES = 20_000_000


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "import",
        help="merge exported attempts from other machines (safe to repeat)",
        description=(
            "Merge one or more files written by `export`. Attempts already here (same id) are "
            "skipped, so importing a file twice adds nothing. All files are merged in one step: "
            "if any record is malformed nothing is imported and the message names it."
        ),
        epilog="example:\n  %(prog)s laptop-a.json laptop-b.json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("files", metavar="FILE", nargs="+", help="export files to merge")
    add_db_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    size = sum(_size(path) for path in args.files)
    if size > NOTICE_BYTES:
        print(
            f"importing {size / 1e6:,.0f} MB of exports; this can take a minute...", file=sys.stderr
        )
    with open_scoreboard(args) as board:
        try:
            result = board.import_files(args.files)
        except ScoreboardError as error:
            raise CliError(str(error)) from None
    line = f"{result.added} attempt{'' if result.added == 1 else 's'} added, "
    line += f"{result.already_present} already present"
    if result.completed:
        line += f", {result.completed} finished since the last import"
    print(line)
    return 0


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0  # a missing file is reported by the import itself
