"""`progress`: per trainee, per assignment: not started, in progress, passed, failed or overdue."""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Sequence
from datetime import date
from typing import TextIO

from simulator.cli.common import add_db_option, add_library_option, scenario_dirs
from simulator.cli.scoreboard_access import open_scoreboard, scenarios_of_difficulty
from simulator.store.assignments import (
    NOBODY_YET,
    Standing,
    behind,
    status_counts,
    team_progress,
    teams_nobody_yet,
)
from simulator.text_safety import csv_cell, visible

COLUMNS = ("team", "scenario", "due", "trainee", "status", "attempts", "allowed", "best")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "progress",
        help="who has done their assignments: per trainee, per assignment",
        description=(
            "For every assignment (of --team), each trainee of the team: not started, in "
            "progress, passed, failed (every allowed attempt used) or overdue, with the "
            "attempts counted and the best score; who is behind is listed last."
        ),
        epilog="examples:\n  %(prog)s --team Harbour\n  %(prog)s --csv > progress.csv",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--team", metavar="T", help="only this team's assignments")
    parser.add_argument(
        "--csv", action="store_true", help="write the rows as CSV (for a spreadsheet)"
    )
    parser.add_argument(
        "--difficulty",
        metavar="D",
        help="only assignments of scenarios of this difficulty: 1 gentle, 2 firm, 3 hostile",
    )
    parser.add_argument("--today", metavar="DATE", help=argparse.SUPPRESS)  # tests
    add_db_option(parser)
    add_library_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    today = date.fromisoformat(args.today) if args.today else date.today()
    wanted = scenarios_of_difficulty(args.difficulty, scenario_dirs(args))
    with open_scoreboard(args, read_only=True) as board:
        assignments, rows = team_progress(board, args.team, today, wanted)
    if args.csv:
        write_csv(rows, sys.stdout)
        return 0
    console = Console(markup=False, highlight=False, soft_wrap=False)
    if not console.is_terminal:
        console.width = 200
    if not assignments:
        console.print("No assignments" + (f" for {args.team}." if args.team else "."))
        return 0
    table = Table(title=f"Assignments on {today.isoformat()}", box=None, pad_edge=False)
    for column in ("team", "scenario", "due", "trainee", "status", "attempts", "best"):
        table.add_column(column, justify="right" if column in ("attempts", "best") else "left")
    for row in rows:
        item = row.assignment
        allowed = "" if item.attempts is None else f"/{item.attempts}"
        table.add_row(
            item.team,
            item.scenario_id,
            item.due.isoformat(),
            row.trainee,
            row.status,
            f"{row.attempts}{allowed}",
            "" if row.best is None else str(row.best),
        )
    console.print(table)
    for team in teams_nobody_yet(assignments, rows):
        console.print(
            f"{visible(team)}: {NOBODY_YET} (or assign to them by name: recovery-sim assign"
            " --trainee NAME ...)"
        )
    console.print(", ".join(f"{n} {status}" for status, n in status_counts(rows).items()))
    if any(row.status == "in progress" for row in rows):  # a failed try with tries left
        console.print("in progress: tried, not passed yet, and attempts left before the due date")
    late = behind(rows)
    if late:
        console.print("behind: " + ", ".join(late))
    return 0


def write_csv(rows: Sequence[Standing], out: TextIO) -> None:
    """One line per trainee per assignment; names are typed by people, so no cell may start a
    spreadsheet formula (`csv_cell`). Empty cells for no limit and no score."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        item = row.assignment
        values = (
            item.team,
            item.scenario_id,
            item.due.isoformat(),
            row.trainee,
            row.status,
            row.attempts,
            "" if item.attempts is None else item.attempts,
            "" if row.best is None else row.best,
        )
        writer.writerow([csv_cell(value) for value in values])
