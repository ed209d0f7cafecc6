"""Fill a scoreboard with generated attempts and time the views, exports and imports.

Run: python benchmarks/bench_scoreboard.py [--attempts N] [--import-attempts M] [--dir DIR]
     [--postgres URL]
Defaults: 1,000,000 attempts (100 teams, 5,000 trainees, 50 scenarios, six turns each, over two
years), then two exports of 100,000 attempts imported into it: one spread over the same two years
(every index touched all over: the worst case) and one from the following month (the usual case:
another site's recent work). Targets: each view under 100 ms, an import under 10 s. The
databases live in a temporary folder (under /tmp) and are deleted afterwards. Figures depend on
the machine's load, so the load average is printed first and imports report CPU time too.

Generated values have the sizes real ones have (64-digit scenario hashes, replies of about 90
characters), since the time of an import follows the bytes it writes.

The fill writes rows directly with executemany in big transactions and no journal, which only a
benchmark may do; the summaries are then rebuilt by the same code the v2 migration runs. The
filled file is then flushed to disk, as a real scoreboard's pages already are: otherwise the
first timed import would wait for gigabytes of the fill's writes at its commit. The views,
exports and imports are timed through the public `Store` API. Each import is timed
IMPORT_RUNS times, each into its own fresh copy of the big scoreboard (the last into the big
one itself), and the median and range are reported: on a shared machine one run can be 30% off.

With `--postgres URL` (a database the benchmark may empty: its `recovery_sim` schema is dropped)
the same generated attempts are copied into PostgreSQL with COPY, its summaries rebuilt by the
backend's own SQL, and the same views are timed there, side by side with SQLite's; each import
is then also timed into the PostgreSQL scoreboard, IMPORT_RUNS times as well (the first runs
into copies of its database made with CREATE DATABASE ... TEMPLATE, so the role needs CREATEDB),
then again with nothing to add.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from simulator.store import Filters, Store, open_store, redact_url  # noqa: E402
from simulator.store.assignments import team_progress  # noqa: E402
from simulator.store.names import name_key  # noqa: E402
from simulator.store.records import new_attempt_id  # noqa: E402
from simulator.store.skills import trainee_skills  # noqa: E402
from simulator.store.sqlite.summaries import rebuild_summaries  # noqa: E402
from simulator.store.timestamps import to_db  # noqa: E402

TEAMS, TRAINEES, SCENARIOS, TURNS = 100, 5_000, 50, 6
ATTEMPT_COLUMNS = (
    "id", "uuid", "trainee_id", "scenario_id", "scenario_hash", "scorer_version", "mode",
    "started_at", "ended_at", "outcome", "overall", "listening", "empathy", "apology",
    "ownership", "no_excuses", "resolution",
)  # fmt: skip
QUERY_TARGET_MS = 100.0
IMPORT_TARGET_S = 10.0
RUNS = 5  # each view is timed this many times; the median and the worst are reported
IMPORT_RUNS = 3  # each import is timed this many times, on fresh copies; median and range
CHUNK = 20_000  # attempts generated and inserted per executemany batch
HISTORY = timedelta(days=730)  # generated attempts spread over two years
MONTH = timedelta(days=30)
START = datetime(2024, 1, 1, tzinfo=UTC)
# `--difficulty` narrows to the library's scenarios of one difficulty: a third of them here.
ONE_DIFFICULTY = frozenset(f"scenario-{n:02d}" for n in range(0, SCENARIOS, 3))
OUTCOMES = ("resolved", "resolved", "walked_out", "abandoned")
# Scenario file hashes as the app stores them (sha256, 64 hex digits); 3% from an older file.
HASHES = [hashlib.sha256(f"scenario {n}".encode()).hexdigest() for n in range(SCENARIOS)]
OLD_HASHES = [
    hashlib.sha256(f"scenario {n}, edited".encode()).hexdigest() for n in range(SCENARIOS)
]
REPLIES = (
    "I'm so sorry you were charged in April and May after cancelling. I'll refund both today.",
    "Unfortunately that's our policy, there's nothing I can do about the billing system.",
    "I understand how frustrating this is. Let me look into what happened with your account.",
    "You were charged twice and that's on us. I've started the refund; it lands in 3 days.",
)
CUSTOMER = (
    "I cancelled in person in March and you still took my money. Twice.",
    "That's what the last person said. I want it fixed, not explained.",
    "Fine. If the refund actually shows up this time, we're done.",
)
EVENTS = (["specific_apology", "commitment"], ["excuse", "policy"], ["empathy_statement"], [])


def timed_import(
    target: object, export: Path, written: int, again: bool
) -> tuple[tuple[float, float], float]:
    """One import of `export` into `target` (wall and CPU seconds), checked to add `written`;
    with `again`, the same import once more, which must add nothing (its wall seconds)."""
    with open_store(target) as board:  # type: ignore[arg-type]
        began, cpu = time.perf_counter(), time.process_time()
        result = board.import_files([export])
        run = (time.perf_counter() - began, time.process_time() - cpu)
        assert result.added == written, result
        if not again:
            return run, 0.0
        began = time.perf_counter()
        repeat = board.import_files([export])
        assert repeat.added == 0 and repeat.already_present == written, repeat
        return run, time.perf_counter() - began


def attempt_rows(
    rng: random.Random, first_id: int, count: int, start: datetime, span: timedelta
) -> Iterator[tuple[object, ...]]:
    for row_id in range(first_id, first_id + count):
        trainee = rng.randrange(TRAINEES)
        scenario = rng.randrange(SCENARIOS)
        started = start + timedelta(seconds=rng.randrange(int(span.total_seconds())))
        overall = rng.randrange(101)
        dims = [min(100, max(0, overall + rng.randrange(-20, 21))) for _ in range(6)]
        yield (
            row_id,
            new_attempt_id(started, rng.getrandbits(74)),
            trainee + 1,
            f"scenario-{scenario:02d}",
            OLD_HASHES[scenario] if rng.random() < 0.03 else HASHES[scenario],
            "0.9" if rng.random() < 0.05 else "1.0",
            "assessment" if rng.random() < 0.3 else "practice",
            to_db(started),
            to_db(started + timedelta(minutes=rng.randrange(2, 20))),
            rng.choice(OUTCOMES),
            overall,
            *dims,
        )


def turn_list(rng: random.Random) -> str:
    """One attempt's turns, as the turns table stores them (JSON, TURN_FIELDS order)."""
    turns: list[list[object]] = []
    anger = 85
    for index in range(TURNS):
        after = max(0, min(100, anger + rng.randrange(-25, 11)))
        score = rng.randrange(101)
        reply, customer, events = rng.choice(REPLIES), rng.choice(CUSTOMER), rng.choice(EVENTS)
        turns.append([index, reply, customer, anger, after, score, *([score] * 6), events])
        anger = after
    return json.dumps(turns, ensure_ascii=False, separators=(",", ":"))


def fill(
    path: Path, attempts: int, seed: int, start: datetime = START, span: timedelta = HISTORY
) -> float:
    """Write `attempts` generated attempts, played between `start` and `start + span`, with
    their turns; returns the seconds taken."""
    open_store(path).close()  # a real, current-schema scoreboard to start from
    started = time.perf_counter()
    rng = random.Random(seed)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = OFF")  # benchmark fill only: no crash safety needed
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("BEGIN")
    names = [(f"Trainee {n:04d}", f"Team {n % TEAMS:02d}") for n in range(TRAINEES)]
    conn.executemany(  # with the keys names are matched by (file schema 7)
        "INSERT INTO trainees (id, name, team, name_key, team_key) VALUES (?, ?, ?, ?, ?)",
        (
            (n + 1, name, team, name_key(name), name_key(team))
            for n, (name, team) in enumerate(names)
        ),
    )
    for first in range(1, attempts + 1, CHUNK):
        rows = list(attempt_rows(rng, first, min(CHUNK, attempts + 1 - first), start, span))
        conn.executemany(  # the verdict columns (schema 8) stay empty: not judged
            f"INSERT INTO attempts ({', '.join(ATTEMPT_COLUMNS)})"
            f" VALUES ({', '.join('?' * len(ATTEMPT_COLUMNS))})",
            rows,
        )
        conn.executemany(
            "INSERT INTO turns (attempt_id, list) VALUES (?, ?)",
            ((row[0], turn_list(rng)) for row in rows),
        )
    rebuild_summaries(conn)
    conn.execute("COMMIT")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("ANALYZE")
    conn.close()
    seconds = time.perf_counter() - started
    flush_to_disk(path)
    return seconds


def flush_to_disk(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def fill_postgres(url: str, source: Path) -> float:
    """Copy the filled SQLite scoreboard's rows into a fresh PostgreSQL scoreboard at `url`."""
    import psycopg

    from simulator.store.postgres import summaries as pg_summaries

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA IF EXISTS recovery_sim CASCADE")
    open_store(url).close()  # a real, current-schema scoreboard to start from
    started = time.perf_counter()
    lite = sqlite3.connect(source)
    with psycopg.connect(url) as conn:
        conn.execute("SET search_path TO recovery_sim")
        with conn.cursor() as cursor:
            for table, columns, sql in (
                (  # with the keys names are matched by (server schema 2)
                    "trainees",
                    "id, name, team, name_key, team_key",
                    "SELECT id, name, team, name_key, team_key FROM trainees",
                ),
                (  # named: SELECT * would bring the verdict columns (server schema 3) unasked
                    "attempts",
                    ", ".join(ATTEMPT_COLUMNS),
                    f"SELECT {', '.join(ATTEMPT_COLUMNS)} FROM attempts ORDER BY id",
                ),
                ("turns", "attempt_id, list", "SELECT attempt_id, list FROM turns"),
            ):
                with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in lite.execute(sql):
                        copy.write_row(row)
        for table in ("trainees", "attempts"):
            conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                f" (SELECT max(id) FROM {table}))"
            )
        pg_summaries.rebuild(conn)
    lite.close()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    return time.perf_counter() - started


def report_postgres_import(url: str, export: Path, written: int) -> int:
    """Time importing `export` into the PostgreSQL scoreboard IMPORT_RUNS times, the first
    runs into fresh copies of its database (CREATE DATABASE ... TEMPLATE), the last into it,
    then again (all present); 1 if the median missed."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    parts = urlsplit(url)
    database = parts.path.lstrip("/") or "postgres"
    admin = urlunsplit(parts._replace(path="/template1"))
    runs: list[tuple[float, float]] = []
    for run in range(IMPORT_RUNS):
        last = run == IMPORT_RUNS - 1
        target = url
        if not last:
            target = urlunsplit(parts._replace(path=f"/{database}_import_copy"))
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{database}_import_copy"')
                conn.execute(
                    f'CREATE DATABASE "{database}_import_copy" TEMPLATE "{database}"'
                    " STRATEGY = FILE_COPY"  # a checkpoint and a file copy, as SQLite's copy
                )
        timing, again_seconds = timed_import(target, export, written, again=last)  # the last counts
        runs.append(timing)
        if not last:
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE "{database}_import_copy"')
    seconds = statistics.median(wall for wall, _ in runs)
    cpu = statistics.median(cpu for _, cpu in runs)
    each = ", ".join(f"{wall:.1f}" for wall, _ in runs)
    verdict = "ok" if seconds < IMPORT_TARGET_S else "MISS"
    print(
        f"  PostgreSQL import: median {seconds:.1f} s ({cpu:.1f} s CPU) of {IMPORT_RUNS} runs"
        f" ({each} s), target < {IMPORT_TARGET_S:.0f} s  {verdict};"
        f" again (all present): {again_seconds:.1f} s; load {_load()}"
    )
    return verdict == "MISS"


def _load() -> str:
    """The load average now (other work on the machine skews every figure)."""
    return " ".join(f"{n:.2f}" for n in os.getloadavg()) if hasattr(os, "getloadavg") else "?"


def timed(action: Callable[[], object]) -> tuple[float, float]:
    """Median and worst of RUNS calls, in milliseconds."""
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


ASSIGNED = START + HISTORY - 2 * MONTH  # when the benchmark's assignments were made
JUDGED_ON = (START + HISTORY - MONTH).date()  # the day progress is judged on


def add_assignments(target: str) -> None:
    """Two assignments for the team report_views looks at (one assessment with 3 attempts, one
    practice), made two months before the last attempts so a month's attempts count towards
    them. The store makes them now; their time is then set back in SQL (benchmark only)."""
    with open_store(target) as board:
        _, team = board.trainees()[42]
        made = [
            board.assign(team, "scenario-07", JUDGED_ON, attempts=3),
            board.assign(team, "scenario-21", JUDGED_ON + timedelta(days=14), mode="practice"),
        ]
    ids = [item.id for item in made]
    if target.startswith("postgresql"):
        import psycopg

        with psycopg.connect(target) as conn:
            conn.execute(
                "UPDATE recovery_sim.assignments SET created_at = %s WHERE uuid = ANY(%s)",
                (ASSIGNED, ids),
            )
    else:
        with sqlite3.connect(target) as conn:
            conn.executemany(
                "UPDATE assignments SET created_at = ? WHERE uuid = ?",
                [(to_db(ASSIGNED), ident) for ident in ids],
            )


def report_views(board: Store) -> list[tuple[str, float, float, bool]]:
    trainee, team = board.trainees()[42]
    recent = Filters(since=START + HISTORY - MONTH)
    assessment = Filters(mode="assessment")
    views: list[tuple[str, Callable[[], object], bool]] = [
        ("leaderboard, all scenarios", lambda: board.leaderboard(), True),
        (
            "leaderboard, one scenario",
            lambda: board.leaderboard(Filters(scenario="scenario-07")),
            True,
        ),
        ("leaderboard, one team", lambda: board.leaderboard(Filters(team=team)), True),
        ("leaderboard, assessment", lambda: board.leaderboard(Filters(mode="assessment")), True),
        ("team comparison", lambda: board.team_comparison(), True),
        (
            "team comparison, one scenario",
            lambda: board.team_comparison(Filters(scenario="scenario-07")),
            True,
        ),
        (
            "team comparison, practice",
            lambda: board.team_comparison(Filters(mode="practice")),
            True,
        ),
        (
            "leaderboard, one difficulty",
            lambda: board.leaderboard(Filters(scenarios=ONE_DIFFICULTY)),
            True,
        ),
        (
            "team comparison, one difficulty",
            lambda: board.team_comparison(Filters(scenarios=ONE_DIFFICULTY)),
            True,
        ),
        ("progress, one trainee", lambda: board.progress(trainee, team), True),
        ("assignment progress, one team (2)", lambda: team_progress(board, team, JUDGED_ON), True),
        (
            "skills, one team",
            lambda: trainee_skills(board, Filters(team=team, mode="assessment")),
            True,
        ),
        ("skills, every trainee", lambda: trainee_skills(board, assessment), True),
        # No target: the views compare assessment attempts unless asked (cmd_scoreboard).
        ("skills, every trainee, both modes", lambda: trainee_skills(board, Filters()), False),
        ("comparison by scenario", lambda: board.compare("scenario"), False),
        ("leaderboard, last 30 days (raw)", lambda: board.leaderboard(recent), False),
        ("team comparison, last 30 days (raw)", lambda: board.team_comparison(recent), False),
    ]
    results = []
    for name, action, targeted in views:
        median, worst = timed(action)
        results.append((name, median, worst, targeted))
    return results


def report_import(
    big: Path,
    folder: Path,
    attempts: int,
    seed: int,
    start: datetime,
    span: timedelta,
    label: str,
    postgres: str | None = None,
) -> int:
    """Export `attempts` generated attempts from a second scoreboard and time importing them
    into `big` (and importing them again); returns 1 if the import missed its target."""
    small = folder / f"other-{seed}.sqlite3"
    fill(small, attempts, seed=seed, start=start, span=span)
    export = folder / f"export-{seed}.json"
    with open_store(small) as board:
        began = time.perf_counter()
        written = board.export_to(export)
        export_seconds = time.perf_counter() - began
    flush_to_disk(export)
    print(f"\nimport of {written:,} attempts {label}:")
    print(f"  export: {export_seconds:.1f} s, {export.stat().st_size / 1e6:,.0f} MB")
    runs: list[tuple[float, float]] = []
    for run in range(IMPORT_RUNS):
        last = run == IMPORT_RUNS - 1
        target = big if last else folder / "copy.sqlite3"
        if not last:
            shutil.copyfile(big, target)
            flush_to_disk(target)
        timing, again_seconds = timed_import(target, export, written, again=last)  # the last counts
        runs.append(timing)
        if not last:
            target.unlink()
    small.unlink()
    export.unlink()
    seconds = statistics.median(wall for wall, _ in runs)
    cpu = statistics.median(cpu for _, cpu in runs)
    each = ", ".join(f"{wall:.1f}" for wall, _ in runs)
    verdict = "ok" if seconds < IMPORT_TARGET_S else "MISS"
    print(
        f"  import: median {seconds:.1f} s ({cpu:.1f} s CPU) of {IMPORT_RUNS} runs ({each} s),"
        f" target < {IMPORT_TARGET_S:.0f} s  {verdict}; load {_load()}"
    )
    print(f"  same import again (all already present): {again_seconds:.1f} s")
    missed = verdict == "MISS"
    if postgres:
        fill(small, attempts, seed=seed, start=start, span=span)  # the same attempts again
        with open_store(small) as board:
            board.export_to(export)
        missed |= bool(report_postgres_import(postgres, export, written))
        small.unlink()
        export.unlink()
    return missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=1_000_000)
    parser.add_argument("--import-attempts", type=int, default=100_000)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument("--postgres", metavar="URL", help="also a PostgreSQL database (emptied)")
    parser.add_argument(
        "--views-only", action="store_true", help="time the views only, no export or imports"
    )
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-scoreboard-", dir=args.dir))
    misses = 0
    if hasattr(os, "getloadavg"):  # other work on the machine skews every figure below
        print("load average at start: " + " ".join(f"{n:.2f}" for n in os.getloadavg()))
    try:
        big = folder / "big.sqlite3"
        print(f"filling {args.attempts:,} attempts ({args.attempts * TURNS:,} turns)...")
        fill_seconds = fill(big, args.attempts, seed=1)
        size_mb = big.stat().st_size / 1e6
        print(f"  fill: {fill_seconds:.1f} s, database size {size_mb:,.0f} MB")
        stores = [("SQLite", str(big))]
        if args.postgres:
            print(f"copying them into PostgreSQL ({redact_url(args.postgres)})...")
            print(f"  fill: {fill_postgres(args.postgres, big):.1f} s")
            stores.append(("PostgreSQL", args.postgres))
        print(f"\nviews (median / worst of {RUNS}, target < {QUERY_TARGET_MS:.0f} ms):")
        results = []
        for _, target in stores:
            add_assignments(target)
            with open_store(target) as board:
                results.append(report_views(board))
        print(f"  {'':<38}" + "".join(f"{label:>22}" for label, _ in stores))
        for rows in zip(*results, strict=True):
            name, targeted = rows[0][0], rows[0][3]
            line = f"  {name:<38}"
            for _, median, worst, _ in rows:
                verdict = ("ok" if worst < QUERY_TARGET_MS else "MISS") if targeted else "info"
                misses += verdict == "MISS"
                line += f" {median:6.1f} /{worst:6.1f} ms {verdict:<4}"
            print(line)

        if args.views_only:
            print("\nall view targets met" if not misses else f"\n{misses} target(s) missed")
            return 1 if misses else 0
        imports = (
            ("spread over the same two years (worst case)", START, HISTORY),
            ("all from the following month (another site's recent work)", START + HISTORY, MONTH),
        )
        for seed, (label, start, span) in enumerate(imports, start=2):
            misses += report_import(
                big, folder, args.import_attempts, seed, start, span, label, args.postgres
            )
        print(f"\ndatabase size after the imports: {big.stat().st_size / 1e6:,.0f} MB")
        with open_store(big) as board:
            median, _ = timed(lambda: board.leaderboard())
            team_median, _ = timed(lambda: board.team_comparison())
        total = args.attempts + 2 * args.import_attempts
        print(f"over {total:,} attempts: leaderboard {median:.1f} ms, teams {team_median:.1f} ms")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print("\nall targets met" if not misses else f"\n{misses} target(s) missed")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
