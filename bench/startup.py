"""Start-up and per-note latency, the figures that matter for a pre-save check.

Prints, for `langcheck check -` run as a new process (start-up included), the median wall
time over several runs on a clean 300-word note and on one with a finding; and the time of
`Checker.check` per 300-word note after warm-up (p50, p99). The baseline measured in the
same run is a bare `python -c pass`, so the ratio shows what langcheck adds to starting
Python at all.

    python bench/startup.py [--runs 7] [--notes 2000]

Targets (issue 2): clean note under 0.35 s; with a finding under 1.5 s; Checker.check p99
under 5 ms per 300-word note.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

CLEAN_WORDS = (
    "the worker visited the family home and spoke with mum about the plan for school "
    "attendance health appointments and support from the early help team the children were "
    "settled and played in the garden while the assessment was discussed with the school "
    "nurse and a referral for a consent form was explained risk assessment completed and "
    "actions put in place at risk of exclusion was discussed with the head of year"
).split()
PROBLEM = "She keeps putting herself at risk by going to the flat with adult men."


def note(rng: random.Random, words: int = 300, problem: bool = False) -> str:
    body = " ".join(rng.choice(CLEAN_WORDS) for _ in range(words))
    sentences = [s.capitalize() + "." for s in body.split(" and ")]
    text = " ".join(sentences)
    return f"{text} {PROBLEM}" if problem else text


def wall(cmd: list[str], stdin: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run(cmd, input=stdin, capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--notes", type=int, default=2000)
    args = parser.parse_args()
    rng = random.Random(7)
    clean, dirty = note(rng), note(rng, problem=True)
    exe = [sys.executable, "-m", "langcheck", "check", "-"]
    script = Path(sys.executable).with_name("langcheck")
    if script.exists():
        exe = [str(script), "check", "-"]

    base = wall([sys.executable, "-c", "pass"], "", args.runs)
    t_clean = wall(exe, clean, args.runs)
    t_dirty = wall(exe, dirty, args.runs)
    print(f"python -c pass (baseline)          {base * 1000:8.1f} ms")
    print(f"langcheck check - clean 300 words  {t_clean * 1000:8.1f} ms  "
          f"({t_clean / base:.1f}x baseline; target < 350 ms)")
    print(f"langcheck check - with a finding   {t_dirty * 1000:8.1f} ms  "
          f"({t_dirty / base:.1f}x baseline; target < 1500 ms)")

    import langcheck

    checker = langcheck.Checker()
    notes = [note(rng, problem=(i % 10 == 0)) for i in range(args.notes)]
    for n in notes[:50]:
        checker.check(n)  # warm-up: builds the spaCy pipeline
    per = []
    for n in notes:
        began = time.perf_counter()
        checker.check(n)
        per.append(time.perf_counter() - began)
    with_hit = [t for t, n in zip(per, notes, strict=True) if PROBLEM in n]
    per.sort()
    p50 = per[len(per) // 2] * 1000
    p99 = per[int(len(per) * 0.99)] * 1000
    print(f"Checker.check per 300-word note    p50 {p50:.3f} ms  p99 {p99:.3f} ms  "
          f"(1 in 10 notes has a finding; target p99 < 5 ms)")
    if with_hit:
        print(f"  notes with a finding: median {statistics.median(with_hit) * 1000:.3f} ms")


if __name__ == "__main__":
    main()
