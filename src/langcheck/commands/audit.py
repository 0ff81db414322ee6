"""`langcheck audit PATH...`: count problematic language across many records.

A safeguarding lead runs this over years of exported notes. It prints totals (by category,
rule, group and month) and can write a findings file and a self-contained HTML report. No
record text is written anywhere unless `--snippets` is given.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from langcheck.commands import options
from langcheck.commands.options import FailOn, error_line, split_values
from langcheck.errors import LangcheckError
from langcheck.lexicon import SEVERITY_RANK


def _split(values: list[str] | None) -> tuple[str, ...]:
    return tuple(split_values(values))


def audit(
    paths: list[str] = options.PATHS,
    text_field: str = options.TEXT_FIELD,
    id_field: str | None = options.ID_FIELD,
    date_field: str | None = typer.Option(None, "--date-field",
                                          help="Column or key with the record's date "
                                          "(totals by month)."),
    group_by: list[str] | None = typer.Option(None, "--group-by",
                                              help="Column or key to compare across, e.g. "
                                              "team, author, service (repeatable)."),
    include: list[str] | None = typer.Option(None, "--include",
                                             help="In directories, read only files matching "
                                             "this glob (repeatable)."),
    exclude: list[str] | None = typer.Option(None, "--exclude",
                                             help="In directories, skip files and folders "
                                             "matching this glob (repeatable)."),
    jobs: int | None = typer.Option(None, "--jobs", "-j", min=1,
                                    help="Worker processes (default: all cores)."),
    findings: Path | None = typer.Option(None, "--findings",
                                         help="Write one row per finding to FILE.csv or "
                                         "FILE.jsonl (with the input errors)."),
    html: Path | None = typer.Option(None, "--html", help="Write a self-contained HTML report."),
    snippets: bool = typer.Option(False, "--snippets",
                                  help="Include the flagged words in --findings (otherwise no "
                                  "record text is written anywhere)."),
    pseudonymise: list[str] | None = typer.Option(None, "--pseudonymise", "--pseudonymize",
                                                  help="Replace this --group-by or --id-field "
                                                  "field's values with salted hashes in every "
                                                  "output (repeatable)."),
    salt: str | None = typer.Option(None, "--salt", envvar="LANGCHECK_SALT",
                                    help="Key for --pseudonymise, to get the same codes in "
                                    "several audits (default: a new random key each run)."),
    fail_on: FailOn = typer.Option(FailOn.warning, "--fail-on",
                                   help="Exit 1 when a finding is at or above this severity."),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even with findings."),
    select: list[str] | None = options.SELECT,
    ignore: list[str] | None = options.IGNORE,
    top: int = typer.Option(10, "--top", min=1, help="Rules listed in the summary."),
    progress: bool | None = typer.Option(None, "--progress/--no-progress",
                                         help="Progress bar on stderr (default: when stderr "
                                         "is a terminal)."),
) -> None:
    """Audit many records: totals by category, rule, group and month; findings file; report."""
    from rich.console import Console

    from langcheck.audit import AuditSettings, Pseudonymiser, run_audit
    from langcheck.audit.findings import format_of
    from langcheck.audit.pool import default_jobs
    from langcheck.audit.summary import print_summary
    from langcheck.sources import ReadOptions

    groups = _split(group_by)
    coded = _split(pseudonymise)
    allowed = {*groups, *([id_field] if id_field else [])}
    for name in coded:
        if name not in allowed:
            error_line(f"--pseudonymise {name}: not a --group-by or --id-field field, so it "
                   "would not appear in any output; check the spelling")
            raise typer.Exit(2)
    if findings is not None and format_of(findings) is None:
        error_line(f"--findings {findings}: the name must end in .csv or .jsonl")
        raise typer.Exit(2)
    for out in (findings, html):
        if out is not None and not out.parent.is_dir():
            error_line(f"{out}: no such directory {str(out.parent)!r}")
            raise typer.Exit(2)
    settings = AuditSettings(
        read=ReadOptions(text_field=text_field, id_field=id_field, date_field=date_field,
                         group_by=groups, include=_split(include), exclude=_split(exclude)),
        select=_split(select), ignore=_split(ignore),
        pseudonymiser=Pseudonymiser(coded, salt), snippets=snippets,
    )
    show = sys.stderr.isatty() if progress is None else progress
    try:
        result = run_audit(paths, settings, jobs=jobs or default_jobs(), findings=findings,
                           html=html, progress=show)
    except LangcheckError as exc:
        error_line(str(exc))
        raise typer.Exit(2) from None
    agg = result.aggregate
    # a pipe or a file gets wide tables, so rule messages and group names stay on one line
    console = Console(file=sys.stdout, highlight=False, emoji=False,
                      width=None if sys.stdout.isatty() else 120)
    print_summary(agg, console, result.lexicon, group_by=groups, date_field=date_field,
                  top=top, pseudonymised=coded)
    for path, row, unit, reason in agg.errors:
        where = path if row is None else f"{path}:{unit} {row}"
        error_line(f"{where}: {reason}")
    if findings is not None:
        console.print(f"Findings written to {findings}", soft_wrap=True)
    if html is not None:
        console.print(f"Report written to {html}", soft_wrap=True)
    sys.stdout.flush()
    if agg.failed:
        raise typer.Exit(2)
    threshold = SEVERITY_RANK[fail_on.value]
    if not exit_zero and any(SEVERITY_RANK.get(sev, 0) >= threshold and n
                             for sev, n in agg.by_severity.items()):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("audit")(audit)
