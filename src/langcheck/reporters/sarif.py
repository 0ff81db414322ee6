"""SARIF 2.1.0 output (code-scanning dashboards, GitHub code scanning, IDE viewers).

Results are streamed as they come; the rule descriptions (only the rules that produced a
result) are written after them, which JSON allows. Columns are Unicode code points, the unit
of `Finding.column`, declared with `columnKind`. A finding in a CSV/JSONL record is located
at the record's row (the JSONL line) with the record id as a logical location, and its
position inside the record text in the result's properties.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from langcheck import __version__
from langcheck.finding import Finding
from langcheck.lexicon import Lexicon
from langcheck.reporters import Summary
from langcheck.sources import Record

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str) -> str:
    """A relative path stays a relative URI reference; an absolute one becomes file://."""
    if path == "-":
        return "stdin"
    p = Path(path)
    if p.is_absolute():
        return p.as_uri()
    return quote(p.as_posix(), safe="/")


class SarifReporter:
    def __init__(self, out: IO[str], lexicon: Lexicon | None = None, **_: Any) -> None:
        self.out = out
        self.lexicon = lexicon
        self.rules: dict[str, dict[str, Any]] = {}
        self.first = True

    def start(self) -> None:
        self.out.write('{\n  "$schema": ' + json.dumps(SCHEMA) + ',\n  "version": "2.1.0",\n'
                       '  "runs": [\n    {\n      "columnKind": "unicodeCodePoints",\n'
                       '      "results": [')

    def _rule_index(self, f: Finding) -> int:
        if f.rule not in self.rules:
            self.rules[f.rule] = self._describe(f)
        return list(self.rules).index(f.rule)

    def _describe(self, f: Finding) -> dict[str, Any]:
        rule = self.lexicon.get(f.rule) if self.lexicon is not None else None
        if rule is None:
            from langcheck.suppress import META_RULES

            return {"id": f.rule, "shortDescription": {"text": META_RULES.get(f.rule,
                                                                             f.message)},
                    "properties": {"category": f.category}}
        help_text = rule.why
        if rule.suggestions:
            help_text += " Write instead: " + "; ".join(rule.suggestions) + "."
        return {
            "id": rule.id,
            "name": rule.name,
            "shortDescription": {"text": rule.message},
            "fullDescription": {"text": rule.why},
            "help": {"text": help_text},
            "defaultConfiguration": {"level": LEVELS[rule.severity]},
            "properties": {"category": rule.category, "sources": list(rule.sources),
                           "tags": [rule.category]},
        }

    def record(self, record: Record, findings: list[Finding]) -> None:
        for f in findings:
            result: dict[str, Any] = {
                "ruleId": f.rule,
                "ruleIndex": self._rule_index(f),
                "level": LEVELS.get(f.severity, "warning"),
                "message": {"text": f.message},
                "locations": [self._location(record, f)],
                "properties": {"category": f.category, "severity": f.severity,
                               "text": f.text, "suggestions": list(f.suggestions)},
            }
            if record.id is not None:
                result["properties"].update(record=record.id, recordLine=f.line,
                                            recordColumn=f.column)
            elif self.lexicon is not None:
                fix = self._fix(record, f, result["locations"][0]["physicalLocation"])
                if fix:
                    result["fixes"] = [fix]
            self.out.write("\n        " if self.first else ",\n        ")
            self.out.write(json.dumps(result, ensure_ascii=False))
            self.first = False

    def _fix(self, record: Record, f: Finding, physical: dict[str, Any]) -> dict[str, Any]:
        """The safe fix (`--fix`) as a SARIF fix object, for viewers that can apply it."""
        from langcheck.fix import safe_fix

        assert self.lexicon is not None
        new = safe_fix(f, self.lexicon)
        if new is None:
            return {}
        region = {k: v for k, v in physical["region"].items() if k != "snippet"}
        return {
            "description": {"text": f"Replace {f.text!r} with {new!r}."},
            "artifactChanges": [{
                "artifactLocation": dict(physical["artifactLocation"]),
                "replacements": [{"deletedRegion": region, "insertedContent": {"text": new}}],
            }],
        }

    @staticmethod
    def _location(record: Record, f: Finding) -> dict[str, Any]:
        physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(record.path)}}
        if record.id is None:
            lines = f.text.splitlines() or [""]
            end_line = f.line + len(lines) - 1
            end_col = (f.column + len(f.text)) if len(lines) == 1 else len(lines[-1]) + 1
            physical["region"] = {"startLine": f.line, "startColumn": f.column,
                                  "endLine": end_line, "endColumn": end_col,
                                  "snippet": {"text": f.text}}
            return {"physicalLocation": physical}
        physical["region"] = {"startLine": max(record.row or 1, 1)}
        return {"physicalLocation": physical,
                "logicalLocations": [{"name": record.id, "kind": "object"}]}

    def finish(self, summary: Summary) -> None:
        tool = {"driver": {"name": "langcheck", "version": __version__,
                           "rules": list(self.rules.values())}}
        self.out.write("\n      ],\n" if not self.first else "],\n")
        self.out.write('      "tool": ' + json.dumps(tool, ensure_ascii=False))
        self.out.write("\n    }\n  ]\n}\n")
