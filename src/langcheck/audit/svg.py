"""Small inline SVG charts for the HTML report (no script, no network, no library).

Charts are drawn when the report is written, so the file shows the same picture in any
browser, in a mail client's preview or printed, with scripts off. Every chart has class
`chart`, bars class `bar`, lines class `line`, and a <title> on each mark for hover text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif"'


def _num(x: float) -> str:
    """An axis tick: whole numbers as such, others with three significant digits."""
    return f"{x:,.0f}" if x == int(x) else f"{x:.3g}"


def _fmt(value: float, decimals: int) -> str:
    return f"{value:,.{decimals}f}"


def nice_max(value: float) -> float:
    """A round axis maximum at or above `value` (1, 2, 2.5 or 5 times a power of ten)."""
    if value <= 0:
        return 1.0
    exp = math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        top = step * 10 ** exp
        if top >= value * 0.999:
            return float(top)
    return float(10 ** (exp + 1))  # pragma: no cover


def hbar(items: Sequence[tuple[str, float, str]], *, color: str = "#3969AC",
         colors: Sequence[str] | None = None, decimals: int = 0, label_width: int = 230,
         width: int = 760, bar_height: int = 22, title: str = "") -> str:
    """Horizontal bars: (label, value, hover text) each; the largest spans the plot.

    `colors` gives each bar its own colour (else all are `color`).
    """
    if not items:
        return ""
    top = max(v for _, v, _ in items) or 1.0
    plot = width - label_width - 70
    height = len(items) * (bar_height + 6) + 8
    out = [f'<svg class="chart hbar" role="img" aria-label="{escape(title)}" '
           f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" {FONT}>']
    for i, (label, value, tip) in enumerate(items):
        y = 4 + i * (bar_height + 6)
        w = max(1.0, plot * value / top) if value > 0 else 0.0
        out.append(f'<text x="{label_width - 8}" y="{y + bar_height * 0.7:.1f}" font-size="13" '
                   f'text-anchor="end" fill="#222">{escape(label)}</text>')
        if w:
            out.append(f'<rect class="bar" x="{label_width}" y="{y}" width="{w:.1f}" '
                       f'height="{bar_height}" rx="2" fill="{colors[i] if colors else color}">'
                       f'<title>{escape(tip)}</title></rect>')
        out.append(f'<text x="{label_width + w + 6:.1f}" y="{y + bar_height * 0.7:.1f}" '
                   f'font-size="12" fill="#333">{_fmt(value, decimals)}</text>')
    out.append("</svg>")
    return "".join(out)


def stacked_hbar(items: Sequence[tuple[str, Sequence[tuple[str, float, str]], str]], *,
                 colors: dict[str, str], label_width: int = 230, width: int = 760,
                 bar_height: int = 20, decimals: int = 2, title: str = "") -> str:
    """Stacked horizontal bars: (label, [(series, value, hover)], note after the bar)."""
    if not items:
        return ""
    totals = [sum(v for _, v, _ in segs) for _, segs, _ in items]
    top = max(totals) or 1.0
    plot = width - label_width - 250
    height = len(items) * (bar_height + 6) + 8
    out = [f'<svg class="chart stacked" role="img" aria-label="{escape(title)}" '
           f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" {FONT}>']
    for i, ((label, segs, note), total) in enumerate(zip(items, totals, strict=True)):
        y = 4 + i * (bar_height + 6)
        out.append(f'<text x="{label_width - 8}" y="{y + bar_height * 0.72:.1f}" '
                   f'font-size="13" text-anchor="end" fill="#222">{escape(label)}</text>')
        x = float(label_width)
        for series, value, tip in segs:
            if value <= 0:
                continue
            w = plot * value / top
            out.append(f'<rect class="bar" x="{x:.1f}" y="{y}" width="{max(w, 0.8):.1f}" '
                       f'height="{bar_height}" fill="{colors.get(series, "#999")}">'
                       f'<title>{escape(tip)}</title></rect>')
            x += w
        out.append(f'<text x="{x + 6:.1f}" y="{y + bar_height * 0.72:.1f}" font-size="12" '
                   f'fill="#333">{_fmt(total, decimals)}  {escape(note)}</text>')
    out.append("</svg>")
    return "".join(out)


def line_chart(x_labels: Sequence[str], series: Sequence[tuple[str, str, Sequence[float | None]]],
               *, width: int = 760, height: int = 260, decimals: int = 2, y_title: str = "",
               title: str = "", compact: bool = False, widths: Sequence[float] = ()) -> str:
    """Lines over months: (name, colour, values) each; None leaves a gap (no records).

    `widths` gives each series its stroke width (default 2)."""
    if not x_labels or not series:
        return ""
    left, right, top_pad, bottom = (44, 28, 14, 26) if compact else (56, 30, 18, 40)
    plot_w = width - left - right
    plot_h = height - top_pad - bottom
    values = [v for _, _, vals in series for v in vals if v is not None]
    y_max = nice_max(max(values) if values else 1.0)
    n = len(x_labels)

    def px(i: int) -> float:
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def py(v: float) -> float:
        return top_pad + plot_h * (1 - v / y_max)

    out = [f'<svg class="chart line-chart" role="img" aria-label="{escape(title)}" '
           f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" {FONT}>']
    ticks = 2 if compact else 4
    for k in range(ticks + 1):
        v = y_max * k / ticks
        y = py(v)
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" '
                   f'stroke="#e3e3e3"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" '
                   f'fill="#555">{_num(round(v, 3))}</text>')
    # month labels, centred under their point, never closer than one label's width
    gap = max(len(label) for label in x_labels) * 6.5 + 10
    step = max(1, math.ceil(gap / (plot_w / max(1, n - 1)))) if n > 1 else 1
    for i, label in enumerate(x_labels):
        if i % step == 0:
            out.append(f'<text x="{px(i):.1f}" y="{height - bottom + 16}" font-size="11" '
                       f'text-anchor="middle" fill="#555">{escape(label)}</text>')
    if y_title and not compact:
        out.append(f'<text x="12" y="{top_pad + plot_h / 2:.1f}" font-size="11" fill="#555" '
                   f'transform="rotate(-90 12 {top_pad + plot_h / 2:.1f})" '
                   f'text-anchor="middle">{escape(y_title)}</text>')
    for k, (name, color, vals) in enumerate(series):
        stroke = widths[k] if k < len(widths) else 2
        segment: list[str] = []
        runs: list[list[str]] = [segment]
        for i, v in enumerate(vals):
            if v is None:
                segment = []
                runs.append(segment)
                continue
            segment.append(f"{px(i):.1f},{py(v):.1f}")
        for run in runs:
            if len(run) > 1:
                out.append(f'<polyline class="line" fill="none" stroke="{color}" '
                           f'stroke-width="{stroke}" points="{" ".join(run)}"><title>'
                           f'{escape(name)}</title></polyline>')
        if (not compact or n <= 24) and stroke >= 2:
            for i, v in enumerate(vals):
                if v is not None:
                    out.append(f'<circle cx="{px(i):.1f}" cy="{py(v):.1f}" r="2.5" '
                               f'fill="{color}"><title>{escape(name)}, {escape(x_labels[i])}: '
                               f'{_fmt(v, decimals)}</title></circle>')
    out.append("</svg>")
    return "".join(out)
