"""Generate scenario files and time `validate`, `play ID` and the app's library load over them.

Run: python benchmarks/bench_validate.py [--files N] [--checkout DIR]
Reports, best of three runs each (`--runs 1` for 10,000 files, which take minutes):
- the wall time of `python run.py validate DIR` (start-up included; target for 1,000 files:
  under 2 s) and of the in-process validation alone;
- `play --scenario ID` of one scenario in that library (a file named after its id, and one whose
  file name is not its id), which must not parse the files it does not need;
- the app's library load (`load_library_cached`): first start (every file parsed, the cache
  written) and a later start (files unchanged: the cache is used);
- `validate` of a folder holding a 1 GiB (sparse) .yaml: refused by size, never read whole.
`--checkout DIR` times the commands of another checkout (e.g. main, for a before/after).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from simulator.scenario.cache import load_library_cached  # noqa: E402
from simulator.scenario.library import load_files, scenario_files  # noqa: E402
from simulator.scenario.starter import starter_text  # noqa: E402

TARGET_SECONDS = 2.0
RUNS = 3


def generate(folder: Path, count: int) -> None:
    for i in range(count):
        scenario_id = f"generated-{i:04d}"
        text = starter_text(scenario_id, f"{scenario_id}.yaml", "scenario.schema.json")
        text = text.replace("Sam Okafor", f"Customer {i}").replace("anger: 70", f"anger: {i % 101}")
        # The last file's name is not its id, as a trainer may name files (the slower lookup).
        name = f"renamed-{i}" if i == count - 1 else scenario_id
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")


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
    parser.add_argument("--checkout", type=Path, default=ROOT, help="whose run.py to time")
    parser.add_argument("--runs", type=int, default=RUNS, help="best of this many runs")
    args = parser.parse_args()
    run_py = str(args.checkout / "run.py")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "library"
        folder.mkdir()
        generate(folder, args.files)
        replies = Path(tmp) / "replies.txt"
        replies.write_text("I'm so sorry, I'll send a replacement today.\n", encoding="utf-8")

        def cli() -> None:
            command = [sys.executable, run_py, "validate", str(folder)]
            result = subprocess.run(command, capture_output=True, text=True, check=False)
            assert result.returncode == 0, result.stdout + result.stderr
            assert result.stdout.strip() == f"{args.files} scenarios OK"

        def play(scenario_id: str) -> Callable[[], None]:
            def run() -> None:
                command = [sys.executable, run_py, "play", "--scenarios", str(folder)]
                command += ["--scenario", scenario_id, "--replies", str(replies)]
                result = subprocess.run(command, capture_output=True, text=True, check=False)
                assert result.returncode == 0, result.stdout + result.stderr

            return run

        def in_process() -> None:
            library = load_files(scenario_files(folder))
            assert len(library.scenarios) == args.files

        cache = Path(tmp) / "cache"

        def app_first() -> None:
            shutil.rmtree(cache, ignore_errors=True)
            library = load_library_cached([folder], bundled=False, cache_dir=cache)
            assert len(library.scenarios) == args.files

        def app_later() -> None:
            library = load_library_cached([folder], bundled=False, cache_dir=cache)
            assert len(library.scenarios) == args.files

        huge = Path(tmp) / "huge"
        huge.mkdir()
        with (huge / "huge.yaml").open("wb") as handle:
            handle.truncate(1 << 30)  # sparse: no disk used, but 1 GiB to anything reading it

        def huge_file() -> None:
            command = [sys.executable, run_py, "validate", str(huge)]
            result = subprocess.run(command, capture_output=True, text=True, check=False)
            assert result.returncode == 1 and "KiB" in result.stdout + result.stderr, result

        cli_time = best_of(args.runs, cli)
        core_time = best_of(args.runs, in_process)
        play_named = best_of(args.runs, play(f"generated-{args.files // 2:04d}"))
        play_renamed = best_of(args.runs, play(f"generated-{args.files - 1:04d}"))
        first = best_of(args.runs, app_first)
        later = best_of(args.runs, app_later)
        huge_time = best_of(args.runs, huge_file)
    verdict = "PASS" if cli_time < TARGET_SECONDS * args.files / 1000 else "FAIL"
    print(f"files:                      {args.files}   (timing {args.checkout})")
    target = f"target < {TARGET_SECONDS} s per 1,000: {verdict}"
    print(f"validate command (wall):    {cli_time:.3f} s   {target}")
    print(f"validation alone:           {core_time:.3f} s   ({args.files / core_time:.0f} files/s)")
    print(f"play ID, file named ID:     {play_named:.3f} s")
    print(f"play ID, file named other:  {play_renamed:.3f} s")
    print(f"app library, first start:   {first:.3f} s")
    print(f"app library, later start:   {later:.3f} s")
    print(f"validate a 1 GiB .yaml:     {huge_time:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
