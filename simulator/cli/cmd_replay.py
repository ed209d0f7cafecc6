"""`replay`: a past attempt's transcript, reply by reply, with its scores and marks."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from scoring.model import DIMENSIONS
from simulator.cli.cmd_play import printable, wrap
from simulator.cli.common import CliError, add_db_option
from simulator.cli.scoreboard_access import open_scoreboard
from simulator.engine.rebuild import stored_verdict
from simulator.store import AttemptRecord, Note, ScoreboardError

OUTCOME_WORDS = {
    "resolved": "resolved",
    "walked_out": "the customer walked out",
    "unresolved": "the customer left without a fix",
    "abandoned": "given up (or never finished)",
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "replay",
        help="print a past attempt's transcript with its scores",
        description=(
            "Print a past attempt: who played what, when, its outcome, scores and verdict, then "
            "every reply with its score, what the scorer marked in it, and the customer's answer."
        ),
        epilog="example:\n  %(prog)s 0193f2a1   (an attempt id, or enough of it to be unique)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("attempt", metavar="ATTEMPT", help="attempt id or a unique prefix")
    add_db_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    with open_scoreboard(args, read_only=True) as board:
        try:
            record = board.find_attempt(args.attempt)
            notes = board.notes_for(record.id)
        except ScoreboardError as error:
            raise CliError(str(error)) from None
    print(render(record, notes))
    return 0


def render(record: AttemptRecord, notes: Sequence[Note] = ()) -> str:
    """The transcript as plain text (names and replies are data: control characters shown)."""
    when = record.started_at.isoformat(timespec="minutes")
    lines = [
        f"=== Attempt {record.id} ===",
        f"{printable(record.trainee)} ({printable(record.team)}) · {printable(record.scenario_id)}"
        f" · {record.mode} · started {when}",
        f"Outcome: {OUTCOME_WORDS.get(record.outcome, record.outcome)}",
    ]
    if record.overall is not None:
        lines.append(f"Score: {record.overall}/100")
        lines.append("  " + ", ".join(f"{name} {record.dimensions[name]}" for name in DIMENSIONS))
    verdict = stored_verdict(record)
    if verdict is not None:
        lines.append(verdict.text)
    for turn in record.turns:
        lines.append("")
        lines.append(
            f"Reply {turn.index + 1} (overall {turn.overall}; anger {turn.anger_before} ->"
            f" {turn.anger_after}):"
        )
        lines.append(wrap(turn.reply))
        if turn.events:
            lines.append("  marks: " + ", ".join(printable(e) for e in turn.events))
        lines.append("  scores: " + ", ".join(f"{k} {v}" for k, v in turn.dimensions.items()))
        lines.append("Customer:")
        lines.append(wrap(turn.customer))
    if not record.turns:
        lines.append("")
        lines.append("(no replies stored)")
    if notes:
        lines.append("")
        lines.append("Coaching notes:")
    for note in notes:
        when = note.created_at.isoformat(timespec="minutes")
        lines.append(f"{when} · {printable(note.author)}:")
        lines.extend(wrap(line) for line in note.text.split("\n"))  # its own line breaks kept
    return "\n".join(lines)
