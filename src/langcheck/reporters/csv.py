"""CSV output: one row per finding, for spreadsheets and audit workbooks."""

from __future__ import annotations

import csv
from typing import IO, Any

from langcheck.finding import Finding
from langcheck.reporters import Summary
from langcheck.sources import Record

COLUMNS = ("path", "record", "line", "column", "start", "end", "rule", "category", "severity",
           "text", "message", "suggestions")


class CsvReporter:
    """A header row, then one row per finding; suggestions joined by " | "."""

    def __init__(self, out: IO[str], **_: Any) -> None:
        self.writer = csv.writer(out, lineterminator="\n")

    def start(self) -> None:
        self.writer.writerow(COLUMNS)

    def record(self, record: Record, findings: list[Finding]) -> None:
        for f in findings:
            self.writer.writerow([
                record.path, "" if record.id is None else record.id, f.line, f.column,
                f.start, f.end, f.rule, f.category, f.severity, f.text, f.message,
                " | ".join(f.suggestions),
            ])

    def finish(self, summary: Summary) -> None:
        pass
