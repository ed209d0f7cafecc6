"""Startup time: launching `python run.py` until its first screen is ready, against a minimal
Textual app started the same way on the same machine.

Both run in a pseudo-terminal and exit as soon as their first screen is painted: the app with
`--exit-after-ready` (after the library has loaded into the table), the baseline from a tiny
script with one Static. Targets (issue 5): under 1 s with the bundled library, and no more than
1.5x the minimal app. The app keeps a parsed copy of the library (`simulator.scenario.cache`);
the targets are for the usual launch, with that copy in place (the warm-up run writes it). A
first launch, without the copy, is timed too and reported for information.

    python benchmarks/bench_startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 1.0
TARGET_RATIO = 1.5

MINIMAL_APP = """
from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class Minimal(App):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("ready")
        yield Footer()

    def on_mount(self) -> None:
        self.call_after_refresh(self.exit, 0)


if __name__ == "__main__":
    Minimal().run()
"""


def timed_run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds from launch to exit, with a pty as the terminal (80x24).

    CPU time (user + system of the child) is reported too because on a shared machine the
    wall-clock figure moves with everyone else's load; CPU time mostly does not.
    """
    master, slave = os.openpty()
    os.set_blocking(master, True)
    drained = threading.Thread(target=_drain, args=(master,), daemon=True)
    drained.start()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.run(
        argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT, timeout=60
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    os.close(slave)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited with {process.returncode}")
    return elapsed, cpu


def _drain(fd: int) -> None:
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        minimal = Path(tmp) / "minimal_app.py"
        minimal.write_text(MINIMAL_APP, encoding="utf-8")
        env = {
            **os.environ,
            "TERM": "xterm-256color",
            "COLUMNS": "80",
            "LINES": "24",
            "RECOVERY_SIM_DB": str(Path(tmp) / "bench.db"),
            "RECOVERY_SIM_CONFIG_DIR": str(Path(tmp) / "config"),
            "RECOVERY_SIM_CACHE_DIR": str(Path(tmp) / "cache"),
        }
        app_cmd = [sys.executable, "run.py", "--exit-after-ready"]
        base_cmd = [sys.executable, str(minimal)]
        timed_run(app_cmd, env)  # warm the OS file cache and __pycache__ for both
        timed_run(base_cmd, env)
        app_runs, base_runs, first_runs = [], [], []
        for run in range(args.runs):
            app_runs.append(timed_run(app_cmd, env))
            base_runs.append(timed_run(base_cmd, env))
            no_copy = {**env, "RECOVERY_SIM_CACHE_DIR": str(Path(tmp) / f"fresh-cache-{run}")}
            first_runs.append(timed_run(app_cmd, no_copy))
    print(f"runs: {args.runs} each, alternating; seconds as median / min / max")
    ok = True
    for label, index in (("wall-clock", 0), ("CPU (user+sys)", 1)):
        app_times = [run[index] for run in app_runs]
        base_times = [run[index] for run in base_runs]
        ratio = statistics.median(app_times) / statistics.median(base_times)
        print(f"{label}:")
        print(f"  app (python run.py):  {_summary(app_times)}")
        print(f"  minimal Textual app:  {_summary(base_times)}")
        print(f"  ratio of medians:     {ratio:.2f}x (target <= {TARGET_RATIO}x)")
        if index == 0:
            ok = statistics.median(app_times) < TARGET_SECONDS and ratio <= TARGET_RATIO
    first = [run[0] for run in first_runs]
    print("first launch, no saved copy of the library (information):")
    print(f"  app (python run.py):  {_summary(first)} wall-clock")
    first_ratio = statistics.median(first) / statistics.median([run[0] for run in base_runs])
    print(f"  ratio of medians:     {first_ratio:.2f}x")
    verdict = "met" if ok else "NOT met"
    print(f"wall-clock target < {TARGET_SECONDS:.1f} s and <= {TARGET_RATIO}x: {verdict}")
    return 0 if ok else 1


def _summary(times: list[float]) -> str:
    return f"{statistics.median(times):.3f} / {min(times):.3f} / {max(times):.3f}"


if __name__ == "__main__":
    sys.exit(main())
