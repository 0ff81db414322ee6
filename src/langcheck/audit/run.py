"""One audit from inputs to outputs: plan units, run them on the pool, merge, write.

The parent process only plans work units, merges counts, writes findings rows and draws the
progress bar; reading and checking happen in the workers. It builds a Checker too, to
validate --select/--ignore before any work starts and to name rules in the summary, but never
runs it, so spaCy is never imported here.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console

from langcheck.audit.aggregate import Aggregate
from langcheck.audit.findings import FindingsWriter
from langcheck.audit.pool import WorkerPool
from langcheck.audit.progress import AuditProgress
from langcheck.audit.settings import AuditSettings
from langcheck.audit.units import CHUNK, plan, size_of
from langcheck.checker import Checker
from langcheck.lexicon import Lexicon
from langcheck.sources import iter_inputs


@dataclass
class AuditRun:
    """What an audit found, for the summary and the exit code."""

    aggregate: Aggregate
    lexicon: Lexicon
    seconds: float
    jobs: int


def run_audit(paths: Sequence[str], settings: AuditSettings, *, jobs: int,
              findings: Path | None = None, html: Path | None = None,
              progress: bool = False, progress_console: Console | None = None,
              stdin: Any = None) -> AuditRun:
    """Audit every record under `paths`. Raises LangcheckError for a bad rule selection."""
    start = time.perf_counter()
    inputs = list(iter_inputs(paths, settings.read))
    total = sum(size_of(item) for item in inputs)
    if total < CHUNK:
        jobs = 1  # one unit of work: starting workers would only cost time
    agg = Aggregate()
    # workers are forked before this process loads the lexicon: measured, workers that
    # inherit a loaded lexicon ran 2-3 times slower (copy-on-write and garbage collection
    # over the inherited objects)
    with WorkerPool(jobs, settings) as pool:
        lexicon = Checker(select=list(settings.select) or None,
                          ignore=list(settings.ignore) or None,
                          extend_lexicon=settings.extend_lexicon).lexicon
        writer = FindingsWriter(findings, settings) if findings else None
        try:
            with AuditProgress(total, progress, progress_console) as bar:
                for result in pool.map(plan(inputs, settings.read, stdin)):
                    agg.merge(result.aggregate)
                    if writer is not None:
                        writer.write(result.rows)
                    bar.advance(result.nbytes,
                                result.aggregate.records + result.aggregate.failed)
        except BaseException:
            if writer is not None:
                writer.abort()
            raise
        if writer is not None:
            writer.close()
    if html is not None:
        from langcheck.audit.html import write_html

        write_html(html, agg, lexicon, inputs=list(paths), group_by=settings.group_by,
                   date_field=settings.date_field,
                   pseudonymised=sorted(settings.pseudonymiser.fields))
    return AuditRun(agg, lexicon, time.perf_counter() - start, jobs)
