"""`export`: every attempt, with its turns, to a JSON file another machine can import; or, with
`--xapi`, the finished attempts as xAPI statements for a learning record store."""

from __future__ import annotations

import argparse
from pathlib import Path

from simulator.cli.common import CliError, add_db_option, add_library_option
from simulator.cli.scoreboard_access import open_scoreboard
from simulator.store import ScoreboardError
from simulator.xapi import DEFAULT_HOMEPAGE, ENV_HOMEPAGE


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "export",
        help="write every attempt with its turns to a JSON file",
        description=(
            "Write every attempt in the scoreboard, with its turns, to FILE as JSON. Another "
            "machine merges it with `import`."
        ),
        epilog=(
            "examples:\n  %(prog)s team-east-2026-03.json\n"
            "  %(prog)s --xapi statements.json --homepage https://learning.example.com"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", metavar="FILE", nargs="?", help="the JSON file to write")
    parser.add_argument(
        "--xapi",
        metavar="FILE",
        help="instead, write one xAPI 1.0.3 statement per finished attempt (a JSON array for"
        " a learning record store)",
    )
    parser.add_argument(
        "--homepage",
        metavar="URL",
        help="with --xapi: the organisation's address that trainee accounts and scenario"
        f" activities are named under (default: ${ENV_HOMEPAGE}, else {DEFAULT_HOMEPAGE})",
    )
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")
    add_db_option(parser)
    add_library_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if (args.file is None) == (args.xapi is None):
        raise CliError("export needs FILE (a scoreboard export) or --xapi FILE, not both")
    if args.xapi is not None:
        return _run_xapi(args)
    if args.homepage is not None:
        raise CliError("--homepage is for --xapi exports")
    target = _target(args.file, args.force)
    with open_scoreboard(args, read_only=True) as board:
        try:
            written = board.export_to(target)
        except ScoreboardError as error:
            raise CliError(str(error)) from None
    print(f"exported {written} attempt{'' if written == 1 else 's'} to {target}")
    return 0


def _run_xapi(args: argparse.Namespace) -> int:
    from simulator import xapi
    from simulator.cli.common import scenario_dirs
    from simulator.scenario.library import load_library

    try:
        home = xapi.homepage(args.homepage)
    except ValueError as error:
        raise CliError(str(error)) from None
    target = _target(args.xapi, args.force)
    titles = {s.id: s.title for s in load_library(scenario_dirs(args)).scenarios}
    with open_scoreboard(args, read_only=True) as board:
        try:
            attempts = board.attempts()
        except ScoreboardError as error:
            raise CliError(str(error)) from None
    try:
        written = xapi.write_statements(target, xapi.statements(attempts, home, titles))
    except OSError as error:
        problem = error.strerror or str(error)
        raise CliError(f"cannot write {target} ({problem}); choose another file") from None
    left = len(attempts) - written
    print(
        f"wrote {written} xAPI statement{'' if written == 1 else 's'} to {target}"
        + (f" ({left} unfinished or given-up attempts left out)" if left else "")
    )
    if home == xapi.DEFAULT_HOMEPAGE:
        print(
            f"note: accounts and activities are named under {home}; set --homepage or"
            f" ${xapi.ENV_HOMEPAGE} to your organisation's address"
        )
    return 0


def _target(file: str, force: bool) -> Path:
    target = Path(file)
    if target.is_dir():
        raise CliError(f"{target} is a folder; give a file name such as {target}/export.json")
    if target.exists() and not force:
        raise CliError(f"{target} already exists; choose another name or add --force")
    return target
