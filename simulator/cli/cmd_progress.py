"""`progress`: per trainee, per assignment: not started, in progress, passed, failed or overdue."""

from __future__ import annotations

import argparse
from datetime import date

from simulator.cli.common import add_db_option
from simulator.cli.scoreboard_access import open_scoreboard
from simulator.store.assignments import behind, status_counts, team_progress


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "progress",
        help="who has done their assignments: per trainee, per assignment",
        description=(
            "For every assignment (of --team), each trainee of the team: not started, in "
            "progress, passed, failed (every allowed attempt used) or overdue, with the "
            "attempts counted and the best score; who is behind is listed last."
        ),
        epilog="example:\n  %(prog)s --team Harbour",
    )
    parser.add_argument("--team", metavar="T", help="only this team's assignments")
    parser.add_argument("--today", metavar="DATE", help=argparse.SUPPRESS)  # tests
    add_db_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    today = date.fromisoformat(args.today) if args.today else date.today()
    with open_scoreboard(args, read_only=True) as board:
        assignments, rows = team_progress(board, args.team, today)
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
    console.print(", ".join(f"{n} {status}" for status, n in status_counts(rows).items()))
    late = behind(rows)
    if late:
        console.print("behind: " + ", ".join(late))
    return 0
