"""`assign`: a lead gives a team a scenario to play by a date; `--list` and `--remove ID`."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from simulator.cli.common import CliError, add_db_option, add_library_option, scenario_dirs
from simulator.cli.scoreboard_access import open_scoreboard
from simulator.store import MODES, ScoreboardError
from simulator.store.assignments import Assignment


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "assign",
        help="assign a scenario to a team by a due date; list or remove assignments",
        description=(
            "Assign a scenario to every trainee of a team, to be played by a date (in "
            "assessment mode unless --mode practice), or to named trainees of it (--trainee, "
            "repeatable: one assignment each). `progress` shows who has done it."
        ),
        epilog=(
            "examples:\n"
            "  %(prog)s --team Harbour --scenario gym-billing-after-cancel --due 2027-01-15\n"
            "  %(prog)s --team Harbour --scenario lost-parcel --due 2027-02-01 --attempts 2\n"
            "  %(prog)s --team Harbour --trainee 'Ann Lee' --scenario lost-parcel --due 2027-02-01"
            "\n"
            "  %(prog)s --list --team Harbour\n"
            "  %(prog)s --remove 3f2a"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--list", action="store_true", help="list assignments (of --team)")
    action.add_argument("--remove", metavar="ID", help="remove an assignment (id or prefix)")
    parser.add_argument("--team", metavar="T", help="the team to assign to")
    parser.add_argument(
        "--trainee",
        metavar="NAME",
        action="append",
        help="only this trainee of the team (repeatable; default: the whole team)",
    )
    parser.add_argument("--scenario", metavar="ID", help="the scenario to play (by id)")
    parser.add_argument("--due", metavar="DATE", help="the last day to play it (YYYY-MM-DD)")
    parser.add_argument("--attempts", metavar="N", type=_count, help="attempts allowed")
    parser.add_argument(
        "--mode", choices=MODES, default="assessment", help="assessment or practice"
    )
    add_db_option(parser)
    add_library_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.list:
        with open_scoreboard(args, read_only=True) as board:
            listed = board.assignments(args.team)
        if not listed:
            print("No assignments" + (f" for {args.team}." if args.team else "."))
        for item in listed:
            print(describe(item))
        return 0
    if args.remove:
        with open_scoreboard(args, read_only=True) as board:
            try:
                gone = board.remove_assignment(args.remove)
            except ScoreboardError as error:
                raise CliError(str(error)) from None
        print(f"removed {describe(gone)}")
        return 0
    missing = [f"--{name}" for name in ("team", "scenario", "due") if not getattr(args, name)]
    if missing:
        raise CliError(f"assign needs {', '.join(missing)} (or --list, or --remove ID)")
    due = _date(args.due)
    from simulator.cli.cmd_play import find_scenario

    scenario = find_scenario(args.scenario, scenario_dirs(args))  # a typo is refused here
    with open_scoreboard(args) as board:
        try:
            made = [
                board.assign(args.team, scenario.id, due, args.mode, args.attempts, trainee)
                for trainee in (args.trainee or [None])
            ]
        except ScoreboardError as error:
            raise CliError(str(error)) from None
    for item in made:
        print(f"assigned {describe(item)}")
    if due < date.today():  # kept (a lead may record late work), but never by a typo unseen
        print(
            f"note: the due date {due.isoformat()} has already gone by, so it is overdue at once;"
            " remove it with --remove ID and assign again if that was a typo",
            file=sys.stderr,
        )
    return 0


def describe(item: Assignment) -> str:
    allowed = "any number of attempts" if item.attempts is None else _plural(item.attempts)
    return (
        f"{item.id[:8]}  {item.team}{'' if item.trainee is None else ' / ' + item.trainee}:"
        f" {item.scenario_id} ({item.mode}) by {item.due.isoformat()},"
        f" {allowed}"
    )


def _plural(count: int) -> str:
    return f"{count} attempt{'' if count == 1 else 's'}"


def _count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of attempts (1 or more)")
    return int(text)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CliError(f"--due {text!r} is not a date; use YYYY-MM-DD") from None
