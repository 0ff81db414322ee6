"""Ordered, bounded parallel map over work units (`--jobs N`).

Results come back in unit order whatever N is, which makes the findings output identical for
any number of workers. At most a few units per worker are in flight, so memory does not grow
with the input. With one job everything runs in this process (no pool to start).

Workers are forked where the platform allows it: they start in milliseconds and share the
parent's loaded lexicon. The parent never imports spaCy, so each worker imports it only
once a record needs it.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from types import TracebackType
from typing import Any

from langcheck.audit.settings import AuditSettings
from langcheck.audit.units import Unit
from langcheck.audit.worker import UnitResult, init_worker, run_unit

IN_FLIGHT_PER_JOB = 3


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


class WorkerPool:
    """`with WorkerPool(jobs, settings) as pool: for result in pool.map(units): ...`"""

    def __init__(self, jobs: int, settings: AuditSettings) -> None:
        self.jobs = max(1, jobs)
        self.settings = settings
        self._pool: Any = None

    def __enter__(self) -> WorkerPool:
        if self.jobs == 1:
            init_worker(self.settings, ignore_sigint=False)
        else:
            methods = multiprocessing.get_all_start_methods()
            ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
            self._pool = ctx.Pool(self.jobs, initializer=init_worker,
                                  initargs=(self.settings,))
        return self

    def map(self, units: Iterable[Unit]) -> Iterator[UnitResult]:
        """Results in the order of `units`."""
        if self._pool is None:
            for unit in units:
                yield run_unit(unit)
            return
        window = self.jobs * IN_FLIGHT_PER_JOB
        pending: deque[Any] = deque()
        for unit in units:
            pending.append(self._pool.apply_async(run_unit, (unit,)))
            if len(pending) >= window:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._pool is None:
            return
        if exc_type is None:
            self._pool.close()
        else:
            self._pool.terminate()
        self._pool.join()
