"""Load test for `langcheck serve`: concurrent clients on loopback against in-process checking.

Starts the service itself (loopback only, on a free port), runs N concurrent keep-alive
clients that each POST 300-word notes for a fixed time, then prints requests/s, p50 and p99
latency, and the in-process `Checker.check` rate for the same notes on the same cores (one
process and one process per worker) with the ratio. The client speaks raw HTTP/1.1 over
asyncio streams (on uvloop where installed) so that it takes as little CPU as possible; it
still shares the machine's cores with the service, as a record system's hook on the same
host would.

    python bench/load.py                       # 32 clients, 10 s, --workers 2
    python bench/load.py --clients 8 --duration 5 --hit-rate 0.1

Bounded: every phase has a time limit and the server is always stopped.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from typing import Any

# Everyday case-note sentences, written for this script (no flagged wording).
NEUTRAL = [
    "The social worker visited the family home on Tuesday afternoon and was let in by mum.",
    "School reported that attendance has improved over the last month.",
    "Mum said the housing officer has been helpful with the repairs to the kitchen.",
    "A strategy meeting is planned for next week with police and health colleagues.",
    "The child was seen alone in her bedroom and talked about her friends and lessons.",
    "The health visitor will arrange a follow-up appointment with the GP.",
    "Dad attended the review and agreed to the updated safety plan.",
    "Her younger brother was at nursery during the visit.",
    "The youth worker will take him to the football session on Saturday morning.",
    "Grandmother has offered to collect the children from school twice a week.",
    "The referral from the school nurse was discussed with the team manager.",
    "He said he would like more time with his father and talked about his new bike.",
]


def make_notes(count: int, words: int, hit_rate: float, seed: int = 7) -> list[str]:
    """Notes of about `words` words; a share `hit_rate` carries one flagged sentence."""
    from langcheck.lexicon import default_lexicon

    flagged = [e for r in default_lexicon() for e in r.flag_examples]
    rng = random.Random(seed)
    notes = []
    for _ in range(count):
        sentences: list[str] = []
        n = 0
        while n < words:
            s = rng.choice(NEUTRAL)
            sentences.append(s)
            n += len(s.split())
        if rng.random() < hit_rate:
            sentences[rng.randrange(len(sentences))] = rng.choice(flagged)
        notes.append(" ".join(sentences))
    return notes


# --- in-process reference --------------------------------------------------------------

def _reference_worker(notes: list[str], seconds: float, out: mp.Queue) -> None:
    import langcheck

    checker = langcheck.Checker()
    for note in notes[:20]:
        checker.check(note)
    done = 0
    t0 = time.perf_counter()
    end = t0 + seconds
    while time.perf_counter() < end:
        checker.check(notes[done % len(notes)])
        done += 1
    out.put((done, time.perf_counter() - t0))


def reference_rate(notes: list[str], seconds: float, processes: int) -> float:
    """Notes per second that `Checker.check` reaches in `processes` processes."""
    ctx = mp.get_context("spawn")
    queue: mp.Queue = ctx.Queue()
    procs = [ctx.Process(target=_reference_worker, args=(notes, seconds, queue))
             for _ in range(processes)]
    for p in procs:
        p.start()
    results = [queue.get(timeout=seconds + 120) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    return sum(done / took for done, took in results)


# --- server ------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, workers: int, budget_ms: float) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "langcheck", "serve", "--host", "127.0.0.1", "--port",
           str(port), "--workers", str(workers), "--no-access-log", "--budget-ms",
           str(budget_ms)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("server exited: " + proc.stderr.read().decode()[-2000:])
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                pass
            # with several workers, give every worker time to finish its warm-up
            time.sleep(2 if workers > 1 else 0)
            return proc
        except OSError:
            time.sleep(0.2)
    stop_server(proc)
    raise RuntimeError("server did not answer /healthz within 90 s")


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)


# --- client ------------------------------------------------------------------------------

def encode_requests(notes: list[str], port: int) -> list[bytes]:
    out = []
    for note in notes:
        body = json.dumps({"text": note}).encode()
        head = (f"POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n")
        out.append(head.encode() + body)
    return out


async def _client(port: int, requests: list[bytes], start: int, warm_until: float,
                  end: float, latencies: list[float], failures: list[str]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    i = start
    try:
        while True:
            t0 = time.perf_counter()
            if t0 >= end:
                break
            writer.write(requests[i % len(requests)])
            i += 1
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            await reader.readexactly(length)
            t1 = time.perf_counter()
            if not head.startswith(b"HTTP/1.1 200"):
                failures.append(head.split(b"\r\n", 1)[0].decode())
            elif t0 >= warm_until:
                latencies.append(t1 - t0)
    finally:
        writer.close()


async def run_clients(port: int, requests: list[bytes], clients: int, warmup: float,
                      seconds: float) -> tuple[list[float], list[str], float]:
    latencies: list[float] = []
    failures: list[str] = []
    now = time.perf_counter()
    warm_until = now + warmup
    end = warm_until + seconds
    tasks = [_client(port, requests, k * 7, warm_until, end, latencies, failures)
             for k in range(clients)]
    await asyncio.wait_for(asyncio.gather(*tasks), timeout=warmup + seconds + 60)
    return latencies, failures, seconds


def _run(coro: Any) -> Any:
    """Run the clients on uvloop where it is installed (the `serve` extra brings it): the
    client shares the cores with the service, so the less CPU it takes the better."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coro)
    return uvloop.run(coro)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--duration", type=float, default=10.0, help="measured seconds")
    ap.add_argument("--warmup", type=float, default=2.0, help="seconds before measuring")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--words", type=int, default=300)
    ap.add_argument("--notes", type=int, default=400, help="distinct notes")
    ap.add_argument("--hit-rate", type=float, default=1.0,
                    help="share of notes with one flagged sentence (1.0: every note)")
    ap.add_argument("--budget-ms", type=float, default=200.0)
    ap.add_argument("--reference-seconds", type=float, default=4.0)
    args = ap.parse_args()

    notes = make_notes(args.notes, args.words, args.hit_rate)
    words = statistics.mean(len(n.split()) for n in notes)
    print(f"notes: {len(notes)} distinct, {words:.0f} words on average, "
          f"{args.hit_rate:.0%} with a flagged sentence; cores: {os.cpu_count()}")

    one = reference_rate(notes, args.reference_seconds, 1)
    same = reference_rate(notes, args.reference_seconds, args.workers)
    print(f"in-process Checker.check: {one:,.0f} notes/s in 1 process "
          f"({1000 / one:.3f} ms/note); {same:,.0f} notes/s in {args.workers} processes")

    port = free_port()
    proc = start_server(port, args.workers, args.budget_ms)
    try:
        requests = encode_requests(notes, port)
        latencies, failures, seconds = _run(
            run_clients(port, requests, args.clients, args.warmup, args.duration))
    finally:
        stop_server(proc)
    if not latencies:
        print("no successful requests", failures[:3])
        sys.exit(1)
    latencies.sort()
    rate = len(latencies) / seconds
    p50 = latencies[len(latencies) // 2] * 1000
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000
    print(f"service, {args.clients} clients, {args.workers} workers, {seconds:.0f} s: "
          f"{rate:,.0f} requests/s, p50 {p50:.1f} ms, p99 {p99:.1f} ms, "
          f"max {latencies[-1] * 1000:.1f} ms, failures {len(failures)}")
    print(f"ratio service / in-process: {rate / same:.2f} of {args.workers} processes, "
          f"{rate / one:.2f} of 1 process")
    # Little's law: with every client always waiting, the mean latency cannot be below
    # clients / throughput, even for a service that added nothing to Checker.check
    floor = args.clients / same * 1000
    print(f"latency floor for {args.clients} clients at the in-process rate of "
          f"{args.workers} processes (mean, no HTTP at all): {floor:.1f} ms")
    target_ok = p99 < 50 and rate >= same / 2
    print(f"target (p99 < 50 ms and >= half of in-process on the same cores): "
          f"{'met' if target_ok else 'not met'}")


if __name__ == "__main__":
    main()
