"""What one worker does with one work unit: read, check, count, and list the findings.

A worker builds its own Checker once, behind the audit's stricter gate (gate.py). spaCy is
imported by the Checker only when a record gets past the gate, so a worker whose records
are all clean never pays for it. The
result of a unit is small: an `Aggregate` of counts and one row per finding (no record
text unless `--snippets`).
"""

from __future__ import annotations

import signal
from dataclasses import dataclass, field
from typing import Any

from langcheck.audit.aggregate import Aggregate
from langcheck.audit.dates import month_of
from langcheck.audit.settings import AuditSettings
from langcheck.audit.units import JsonlRange, RecordBatch, Unit
from langcheck.checker import Checker
from langcheck.errors import InputError
from langcheck.gate import Gate, GatedFirstStage
from langcheck.sources import Record, parse_jsonl_line

Row = dict[str, Any]


@dataclass
class UnitResult:
    """Counts and output rows of one unit, in record order."""

    aggregate: Aggregate
    rows: list[Row] = field(default_factory=list)
    nbytes: int = 0


class Worker:
    """A Checker and the audit settings, reused for every unit a process handles."""

    def __init__(self, settings: AuditSettings) -> None:
        self.settings = settings
        self.checker = Checker(select=list(settings.select) or None,
                               ignore=list(settings.ignore) or None,
                               extend_lexicon=settings.extend_lexicon,
                               strict_gate=False)  # the audit's own gate comes first
        # the stricter gate answers most records before the Checker is called, and limits
        # spaCy to the sentences where a pattern could match (see gate.py)
        self.gate = Gate(self.checker.lexicon)
        self.stage = GatedFirstStage(self.checker.stage1, self.gate)
        self.checker.stage1 = self.stage  # type: ignore[assignment]
        self._sentences = self.stage.remember
        self._word_count = self.stage.word_count
        self._check = self.checker.check
        self._group_by = settings.group_by
        self._date_field = settings.date_field
        self._label = settings.pseudonymiser.label
        self._code = settings.pseudonymiser.code
        self._id_coded = settings.id_coded
        self._columns = {name: settings.column_of(name) for name in
                         (*settings.group_by, *([settings.date_field]
                                                if settings.date_field else []))}

    def run(self, unit: Unit) -> UnitResult:
        result = UnitResult(Aggregate(), nbytes=unit.nbytes)
        if isinstance(unit, JsonlRange):
            self._run_range(unit, result)
        else:
            self._run_batch(unit, result)
        return result

    def _run_range(self, unit: JsonlRange, result: UnitResult) -> None:
        with open(unit.path, "rb") as fh:
            fh.seek(unit.start)
            data = fh.read(unit.end - unit.start)
        options = self.settings.read
        lineno = unit.first_line
        for raw in data.split(b"\n"):
            for item in parse_jsonl_line(raw, unit.display, lineno, options):
                if isinstance(item, InputError):
                    self._error(result, item.path, item.row, item.unit, item.reason)
                else:
                    self._record(item, result)
            lineno += 1

    def _run_batch(self, unit: RecordBatch, result: UnitResult) -> None:
        for item in unit.items:
            if isinstance(item, Record):
                self._record(item, result)
            else:
                self._error(result, *item)

    def _error(self, result: UnitResult, path: str, row: int | None, unit: str,
               reason: str) -> None:
        result.aggregate.add_error(path, row, unit, reason)
        result.rows.append({"kind": "error", "path": path, "row": row, "unit": unit,
                            "reason": reason})

    def _record(self, record: Record, result: UnitResult) -> None:
        text = record.text
        findings = self._check(text) if self._sentences(text) else []
        meta = record.meta
        groups = [(g, self._label(g, meta.get(g))) for g in self._group_by]
        date_value = meta.get(self._date_field) if self._date_field else None
        month = month_of(date_value) if self._date_field else None
        result.aggregate.add_record(self._word_count(text), findings, groups, month)
        if record.notice:
            result.aggregate.add_notice(record.path, record.notice)
            result.rows.append({"kind": "notice", "path": record.path, "row": record.row,
                                "reason": record.notice})
        if not findings:
            return
        rid = record.id
        if rid is not None and self._id_coded:
            rid = self._code(rid)
        extra: dict[str, Any] = {self._columns[g]: v for g, v in groups}
        if self._date_field:
            extra[self._columns[self._date_field]] = (
                None if date_value in (None, "") else str(date_value))
        snippets = self.settings.snippets
        for f in findings:
            row: Row = {"kind": "finding", "path": record.path, "record": rid,
                        "row": record.row, "rule": f.rule, "category": f.category,
                        "severity": f.severity, "start": f.start, "end": f.end,
                        "line": f.line, "column": f.column, **extra}
            if snippets:
                row["text"] = f.text
            result.rows.append(row)


_WORKER: Worker | None = None
_SETTINGS: AuditSettings | None = None


def init_worker(settings: AuditSettings, ignore_sigint: bool = True) -> None:
    """Pool initializer: remember the settings; Ctrl-C is left to the parent.

    The Worker (lexicon, Checker, gate) is built on the first unit, so that a bad rule
    selection raises in `run_unit`, where the parent sees it, not in the initializer,
    where a pool would restart the process for ever.
    """
    global _WORKER, _SETTINGS
    if ignore_sigint:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER, _SETTINGS = None, settings


def run_unit(unit: Unit) -> UnitResult:
    """Process one unit in this process's Worker (see init_worker)."""
    global _WORKER
    if _WORKER is None:
        assert _SETTINGS is not None, "init_worker was not called"
        _WORKER = Worker(_SETTINGS)
    return _WORKER.run(unit)
