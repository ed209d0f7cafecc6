"""`play`: a conversation in the plain terminal, or a file of replies played as a script.

Everything said is printed as plain text (scenario files and replies are data, never markup).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import textwrap
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from scoring import score_reply
from scoring.model import DIMENSIONS
from simulator.cli.common import (
    CliError,
    add_db_option,
    add_library_option,
    checked_name,
    scenario_dirs,
)
from simulator.engine.conversation import Conversation, ReplyRejected, check_reply
from simulator.engine.model import Debrief, Turn, mood_for
from simulator.engine.passing import Verdict, judge
from simulator.scenario.model import Scenario
from simulator.text_safety import json_text, visible

if TYPE_CHECKING:
    from simulator.cli.scoreboard_access import AttemptRecorder

QUIT_COMMAND = "/quit"
BAR_WIDTH = 20  # characters in a score bar at 100
MAX_TEXT_WIDTH = 88  # lines of speech wrap here, or at the terminal's width if narrower


printable = visible  # text as the terminal should show it: control characters made visible


def wrap(text: str, indent: str = "  ") -> str:
    """Speech wrapped to the terminal, indented, with the author's own line breaks collapsed."""
    width = min(MAX_TEXT_WIDTH, shutil.get_terminal_size((MAX_TEXT_WIDTH, 24)).columns)
    return textwrap.fill(
        printable(" ".join(text.split())),
        width=width,
        initial_indent=indent,
        subsequent_indent=indent,
    )


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "play",
        help="talk to a scenario's customer in the terminal, or play a file of replies",
        description=(
            "Play a scenario: the customer speaks, you reply, every reply is scored and the "
            "customer reacts. With --replies, each non-empty line of FILE (or stdin for -) is "
            f"one reply. Interactively, an empty line re-prompts and {QUIT_COMMAND} or Ctrl-D "
            "ends the conversation as abandoned."
        ),
        epilog="examples:\n  %(prog)s --scenario gym-billing-after-cancel\n"
        "  %(prog)s --scenario my-team/late-parcel.yaml --replies replies.txt --json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--scenario", required=True, metavar="ID|PATH", help="scenario id or file")
    parser.add_argument(
        "--replies", metavar="FILE|-", help="play these replies, one per line (- for stdin)"
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=0,
        help="choice of customer lines (default 0); "
        "the same seed and replies always give the same conversation",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object at the end")
    parser.add_argument("--trainee", metavar="NAME", help="record the attempt under this name")
    parser.add_argument("--team", metavar="TEAM", help="the trainee's team (with --trainee)")
    parser.add_argument(
        "--mode",
        choices=("practice", "assessment"),
        default="practice",
        help="how the recorded attempt counts on the scoreboard (default practice)",
    )
    add_library_option(parser)
    add_db_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if bool(args.trainee) != bool(args.team):
        raise CliError("--trainee and --team go together: give both to record the attempt")
    if args.trainee:
        args.trainee = checked_name(args.trainee, "--trainee")
        args.team = checked_name(args.team, "--team")
    scenario = find_scenario(args.scenario, scenario_dirs(args))
    replies = read_replies(args.replies) if args.replies else None
    # With --json, stdout carries only the JSON; the live transcript goes to stderr.
    live = sys.stderr if args.json else sys.stdout
    conversation = Conversation(scenario, seed=args.seed, scorer=score_reply)
    # The scoreboard opens before the first reply (a bad file stops us before playing); the
    # attempt is created with the first reply, so quitting at once records nothing.
    recorder = start_recording(args, scenario) if args.trainee else None
    try:
        on_turn = recorder.record if recorder else None
        print_opening(conversation, live)
        coach = args.mode != "assessment"  # assessment: why anger moved waits for the debrief
        if replies is None:
            read = input if live is sys.stdout else prompt_on(live)
            play_interactive(conversation, live, read, on_turn=on_turn, coach=coach)
        else:
            play_script(conversation, replies, live, on_turn=on_turn, coach=coach)
        debrief = conversation.debrief()
        verdict = judge(scenario.pass_rule, args.mode, debrief.overall, debrief.outcome)
        if recorder:
            recorder.finish(debrief, verdict)
    except BaseException:
        if recorder:
            finish_abandoned(recorder, conversation)
        raise
    finally:
        if recorder:
            recorder.close()
    if args.json:
        document = {"seed": args.seed, **debrief.to_dict()}
        if verdict is not None:
            document["verdict"] = {"passed": verdict.passed, "pass_mark": verdict.rule.mark}
        print(json_text(document, indent=2))
    else:
        print_debrief(debrief, sys.stdout, verdict)
    if recorder and recorder.recorded:
        # As the scoreboard spells them: " harbour " joins the team first written "Harbour".
        trainee, team = recorder.stored_as or (args.trainee, args.team)
        note = f"recorded for {visible(trainee)} ({visible(team)}) in {recorder.board.where}"
        print(note, file=sys.stderr)
        for item in recorder.certificates:  # found by a new user: certificates came silently
            print(
                f"certificate {item.id[:8]} issued: every scenario of the assignment passed;"
                f" print it with: recovery-sim certificate {item.id[:8]} --out certificate.html",
                file=sys.stderr,
            )
    elif recorder:
        print("nothing recorded: the conversation ended before your first reply", file=sys.stderr)
    return 0


def find_scenario(id_or_path: str, extra_dirs: Sequence[Path]) -> Scenario:
    from simulator.scenario.library import find_scenario as find_in_library

    try:
        return find_in_library(id_or_path, extra_dirs)
    except LookupError as error:
        raise CliError(str(error)) from None


def read_replies(source: str) -> list[str]:
    """Non-empty lines of FILE or stdin; refuses the file whole if any line can't be a reply."""
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CliError(f"{source}: no such replies file") from None
    except UnicodeDecodeError:
        raise CliError(f"{source}: not a UTF-8 text file; save it as UTF-8 and retry") from None
    except OSError as error:
        raise CliError(f"{source}: cannot read ({error.strerror})") from None
    replies: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            check_reply(line)
        except ReplyRejected as error:
            raise CliError(f"{source}:{number}: {error}") from None
        replies.append(line.strip())
    if not replies:
        raise CliError(f"{source}: no replies in it; write one reply per line")
    return replies


def play_script(
    conversation: Conversation,
    replies: Iterable[str],
    out: TextIO,
    on_turn: Callable[[Turn], None] | None = None,
    coach: bool = True,
) -> None:
    lines = list(replies)
    for played, reply in enumerate(lines):
        if conversation.state != "ongoing":
            left = len(lines) - played
            # Said, so a script's later lines are not thought scored (found by a new user).
            print(
                f"\n(The conversation ended ({conversation.state.replace('_', ' ')}) with"
                f" {left} more {'reply' if left == 1 else 'replies'} in the file, not played.)",
                file=out,
            )
            break
        print(f"\nYou: {printable(reply)}", file=out)
        turn = conversation.reply(reply)
        if on_turn:
            on_turn(turn)
        print_turn(conversation, turn, out, coach)
    if conversation.state == "ongoing":
        print(
            "(The replies ran out before the conversation ended: counted as abandoned.)", file=out
        )
        conversation.abandon()


def play_interactive(
    conversation: Conversation,
    out: TextIO,
    read: Callable[[str], str] = input,
    on_turn: Callable[[Turn], None] | None = None,
    coach: bool = True,
) -> None:
    print(f"(Type your reply and press Enter; {QUIT_COMMAND} or Ctrl-D to stop.)", file=out)
    while conversation.state == "ongoing":
        left = conversation.replies_left
        try:
            reply = read(f"\nYou ({left} {'reply' if left == 1 else 'replies'} left)> ")
        except (EOFError, KeyboardInterrupt):
            print(file=out)
            conversation.abandon()
            break
        if reply.strip() == QUIT_COMMAND:
            conversation.abandon()
            break
        try:
            turn = conversation.reply(reply.strip())
        except ReplyRejected as error:
            print(f"({error} {QUIT_COMMAND} ends the conversation.)", file=out)
            continue
        if on_turn:
            on_turn(turn)
        print_turn(conversation, turn, out, coach)
    if conversation.state == "abandoned":
        print("(You ended the conversation.)", file=out)


def prompt_on(out: TextIO) -> Callable[[str], str]:
    """Like `input`, but the prompt goes to `out` (stderr with --json keeps stdout pure JSON)."""

    def read(prompt: str) -> str:
        print(prompt, end="", file=out, flush=True)
        line = sys.stdin.readline()
        if not line:
            raise EOFError
        return line.rstrip("\n")

    return read


def print_opening(conversation: Conversation, out: TextIO) -> None:
    scenario = conversation.scenario
    name, anger = printable(scenario.customer.name), conversation.anger
    heading = f"{scenario.title}  ({scenario.category}, {scenario.difficulty_word})"
    print(printable(heading), file=out)
    print(wrap(scenario.situation, indent=""), file=out)
    print(f"{name} has {scenario.customer.patience} replies' patience.\n", file=out)
    print(f"{name} [{mood_for(anger)}, anger {anger}]:", file=out)
    print(wrap(scenario.opening), file=out)


def print_turn(conversation: Conversation, turn: Turn, out: TextIO, coach: bool = True) -> None:
    """The customer's answer; in practice, first why their anger moved (assessment keeps the
    reasons for the debrief)."""
    name = printable(conversation.scenario.customer.name)
    if coach:
        print(f"  anger {turn.anger_before} -> {turn.anger_after}, because:", file=out)
        for change in turn.changes:
            delta = f"{change.delta:+g}" if change.delta else "no change"
            print(f"    {delta:>9}  {change.why}", file=out)
    state = {
        "resolved": ", accepts",
        "unresolved": ", leaves without a fix",
        "walked_out": ", walks out",
    }.get(conversation.state, "")
    print(f"\n{name} [{mood_for(turn.anger_after)}, anger {turn.anger_after}{state}]:", file=out)
    print(wrap(turn.customer), file=out)


def print_debrief(debrief: Debrief, out: TextIO, verdict: Verdict | None = None) -> None:
    outcome = {
        "resolved": "Resolved",
        "unresolved": "The customer left without a fix (out of patience, but not angry)",
        "walked_out": "The customer walked out",
        "abandoned": "Abandoned",
        "ongoing": "Still going",
    }[debrief.outcome]
    print(f"\n=== Debrief: {debrief.scenario_id} ===", file=out)
    print(
        f"Outcome: {outcome} after {debrief.replies_used} of {debrief.patience} replies; "
        f"final anger {debrief.final_anger} ({mood_for(debrief.final_anger)}).",
        file=out,
    )
    if debrief.fix_note:
        print(wrap(debrief.fix_note, indent=""), file=out)
    print(f"Score: {debrief.overall}/100 (the outcome is not folded into it)", file=out)
    if verdict is not None:
        print(verdict.text, file=out)
    for name in DIMENSIONS:
        value = debrief.dimensions[name]
        bar = "#" * round(value * BAR_WIDTH / 100)
        print(f"  {name:<11} {value:>3}  {bar}".rstrip(), file=out)
    print("Your replies, with what the scorer saw:", file=out)
    for turn in debrief.turns:
        scores = ", ".join(f"{name} {turn.score.dimensions[name]}" for name in DIMENSIONS)
        print(f"  Reply {turn.index + 1} ({turn.score.overall}): {scores}", file=out)
        for item in turn.score.evidence:
            mark = "+" if item.effect == "up" else "-"
            line = f'    {mark} {item.dimension:<11} "{item.text}": {item.why}'
            print(printable(line), file=out)
    if debrief.arc is not None and debrief.turns:
        print("The recovery, step by step:", file=out)
        for step in debrief.arc.steps:
            if step.reply is not None:
                line = f'  + {step.label}: reply {step.reply + 1} "{step.words}"'
            else:
                line = f"  - {step.label}: never happened. {step.coaching}"
            print(printable(line), file=out)
        for fault in debrief.arc.faults:
            print(wrap(fault, indent="    ").replace("    ", "  ! ", 1), file=out)
    if debrief.tips:
        print("Tips:", file=out)
        for number, tip in enumerate(debrief.tips, 1):
            print(wrap(tip, indent="     ").replace("     ", f"  {number}. ", 1), file=out)
    if debrief.model_replies:
        print("Model replies from the trainer:", file=out)
        for reply in debrief.model_replies:
            print(wrap(reply, indent="    ").replace("    ", "  - ", 1), file=out)


def start_recording(args: argparse.Namespace, scenario: Scenario) -> AttemptRecorder:
    """Start the --trainee/--team attempt in the scoreboard; its turns follow as played."""
    from simulator.cli.scoreboard_access import AttemptRecorder

    return AttemptRecorder.start(args, scenario, args.trainee, args.team, args.mode)


def finish_abandoned(recorder: AttemptRecorder, conversation: Conversation) -> None:
    """Interrupted (Ctrl-C, an error): close the attempt as abandoned with the turns it has.
    Best effort: if the scoreboard fails now, the attempt still reads back as abandoned."""
    conversation.abandon()
    try:
        recorder.finish(conversation.debrief())
    except CliError:
        pass
