"""GitHub Actions workflow commands: one `::error ...::message` line per finding, which the
runner turns into annotations on the pull request's changed lines."""

from __future__ import annotations

from typing import IO, Any

from langcheck.finding import Finding
from langcheck.reporters import Summary
from langcheck.sources import Record

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


class GithubReporter:
    """Workflow annotation lines. For records from CSV/JSONL the file position is the record's
    row (JSONL line) and the record id goes in the title."""

    def __init__(self, out: IO[str], **_: Any) -> None:
        self.out = out

    def start(self) -> None:
        pass

    def record(self, record: Record, findings: list[Finding]) -> None:
        for f in findings:
            level = LEVELS.get(f.severity, "warning")
            title = f"langcheck {f.rule} ({f.category})"
            if record.id is None:
                end_line, end_col = _end(f)
                where = (f"file={_prop(record.path)},line={f.line},col={f.column},"
                         f"endLine={end_line},endColumn={end_col}")
            else:
                where = f"file={_prop(record.path)},line={record.row or 1}"
                title += f" record {record.id}"
            message = f"{f.message} Flagged: {f.text!r}."
            if f.suggestions:
                message += " Instead: " + "; ".join(f.suggestions)
            self.out.write(f"::{level} {where},title={_prop(title)}::{_data(message)}\n")

    def finish(self, summary: Summary) -> None:
        pass


def _end(f: Finding) -> tuple[int, int]:
    """1-based line and column of the last character of the finding."""
    parts = f.text.splitlines() or [""]
    if len(parts) == 1:
        return f.line, f.column + max(len(f.text), 1) - 1
    return f.line + len(parts) - 1, max(len(parts[-1]), 1)
