"""Generate 1,000 scenario files and time `validate` over them (target: under 2 s).

Run: python benchmarks/bench_validate.py [--files N]
Reports the wall time of the whole `python run.py validate DIR` command (start-up included) and
of the in-process validation alone, best of three runs each.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from simulator.scenario.library import load_files, scenario_files  # noqa: E402
from simulator.scenario.starter import starter_text  # noqa: E402

TARGET_SECONDS = 2.0
RUNS = 3


def generate(folder: Path, count: int) -> None:
    for i in range(count):
        scenario_id = f"generated-{i:04d}"
        text = starter_text(scenario_id, f"{scenario_id}.yaml", "scenario.schema.json")
        text = text.replace("Sam Okafor", f"Customer {i}").replace("anger: 70", f"anger: {i % 101}")
        (folder / f"{scenario_id}.yaml").write_text(text, encoding="utf-8")


def best_of(runs: int, action: Callable[[], None]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        generate(folder, args.files)
        command = [sys.executable, str(ROOT / "run.py"), "validate", str(folder)]

        def cli() -> None:
            result = subprocess.run(command, capture_output=True, text=True, check=False)
            assert result.returncode == 0, result.stdout + result.stderr
            assert result.stdout.strip() == f"{args.files} scenarios OK"

        def in_process() -> None:
            library = load_files(scenario_files(folder))
            assert len(library.scenarios) == args.files

        cli_time = best_of(RUNS, cli)
        core_time = best_of(RUNS, in_process)
    verdict = "PASS" if cli_time < TARGET_SECONDS else "FAIL"
    print(f"files:                      {args.files}")
    print(f"validate command (wall):    {cli_time:.3f} s   target < {TARGET_SECONDS} s: {verdict}")
    print(f"validation alone:           {core_time:.3f} s   ({args.files / core_time:.0f} files/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
