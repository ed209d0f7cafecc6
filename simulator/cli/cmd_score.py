"""`score`: score one reply (or a batch of JSON lines) the way the app scores a turn."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console

from scoring import score_reply
from simulator.cli.common import CliError, add_library_option, scenario_dirs
from simulator.cli.score_output import print_score
from simulator.scenario.library import Library, load_library
from simulator.scenario.model import Scenario


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "score",
        help="score a reply on the six dimensions, with evidence and tips",
        description=(
            "Score one reply, or with --batch one JSON object per line: "
            '{"reply": ..., "customer": text or list (optional), "scenario": id or path '
            "(optional)}. With a scenario and no --customer, the reply answers its opening line."
        ),
        epilog='examples:\n  %(prog)s "I\'m so sorry we charged you twice."\n'
        '  %(prog)s --scenario gym-billing-after-cancel --json "I will refund you"\n'
        "  %(prog)s --batch replies.jsonl > scores.jsonl",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("reply", nargs="?", metavar="REPLY", help="the trainee's reply")
    parser.add_argument("--scenario", metavar="ID|PATH", help="scenario id or file to score in")
    parser.add_argument("--customer", metavar="TEXT", help="the customer line the reply answers")
    parser.add_argument("--json", action="store_true", help="print the score as one JSON object")
    parser.add_argument("--batch", metavar="FILE|-", help="score JSON lines from FILE or stdin")
    add_library_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.batch is not None:
        if args.reply is not None:
            raise CliError("give either a REPLY or --batch FILE, not both")
        return run_batch(args)
    if args.reply is None:
        raise CliError('give a reply to score, e.g. score "I\'m sorry we charged you twice."')
    scenario = find_scenario(_library(args), args.scenario) if args.scenario else None
    customer = args.customer if args.customer is not None else _opening(scenario)
    score = score_reply(args.reply, customer=customer, scenario=scenario)
    if args.json:
        print(json.dumps(score.to_dict(), ensure_ascii=False))
    else:
        print_score(Console(markup=False, highlight=False, emoji=False), args.reply, score)
    return 0


def run_batch(args: argparse.Namespace) -> int:
    library = _LazyLibrary(args)
    failed = 0
    with _open_batch(args.batch) as stream:
        for number, line in enumerate(stream, 1):
            try:
                result = _score_line(line, library, args.scenario)
            except ValueError as error:
                failed += 1
                result = {"error": f"line {number}: {error}"}
            print(json.dumps(result, ensure_ascii=False), flush=False)
    sys.stdout.flush()
    return 1 if failed else 0


def _score_line(line: str, library: _LazyLibrary, default_scenario: str | None) -> dict[str, Any]:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"not valid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(item, dict):
        raise ValueError('expected a JSON object such as {"reply": "..."}')
    reply = item.get("reply")
    if not isinstance(reply, str):
        raise ValueError('"reply" must be a string')
    customer = item.get("customer")
    if customer is not None and not (
        isinstance(customer, str)
        or (isinstance(customer, list) and all(isinstance(c, str) for c in customer))
    ):
        raise ValueError('"customer" must be a string or a list of strings')
    scenario_ref = item.get("scenario", default_scenario)
    if scenario_ref is not None and not isinstance(scenario_ref, str):
        raise ValueError('"scenario" must be a scenario id or a file path')
    for name, value in (("reply", reply), ("customer", customer), ("scenario", scenario_ref)):
        _refuse_lone_surrogates(name, value)
    scenario = library.get(scenario_ref) if scenario_ref else None
    if customer is None:
        customer = _opening(scenario)
    return score_reply(reply, customer=customer, scenario=scenario).to_dict()


def _refuse_lone_surrogates(name: str, value: str | list[str] | None) -> None:
    """JSON can spell half a UTF-16 pair (`"\\ud800"`); no output can write it, so say so."""
    for text in [value] if isinstance(value, str) else value or ():
        bad = next((ch for ch in text if "\ud800" <= ch <= "\udfff"), None)
        if bad is not None:
            raise ValueError(
                f'"{name}" contains a lone surrogate (\\u{ord(bad):04x}), which is not text; '
                "fix the escape in the file"
            )


class _LazyLibrary:
    """Loads the library on first use and remembers each scenario looked up."""

    def __init__(self, args: argparse.Namespace) -> None:
        self._args = args
        self._library: Library | None = None
        self._found: dict[str, Scenario] = {}

    def get(self, ref: str) -> Scenario:
        if ref not in self._found:
            if self._library is None:
                self._library = _library(self._args)
            try:
                self._found[ref] = self._library.get(ref)
            except LookupError as error:
                raise ValueError(str(error).replace("\n", " ")) from None
        return self._found[ref]


def find_scenario(library: Library, ref: str) -> Scenario:
    try:
        return library.get(ref)
    except LookupError as error:
        raise CliError(str(error)) from None


def _library(args: argparse.Namespace) -> Library:
    return load_library(scenario_dirs(args))


def _opening(scenario: Scenario | None) -> Iterable[str] | str:
    return scenario.opening if scenario is not None else ()


class _open_batch:  # noqa: N801 - used as a context manager like open()
    """`-` is stdin (left open); anything else a UTF-8 file with a clear error if missing."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._file: TextIO | None = None

    def __enter__(self) -> Iterable[str]:
        if self._name == "-":
            return sys.stdin
        path = Path(self._name)
        try:
            self._file = path.open(encoding="utf-8", errors="replace")
        except OSError as error:
            raise CliError(f"{path}: cannot read the batch file ({error.strerror})") from None
        return self._file

    def __exit__(self, *exc: object) -> None:
        if self._file is not None:
            self._file.close()
