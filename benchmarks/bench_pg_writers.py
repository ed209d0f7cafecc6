"""Many writers on one PostgreSQL scoreboard, and the server killed under them.

Run: python benchmarks/bench_pg_writers.py [--writers 16] [--seconds 60] [--kill-after S]
     [--down S]
Starts a throwaway, durable PostgreSQL cluster (benchmarks/pg_cluster.py), then `--writers`
processes that each record attempts for `--seconds` through the public `Store` API: start, three
turns, finish, each its own committed transaction, as the app does. A writer counts an attempt
acknowledged when `finish_attempt` has returned, and appends its id to a file at once. With
`--kill-after S` the server is killed S seconds in with `pg_ctl stop -m immediate` (a crash: no
checkpoint) and started again `--down` seconds later; writers report the outage as the store
words it and carry on, trying the same call again (writes are idempotent on the attempt's uuid).
At the end it checks: every acknowledged attempt is stored and finished, nothing unacknowledged
is finished, and the summary totals (team totals, version totals, best rows) agree with the
attempts.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

OUTCOMES = ("resolved", "resolved", "walked_out", "unresolved", "abandoned")
TURNS_PER_ATTEMPT = 3


def writer(number: int, url: str, deadline: float, ack_path: str, outages: object) -> None:
    from pg_cluster import Cluster  # noqa: F401 - same sys.path as the parent

    from scoring.model import DIMENSIONS, ReplyScore
    from simulator.engine.model import Turn
    from simulator.store import open_store
    from simulator.store.errors import ScoreboardError, ServerUnavailableError

    def again(call, *args):  # type: ignore[no-untyped-def]
        """The call until it succeeds, saying each time the server is not answering."""
        while True:
            try:
                return call(*args)
            except ServerUnavailableError as error:
                print(f"writer {number:2d}: {error} Trying again.", flush=True)
                with outages.get_lock():  # type: ignore[attr-defined]
                    outages.value += 1  # type: ignore[attr-defined]
                time.sleep(0.5)

    board = again(lambda: open_store(url, outage_seconds=2.0))
    count = 0
    with open(ack_path, "a", encoding="utf-8") as acked:
        while time.time() < deadline:
            overall = (number * 7 + count * 13) % 101
            scores = dict.fromkeys(DIMENSIONS, overall)
            attempt_id = again(
                board.start_attempt,
                f"Trainee {number:02d}-{count % 5}",
                f"Team {number % 4}",
                f"scenario-{count % 10:02d}",
                "hash-a",
                "1.0",
                "assessment" if count % 3 == 0 else "practice",
            )
            for index in range(TURNS_PER_ATTEMPT):
                turn = Turn(
                    index=index,
                    reply=f"reply {index}: I'm sorry, that was our mistake; I'll fix it now",
                    score=ReplyScore(overall=overall, dimensions=scores, events=("apology",)),
                    customer="Fine.",
                    anger_before=80,
                    anger_after=60,
                    changes=(),
                )
                again(board.record_turn, attempt_id, turn)
            outcome = OUTCOMES[count % len(OUTCOMES)]
            try:
                again(board.finish_attempt, attempt_id, outcome, overall, scores)
            except ScoreboardError as error:
                print(f"writer {number:2d}: {error}", flush=True)
                raise
            acked.write(attempt_id + "\n")
            acked.flush()
            count += 1
    board.close()


def check(url: str, ack_files: list[Path]) -> tuple[int, bool]:
    import psycopg

    acknowledged: set[str] = set()
    for path in ack_files:
        acknowledged.update(line.strip() for line in path.read_text().splitlines() if line)
    with psycopg.connect(url) as conn:
        conn.execute("SET search_path TO recovery_sim")
        finished = {
            str(row[0])
            for row in conn.execute("SELECT uuid FROM attempts WHERE ended_at IS NOT NULL")
        }
        (stored_turns,) = conn.execute(
            "SELECT coalesce(sum(jsonb_array_length(l.list)), 0) FROM turns l"
            " JOIN attempts a ON a.id = l.attempt_id WHERE a.ended_at IS NOT NULL"
        ).fetchone()
        (team_total,) = conn.execute(
            "SELECT coalesce(sum(attempts), 0) FROM team_totals"
        ).fetchone()
        (version_total,) = conn.execute(
            "SELECT coalesce(sum(attempts), 0) FROM version_totals"
        ).fetchone()
        (best_total,) = conn.execute(
            "SELECT coalesce(sum(attempts), 0) FROM trainee_best"
            " WHERE scenario_id = '' AND mode = ''"
        ).fetchone()
        (not_given_up,) = conn.execute(
            "SELECT count(*) FROM attempts WHERE ended_at IS NOT NULL AND outcome <> 'abandoned'"
        ).fetchone()
        (unfinished,) = conn.execute(
            "SELECT count(*) FROM attempts WHERE ended_at IS NULL"
        ).fetchone()
    lost = acknowledged - finished
    extra = finished - acknowledged
    print(f"acknowledged attempts:          {len(acknowledged):,}")
    print(f"stored, finished:               {len(finished):,}  (unfinished rows: {unfinished})")
    print(f"acknowledged but not stored:    {len(lost)}")
    print(f"stored but never acknowledged:  {len(extra)}")
    expected_turns = len(finished) * TURNS_PER_ATTEMPT
    print(f"turns of finished attempts:     {stored_turns:,} (expected {expected_turns:,})")
    print(f"team totals / version totals:   {team_total:,} / {version_total:,}")
    print(f"best rows count (not given up): {best_total:,} (expected {not_given_up:,})")
    ok = (
        not lost
        and not extra
        and stored_turns == len(finished) * TURNS_PER_ATTEMPT
        and team_total == version_total == len(finished)
        and best_total == not_given_up
    )
    return len(acknowledged), ok


def main() -> int:
    from pg_cluster import Cluster

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--kill-after", type=float, default=None, metavar="S")
    parser.add_argument("--down", type=float, default=5.0, metavar="S")
    args = parser.parse_args()
    cluster = Cluster()
    try:
        from simulator.store import open_store

        open_store(cluster.url).close()  # set the scoreboard up before the writers start
        folder = cluster.folder
        ack_files = [folder / f"acked-{n}.txt" for n in range(args.writers)]
        context = multiprocessing.get_context("spawn")
        outages = context.Value("i", 0)
        deadline = time.time() + args.seconds
        workers = [
            context.Process(
                target=writer, args=(n, cluster.url, deadline, str(ack_files[n]), outages)
            )
            for n in range(args.writers)
        ]
        began = time.perf_counter()
        for worker in workers:
            worker.start()
        if args.kill_after is not None:
            time.sleep(max(0.0, args.kill_after))
            print(f"--- {time.perf_counter() - began:.1f} s: pg_ctl stop -m immediate", flush=True)
            cluster.kill()
            time.sleep(args.down)
            cluster.start()
            print(f"--- {time.perf_counter() - began:.1f} s: server started again", flush=True)
        for worker in workers:
            worker.join()
        seconds = time.perf_counter() - began
        failed = [worker.exitcode for worker in workers if worker.exitcode != 0]
        print(
            f"\n{args.writers} writers for {seconds:.1f} s; writers that failed: {len(failed)};"
            f" outage reports: {outages.value}"
        )
        acknowledged, ok = check(cluster.url, ack_files)
        print(
            f"throughput: {acknowledged / seconds:,.0f} attempts/s,"
            f" {acknowledged * (TURNS_PER_ATTEMPT + 2) / seconds:,.0f} transactions/s"
        )
        print("all checks passed" if ok and not failed else "CHECKS FAILED")
        return 0 if ok and not failed else 1
    finally:
        cluster.remove()


if __name__ == "__main__":
    sys.exit(main())
