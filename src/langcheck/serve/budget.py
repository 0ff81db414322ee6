"""Checking under a time budget: a pre-save hook must get an answer, even a partial one.

A record system waits for the service before it saves a note, so a request never blocks for
longer than its budget. Work is done in small units (the first-stage scan of a record, then
one spaCy pass per sentence the first stage picked, as `Checker` does) and the clock is read
before each unit; when the budget is spent the findings so far are returned with
`complete: False`. The clock is injectable so tests are deterministic, never timed.

The per-sentence loop mirrors `Checker._run` (first stage on); `tests/test_serve_api.py`
proves that with an unlimited budget the results equal `Checker.check` exactly.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from langcheck.checker import Checker
from langcheck.finding import Finding, LineIndex
from langcheck.recordfacts import record_facts
from langcheck.segment import sentence_of, sentence_spans

Clock = Callable[[], float]


@dataclass
class BudgetResult:
    """Findings per record (in order, only for records that were started) and completeness."""

    findings: list[list[Finding]]
    checked: int  # records checked in full
    complete: bool


class _Deadline:
    def __init__(self, budget_s: float, clock: Clock) -> None:
        self.clock = clock
        self.at = clock() + budget_s

    def spent(self) -> bool:
        return self.clock() >= self.at


def check_record(checker: Checker, text: str, deadline: _Deadline) -> tuple[list[Finding], bool]:
    """Findings in one record and whether the whole record was checked before the deadline."""
    if deadline.spent():
        return [], False
    if not checker.first_stage:  # one unit: the whole record
        return checker.check(text), True
    hits = checker.stage1.hits(text)
    if not hits:
        return [], True
    facts = record_facts(text)
    spans = sentence_spans(text)
    chosen = sorted({i for i in (sentence_of(spans, h[0]) for h in hits) if i >= 0})
    from langcheck.component import RECORD_KEY

    component = checker.component
    make_doc = checker.nlp.make_doc
    lines = LineIndex(text)
    out: list[Finding] = []
    complete = True
    for n, i in enumerate(chosen):
        if n and deadline.spent():
            complete = False
            break
        start, end = spans[i]
        doc = make_doc(text[start:end])
        doc.user_data[RECORD_KEY] = (facts, start)
        component(doc)
        for span in doc.spans.get("langcheck", []):
            out.append(checker._candidate(span, start, text, lines, None).finding)
    out.sort(key=lambda f: (f.start, f.end, f.rule))
    return out, complete


def check_within(checker: Checker, texts: Sequence[str], budget_s: float,
                 clock: Clock = time.perf_counter) -> BudgetResult:
    """Check `texts` in order until done or until `budget_s` seconds have passed."""
    deadline = _Deadline(budget_s, clock)
    results: list[list[Finding]] = []
    checked = 0
    for text in texts:
        findings, whole = check_record(checker, text, deadline)
        results.append(findings)
        if not whole:
            return BudgetResult(results, checked, False)
        checked += 1
    return BudgetResult(results, checked, True)
