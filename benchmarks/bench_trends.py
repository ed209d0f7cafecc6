"""Time the scoreboard's trend views and the app's refresh read on a generated scoreboard.

    python benchmarks/bench_trends.py [--attempts 1000000] [--postgres URL]

The scoreboard is filled as `bench_scoreboard.py` fills it (100 teams, 5,000 trainees, 50
scenarios, six turns each, over two years): a team holds about 1% of the attempts. Timed, the
median and worst of RUNS calls each: one trainee's trend and one team's trend (the attempts read
with `Store.attempts` and folded by `simulator.store.trends.trend`, as the app's trend screen and
`scoreboard --trend` do), and what the app's scoreboard reads every REFRESH_SECONDS (the
leaderboard, the team comparison, the teams and the scenarios). Target: each under 100 ms.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_scoreboard import QUERY_TARGET_MS, RUNS, fill, fill_postgres, timed  # noqa: E402

from simulator.store import Filters, Store, open_store, redact_url  # noqa: E402
from simulator.store.trends import trend  # noqa: E402


def views(board: Store) -> list[tuple[str, float, float]]:
    trainee, team = board.trainees()[42]
    own = Filters(team=team, without_abandoned=True)

    def refresh() -> object:
        return (board.leaderboard(), board.team_comparison(), board.teams(), board.scenarios())

    cases = [
        ("trend, one trainee", lambda: trend(board.attempts(own), team, trainee)),
        ("trend, one team", lambda: trend(board.attempts(own), team)),
        ("scoreboard refresh read", refresh),
    ]
    return [(name, *timed(action)) for name, action in cases]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=1_000_000)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument("--postgres", metavar="URL", help="also a PostgreSQL database (emptied)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-trends-", dir=args.dir))
    misses = 0
    if hasattr(os, "getloadavg"):  # other work on the machine skews every figure below
        print("load average at start: " + " ".join(f"{n:.2f}" for n in os.getloadavg()))
    try:
        big = folder / "big.sqlite3"
        print(f"filling {args.attempts:,} attempts...")
        print(f"  fill: {fill(big, args.attempts, seed=1):.1f} s")
        stores = [("SQLite", str(big))]
        if args.postgres:
            print(f"copying them into PostgreSQL ({redact_url(args.postgres)})...")
            print(f"  fill: {fill_postgres(args.postgres, big):.1f} s")
            stores.append(("PostgreSQL", args.postgres))
        print(f"\nmedian / worst of {RUNS}, target < {QUERY_TARGET_MS:.0f} ms:")
        for label, target in stores:
            with open_store(target) as board:
                for name, median, worst in views(board):
                    verdict = "ok" if worst < QUERY_TARGET_MS else "MISS"
                    misses += verdict == "MISS"
                    print(f"  {label:<11} {name:<26} {median:7.1f} / {worst:7.1f} ms {verdict}")
        if hasattr(os, "getloadavg"):
            print("load average at end: " + " ".join(f"{n:.2f}" for n in os.getloadavg()))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print("\nall targets met" if not misses else f"\n{misses} target(s) missed")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
