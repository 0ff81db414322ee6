"""`--html FILE`: one self-contained HTML report of an audit.

Everything is in the one file (styles and inline SVG charts, no script, no font or image
from the network), so it can be mailed, archived with the audit, or opened on a machine with
no internet. It holds counts only: no record text, and group values that were pseudonymised
appear only as codes.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from langcheck import __version__
from langcheck.audit.aggregate import Aggregate
from langcheck.audit.categories import EXPLANATIONS, explain
from langcheck.audit.dates import NO_DATE
from langcheck.audit.svg import hbar, line_chart, stacked_hbar
from langcheck.lexicon import CATEGORIES, Lexicon

# one colour per category, in CATEGORIES order, told apart also by colour-blind readers
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8C564B",
           "#7F3C8D", "#661100", "#332288", "#999933", "#882255", "#5F8D2E"]
MAX_GROUP_VALUES = 30
SMALL_MULTIPLES = 8
TOP_RULES = 15

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1d;
margin:0;background:#f6f6f4}
main{max-width:1000px;margin:0 auto;padding:24px 28px 48px;background:#fff}
h1{font-size:26px;margin:4px 0 4px}h2{font-size:20px;margin:34px 0 8px;
border-bottom:2px solid #e6e6e6;padding-bottom:4px}h3{font-size:15px;margin:18px 0 6px}
p.lead{color:#444;margin:0 0 16px}.muted{color:#666;font-size:13px}
.cards{display:grid;grid-template-columns:repeat(4,1fr);gap:10px;margin:14px 0}
.card{border:1px solid #e2e2e2;border-radius:6px;padding:10px 12px}
.card b{display:block;font-size:22px}.card span{font-size:12px;color:#555}
table{border-collapse:collapse;width:100%;font-size:13px;margin:8px 0}
th,td{border-bottom:1px solid #eee;padding:5px 6px;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;white-space:nowrap}
.swatch{display:inline-block;width:11px;height:11px;border-radius:2px;margin-right:6px;
vertical-align:-1px}
.legend{font-size:12px;margin:4px 0 8px}.legend span{margin-right:14px;white-space:nowrap}
.multiples{display:grid;grid-template-columns:1fr 1fr;gap:4px 18px}
.multiples svg{width:100%;height:auto}svg.chart{max-width:100%;height:auto}
.problems li{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
details{margin:8px 0}summary{cursor:pointer;color:#0b5394}
"""


def category_colors(categories: Sequence[str] = CATEGORIES) -> dict[str, str]:
    colors = {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(CATEGORIES)}
    extra = [c for c in categories if c not in colors]
    for i, c in enumerate(extra):
        colors[c] = PALETTE[(len(CATEGORIES) + i) % len(PALETTE)]
    return colors


def _rate(findings: int, words: int) -> float:
    return 1000.0 * findings / words if words else 0.0


def _pct(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:.1f}%" if whole else "-"


def _card(value: str, label: str) -> str:
    return f'<div class="card"><b>{escape(value)}</b><span>{escape(label)}</span></div>'


def _legend(cats: Sequence[str], colors: dict[str, str]) -> str:
    return '<div class="legend">' + "".join(
        f'<span><i class="swatch" style="background:{colors[c]}"></i>{escape(c)}</span>'
        for c in cats) + "</div>"


def _rolling(months: list[tuple[str, list[Any]]], cat: str | None,
             span: int = 3) -> list[float | None]:
    """Findings per 1,000 words over the last `span` months (words pooled, not averaged)."""
    out: list[float | None] = []
    for i in range(len(months)):
        window = [c for _, c in months[max(0, i - span + 1):i + 1]]
        words = sum(c[1] for c in window)
        found = sum((c[3] if cat is None else c[4].get(cat, 0)) for c in window)
        out.append(_rate(found, words) if words else None)
    return out


def _change(months: list[tuple[str, list[Any]]], cat: str | None, span: int = 12) -> str:
    """First `span` months against the last `span`, in words a reader can quote."""
    if len(months) < 2 * span:
        span = len(months) // 2
    if span < 1:
        return ""

    def rate(cells: list[tuple[str, list[Any]]]) -> float:
        words = sum(c[1] for _, c in cells)
        found = sum((c[3] if cat is None else c[4].get(cat, 0)) for _, c in cells)
        return _rate(found, words)

    first, last = rate(months[:span]), rate(months[-span:])
    trend = ("lower" if last < first * 0.9 else "higher" if last > first * 1.1
             else "about the same")
    return (f"First {span} months {first:.3f}, last {span} months {last:.3f} per 1,000 words: "
            f"{trend}.")


class Report:
    """Builds the page from an aggregate; `render()` returns the HTML text."""

    def __init__(self, agg: Aggregate, lexicon: Lexicon, *, inputs: Sequence[str] = (),
                 group_by: Sequence[str] = (), date_field: str | None = None,
                 pseudonymised: Sequence[str] = ()) -> None:
        self.agg = agg
        self.lexicon = lexicon
        self.inputs = list(inputs)
        self.group_by = list(group_by)
        self.date_field = date_field
        self.pseudonymised = list(pseudonymised)
        self.cats = [c for c, _, _ in agg.categories_ranked()]
        self.colors = category_colors(self.cats)

    def render(self) -> str:
        parts = [self._header(), self._categories(), self._trend(), self._groups(),
                 self._rules(), self._problems(), self._method()]
        body = "\n".join(p for p in parts if p)
        return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                "<title>langcheck audit report</title>"
                f"<style>{CSS}</style></head><body><main>\n{body}\n</main></body></html>\n")

    # --- sections ------------------------------------------------------------------------
    def _header(self) -> str:
        a = self.agg
        info = a.by_severity.get("info", 0)
        names = ", ".join(os.path.basename(p.rstrip("/\\")) or p for p in self.inputs[:6])
        if len(self.inputs) > 6:
            names += f" and {len(self.inputs) - 6} more"
        cards = "".join([
            _card(f"{a.read:,}", "records read"),
            _card(f"{a.records:,}", "records checked"),
            _card(f"{a.failed:,}", "records or files that could not be read"),
            _card(f"{a.words:,}", "words"),
            _card(f"{a.flagged:,} ({_pct(a.flagged, a.records)})", "records with a finding"),
            _card(f"{a.findings:,}", "findings (error + warning)"),
            _card(f"{_rate(a.findings, a.words):.2f}", "findings per 1,000 words"),
            _card(f"{info:,}", "quoted words (info, not counted)"),
        ])
        return (f"<h1>Language in case records: audit report</h1>"
                f'<p class="lead">How often the records use wording that blames a child for '
                f"the abuse they suffer, implies they consented to it, or treats them as an "
                f"adult; of which kinds; in which groups; and whether it is changing.</p>"
                f'<p class="muted">Inputs: {escape(names) or "-"} · generated '
                f"{date.today().isoformat()} by langcheck {escape(__version__)} · "
                f"{len(self.lexicon)} rules</p><div class=\"cards\">{cards}</div>")

    def _categories(self) -> str:
        a = self.agg
        if not a.by_category:
            return ("<h2>Findings by category</h2><p>No finding in any record.</p>"
                    + self._all_categories())
        items = [(c, float(n), f"{c}: {n:,} findings in {r:,} records")
                 for c, n, r in a.categories_ranked()]
        chart = self._category_bars(items)
        rows = "".join(
            f'<tr><td><i class="swatch" style="background:{self.colors[c]}"></i>'
            f"<b>{escape(c)}</b><br><span class=\"muted\">{escape(explain(c))}</span></td>"
            f'<td class="n">{n:,}</td><td class="n">{r:,}</td>'
            f'<td class="n">{_rate(n, a.words):.3f}</td></tr>'
            for c, n, r in a.categories_ranked())
        return ("<h2>Findings by category</h2>"
                "<p>Each finding is a place where the recorder's own words fall into one of "
                "these kinds. What each kind means, and why it matters, is under the chart.</p>"
                f"{chart}<table><tr><th>category and what it means</th><th class=\"n\">"
                "findings</th><th class=\"n\">records</th><th class=\"n\">per 1,000 words"
                f"</th></tr>{rows}</table>{self._all_categories()}")

    def _category_bars(self, items: list[tuple[str, float, str]]) -> str:
        """One chart, each bar in its category's colour."""
        return hbar(items, colors=[self.colors[c] for c, _, _ in items],
                    title="findings by category")

    def _all_categories(self) -> str:
        rows = "".join(f"<tr><td><b>{escape(c)}</b></td><td>{escape(t)}</td></tr>"
                       for c, t in EXPLANATIONS.items())
        return ("<details><summary>Every category the rules cover, explained</summary>"
                f"<table>{rows}</table></details>")

    def _trend(self) -> str:
        if not self.date_field:
            return ""
        months = [(m, c) for m, c in self.agg.months_sorted() if m != NO_DATE]
        undated = self.agg.months.get(NO_DATE)
        note = (f'<p class="muted">{undated[0]:,} records had no readable '
                f"{escape(self.date_field)} and are left out of the trend.</p>"
                if undated else "")
        if not months:
            return f"<h2>Trend by month</h2><p>No record had a readable date.</p>{note}"
        labels = [m for m, _ in months]
        overall = [(_rate(c[3], c[1]) if c[1] else None) for _, c in months]
        records = [float(c[0]) for _, c in months]
        main = line_chart(labels, [("each month", "#b9b9b9", overall),
                                   ("average of 3 months", "#222", _rolling(months, None))],
                          widths=(1.2, 2.6), y_title="per 1,000 words",
                          title="findings per 1,000 words by month")
        change = _change(months, None)
        volume = line_chart(labels, [("records", "#999", records)], height=150, decimals=0,
                            y_title="records", title="records by month")
        multiples = []
        for cat in self.cats[:SMALL_MULTIPLES]:
            vals = [(_rate(c[4].get(cat, 0), c[1]) if c[1] else None) for _, c in months]
            chart = line_chart(labels, [(cat, "#cfcfcf", vals),
                                        (f"{cat}, average of 3 months", self.colors[cat],
                                         _rolling(months, cat))],
                               widths=(1.2, 2.4), width=460, height=150, compact=True,
                               decimals=3, title=f"{cat} by month")
            multiples.append(f"<div><h3>{escape(cat)}</h3>"
                             f'<p class="muted">{escape(_change(months, cat))}</p>{chart}</div>')
        rest = ""
        if len(self.cats) > SMALL_MULTIPLES:
            rest = (f'<p class="muted">{len(self.cats) - SMALL_MULTIPLES} smaller categories '
                    "are in the overall line only.</p>")
        return ("<h2>Trend by month</h2>"
                f"<p>Findings per 1,000 words each month (by {escape(self.date_field)}), so a "
                "busy month does not look worse only because more was written; the dark line "
                f"is the average of three months. <b>{escape(change)}</b></p>"
                f"{main}<h3>Records per month</h3>{volume}"
                "<h3>Each category, per 1,000 words</h3>"
                f'<div class="multiples">{"".join(multiples)}</div>{rest}{note}')

    def _groups(self) -> str:
        if not self.group_by:
            return ""
        out = ["<h2>Comparison across groups</h2><p>Findings per 1,000 words in each group, "
               "split by category. After each bar: findings per 1,000 words, then the share of "
               "the group's records that have a finding, and how many records it has.</p>",
               _legend(self.cats, self.colors)]
        for name in self.group_by:
            ranked = self.agg.groups_ranked(name)
            shown = ranked[:MAX_GROUP_VALUES]
            items = []
            for value, cell in shown:
                segs = [(c, _rate(cell[4].get(c, 0), cell[1]),
                         f"{value}, {c}: {cell[4].get(c, 0):,} findings") for c in self.cats]
                items.append((value, segs, f"· {_pct(cell[2], cell[0])} of {cell[0]:,} records"))
            coded = " (pseudonymised)" if name in self.pseudonymised else ""
            out.append(f"<h3>By {escape(name)}{escape(coded)}</h3>")
            out.append(stacked_hbar(items, colors=self.colors, title=f"by {name}"))
            if len(ranked) > len(shown):
                out.append(f'<p class="muted">The {len(shown)} {escape(name)} values with the '
                           f"most records are shown, of {len(ranked):,}.</p>")
        return "".join(out)

    def _rules(self) -> str:
        ranked = self.agg.rules_ranked()[:TOP_RULES]
        if not ranked:
            return ""
        rows = []
        for rule_id, n in ranked:
            rule = self.lexicon.by_id.get(rule_id)
            cat = rule.category if rule else ""
            color = self.colors.get(cat, "#999")
            msg = rule.message if rule else ""
            rows.append(f'<tr><td><b>{escape(rule_id)}</b></td><td><i class="swatch" '
                        f'style="background:{color}"></i>{escape(cat)}</td>'
                        f'<td class="n">{n:,}</td><td>{escape(msg)}</td></tr>')
        chart = hbar([(r, float(n), f"{r}: {n:,} findings") for r, n in ranked], label_width=90,
                     color="#555", title="top rules")
        return ("<h2>Top rules</h2><p>The rules with the most findings. "
                "<code>langcheck rule ID</code> explains each one, with what to write "
                f"instead.</p>{chart}<table><tr><th>rule</th><th>category</th>"
                f"<th class=\"n\">findings</th><th>what it says</th></tr>{''.join(rows)}</table>")

    def _problems(self) -> str:
        a = self.agg
        if not a.failed and not a.notices:
            return ""
        items = "".join(
            f"<li>{escape(path if row is None else f'{path}:{unit} {row}')}: {escape(reason)}</li>"
            for path, row, unit, reason in a.errors)
        more = (f"<p class=\"muted\">{a.failed - len(a.errors):,} more are listed in the "
                "findings file.</p>" if a.failed > len(a.errors) else "")
        notes = "".join(f"<li>{escape(p)}: {escape(n)}</li>" for p, n in a.notices)
        return ("<h2>Input problems</h2>"
                f"<p>{a.failed:,} records or files could not be read and were not checked "
                f"(records read {a.read:,} = checked {a.records:,} + failed {a.failed:,}).</p>"
                f'<ul class="problems">{items}</ul>{more}'
                + (f'<h3>Notices</h3><ul class="problems">{notes}</ul>' if notes else ""))

    def _method(self) -> str:
        coded = (f" Values of {escape(', '.join(self.pseudonymised))} are shown as salted "
                 "hashes: the same value has the same code within this report."
                 if self.pseudonymised else "")
        return ("<h2>How this report was made</h2><p class=\"muted\">langcheck checked every "
                "record against its rules, offline. A finding counts here when it is at "
                "<i>error</i> or <i>warning</i>: the recorder's own words. The same words "
                "inside quotation marks, recorded as someone else's, are <i>info</i> and are "
                "not counted. Rates are findings per 1,000 words so that groups and months of "
                "different size can be compared. This report holds counts only and no text "
                f"from any record.{coded}</p>")


def write_html(path: Path, agg: Aggregate, lexicon: Lexicon, **options: Any) -> None:
    """Write the report atomically (a temporary file, then a rename)."""
    html = Report(agg, lexicon, **options).render()
    tmp = path.with_name(f".{path.name}.partial")
    tmp.write_text(html, encoding="utf-8")
    os.replace(tmp, path)
