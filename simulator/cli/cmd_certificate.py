"""`certificate`: the printable page of a certificate a trainee earned by passing an
assignment; `verify` checks one against the scoreboard."""

from __future__ import annotations

import argparse
import html
from pathlib import Path

from simulator.cli.common import CliError, add_db_option
from simulator.cli.scoreboard_access import open_scoreboard
from simulator.store import Certificate, ScoreboardError
from simulator.text_safety import visible


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "certificate",
        help="write a trainee's certificate as a printable HTML page",
        description=(
            "Write the certificate with this id (or a unique prefix) as a printable HTML page: "
            "trainee, team, assignment, date, the scores that passed it, and the verification "
            "id that `verify` checks. Certificates are issued when a trainee passes every "
            "scenario of an assignment; with no --out, the certificate is described; with no "
            "id, every certificate (of --team) is listed, newest first."
        ),
        epilog=(
            "examples:\n  %(prog)s --team Harbour\n  %(prog)s 5f0c2a91 --out ann-certificate.html"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "certificate", metavar="ID", nargs="?", help="certificate id or a unique prefix"
    )
    parser.add_argument("--team", metavar="TEAM", help="with no ID: list this team's only")
    parser.add_argument("--out", metavar="FILE.html", help="where to write the page")
    add_db_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.certificate is None:
        if args.out is not None:
            raise CliError("--out needs the id of the certificate to write")
        with open_scoreboard(args, read_only=True) as board:
            issued = sorted(board.certificates(args.team), key=lambda c: c.issued_at, reverse=True)
        for item in issued:
            print(describe(item))
        if not issued:
            print(
                "No certificates"
                + (f" for {visible(args.team)}." if args.team else ".")
                + (" One is issued when a trainee passes every scenario of an assignment.")
            )
        return 0
    if args.team is not None:
        raise CliError("--team lists certificates: give it without an id")
    with open_scoreboard(args, read_only=True) as board:
        try:
            found = board.certificate(args.certificate)
        except ScoreboardError as error:
            raise CliError(str(error)) from None
    if args.out is None:
        print(describe(found))
        return 0
    target = Path(args.out)
    try:
        target.write_text(page(found), encoding="utf-8")
    except OSError as error:
        raise CliError(f"cannot write {target}: {error.strerror or error}") from None
    print(f"certificate {found.id} for {found.trainee} written to {target}")
    return 0


def describe(item: Certificate) -> str:
    scores = ", ".join(f"{s.scenario_id} {s.overall}" for s in item.scores)
    state = " (REVOKED)" if item.revoked_at is not None else ""
    return visible(
        f"certificate {item.id}{state}: {item.trainee} ({item.team}), {item.mode},"
        f" issued {item.issued_at.date().isoformat()}; passed {scores}"
    )


_STYLE = """
body { font-family: Georgia, serif; margin: 3em auto; max-width: 42em; color: #111; }
.frame { border: 6px double #333; padding: 2.5em; text-align: center; }
h1 { font-size: 2em; margin: 0 0 .4em; letter-spacing: .05em; }
.name { font-size: 1.8em; margin: .6em 0; }
table { margin: 1.5em auto; border-collapse: collapse; }
th, td { border: 1px solid #666; padding: .35em .9em; }
.id { font-family: monospace; font-size: .9em; margin-top: 2em; }
.revoked { color: #a00; font-weight: bold; font-size: 1.4em; }
@media print { body { margin: 0; } }
"""


def page(item: Certificate) -> str:
    """A standalone HTML page; every value from the scoreboard is escaped (names are data)."""

    def text(value: object) -> str:
        return html.escape(visible(str(value)), quote=True)

    rows = "\n".join(
        f"<tr><td>{text(s.scenario_id)}</td><td>{s.overall}/100</td>"
        f"<td>{'finished' if s.pass_mark is None else f'pass mark {s.pass_mark}'}</td>"
        f"<td>{text(s.attempt_id)}</td></tr>"
        for s in item.scores
    )
    revoked = (
        f'<p class="revoked">Revoked on {item.revoked_at.date().isoformat()}: not valid</p>'
        if item.revoked_at is not None
        else ""
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Certificate: {text(item.trainee)}</title>
<style>{_STYLE}</style>
</head>
<body>
<div class="frame">
<h1>Certificate of completion</h1>
<p>Customer-service recovery training ({text(item.mode)})</p>
{revoked}
<p>This certifies that</p>
<p class="name">{text(item.trainee)}</p>
<p>of team {text(item.team)} passed the assignment on {item.issued_at.date().isoformat()}.</p>
<table>
<tr><th>Scenario</th><th>Score</th><th>Passed against</th><th>Attempt</th></tr>
{rows}
</table>
<p>Assignment {text(item.assignment_id)}</p>
<p class="id">Verification id: {text(item.id)}<br>
Check it with: recovery-sim verify {text(item.id)}</p>
</div>
</body>
</html>
"""
