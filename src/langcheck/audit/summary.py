"""The audit's summary on the terminal: totals, categories, rules, groups and months.

Counts only; no record text ever appears here. Tables are plain enough to paste into an
email when stdout is not a terminal.
"""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from langcheck.audit.aggregate import Aggregate
from langcheck.lexicon import Lexicon

LISTED_PROBLEMS = 10


def _pct(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:.1f}%" if whole else "-"


def _rate(findings: int, words: int) -> str:
    return f"{1000.0 * findings / words:.2f}" if words else "-"


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold", box=box.SIMPLE_HEAD,
                  pad_edge=False)
    for i, col in enumerate(columns):
        table.add_column(col, justify="left" if i == 0 else "right")
    return table


def _cell_row(name: str, cell: list[Any]) -> list[str]:
    records, words, flagged, findings = cell[0], cell[1], cell[2], cell[3]
    return [escape(name), f"{records:,}", f"{flagged:,}", _pct(flagged, records),
            f"{findings:,}", _rate(findings, words)]


def print_summary(agg: Aggregate, console: Console, lexicon: Lexicon, *,
                  group_by: tuple[str, ...] = (), date_field: str | None = None,
                  top: int = 10, pseudonymised: tuple[str, ...] = ()) -> None:
    """Print every table of the summary to `console`."""
    def p(*items: Any) -> None:
        console.print(*items, soft_wrap=True)  # long lines (paths) stay whole

    p(f"[bold]langcheck audit[/bold]: {agg.read:,} records read = {agg.records:,} checked "
      f"+ {agg.failed:,} failed")
    p(f"Words: {agg.words:,}   Records with a finding: {agg.flagged:,} "
      f"({_pct(agg.flagged, agg.records)})   Findings: {agg.findings:,} "
      f"({_rate(agg.findings, agg.words)} per 1,000 words)")
    info = agg.by_severity.get("info", 0)
    sev = agg.by_severity
    p(f"By severity: {sev.get('error', 0):,} error, {sev.get('warning', 0):,} warning; "
      f"{info:,} info (quoted words, not counted above)")
    if pseudonymised:
        p(f"Pseudonymised: {', '.join(pseudonymised)} (salted hashes)")
    p()
    if agg.by_category:
        t = _table("By category", "category", "findings", "records", "per 1,000 words")
        for cat, n, recs in agg.categories_ranked():
            t.add_row(cat, f"{n:,}", f"{recs:,}", _rate(n, agg.words))
        p(t)
        t = _table("Top rules", "rule", "category", "findings", "message")
        t.columns[3].justify = "left"
        t.columns[1].justify = "left"
        for rule_id, n in agg.rules_ranked()[:top]:
            rule = lexicon.by_id.get(rule_id)
            t.add_row(rule_id, rule.category if rule else "", f"{n:,}",
                      escape(rule.message) if rule else "")
        p(t)
    for name in group_by:
        t = _table(f"By {name}", escape(name), "records", "with a finding", "%", "findings",
                   "per 1,000 words")
        for value, cell in agg.groups_ranked(name):
            t.add_row(*_cell_row(value, cell))
        p(t)
    if date_field:
        t = _table(f"By month ({escape(date_field)})", "month", "records", "with a finding",
                   "%", "findings", "per 1,000 words")
        for month, cell in agg.months_sorted():
            t.add_row(*_cell_row(month, cell))
        p(t)
    if agg.failed:
        p(f"[bold red]Input problems: {agg.failed:,}[/bold red] (file, row, reason)")
        for path, row, unit, reason in agg.errors[:LISTED_PROBLEMS]:
            where = path if row is None else f"{path}:{unit} {row}"
            p(f"  {escape(where)}: {escape(reason)}")
        if agg.failed > LISTED_PROBLEMS:
            p(f"  ... and {agg.failed - LISTED_PROBLEMS:,} more (all are in --findings)")
    for path, notice in agg.notices[:LISTED_PROBLEMS]:
        p(f"[yellow]Notice[/yellow]: {escape(path)}: {escape(notice)}")
