"""`calibrate`: do the scenarios' own `examples` score the way their trainers said?"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from nltk.metrics.agreement import AnnotationTask
from rich.console import Console
from rich.text import Text

from scoring import score_reply
from scoring.model import DIMENSIONS, HIGH_THRESHOLD, ReplyScore
from simulator.cli.common import CliError, add_library_option, scenario_dirs
from simulator.scenario.library import Library, load_files, load_library, scenario_files
from simulator.scenario.model import Example, Expectation, Scenario

REPLY_PREVIEW = 160  # characters of a disagreeing reply shown


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "calibrate",
        help="check that scenario examples score as their trainers expect",
        description=(
            "Score every example reply in the scenarios and compare with the trainer's "
            "expectations: agreement and Cohen's kappa per dimension, and each disagreement "
            "with its evidence. Exit code 1 on any disagreement."
        ),
        epilog="examples:\n  %(prog)s\n  %(prog)s my-team/scenarios/late-parcel.yaml",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="scenario files or folders")
    add_library_option(parser)
    parser.set_defaults(run=run)


@dataclass(frozen=True, slots=True)
class Check:
    scenario: Scenario
    example: Example
    expectation: Expectation
    score: ReplyScore

    @property
    def holds(self) -> bool:
        return self.expectation.holds(self.score.dimensions[self.expectation.dimension])

    @property
    def trainer_label(self) -> str:
        """Which side of HIGH_THRESHOLD the trainer's bound puts the reply on."""
        e = self.expectation
        return (
            "low" if e.op in ("<", "<=") or (e.op == "==" and e.value < HIGH_THRESHOLD) else "high"
        )

    @property
    def scorer_label(self) -> str:
        return (
            "high" if self.score.dimensions[self.expectation.dimension] >= HIGH_THRESHOLD else "low"
        )


def run(args: argparse.Namespace) -> int:
    library = _load(args)
    if library.broken:
        problems = "\n".join(str(p) for p in library.problems)
        raise CliError(f"fix these scenario files first (see `validate`):\n{problems}")
    checks = [
        Check(scenario, example, expectation, score)
        for scenario in library.scenarios
        for example in scenario.examples
        for score in [
            score_reply(
                example.reply, customer=example.customer or scenario.opening, scenario=scenario
            )
        ]
        for expectation in example.expect
    ]
    console = Console(markup=False, highlight=False, emoji=False)
    scripts_ok = _play_scripts(console, library)
    if not checks:
        console.print("No scenario has calibration examples; add `examples:` to a scenario.")
        return 0 if scripts_ok else 1
    examples = sum(len(s.examples) for s in library.scenarios)
    console.print(
        f"{examples} examples in {len(library.scenarios)} scenarios, {len(checks)} expectations."
    )
    _print_table(console, checks)
    wrong = [c for c in checks if not c.holds]
    if not wrong:
        console.print("Every example scores as its trainer expects.")
        return 0 if scripts_ok else 1
    console.print(Text(f"\n{len(wrong)} disagreement(s):", style="bold red"))
    for check in wrong:
        _print_disagreement(console, check)
    return 1


def _play_scripts(console: Console, library: Library) -> bool:
    """Play every golden conversation (`scripts:`); report each that ends another way."""
    from simulator.engine.golden import play_golden

    results = [
        play_golden(scenario, script, score_reply)
        for scenario in library.scenarios
        for script in scenario.scripts
    ]
    if not results:
        return True
    wrong = [r for r in results if not r.holds]
    console.print(
        f"{len(results)} golden conversations (scripts) in "
        f"{len({r.scenario.id for r in results})} scenarios: {len(results) - len(wrong)} end "
        "as expected."
    )
    for result in wrong:
        where = result.scenario.path or result.scenario.id
        console.print(
            Text(f"{where}:{result.script.line}: {result.scenario.id}: ", style="bold red")
            + Text(result.explain())
        )
    return not wrong


def _load(args: argparse.Namespace) -> Library:
    if not args.paths:
        return load_library(scenario_dirs(args))
    files: list[Path] = []
    for raw in args.paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(scenario_files(path))
        elif path.is_file():
            files.append(path)
        else:
            raise CliError(f"{path}: no such file or folder")
    if not files:
        raise CliError("no scenario files found in the given folders")
    return load_files(files)


def _print_table(console: Console, checks: list[Check]) -> None:
    console.print(f"{'dimension':<12}{'checks':>7}{'agree':>9}{'kappa':>8}")
    for dim in DIMENSIONS:
        mine = [c for c in checks if c.expectation.dimension == dim]
        if not mine:
            console.print(f"{dim:<12}{0:>7}{'-':>9}{'-':>8}")
            continue
        agree = 100 * sum(c.holds for c in mine) / len(mine)
        console.print(f"{dim:<12}{len(mine):>7}{agree:>8.1f}%{kappa(mine):>8}")


def kappa(checks: list[Check]) -> str:
    """Cohen's kappa between the trainer's high/low and the scorer's (nltk's AnnotationTask).
    Undefined when only one label occurs on both sides: then shown as "n/a"."""
    data = [("trainer", str(i), c.trainer_label) for i, c in enumerate(checks)]
    data += [("scorer", str(i), c.scorer_label) for i, c in enumerate(checks)]
    labels = {label for _, _, label in data}
    if len(labels) < 2:
        return "n/a"
    try:
        return f"{AnnotationTask(data=data).kappa():.2f}"
    except ZeroDivisionError:
        return "n/a"


def _print_disagreement(console: Console, check: Check) -> None:
    e = check.expectation
    where = (
        f"{check.scenario.path}:{check.example.line}" if check.scenario.path else check.scenario.id
    )
    value = check.score.dimensions[e.dimension]
    console.print(
        Text(
            f"\n{where}  {check.scenario.id}: {e.dimension} expected {e.text}, scored {value}",
            style="bold",
        )
    )
    reply = check.example.reply
    preview = reply if len(reply) <= REPLY_PREVIEW else reply[:REPLY_PREVIEW] + "..."
    console.print(Text(f"  reply: {preview}"))
    evidence = [ev for ev in check.score.evidence if ev.dimension == e.dimension]
    for ev in evidence:
        mark = "+" if ev.effect == "up" else "-"
        console.print(Text(f'  {mark} "{ev.text}"  {ev.why} [{ev.rule}]'))
    if not evidence:
        console.print(Text("  (no evidence: nothing in the reply moved this dimension)"))
