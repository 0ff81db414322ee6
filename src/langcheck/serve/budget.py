"""Checking under a time budget: a pre-save hook must get an answer, even a partial one.

A record system waits for the service before it saves a note, so a request never blocks for
longer than its budget. Work is done in small units (the first-stage scan of a record, then
one spaCy pass per sentence the first stage picked, as `Checker` does) and the clock is read
before each unit; when the budget is spent the findings so far are returned with
`complete: False`. The clock is injectable so tests are deterministic, never timed.

The units are the pieces of `Checker.plan`, run with `Checker.run_piece` as `Checker.check`
runs them; `tests/test_serve_api.py` shows that with an unlimited budget the results equal
`Checker.check` exactly.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from langcheck.checker import Checker
from langcheck.finding import Finding

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
    plan = checker.plan(text)
    if plan is None:
        return [], True
    out: list[Finding] = []
    complete = True
    for n, piece in enumerate(plan.pieces):
        if n and deadline.spent():
            complete = False
            break
        out.extend(c.finding for c in checker.run_piece(plan, piece) if c.decision != "drop")
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
