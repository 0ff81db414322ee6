"""Counts of an audit, small enough to merge from every worker and keep for any corpus size.

Only counts are kept (never a record's text or a list of records), so memory stays flat
whether an audit reads 20,000 records or 2 million. Each worker fills one `Aggregate` per
work unit and the parent merges them in input order, which makes every total, and the order
in which groups and months are first seen, the same whatever the number of workers.

A "finding" in the rates is one at `error` or `warning`: the recorder's own language.
`info` findings (the same words quoted from someone else) are counted apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from langcheck.finding import Finding

#: errors and notices kept for the summary and the report; all of them go to --findings
MAX_LISTED = 200

COUNTED = ("error", "warning")


def _cell() -> list[Any]:
    """records, words, records with a finding, findings, findings by category."""
    return [0, 0, 0, 0, {}]


def _add_cell(cell: list[Any], words: int, flagged: int, counted: int,
              cats: dict[str, int]) -> None:
    cell[0] += 1
    cell[1] += words
    cell[2] += flagged
    cell[3] += counted
    by_cat = cell[4]
    for cat, n in cats.items():
        by_cat[cat] = by_cat.get(cat, 0) + n


def _merge_cell(into: list[Any], other: list[Any]) -> None:
    for i in range(4):
        into[i] += other[i]
    by_cat = into[4]
    for cat, n in other[4].items():
        by_cat[cat] = by_cat.get(cat, 0) + n


@dataclass
class Aggregate:
    """Totals by category, rule, group value and month, plus the input problems met."""

    records: int = 0  # records checked
    failed: int = 0  # inputs (files or rows) that could not be read
    words: int = 0
    flagged: int = 0  # records with at least one counted finding
    findings: int = 0  # counted findings (error + warning)
    by_severity: dict[str, int] = field(default_factory=dict)
    by_category: dict[str, list[int]] = field(default_factory=dict)  # findings, records
    by_rule: dict[str, int] = field(default_factory=dict)
    groups: dict[str, dict[str, list[Any]]] = field(default_factory=dict)
    months: dict[str, list[Any]] = field(default_factory=dict)
    errors: list[tuple[str, int | None, str, str]] = field(default_factory=list)
    notices: list[tuple[str, str]] = field(default_factory=list)

    @property
    def read(self) -> int:
        """Records read = records checked + records (or files) that failed."""
        return self.records + self.failed

    def add_record(self, words: int, findings: Iterable[Finding],
                   groups: Iterable[tuple[str, str]] = (), month: str | None = None) -> None:
        """Count one checked record."""
        self.records += 1
        self.words += words
        cats: dict[str, int] = {}
        counted = 0
        for f in findings:
            self.by_severity[f.severity] = self.by_severity.get(f.severity, 0) + 1
            if f.severity not in COUNTED:
                continue
            counted += 1
            cats[f.category] = cats.get(f.category, 0) + 1
            self.by_rule[f.rule] = self.by_rule.get(f.rule, 0) + 1
        flagged = 1 if counted else 0
        self.flagged += flagged
        self.findings += counted
        for cat, n in cats.items():
            entry = self.by_category.get(cat)
            if entry is None:
                entry = self.by_category[cat] = [0, 0]
            entry[0] += n
            entry[1] += 1
        for name, value in groups:
            by_value = self.groups.setdefault(name, {})
            cell = by_value.get(value)
            if cell is None:
                cell = by_value[value] = _cell()
            _add_cell(cell, words, flagged, counted, cats)
        if month is not None:
            cell = self.months.get(month)
            if cell is None:
                cell = self.months[month] = _cell()
            _add_cell(cell, words, flagged, counted, cats)

    def add_error(self, path: str, row: int | None, unit: str, reason: str) -> None:
        self.failed += 1
        if len(self.errors) < MAX_LISTED:
            self.errors.append((path, row, unit, reason))

    def add_notice(self, path: str, notice: str) -> None:
        if len(self.notices) < MAX_LISTED and (path, notice) not in self.notices:
            self.notices.append((path, notice))

    def merge(self, other: Aggregate) -> None:
        """Add another aggregate's counts (the later work unit goes second)."""
        self.records += other.records
        self.failed += other.failed
        self.words += other.words
        self.flagged += other.flagged
        self.findings += other.findings
        for sev, n in other.by_severity.items():
            self.by_severity[sev] = self.by_severity.get(sev, 0) + n
        for cat, (n, recs) in other.by_category.items():
            entry = self.by_category.setdefault(cat, [0, 0])
            entry[0] += n
            entry[1] += recs
        for rule, n in other.by_rule.items():
            self.by_rule[rule] = self.by_rule.get(rule, 0) + n
        for name, by_value in other.groups.items():
            mine = self.groups.setdefault(name, {})
            for value, cell in by_value.items():
                _merge_cell(mine.setdefault(value, _cell()), cell)
        for month, cell in other.months.items():
            _merge_cell(self.months.setdefault(month, _cell()), cell)
        for err in other.errors:
            if len(self.errors) < MAX_LISTED:
                self.errors.append(err)
        for path, notice in other.notices:
            self.add_notice(path, notice)

    # --- views ---------------------------------------------------------------------------
    def per_1000_words(self, findings: int | None = None, words: int | None = None) -> float:
        n = self.findings if findings is None else findings
        w = self.words if words is None else words
        return 1000.0 * n / w if w else 0.0

    def flagged_share(self) -> float:
        return 100.0 * self.flagged / self.records if self.records else 0.0

    def categories_ranked(self) -> list[tuple[str, int, int]]:
        """(category, findings, records) most findings first, then by name."""
        return sorted(((c, n, r) for c, (n, r) in self.by_category.items()),
                      key=lambda x: (-x[1], x[0]))

    def rules_ranked(self) -> list[tuple[str, int]]:
        return sorted(self.by_rule.items(), key=lambda x: (-x[1], x[0]))

    def groups_ranked(self, name: str) -> list[tuple[str, list[Any]]]:
        """Values of one group field, most records first, then by name."""
        return sorted(self.groups.get(name, {}).items(), key=lambda x: (-x[1][0], x[0]))

    def months_sorted(self) -> list[tuple[str, list[Any]]]:
        """Months in calendar order; records without a readable date come last."""
        return sorted(self.months.items(), key=lambda x: (x[0].startswith("("), x[0]))

    def to_dict(self) -> dict[str, Any]:
        """Plain data (for the HTML report and for tests)."""
        def cell(c: list[Any]) -> dict[str, Any]:
            return {"records": c[0], "words": c[1], "flagged": c[2], "findings": c[3],
                    "by_category": dict(sorted(c[4].items()))}

        return {
            "records_read": self.read,
            "records_checked": self.records,
            "records_failed": self.failed,
            "words": self.words,
            "records_with_finding": self.flagged,
            "findings": self.findings,
            "by_severity": dict(sorted(self.by_severity.items())),
            "by_category": {c: {"findings": n, "records": r}
                            for c, n, r in self.categories_ranked()},
            "by_rule": dict(self.rules_ranked()),
            "groups": {name: {v: cell(c) for v, c in self.groups_ranked(name)}
                       for name in sorted(self.groups)},
            "months": {m: cell(c) for m, c in self.months_sorted()},
            "errors": [list(e) for e in self.errors],
            "notices": [list(n) for n in self.notices],
        }
