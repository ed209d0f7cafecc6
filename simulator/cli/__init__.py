"""The command line: `recovery-sim` (or `python run.py` in a checkout) starts the app;
`recovery-sim SUBCOMMAND ...` runs a tool.

Each subcommand lives in its own module `simulator.cli.cmd_<name>` with `register(subparsers)`
(adds its parser and sets `run`) and `run(args) -> int`. Errors reach the user as one clear line
on stderr and a non-zero exit, never as a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import TextIO

from simulator.cli.common import CliError, add_app_options
from simulator.resources import MissingBundle, command_name
from simulator.text_safety import VisibleStream

# Subcommands in the order `--help` lists them.
COMMANDS: tuple[str, ...] = (
    "validate",
    "list",
    "new",
    "play",
    "score",
    "calibrate",
    "scoreboard",
    "export",
    "import",
    "assign",
    "progress",
    "replay",
    "note",
    "certificate",
    "verify",
    "serve",
)

PROG = "recovery-sim"


def build_parser(commands: Sequence[str] = COMMANDS) -> argparse.ArgumentParser:
    """The parser with the given subcommands; with none, only the app's options.

    Each subcommand module imports what it runs on (the scorer, NLTK, the store), so a run
    registers only the subcommand it names: `list` does not pay for loading the scorer.
    """
    parser = argparse.ArgumentParser(
        prog=command_name(),  # examples below name the command the user actually typed
        description=(
            "Practise customer-service recovery against angry customers written in YAML.\n"
            "With no subcommand, starts the app."
        ),
        epilog="example:\n  %(prog)s    # start the app\n  %(prog)s validate my-team/scenarios/",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_app_options(parser)
    if not commands:
        return parser
    sub = parser.add_subparsers(title="subcommands", metavar="SUBCOMMAND")
    for name in commands:
        module = importlib.import_module(f"simulator.cli.cmd_{name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    streams = sys.stdout, sys.stderr
    try:
        return _main(argv, streams)
    except KeyboardInterrupt:  # ctrl+c while the parser's modules were still being imported
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    finally:
        sys.stdout, sys.stderr = streams


def _main(argv: Sequence[str] | None, streams: tuple[TextIO, TextIO]) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    # The one output edge: whatever a tool prints (names, titles, replies, and messages or
    # argparse errors quoting them) reaches the terminal with its control characters visible.
    sys.stdout, sys.stderr = VisibleStream(streams[0]), VisibleStream(streams[1])
    named = next((arg for arg in args_list if arg in COMMANDS), None)
    if named is not None:
        commands: Sequence[str] = (named,)
    elif any(arg in ("-h", "--help") for arg in args_list):
        commands = COMMANDS  # the top-level help lists every subcommand
    else:
        commands = ()  # starting the app needs no subcommand
    parser = build_parser(commands)
    args, unknown = parser.parse_known_args(args_list)
    if unknown:
        # Not the app's options after all: let the full parser explain the mistake.
        args = build_parser().parse_args(args_list)
    try:
        if getattr(args, "run", None) is None:
            from simulator.cli.cmd_app import run_app

            sys.stdout, sys.stderr = streams  # the app draws the terminal itself
            return run_app(args)
        if getattr(args, "own_terminal", False):
            sys.stdout, sys.stderr = streams  # serve's server and logs write their own output
        return int(args.run(args))
    except CliError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return error.exit_code
    except MissingBundle as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except OSError as error:
        if isinstance(error, BrokenPipeError):
            # Output piped into `head` and the like: not an error worth a traceback.
            sys.stderr.close()
            return 0
        print(f"{PROG}: error: {error.strerror or error}: {error.filename or ''}", file=sys.stderr)
        return 1
    except Exception as error:  # noqa: BLE001 - the last line of defence against tracebacks
        from simulator.store.errors import ScoreboardError  # no database code: cheap to import

        if isinstance(error, ScoreboardError):  # damage found by a read no command expected
            print(f"{PROG}: error: {error}", file=sys.stderr)
            return 1
        if os.environ.get("RECOVERY_SIM_DEBUG"):
            raise
        print(
            f"{PROG}: internal error: {type(error).__name__}: {error}\n"
            "This is a bug in recovery-sim; please report it with the command you ran "
            "(RECOVERY_SIM_DEBUG=1 shows the details).",
            file=sys.stderr,
        )
        return 70
