"""Audit throughput against the floor: how close `langcheck audit` gets to a bare scan.

From one generated corpus (bench/corpus.py), prints for each design notes/s, words/s, peak
RSS and the ratio to the floor:

- floor: one process reads the JSONL records and scans each with one Aho-Corasick
  automaton over every anchor form of the lexicon (FirstStage(default_lexicon()).anchors,
  lower-cased text, whole words), and does nothing else;
- `langcheck audit --jobs 1` and `--jobs 2`, each a fresh process (start-up included);
- naive: the same lexicon and context layer through spaCy on every note, no first stage
  (`Checker(first_stage=False)`), measured on a sample of notes and extrapolated (it runs
  at a few thousand words a second, so the whole corpus would take hours);
- peak RSS of `--jobs 2` on the full corpus and on a 20,000-note corpus.

    python bench/throughput.py                 # 200,000 notes (about 3 minutes here)
    python bench/throughput.py --notes 20000   # quicker

Peak RSS is the largest sum of the resident sets of the audit process and its workers,
sampled every 20 ms from /proc (Linux). Figures move 20-50% from run to run on a shared
machine; the ratios, measured in the same run, hold better.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import corpus  # noqa: E402

PY = sys.executable


def _rss_tree_kb(pid: int) -> int:
    """Resident set of a process and all its descendants, in KB (Linux /proc)."""
    total = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            with open(f"/proc/{p}/task/{p}/children") as fh:
                todo.extend(int(c) for c in fh.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def run_measured(cmd: list[str]) -> tuple[float, int, str]:
    """Run `cmd`; return wall seconds, peak RSS of its process tree (KB) and stdout."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _rss_tree_kb(proc.pid))
        time.sleep(0.02)
    out, err = proc.communicate()
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err}")
    return seconds, peak, out


def floor_scan(path: str) -> None:
    """The floor, run in its own process: read every record, one anchor scan, nothing else."""
    import ahocorasick_rs

    from langcheck.lexicon import default_lexicon
    from langcheck.prefilter import FirstStage

    anchors = FirstStage(default_lexicon()).anchors
    ac = ahocorasick_rs.AhoCorasick(anchors, matchkind=ahocorasick_rs.MatchKind.Standard)
    find = ac.find_matches_as_indexes
    start = time.perf_counter()
    notes = hits = 0
    with open(path, "rb") as fh:
        for line in fh:
            text = json.loads(line)["text"]
            low = text.lower()
            n = len(low)
            hit = False
            for _, s, e in find(low, overlapping=True):
                if s > 0 and low[s - 1].isalpha() and low[s].isalpha():
                    continue
                if e < n and low[e].isalpha() and low[e - 1].isalpha():
                    continue
                hit = True
            notes += 1
            hits += hit
    print(json.dumps({"notes": notes, "hit_notes": hits, "anchors": len(anchors),
                      "scan_seconds": time.perf_counter() - start}))


def naive(path: str, sample: int) -> dict[str, float]:
    """Checker(first_stage=False) on the first `sample` notes (after one warm-up call)."""
    from langcheck import Checker

    checker = Checker(first_stage=False)
    checker.check("Warm-up: the pipeline is built before timing.")
    texts = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            texts.append(json.loads(line)["text"])
            if len(texts) >= sample:
                break
    words = sum(len(t.split()) for t in texts)
    start = time.perf_counter()
    for text in texts:
        checker.check(text)
    seconds = time.perf_counter() - start
    return {"notes": len(texts), "words": words, "seconds": seconds}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--notes", type=int, default=200_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--sample", type=int, default=400, help="notes for the naive design")
    ap.add_argument("--small", type=int, default=20_000, help="corpus for the RSS comparison")
    ap.add_argument("--floor", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.floor:
        floor_scan(args.floor)
        return 0

    path, meta = corpus(args.notes, args.seed)
    notes, words = int(meta["notes"]), int(meta["words"])
    print(f"corpus: {path} ({notes:,} notes, {words:,} words, "
          f"{meta['problem_notes']:,} with a problem sentence; cores: {os.cpu_count()}; "
          f"load average before: {os.getloadavg()[0]:.2f})")
    rows: list[tuple[str, float, int]] = []

    secs, rss, out = run_measured([PY, __file__, "--floor", str(path)])
    info = json.loads(out)
    rows.append(("floor (read + one Aho-Corasick scan)", secs, rss))
    print(f"floor: {info['anchors']:,} anchor forms; {info['hit_notes']:,} of "
          f"{info['notes']:,} notes ({100 * info['hit_notes'] / max(1, info['notes']):.1f}%) "
          "have an anchor")

    def audit(corpus_path: Path, jobs: int) -> list[str]:
        return [PY, "-m", "langcheck", "audit", str(corpus_path), "--no-progress",
                "--jobs", str(jobs)]

    summaries = {}
    for jobs in (1, 2):
        secs, rss, out = run_measured(audit(path, jobs))
        rows.append((f"langcheck audit --jobs {jobs}", secs, rss))
        summaries[jobs] = out.splitlines()[:2]
    same = summaries[1] == summaries[2]

    nv = naive(str(path), args.sample)
    naive_secs = nv["seconds"] * words / nv["words"]

    floor_wps = words / rows[0][1]
    print()
    print(f"{'design':<44}{'seconds':>9}{'notes/s':>11}{'M words/s':>11}{'peak RSS':>11}"
          f"{'vs floor':>10}")
    for name, secs, rss in rows:
        wps = words / secs
        print(f"{name:<44}{secs:>9.1f}{notes / secs:>11,.0f}{wps / 1e6:>11.2f}"
              f"{rss / 1024:>9.0f}MB{wps / floor_wps:>9.0%}")
    naive_wps = nv["words"] / nv["seconds"]
    print(f"{'naive: spaCy on every note (extrapolated)':<44}{naive_secs:>9.0f}"
          f"{notes / naive_secs:>11,.0f}{naive_wps / 1e6:>11.3f}{'-':>11}"
          f"{naive_wps / floor_wps:>9.1%}")
    print(f"  (naive measured on {nv['notes']:,} notes, {nv['words']:,} words, in "
          f"{nv['seconds']:.1f} s, one process)")
    jobs2 = words / rows[2][1]
    print()
    print(f"audit --jobs 2 / floor: {jobs2 / floor_wps:.0%} (target >= 40%)")
    print(f"audit --jobs 2 / naive: {jobs2 / naive_wps:,.0f}x (target >= 30x)")
    print(f"same summary with --jobs 1 and --jobs 2: {same}")

    if args.small and args.small < notes:
        small, _ = corpus(args.small, args.seed)
        _, rss_small, _ = run_measured(audit(small, 2))
        rss_big = rows[2][2]
        print(f"peak RSS --jobs 2: {rss_big / 1024:.0f} MB at {notes:,} notes, "
              f"{rss_small / 1024:.0f} MB at {args.small:,} notes "
              f"({rss_big / rss_small - 1:+.1%}; target within 10%)")
    for line in summaries[2]:
        print(f"  audit summary: {line}")
    print(f"load average after: {os.getloadavg()[0]:.2f} (other work on the machine slows "
          "--jobs 2 most)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
