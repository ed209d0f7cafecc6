"""`verify`: is this certificate one the scoreboard issued, and does it still match it?"""

from __future__ import annotations

import argparse

from simulator.cli.common import CliError, add_db_option
from simulator.cli.scoreboard_access import open_scoreboard
from simulator.store import ScoreboardError
from simulator.store.certificates import verify

# What `verify` returns, so a script can tell the answers apart (2 is argparse's usage error).
EXIT_CODES = {"valid": 0, "unknown": 3, "mismatch": 4, "revoked": 5}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "verify",
        help="check a certificate's verification id against the scoreboard",
        description=(
            "Check a certificate's verification id against the scoreboard: valid (it was "
            "issued here and the attempts it names still show those scores), unknown (no such "
            "certificate here), mismatch (an attempt it names is gone or differs) or revoked."
        ),
        epilog=(
            "exit status: 0 valid, 3 unknown, 4 mismatch, 5 revoked, 1 scoreboard error\n"
            "example:\n  %(prog)s 5f0c2a91-7d3e-4c1b-9a55-0e6f3b2d8c47"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("certificate", metavar="ID", help="the verification id (or a prefix)")
    add_db_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    with open_scoreboard(args, read_only=True) as board:
        try:
            result = verify(board, args.certificate)
        except ScoreboardError as error:
            raise CliError(str(error)) from None
    print(result.message)
    return EXIT_CODES[result.status]
