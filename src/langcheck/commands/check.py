"""`langcheck check PATH... | -`: check files, directories, records or stdin."""

from __future__ import annotations

import sys
from enum import Enum

import typer

from langcheck.errors import InputError, LangcheckError
from langcheck.lexicon import SEVERITY_RANK


class Format(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


def error_line(message: str) -> None:
    """One-line error on stderr."""
    sys.stderr.write(f"langcheck: error: {message}\n")


def _split(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for v in values or []:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


def check(
    paths: list[str] = typer.Argument(..., help="Files, directories, or - for stdin."),
    output_format: Format = typer.Option(Format.text, "--format", "--output-format", "-f",
                                         help="Output format."),
    text_field: str = typer.Option("text", "--text-field",
                                   help="CSV column or JSON key holding the record text."),
    id_field: str | None = typer.Option(None, "--id-field",
                                           help="CSV column or JSON key holding the record id."),
    fail_on: FailOn = typer.Option(FailOn.warning, "--fail-on",
                                   help="Exit 1 when a finding is at or above this severity."),
    select: list[str] | None = typer.Option(None, "--select",
                                               help="Only these rule ids, prefixes or "
                                               "categories (comma-separated)."),
    ignore: list[str] | None = typer.Option(None, "--ignore",
                                               help="Skip these rule ids, prefixes or "
                                               "categories (comma-separated)."),
    explain: bool = typer.Option(False, "--explain",
                                 help="Also show candidates the context layer dropped, and why."),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even with findings."),
    color: bool | None = typer.Option(None, "--color/--no-color",
                                         help="Force colour on or off (default: auto)."),
) -> None:
    """Check case records for language that blames or adultifies a child."""
    from langcheck.checker import Checker
    from langcheck.reporters import Summary, get_reporter
    from langcheck.sources import ReadOptions, Record, iter_records

    try:
        checker = Checker(select=_split(select) or None, ignore=_split(ignore) or None)
    except LangcheckError as exc:
        error_line(str(exc))
        raise typer.Exit(2) from None
    options = ReadOptions(text_field=text_field, id_field=id_field)
    fmt = output_format.value
    reporter_options = {"explain": explain}
    if fmt == "text":
        reporter_options["color"] = color
    reporter = get_reporter(fmt, sys.stdout, **reporter_options)
    summary = Summary()
    threshold = SEVERITY_RANK[fail_on.value]
    failing = False
    reporter.start()
    for item in iter_records(paths, options):
        if isinstance(item, InputError):
            summary.failed += 1
            error_line(str(item))
            continue
        assert isinstance(item, Record)
        if item.notice:
            sys.stderr.write(f"langcheck: warning: {item.path}: {item.notice}\n")
        if explain:
            candidates = checker.explain(item.text)
            findings = [c.finding for c in candidates if c.decision != "drop"]
            dropped = [(c.finding, c.cue) for c in candidates if c.decision == "drop"]
        else:
            findings = checker.check(item.text)
            dropped = []
        summary.add(findings)
        failing = failing or any(SEVERITY_RANK[f.severity] >= threshold for f in findings)
        if dropped and fmt == "text":
            reporter.record(item, findings, dropped)  # type: ignore[call-arg]
        else:
            reporter.record(item, findings)
    reporter.finish(summary)
    sys.stdout.flush()
    if summary.failed:
        raise typer.Exit(2)
    if failing and not exit_zero:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("check")(check)
