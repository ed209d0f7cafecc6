"""The worst single scorer call: hostile inputs, each timed cold (nothing cached for it).

Issue 18: every `score_reply` call stays under 50 ms whatever its inputs (1M characters of
customer context, many customer lines, a 20,000-character reply of one repeated word, ...).
Each case is built fresh per repetition (a nonce word keeps the reference cache from
answering), timed with perf_counter (wall) and thread_time (this thread's CPU), and the slowest
repetition is reported. Prints the load average, a table, the worst case and PASS/FAIL against
the target; always exits 0: it is a report.

    python benchmarks/bench_scorer_worst.py [--repeat N] [--only SUBSTRING]
"""

from __future__ import annotations

import argparse
import os
import random
import string
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from scoring import score_reply  # noqa: E402

TARGET_MS = 50.0
PROSE = (
    "I cancelled my membership in person back in March and you've STILL charged me $49.99 in "
    "April and May. When I called, someone told me to 'email someone'. Unbelievable. "
)
REPLY = (
    "I'm so sorry we charged you in April and May after you cancelled. I'll refund both "
    "$49.99 payments today and email you confirmation by 5pm. "
)

Case = tuple[str, object, object]  # reply, customer, scenario


def _words(rng: random.Random, count: int, lo: int = 3, hi: int = 10) -> list[str]:
    letters = string.ascii_lowercase
    return ["".join(rng.choices(letters, k=rng.randint(lo, hi))) for _ in range(count)]


def _fill(piece: str, size: int) -> str:
    return (piece * (size // len(piece) + 1))[:size]


def _bundled() -> object:
    from simulator.scenario.loader import load_scenario

    return load_scenario(REPO_ROOT / "scenarios" / "gym-billing-after-cancel.yaml")


def cases(rng: random.Random, nonce: str) -> dict[str, Callable[[], Case]]:
    """Name -> a builder of (reply, customer, scenario); built outside the timed call."""
    scenario = _bundled()
    return {
        "1M chars of customer prose": lambda: (REPLY, _fill(PROSE, 1_000_000) + nonce, None),
        "1M chars, one customer word": lambda: (REPLY, _fill("refund ", 1_000_000) + nonce, None),
        "1M chars of random customer words": lambda: (
            REPLY,
            " ".join(_words(rng, 150_000)) + nonce,
            None,
        ),
        "100,000 customer lines": lambda: (REPLY, [PROSE] * 100_000 + [nonce], None),
        "1M one-letter customer lines": lambda: (REPLY, ["a"] * 1_000_000 + [nonce], None),
        "20,000-char reply of one word": lambda: (_fill("sorry ", 20_000), PROSE + nonce, None),
        "20,000-char reply, no spaces": lambda: ("a" * 20_000, PROSE + nonce, None),
        "20,000-char reply of prose": lambda: (_fill(REPLY, 20_000), PROSE + nonce, None),
        "20,000-char reply of punctuation": lambda: (
            _fill(".,;:!? -", 20_000),
            PROSE + nonce,
            None,
        ),
        "20,000-char reply of random words": lambda: (
            " ".join(_words(rng, 3_000))[:20_000],
            PROSE + nonce,
            None,
        ),
        "20,000 chars of 'sorry but' clauses": lambda: (
            _fill("I'm sorry, but the system was down, ", 20_000),
            PROSE + nonce,
            None,
        ),
        "20,000 chars of links": lambda: (
            _fill("https://example.com/a/b ", 20_000),
            PROSE + nonce,
            None,
        ),
        "20,000 chars of negations": lambda: (
            _fill("not never no won't can't ", 20_000),
            PROSE + nonce,
            None,
        ),
        "typo reply vs random customer words": lambda: (
            " ".join(_words(rng, 3_000))[:20_000],
            " ".join(_words(rng, 150_000)) + nonce,
            None,
        ),
        "1M-char reply and 1M-char customer": lambda: (
            _fill(REPLY, 1_000_000),
            _fill(PROSE, 1_000_000) + nonce,
            None,
        ),
        "combining marks and emoji": lambda: (
            _fill("e\u0301\u0302\u0303 \U0001f600 ", 20_000),
            _fill("a\u0301 \U0001f621 ", 1_000_000) + nonce,
            None,
        ),
        "many short customer lines": lambda: (REPLY, ["no."] * 100_000 + [nonce], None),
        "40 customer lines of random words": lambda: (
            REPLY,
            [" ".join(_words(rng, 30)) for _ in range(40)] + [nonce],
            None,
        ),
        "20,000 chars of one lexicon phrase": lambda: (
            _fill("I completely understand how frustrating that must be. ", 20_000),
            PROSE + nonce,
            None,
        ),
        "20,000 chars of one nested phrase": lambda: (
            _fill("I'm so so really sorry sorry for the ", 20_000),
            PROSE + nonce,
            None,
        ),
        "20,000 chars of refund offers": lambda: (
            _fill("I'll refund the $49.99 today by 5pm and email you, ", 20_000),
            PROSE + nonce,
            None,
        ),
        "long made-up words": lambda: (
            " ".join(_words(rng, 400, 40, 60))[:20_000],
            " ".join(_words(rng, 200, 40, 60)) + nonce,
            None,
        ),
        "many numbers and amounts": lambda: (
            " ".join(f"${rng.randint(0, 99_999)}.{rng.randint(0, 99):02d}" for _ in range(2_500))[
                :20_000
            ],
            " ".join(str(rng.randint(0, 10**6)) for _ in range(2_000)) + nonce,
            None,
        ),
        "many question marks": lambda: (
            _fill("did you cancel? ", 20_000),
            _fill("why? ", 20_000) + nonce,
            None,
        ),
        "many questions naming the customer's words": lambda: (
            _fill("did you cancel? ", 20_000),
            PROSE + nonce,
            None,
        ),
        "many one-word questions": lambda: (_fill("why? ", 20_000), PROSE + nonce, None),
        "20,000 chars of quotes": lambda: (
            _fill('"email someone" and ', 20_000),
            PROSE + nonce,
            None,
        ),
        "one-letter words and dots": lambda: (_fill("a. b. ", 20_000), PROSE + nonce, None),
        "unicode words of many scripts": lambda: (
            " ".join(
                "".join(rng.choices("\u00e9\u00fc\u0444\u044f\u03b1\u03b2\u4e2d\u6587\u0627", k=6))
                for _ in range(2_800)
            )[:20_000],
            _fill("caf\u00e9 na\u00efve \u0444\u044b\u0432 ", 8_000) + nonce,
            None,
        ),
        "capitalised shouting with typos": lambda: (
            " ".join(w.upper() for w in _words(rng, 3_000))[:20_000],
            PROSE + nonce,
            None,
        ),
        "bundled scenario, typo reply": lambda: (
            " ".join(_words(rng, 3_000))[:20_000],
            " ".join(_words(rng, 1_500)) + nonce,
            scenario,
        ),
        "bundled scenario, huge customer": lambda: (
            _fill(REPLY, 20_000),
            [_fill(PROSE, 100_000) + nonce] * 20,
            scenario,
        ),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    rng = random.Random(18)
    score_reply("warm up: I'm sorry.", customer="a line")
    worst: dict[str, float] = {}
    worst_cpu: dict[str, float] = {}
    for rep in range(args.repeat):
        for name, build in cases(rng, f" nonce{rep}x{rng.random()}").items():
            if args.only and args.only not in name:
                continue
            reply, customer, scenario = build()
            cpu, start = time.thread_time(), time.perf_counter()
            score_reply(reply, customer=customer, scenario=scenario)  # type: ignore[arg-type]
            elapsed = (time.perf_counter() - start) * 1000
            used = (time.thread_time() - cpu) * 1000
            worst[name] = max(worst.get(name, 0.0), elapsed)
            worst_cpu[name] = max(worst_cpu.get(name, 0.0), used)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"load average (1 min) {load:.2f} on {os.cpu_count()} cores: wall-clock figures include "
        "time other processes took; CPU is this thread's own time"
    )
    print(f"{'wall':>9}    {'CPU':>9}")
    for name, ms in sorted(worst.items(), key=lambda kv: -kv[1]):
        print(f"{ms:9.1f} ms {worst_cpu[name]:9.1f} ms  {name}")
    for label, table in (("wall", worst), ("CPU", worst_cpu)):
        name, ms = max(table.items(), key=lambda kv: kv[1])
        verdict = "PASS" if ms < TARGET_MS else "FAIL"
        print(
            f"worst single call ({label}): {ms:.1f} ms ({name}); target < {TARGET_MS:.0f} ms: "
            f"{verdict}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
