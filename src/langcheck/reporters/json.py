"""JSON (one list, streamed) and JSON Lines (one finding per line) output."""

from __future__ import annotations

import json
from typing import IO, Any

from langcheck.finding import Finding
from langcheck.reporters import Summary, finding_dict
from langcheck.sources import Record


class JsonReporter:
    """A JSON list of findings, written as it goes so memory stays flat."""

    def __init__(self, out: IO[str], explain: bool = False, **_: Any) -> None:
        self.out = out
        self.first = True
        self.explain = explain

    def start(self) -> None:
        self.out.write("[")

    def record(self, record: Record, findings: list[Finding]) -> None:
        for f in findings:
            self.out.write("\n  " if self.first else ",\n  ")
            self.out.write(json.dumps(finding_dict(record, f, cue=self.explain),
                                      ensure_ascii=False))
            self.first = False

    def finish(self, summary: Summary) -> None:
        self.out.write("]\n" if self.first else "\n]\n")


class JsonLinesReporter:
    """One JSON object per finding per line."""

    def __init__(self, out: IO[str], explain: bool = False, **_: Any) -> None:
        self.out = out
        self.explain = explain

    def start(self) -> None:
        pass

    def record(self, record: Record, findings: list[Finding]) -> None:
        for f in findings:
            self.out.write(json.dumps(finding_dict(record, f, cue=self.explain),
                                      ensure_ascii=False) + "\n")

    def finish(self, summary: Summary) -> None:
        pass
