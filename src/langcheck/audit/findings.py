"""`--findings FILE.csv|FILE.jsonl`: one row per finding, plus the input problems.

Rows stream to a temporary file next to the target, which replaces the target only when the
audit completes, so an interrupted audit never leaves a half-written file that looks whole.
Each row has a `kind`: `finding`, `error` (a file or row that could not be read: path, row,
reason) or `notice` (for example a CSV decoded as cp1252). Errors and notices sit where they
occurred in the input. The flagged words (`text`) appear only with `--snippets`.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from langcheck.audit.settings import AuditSettings

FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
BASE_COLUMNS = ("kind", "path", "record", "row", "rule", "category", "severity", "start",
                "end", "line", "column")


def format_of(path: Path) -> str | None:
    return FORMATS.get(path.suffix.lower())


class FindingsWriter:
    """Streams rows to CSV or JSONL; `close()` publishes the file atomically."""

    def __init__(self, path: Path, settings: AuditSettings) -> None:
        fmt = format_of(path)
        if fmt is None:
            raise ValueError(f"--findings must end in .csv or .jsonl: {path}")
        self.path = path
        self.format = fmt
        self.columns = [*BASE_COLUMNS, *settings.extra_columns,
                        *(["text"] if settings.snippets else []), "reason"]
        self._tmp = path.with_name(f".{path.name}.partial")
        self._fh: IO[str] = self._tmp.open("w", encoding="utf-8", newline="")
        self._csv: Any = None
        if fmt == "csv":
            self._csv = csv.DictWriter(self._fh, fieldnames=self.columns, extrasaction="ignore")
            self._csv.writeheader()
        self.rows = 0

    def write(self, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        self.rows += len(rows)
        if self._csv is not None:
            self._csv.writerows(rows)
            return
        columns = self.columns
        write = self._fh.write
        for row in rows:
            ordered = {k: row.get(k) for k in columns if k in row or row["kind"] == "finding"}
            write(json.dumps(ordered, ensure_ascii=False) + "\n")

    def close(self) -> None:
        self._fh.close()
        os.replace(self._tmp, self.path)

    def abort(self) -> None:
        self._fh.close()
        self._tmp.unlink(missing_ok=True)

    def __enter__(self) -> FindingsWriter:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()
