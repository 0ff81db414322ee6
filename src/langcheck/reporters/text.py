"""Human-readable output: location, rule, message, the line with the words underlined,
and what to write instead."""

from __future__ import annotations

from typing import IO, Any

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from langcheck.finding import Finding, LineIndex
from langcheck.reporters import Summary
from langcheck.sources import Record

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan", "drop": "dim"}


def location(record: Record, finding: Finding) -> str:
    where = record.path if record.id is None else f"{record.path}[{record.id}]"
    return f"{where}:{finding.line}:{finding.column}"


class TextReporter:
    """ruff-like findings with a source excerpt; colour only on a terminal."""

    def __init__(self, out: IO[str], color: bool | None = None, explain: bool = False,
                 **_: Any) -> None:
        self.console = Console(file=out, highlight=False, soft_wrap=True,
                               force_terminal=color, no_color=color is False,
                               emoji=False)
        self.explain = explain

    def start(self) -> None:
        pass

    def record(self, record: Record, findings: list[Finding],
               dropped: list[tuple[Finding, str]] | None = None) -> None:
        if not findings and not dropped:
            return
        lines = LineIndex(record.text)
        for f in findings:
            self._one(record, f, lines)
        for f, cue in dropped or []:
            self.console.print(
                f"[dim]{escape(location(record, f))}: {f.rule} not reported "
                f"({escape(cue)}): {escape(repr(f.text))}[/dim]"
            )

    def _one(self, record: Record, f: Finding, lines: LineIndex) -> None:
        style = _STYLE.get(f.severity, "")
        self.console.print(
            f"[bold]{escape(location(record, f))}[/bold]: [{style}]{f.rule}[/{style}] "
            f"[{style}]{f.severity}[/{style}] {escape(f.message)}"
        )
        src = lines.line_text(record.text, f.line).expandtabs(1)
        gutter = str(f.line)
        pad = " " * len(gutter)
        start_col = f.column - 1
        first_line_len = len(f.text.splitlines()[0]) if f.text else 1
        width = max(1, min(first_line_len, len(src) - start_col))
        line = Text(f"{gutter} | ", style="blue")
        line.append(src)
        self.console.print(f"[blue]{pad} |[/blue]")
        self.console.print(line)
        under = Text(f"{pad} | ", style="blue")
        under.append(" " * start_col + "^" * width, style=style)
        self.console.print(under)
        if f.suggestions:
            self.console.print(f"[blue]{pad} =[/blue] [green]instead:[/green] "
                               + escape("; ".join(f.suggestions)))
        if self.explain and f.cue:
            self.console.print(f"[blue]{pad} =[/blue] [dim]why kept: {escape(f.cue)}[/dim]")
        self.console.print()

    def finish(self, summary: Summary) -> None:
        if summary.total == 0:
            self.console.print(f"No findings in {summary.records} record"
                               f"{'s' if summary.records != 1 else ''}.")
            return
        sev = summary.by_severity
        self.console.print(
            f"Found {summary.total} finding{'s' if summary.total != 1 else ''} "
            f"({sev.get('error', 0)} error, {sev.get('warning', 0)} warning, "
            f"{sev.get('info', 0)} info) in {summary.records} record"
            f"{'s' if summary.records != 1 else ''}."
        )
