"""How fast the scorer is: 10,000 generated replies of 20..1,000 characters on one core.

Reports replies per second, p50/p99 latency (overall and for ~300-character replies), peak
memory (tracemalloc, in a separate pass so it does not slow the timed one), and the same replies
through nltk's TreebankWordTokenizer alone, with the ratio.

Targets (issue 3): >= 2,000 replies/s, p99 < 5 ms for a 300-character reply, < 10x the
tokenizer's time. Prints PASS/FAIL per target and always exits 0: it is a report.

    python benchmarks/bench_scoring.py [--count N] [--seed S]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from nltk.tokenize import TreebankWordTokenizer  # noqa: E402

from scoring import score_reply  # noqa: E402

TARGET_RATE = 2_000  # replies per second
TARGET_P99_300_MS = 5.0
TARGET_TOKENIZER_RATIO = 10.0
MIN_CHARS, MAX_CHARS = 20, 1_000
NEAR_300 = (250, 350)  # "a 300-character reply"

CUSTOMER = (
    "I cancelled my membership in person back in March and you've STILL charged me $49.99 in "
    "April and May. When I called, someone told me to 'email someone'. Unbelievable."
)
# Sentence parts a trainee might write, good and bad, with typos and odd casing mixed in.
FRAGMENTS = (
    "I'm so sorry we charged you in April and May after you cancelled.",
    "That must have been infuriating, especially after being told to email someone.",
    "I'll refund both $49.99 payments today and email you confirmation by 5pm.",
    "Sorry for any inconvenience.",
    "Unfortunately our new billing system didn't pick up front-desk cancellations.",
    "We're sorry you feel that way.",
    "As I said, that's our policy.",
    "You should have cancelled in writing.",
    "Does that work for you?",
    "im sory for the double charje, ill get the refnd done today",
    "Can you walk me through what happened when you called?",
    "Oh I'm SO sorry, your majesty.",
    "We'll look into it and someone will get back to you.",
    "That's on us, and I take full responsibility.",
    "Calm down, it's not a big deal.",
    "Thank you for letting us know about this.",
    "I understand your frustration.",
    "I will not refund you.",
    "There's nothing I can do, you'll need to contact billing.",
    "As a goodwill gesture I'm adding a free month to your account.",
    "The courier was late because of the weather.",
    "Mistakes were made.",
    "You have every right to be upset, you did everything right.",
    "Is that right?",
)
WORDS = ("refund", "sorry", "today", "charge", "membership", "cancel", "email", "policy", "gym")


def make_replies(count: int, seed: int) -> list[str]:
    """Replies of MIN_CHARS..MAX_CHARS characters built from FRAGMENTS plus random words."""
    rng = random.Random(seed)
    replies = []
    for _ in range(count):
        target = rng.randint(MIN_CHARS, MAX_CHARS)
        parts: list[str] = []
        length = 0
        while length < target:
            part = (
                rng.choice(FRAGMENTS)
                if rng.random() < 0.85
                else " ".join(
                    rng.choice(WORDS) + rng.choice(("", "s", "ed", "x")) for _ in range(5)
                )
            )
            parts.append(part)
            length += len(part) + 1
        replies.append(" ".join(parts)[:target])
    return replies


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    replies = make_replies(args.count, args.seed)
    score_reply("warm-up: load the lexicons once", customer=CUSTOMER)

    # Wall-clock time, and this thread's CPU time: on a shared machine the CPU figures show
    # what one core does when it is not taken away by other processes.
    latencies: list[float] = []
    cpu_latencies: list[float] = []
    clock, cpu = time.perf_counter, time.thread_time
    started, cpu_started = clock(), cpu()
    for reply in replies:
        t0, c0 = clock(), cpu()
        score_reply(reply, customer=CUSTOMER)
        cpu_latencies.append(cpu() - c0)
        latencies.append(clock() - t0)
    scorer_total, scorer_cpu = clock() - started, cpu() - cpu_started

    tokenizer = TreebankWordTokenizer()
    started, cpu_started = clock(), cpu()
    for reply in replies:
        tokenizer.tokenize(reply)
    tokenizer_total, tokenizer_cpu = clock() - started, cpu() - cpu_started

    tracemalloc.start()
    for reply in replies[:1_000]:
        score_reply(reply, customer=CUSTOMER)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    def near_300(values: list[float]) -> list[float]:
        return [
            v for r, v in zip(replies, values, strict=True) if NEAR_300[0] <= len(r) <= NEAR_300[1]
        ]

    near, near_cpu = near_300(latencies), near_300(cpu_latencies)
    rate, cpu_rate = len(replies) / scorer_total, len(replies) / scorer_cpu
    p99_300 = percentile(near, 99) * 1000 if near else float("nan")
    cpu_p99_300 = percentile(near_cpu, 99) * 1000 if near_cpu else float("nan")
    ratio, cpu_ratio = scorer_total / tokenizer_total, scorer_cpu / tokenizer_cpu
    mean_chars = statistics.mean(len(r) for r in replies)
    lines = [
        f"Scored {len(replies):,} replies of {MIN_CHARS}..{MAX_CHARS} characters "
        f"(mean {mean_chars:.0f}) on one core, with a customer line.",
        f"  load average (1 min)   {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores: "
        "wall-clock figures include time other processes took",
        f"  throughput             {rate:,.0f} replies/s wall, {cpu_rate:,.0f} replies/s CPU   "
        f"target >= {TARGET_RATE:,}   wall {verdict(rate >= TARGET_RATE)}, "
        f"CPU {verdict(cpu_rate >= TARGET_RATE)}",
        f"  latency p50            {percentile(latencies, 50) * 1000:.3f} ms wall, "
        f"{percentile(cpu_latencies, 50) * 1000:.3f} ms CPU",
        f"  latency p99            {percentile(latencies, 99) * 1000:.3f} ms wall, "
        f"{percentile(cpu_latencies, 99) * 1000:.3f} ms CPU",
        f"  p99, ~300 chars        {p99_300:.3f} ms wall, {cpu_p99_300:.3f} ms CPU "
        f"({len(near)} replies of {NEAR_300[0]}..{NEAR_300[1]} chars)   "
        f"target < {TARGET_P99_300_MS} ms   wall {verdict(p99_300 < TARGET_P99_300_MS)}, "
        f"CPU {verdict(cpu_p99_300 < TARGET_P99_300_MS)}",
        f"  peak memory            {peak / 1024 / 1024:.2f} MiB (tracemalloc, 1,000 replies, "
        "lexicons already loaded)",
        f"  TreebankWordTokenizer alone {tokenizer_total:.3f} s wall ({tokenizer_cpu:.3f} s CPU); "
        f"scorer {scorer_total:.3f} s ({scorer_cpu:.3f} s CPU); ratio {ratio:.1f}x wall, "
        f"{cpu_ratio:.1f}x CPU   target < {TARGET_TOKENIZER_RATIO:.0f}x   "
        f"{verdict(max(ratio, cpu_ratio) < TARGET_TOKENIZER_RATIO)}",
    ]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
