"""Options and helpers shared by several subcommands."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

ENV_SCENARIOS = "RECOVERY_SIM_SCENARIOS"


class CliError(Exception):
    """A failure to report to the user as one line; `exit_code` is what the process returns."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def add_library_option(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    """`--scenarios DIR`, repeatable: folders added to the bundled library."""
    parser.add_argument(
        "--scenarios",
        metavar="DIR",
        action="append",
        # On subcommands, SUPPRESS keeps a value given before the subcommand from being reset.
        default=[] if top_level else argparse.SUPPRESS,
        help=f"add a folder of scenario files to the library (repeatable; also ${ENV_SCENARIOS})",
    )


def add_db_option(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        default=None if top_level else argparse.SUPPRESS,
        help=(
            "scoreboard: a file, or a postgresql:// URL for a team's server (default:"
            " $RECOVERY_SIM_DB, then a postgresql:// $DATABASE_URL, then a file in your user"
            " data folder)"
        ),
    )


def add_app_options(parser: argparse.ArgumentParser) -> None:
    add_library_option(parser, top_level=True)
    add_db_option(parser, top_level=True)
    app = parser.add_argument_group("app options (no subcommand)")
    app.add_argument(
        "--typing-delay",
        metavar="SECONDS",
        type=float,
        default=None,
        help="how long the customer 'types' before answering (default 0.8; 0 for none)",
    )
    app.add_argument(
        "--exit-after-ready",
        action="store_true",
        help="exit as soon as the first screen is ready (used by benchmarks/bench_startup.py)",
    )


def scenario_dirs(args: argparse.Namespace) -> list[Path]:
    """Extra library folders from `--scenarios` and the environment, in that order."""
    dirs = [Path(d) for d in getattr(args, "scenarios", []) or []]
    env = os.environ.get(ENV_SCENARIOS, "")
    dirs += [Path(d) for d in env.split(os.pathsep) if d.strip()]
    return dirs
