"""Output formats. Every reporter consumes the same Finding type (finding.py).

A reporter gets `start()`, then `record(record, findings)` for each checked record in input
order, then `finish(summary)`. Reporters stream: nothing holds all findings in memory.
"""

from __future__ import annotations

import importlib
from typing import IO, Any, Protocol

from langcheck.finding import Finding
from langcheck.sources import Record


class Summary:
    """Counts for the closing line of a run."""

    def __init__(self) -> None:
        self.records = 0
        self.failed = 0
        self.by_severity = {"error": 0, "warning": 0, "info": 0}
        self.by_rule: dict[str, int] = {}
        self.messages: dict[str, str] = {}
        self.suppressed = 0

    def add(self, findings: list[Finding]) -> None:
        self.records += 1
        for f in findings:
            self.by_severity[f.severity] = self.by_severity.get(f.severity, 0) + 1
            self.by_rule[f.rule] = self.by_rule.get(f.rule, 0) + 1
            self.messages.setdefault(f.rule, f.message)

    @property
    def total(self) -> int:
        return sum(self.by_severity.values())


class Reporter(Protocol):
    def start(self) -> None: ...

    def record(self, record: Record, findings: list[Finding]) -> None: ...

    def finish(self, summary: Summary) -> None: ...


def finding_dict(record: Record, finding: Finding, *, cue: bool = False) -> dict[str, Any]:
    """The JSON contract: the Finding fields plus `path` and `record`."""
    data = finding.to_dict(cue=cue)
    data["path"] = record.path
    data["record"] = record.id
    return data


#: format name -> (module, class); modules are imported only when their format is used
REPORTERS: dict[str, tuple[str, str]] = {
    "text": ("langcheck.reporters.text", "TextReporter"),
    "json": ("langcheck.reporters.json", "JsonReporter"),
    "jsonl": ("langcheck.reporters.json", "JsonLinesReporter"),
    "csv": ("langcheck.reporters.csv", "CsvReporter"),
    "sarif": ("langcheck.reporters.sarif", "SarifReporter"),
    "github": ("langcheck.reporters.github", "GithubReporter"),
}


def get_reporter(name: str, out: IO[str], **options: Any) -> Reporter:
    """The reporter for an output format (KeyError for an unknown one)."""
    module, cls = REPORTERS[name]
    return getattr(importlib.import_module(module), cls)(out, **options)


def statistics_rows(summary: Summary, fixable: set[str]) -> list[dict[str, Any]]:
    """Counts per rule, most frequent first (ties by rule id), as ruff's `--statistics`."""
    return [
        {"code": rule, "count": count, "message": summary.messages.get(rule, ""),
         "fixable": rule in fixable}
        for rule, count in sorted(summary.by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def write_statistics(summary: Summary, out: IO[str], fmt: str, fixable: set[str]) -> None:
    """`--statistics`: `count  ID  [*] message` lines (`[*]`: `--fix` can apply it), or a JSON
    list for machine formats."""
    import json

    from langcheck.suppress import META_RULES

    summary.messages.update({k: v for k, v in META_RULES.items() if k in summary.by_rule})
    rows = statistics_rows(summary, fixable)
    if fmt in ("json", "jsonl", "sarif"):
        if fmt == "jsonl":
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    if fmt == "csv":
        import csv

        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["count", "code", "fixable", "message"])
        for row in rows:
            writer.writerow([row["count"], row["code"], row["fixable"], row["message"]])
        return
    width = max((len(str(r["count"])) for r in rows), default=1)
    code_width = max((len(r["code"]) for r in rows), default=5)
    for row in rows:
        mark = "[*] " if row["fixable"] else "    "
        out.write(f"{row['count']:>{width}}  {row['code']:<{code_width}}  {mark}"
                  f"{row['message']}\n")
