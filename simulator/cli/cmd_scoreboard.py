"""`scoreboard`: the leaderboard, team or scenario comparison, or one trainee's progress."""

from __future__ import annotations

import argparse
import csv
import sys
from datetime import datetime
from typing import TextIO

from simulator.cli.common import (
    CliError,
    add_db_option,
    add_library_option,
    plain_console,
    scenario_dirs,
)
from simulator.cli.scoreboard_access import (
    current_reference,
    open_scoreboard,
    scenarios_of_difficulty,
)
from simulator.cli.scoreboard_views import (
    LEGEND,
    View,
    comparison_view,
    leaderboard_view,
    progress_view,
    skill_view,
    trend_view,
)
from simulator.store import MODES, Filters, Reference
from simulator.store.timestamps import parse_iso
from simulator.store.trends import MEASURES
from simulator.text_safety import csv_cell, json_text, visible

FORMATS = ("table", "csv", "json")
GROUPINGS = ("trainee", "team", "scenario", "skill")
ANY_MODE = "any"
# Comparisons between teams or scenarios are of assessment attempts unless asked otherwise:
# practice is where trainees try things out, and mixing it in moves a team's mean by how much
# it practises, not how well it does.
COMPARISON_MODE = "assessment"
PIPED_WIDTH = 200
CHART_WIDTH = 100  # a trend chart wider than this spreads its points without reading better


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "scoreboard",
        help="show the leaderboard, compare teams or scenarios, or a trainee's progress",
        description=(
            "Show the scoreboard: each trainee's best attempt (--by trainee), teams or "
            "scenarios side by side (--by team, --by scenario), or one trainee's scores over "
            "time (--trainee NAME). Rows scored by another scorer version or on a changed "
            "scenario file say so in the note column."
        ),
        epilog=(
            "examples:\n"
            "  %(prog)s --by team --mode assessment\n"
            "  %(prog)s --scenario gym-billing-after-cancel --format csv\n"
            "  %(prog)s --by skill --team Harbour --csv > skills.csv\n"
            "  %(prog)s --trainee 'Priya Nair' --team Support-East\n"
            "  %(prog)s --trend --trainee 'Priya Nair' --skill empathy\n"
            "  %(prog)s --trend --team Harbour --csv > harbour-trend.csv"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--by", choices=GROUPINGS, default="trainee", help="the view")
    parser.add_argument("--team", metavar="T", help="only this team's trainees")
    parser.add_argument("--scenario", metavar="S", help="only this scenario (by id)")
    parser.add_argument(
        "--mode",
        choices=(*MODES, ANY_MODE),
        help="only practice or assessment attempts (team and scenario comparisons: assessment"
        " unless given; 'any' for both)",
    )
    parser.add_argument(
        "--difficulty",
        metavar="D",
        help="only scenarios of this difficulty in the library: 1 gentle, 2 firm, 3 hostile",
    )
    parser.add_argument("--since", metavar="DATE", help="only attempts ended on or after DATE")
    parser.add_argument("--until", metavar="DATE", help="only attempts ended before DATE")
    given_up = parser.add_mutually_exclusive_group()
    given_up.add_argument(
        "--with-abandoned",
        action="store_true",
        help="count given-up attempts in team totals and progress (never a best anyway)",
    )
    given_up.add_argument(
        "--without-abandoned",
        action="store_true",
        help="leave given-up attempts out (the default)",
    )
    parser.add_argument("--trainee", metavar="NAME", help="show this trainee's progress")
    parser.add_argument(
        "--trend",
        action="store_true",
        help="--trainee's (or --team's) mean scores over time: a chart in the terminal, the"
        " numbers with --csv or --format json (given-up attempts only with --with-abandoned)",
    )
    parser.add_argument(
        "--skill",
        choices=MEASURES,
        default="overall",
        help="with --trend: the score charted (default overall; CSV and JSON have them all)",
    )
    parser.add_argument("--limit", metavar="N", type=_positive, help="show only the first N rows")
    parser.add_argument("--format", choices=FORMATS, default="table", help="output format")
    parser.add_argument(
        "--csv", dest="format", action="store_const", const="csv", help="same as --format csv"
    )
    add_db_option(parser)
    add_library_option(parser)
    parser.set_defaults(run=run)


DEFAULT_MODE_HINT = (
    "Comparisons count assessment attempts unless told: add --mode practice or --mode any"
    " to count practice too."
)


def run(args: argparse.Namespace) -> int:
    if args.trend:
        return _trend(args)
    comparing = not args.trainee and args.by != "trainee"
    mode = args.mode or (COMPARISON_MODE if comparing else None)
    reference = current_reference(scenario_dirs(args))
    wanted = scenarios_of_difficulty(args.difficulty, scenario_dirs(args))
    filters = Filters(
        team=args.team,
        scenario=args.scenario,
        mode=None if mode == ANY_MODE else mode,
        since=_date(args.since, "--since"),
        until=_date(args.until, "--until"),
        without_abandoned=not args.with_abandoned,
        scenarios=wanted,
    )
    with open_scoreboard(args, read_only=True) as board:
        if args.trainee:
            view = progress_view(board.progress(args.trainee, args.team, filters, reference))
        elif args.by == "skill":
            from simulator.store.skills import trainee_skills

            view = skill_view(trainee_skills(board, filters), filters.mode)
        elif args.by == "trainee":
            view = leaderboard_view(board.leaderboard(filters, reference, limit=args.limit))
        else:
            groups = board.compare(args.by, filters, reference)
            view = comparison_view(groups, args.by, filters.mode)
    if args.difficulty is not None:  # say so in the title: the numbers count fewer scenarios
        view = View(f"{view.title}; difficulty {args.difficulty} only", view.columns, view.rows)
    if args.limit is not None:
        view = View(view.title, view.columns, view.rows[: args.limit])
    if args.format == "csv":
        _write_csv(view, sys.stdout)
    elif args.format == "json":
        _write_json(view, reference, sys.stdout)
    else:
        defaulted = comparing and args.mode is None
        _write_table(view, DEFAULT_MODE_HINT if defaulted else "")
    return 0


def _trend(args: argparse.Namespace) -> int:
    """`--trend`: one trainee's or one team's scores by day, week or month."""
    from simulator.store.names import name_key
    from simulator.store.trends import trend
    from simulator.trend_chart import trend_chart

    if not (args.trainee or args.team):
        raise CliError("--trend needs --trainee NAME or --team T (whose scores to chart)")
    if args.by != "trainee" or args.difficulty:
        raise CliError(
            "--trend charts one trainee's or one team's attempts (--trainee, --team); narrow"
            " it with --scenario, --mode, --since and --until"
        )
    mode = None if args.mode in (None, ANY_MODE) else args.mode
    with open_scoreboard(args, read_only=True) as board:
        team = args.team
        if team is None:  # the trainee's team, if they are in only one
            teams = sorted(
                {t for n, t in board.trainees() if name_key(n) == name_key(args.trainee)}
            )
            if not teams:
                raise CliError(
                    f"no trainee {args.trainee!r} on this scoreboard (`scoreboard` lists them)"
                )
            if len(teams) > 1:
                raise CliError(f"{args.trainee!r} is in {', '.join(teams)}: add --team T")
            team = teams[0]
        filters = Filters(
            team=team,
            scenario=args.scenario,
            mode=mode,
            since=_date(args.since, "--since"),
            until=_date(args.until, "--until"),
            without_abandoned=not args.with_abandoned,
        )
        found_trend = trend(
            board.attempts(filters), team, args.trainee, with_given_up=args.with_abandoned
        )
    view = trend_view(found_trend, mode)
    if args.format == "csv":
        _write_csv(view, sys.stdout)
    elif args.format == "json":
        _write_json(view, current_reference(scenario_dirs(args)), sys.stdout)
    else:
        console = plain_console(soft_wrap=False)
        if not console.is_terminal:
            console.width = CHART_WIDTH
        if not found_trend.points:
            console.print(f"No finished attempts of {found_trend.subject} match these filters.")
            return 0
        console.print(f"{view.title}: {args.skill}, {found_trend.attempts} attempts")
        console.print(trend_chart(found_trend, args.skill, min(console.width, CHART_WIDTH)))
        console.print("(the numbers as a table: add --csv)")
    return 0


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of rows (1 or more)")
    return int(text)


def _date(text: str | None, option: str) -> datetime | None:
    if text is None:
        return None
    try:
        return parse_iso(text)
    except ValueError:
        raise CliError(f"{option} {text!r} is not a date; use YYYY-MM-DD") from None


def _write_csv(view: View, out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(view.columns)
    # Names are typed by trainees: none may start a spreadsheet formula.
    writer.writerows([csv_cell(value) for value in row] for row in view.rows)


def _write_json(view: View, reference: Reference, out: TextIO) -> None:
    document = {
        "view": view.title,
        "reference": {
            "scorer_version": reference.scorer_version,
            "scenario_hashes": dict(reference.scenario_hashes),
        },
        "rows": [dict(zip(view.columns, row, strict=True)) for row in view.rows],
    }
    out.write(json_text(document, indent=2) + "\n")


def _write_table(view: View, hint: str = "") -> None:
    from rich.table import Table

    console = plain_console(soft_wrap=False)
    if not console.is_terminal:
        console.width = PIPED_WIDTH  # piped into a file or a pager: never cut names short
    if not view.rows:
        # The title says what was counted (a comparison counts assessment attempts unless
        # --mode says otherwise), so a lead who sees nothing knows which filter to change.
        console.print(f"{view.title}: no finished attempts match these filters.")
        if hint:
            console.print(hint)
        return
    table = Table(title=view.title, box=None, pad_edge=False)
    for column in view.columns:
        numeric = isinstance(view.rows[0][view.columns.index(column)], int | float)
        table.add_column(column, justify="right" if numeric else "left")
    for row in view.rows:
        # Names come from trainees and imported files: plain text, never markup.
        table.add_row(*("" if value is None else visible(str(value)) for value in row))
    console.print(table)
    if any(row[-1] for row in view.rows):
        console.print(LEGEND)
