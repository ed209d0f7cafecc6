"""Serving a team: N concurrent browser sessions on loopback (default 10), bounded in time.

Each session is the page's websocket read by a terminal emulator, as in tests/test_serve.py:
it waits for the first screen with the library, types a team, starts a scenario and sends one
reply. Reported: time to first screen, time to the scored reply, memory per app process (RSS
and PSS, which counts shared pages once), the server's own memory, and whether every app
process is gone once the tabs close. Exits 1 if a process is left or the bound is exceeded.

    python benchmarks/bench_serve.py [--sessions 10] [--bound 180]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the same driver as the serve tests

from serve_support import USER_HEADER, Served, WebTerminal, serving  # noqa: E402

REPLY = (
    "I'm so sorry we charged you twice after you cancelled; that's our mistake. "
    "I'm refunding the full amount to your card today."
)


def memory_kib(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in KiB, from /proc (Linux)."""
    rss = pss = 0
    with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
        for line in rollup:
            if line.startswith("Rss:"):
                rss = int(line.split()[1])
            elif line.startswith("Pss:"):
                pss = int(line.split()[1])
    return rss, pss


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().split()[2] != "Z"


async def one_session(url: Served, number: int, timings: dict[str, list[float]]) -> None:
    async with WebTerminal(url, user=f"Trainee {number:02d}") as terminal:
        await terminal.wait_for("Charged after cancelling", timeout=120)
        timings["first screen"].append(time.monotonic() - terminal.opened_at)
        await terminal.type(f"Team {number % 3}")
        await terminal.press("\r")
        await terminal.type("charged after")
        await terminal.press("\r")
        await terminal.wait_for("Give up", timeout=60)
        started = time.monotonic()
        await terminal.type(REPLY, pause=0.002)
        await terminal.press("\r")
        await terminal.wait_for("last reply's scores", timeout=120)
        timings["reply scored"].append(time.monotonic() - started)
        await ready.wait()  # every session open at once while memory is measured


async def run(url: Served, sessions: int) -> tuple[dict[str, list[float]], list[int]]:
    global ready
    ready = asyncio.Event()
    timings: dict[str, list[float]] = {"first screen": [], "reply scored": []}
    tasks = [asyncio.create_task(one_session(url, n, timings)) for n in range(sessions)]
    while len(timings["reply scored"]) < sessions:
        if any(t.done() and t.exception() for t in tasks):
            break
        await asyncio.sleep(0.2)
    pids = url.children()
    memory = [memory_kib(pid) for pid in pids]
    server = memory_kib(url.process.pid)
    ready.set()
    await asyncio.gather(*tasks)
    rss = [m[0] / 1024 for m in memory]
    pss = [m[1] / 1024 for m in memory]
    print(f"  app processes open: {len(pids)}")
    print(f"  memory per session: RSS median {statistics.median(rss):.0f} MiB "
          f"(max {max(rss):.0f}), PSS median {statistics.median(pss):.0f} MiB; "
          f"all {len(pids)}: RSS {sum(rss):.0f} MiB, PSS {sum(pss):.0f} MiB")  # fmt: skip
    print(f"  server: RSS {server[0] / 1024:.0f} MiB")
    return timings, pids


ready: asyncio.Event


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--bound", type=float, default=180.0, help="seconds for the whole run")
    args = parser.parse_args()
    began = time.monotonic()
    with tempfile.TemporaryDirectory() as folder, serving(
        Path(folder),
        "--max-sessions", str(args.sessions), "--trust-user-header", USER_HEADER,
    ) as url:  # fmt: skip
        print(f"{args.sessions} concurrent sessions on {url} ({os.cpu_count()} CPUs)")
        timings, pids = asyncio.run(asyncio.wait_for(run(url, args.sessions), args.bound))
        for what, values in timings.items():
            print(f"  {what}: median {statistics.median(values):.2f} s, "
                  f"max {max(values):.2f} s over {len(values)} sessions")  # fmt: skip
        closed = time.monotonic()
        while any(alive(pid) for pid in pids) and time.monotonic() - closed < 30:
            time.sleep(0.1)
        left = [pid for pid in pids if alive(pid)] + url.children()
        print(f"  after the tabs closed: {len(left)} app processes left "
              f"({time.monotonic() - closed:.1f} s to exit)")  # fmt: skip
    total = time.monotonic() - began
    print(f"  whole run: {total:.1f} s (bound {args.bound:.0f} s)")
    return 1 if left or total > args.bound else 0


if __name__ == "__main__":
    sys.exit(main())
