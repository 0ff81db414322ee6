"""The progress bar on stderr: share of input bytes done, records, records/s, time left.

It is drawn only when stderr is a terminal, so logs and pipes stay clean. The bar follows
bytes (known before reading) rather than records (known only at the end).
"""

from __future__ import annotations

import time
from types import TracebackType
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeRemainingColumn,
)


class AuditProgress:
    """`with AuditProgress(total_bytes, enabled) as bar: bar.advance(nbytes, records)`"""

    def __init__(self, total_bytes: int, enabled: bool, console: Console | None = None) -> None:
        self.enabled = enabled
        self.records = 0
        self._start = time.perf_counter()
        self._progress: Progress | None = None
        if enabled:
            self._progress = Progress(
                TextColumn("[bold]auditing[/bold]"),
                BarColumn(),
                TaskProgressColumn(),
                TextColumn("{task.fields[records]} records"),
                TextColumn("{task.fields[rate]} records/s"),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=console or Console(stderr=True),
                transient=True,
                refresh_per_second=4,
            )
            self._task = self._progress.add_task("audit", total=max(1, total_bytes),
                                                 records="0", rate="-")

    def advance(self, nbytes: int, records: int) -> None:
        self.records += records
        if self._progress is None:
            return
        elapsed = max(1e-6, time.perf_counter() - self._start)
        self._progress.update(self._task, advance=nbytes, records=f"{self.records:,}",
                              rate=f"{self.records / elapsed:,.0f}")

    def __enter__(self) -> AuditProgress:
        self._start = time.perf_counter()
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> Any:
        if self._progress is not None:
            self._progress.stop()
        return None
