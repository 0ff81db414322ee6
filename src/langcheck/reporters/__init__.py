"""Output formats. Every reporter consumes the same Finding type (finding.py).

A reporter gets `start()`, then `record(record, findings)` for each checked record in input
order, then `finish(summary)`. Reporters stream: nothing holds all findings in memory.
"""

from __future__ import annotations

from collections.abc import Callable
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

    def add(self, findings: list[Finding]) -> None:
        self.records += 1
        for f in findings:
            self.by_severity[f.severity] = self.by_severity.get(f.severity, 0) + 1
            self.by_rule[f.rule] = self.by_rule.get(f.rule, 0) + 1

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


def get_reporter(name: str, out: IO[str], **options: Any) -> Reporter:
    factory = REPORTERS.get(name)
    if factory is None:
        raise KeyError(name)
    return factory(out, **options)


def _text(out: IO[str], **options: Any) -> Reporter:
    from langcheck.reporters.text import TextReporter

    return TextReporter(out, **options)


def _json(out: IO[str], **options: Any) -> Reporter:
    from langcheck.reporters.json import JsonReporter

    return JsonReporter(out, **options)


def _jsonl(out: IO[str], **options: Any) -> Reporter:
    from langcheck.reporters.json import JsonLinesReporter

    return JsonLinesReporter(out, **options)


REPORTERS: dict[str, Callable[..., Reporter]] = {
    "text": _text,
    "json": _json,
    "jsonl": _jsonl,
}
