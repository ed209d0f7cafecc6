"""`note`: a lead adds a coaching note to an attempt; the trainee sees it with the replay."""

from __future__ import annotations

import argparse
import getpass

from simulator.cli.common import CliError, add_db_option
from simulator.cli.scoreboard_access import open_scoreboard
from simulator.store import ScoreboardError

DEFAULT_AUTHOR = "team lead"  # when the login name cannot be found


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "note",
        help="add a coaching note to an attempt (shown with its replay)",
        description=(
            "Add a coaching note to a past attempt: what went well, what to try next. The note "
            "is kept in the scoreboard with the attempt, travels in exports, and is shown "
            "under the transcript by `replay` and in the app."
        ),
        epilog=(
            "example:\n"
            '  %(prog)s 0193f2a1 "Good apology; next time offer the refund before the'
            ' explanation." --by Dana'
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("attempt", metavar="ATTEMPT", help="attempt id or a unique prefix")
    parser.add_argument("text", metavar="TEXT", help="the note (quote it)")
    parser.add_argument("--by", metavar="NAME", help="who writes it (default: your login name)")
    add_db_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    author = args.by if args.by is not None else _login_name()
    with open_scoreboard(args, read_only=True) as board:  # a note needs an attempt: no new file
        try:
            note = board.add_note(args.attempt, args.text, author)
        except ScoreboardError as error:
            raise CliError(str(error)) from None
    print(f"noted on attempt {note.attempt_id} by {note.author}")
    return 0


def _login_name() -> str:
    try:
        return getpass.getuser() or DEFAULT_AUTHOR
    except (OSError, KeyError):
        return DEFAULT_AUTHOR
