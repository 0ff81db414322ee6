"""`langcheck check PATH... | -`: check files, directories, records or stdin.

The settings for each file come from the nearest configuration (config.py) merged with the
command line: `--select` replaces the configured `select`, `--ignore` adds to the configured
`ignore`, `--fail-on` replaces `fail-on`. Suppressions (suppress.py) are applied after the
check; fixes (fix.py) only when asked for with `--diff`, `--fix` or `--interactive`.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from langcheck.commands import options
from langcheck.commands.options import FailOn, error_line, split_values
from langcheck.errors import InputError, LangcheckError
from langcheck.lexicon import SEVERITY_RANK

if TYPE_CHECKING:  # pragma: no cover
    from langcheck.checker import Checker
    from langcheck.config import Config
    from langcheck.finding import Finding
    from langcheck.sources import Record
    from langcheck.suppress import SuppressionList


class Format(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    sarif = "sarif"
    github = "github"


def warning_line(message: str) -> None:
    sys.stderr.write(f"langcheck: warning: {message}\n")



def _is_meta_selector(sel: str) -> bool:
    from langcheck.suppress import META_RULES

    return any(rule.startswith(sel.upper()) for rule in META_RULES) and len(sel) >= 2


@dataclass
class Setup:
    """A Checker and the settings that go with one configuration."""

    config: Config
    checker: Checker
    known: set[str]
    threshold: int
    meta: set[str] = field(default_factory=set)


#: Checkers built in this process, by what they were built from: the CLI invoked in-process
#: (tests, a notebook, the service) does not rebuild the spaCy pipeline for every call
_CHECKERS: dict[tuple[Any, ...], Checker] = {}


def _file_key(path: Path) -> tuple[str, int, int]:
    st = path.stat()
    return str(path), st.st_mtime_ns, st.st_size


def build_setup(cfg: Config, cli_select: list[str], cli_ignore: list[str],
                cli_fail_on: str | None) -> Setup:
    """Merge a configuration with the command line and build its Checker.

    Raises LangcheckError with a message naming the configuration file where it is to blame.
    """
    from langcheck.checker import Checker, filter_lexicon
    from langcheck.lexicon import default_lexicon, load_lexicon
    from langcheck.suppress import META_RULES

    lexicon = load_lexicon(None, cfg.extend_lexicon) if cfg.extend_lexicon else default_lexicon()
    if cfg.path is not None:
        try:
            filter_lexicon(lexicon, [s for s in cfg.select or [] if not _is_meta_selector(s)],
                           [s for s in cfg.ignore if not _is_meta_selector(s)], cfg.severity)
        except LangcheckError as exc:
            raise LangcheckError(f"{cfg.path}: {exc}") from None
    select = cli_select or cfg.select or []
    ignore = [*cfg.ignore, *cli_ignore]

    def hits(rule: str, sel: str) -> bool:
        return sel.upper() == "ALL" or (_is_meta_selector(sel) and rule.startswith(sel.upper()))

    meta = {m for m in META_RULES
            if (not select or any(hits(m, s) for s in select))
            and not any(hits(m, s) for s in ignore)}
    lex_select = [s for s in select if not _is_meta_selector(s)]
    lex_ignore = [s for s in ignore if not _is_meta_selector(s)]
    if select and not lex_select:
        lex_ignore.append("ALL")  # only LC rules were selected
    key = (tuple(_file_key(p) for p in cfg.extend_lexicon), tuple(lex_select),
           tuple(lex_ignore), tuple(sorted(cfg.severity.items())))
    checker = _CHECKERS.get(key)
    if checker is None:
        checker = Checker(lexicon, select=lex_select or None, ignore=lex_ignore or None,
                          severity=cfg.severity or None)
        if len(_CHECKERS) >= 8:
            _CHECKERS.pop(next(iter(_CHECKERS)))
        _CHECKERS[key] = checker
    threshold = SEVERITY_RANK[cli_fail_on or cfg.fail_on]
    return Setup(cfg, checker, set(lexicon.by_id), threshold, meta)


@dataclass
class Outcome:
    """What checking one record produced."""

    findings: list[Finding]
    dropped: list[tuple[Finding, str]]
    suppressed: int


def process(record: Record, text: str, setup: Setup, *, explain: bool, no_ignore: bool,
            supp_list: SuppressionList | None) -> Outcome:
    """Check `text` (a record's text, or its fixed version) and apply suppressions."""
    from langcheck import suppress

    masked, directives = suppress.scan(text)
    checker = setup.checker
    if explain:
        candidates = checker.explain(masked)
        findings = [c.finding for c in candidates if c.decision != "drop"]
        dropped = [(c.finding, c.cue) for c in candidates if c.decision == "drop"]
    else:
        findings = checker.check(masked)
        dropped = []
    findings, suppressed, problems = suppress.apply(
        findings, directives, text, enabled=checker.lexicon.by_id, known=setup.known,
        no_ignore=no_ignore)
    if supp_list is not None:
        findings, more = supp_list.apply(record.path, record.id, findings, no_ignore)
        suppressed += more
    problems = [p for p in problems if p.rule in setup.meta]
    if problems:
        findings = sorted([*findings, *problems], key=lambda f: (f.start, f.end, f.rule))
    return Outcome(findings, dropped, suppressed)


def check(
    paths: list[str] = options.PATHS,
    output_format: Format = typer.Option(Format.text, "--format", "--output-format", "-f",
                                         help="Output format."),
    text_field: str = options.TEXT_FIELD,
    id_field: str | None = options.ID_FIELD,
    fail_on: FailOn | None = typer.Option(None, "--fail-on",
                                             help="Exit 1 when a finding is at or above this "
                                             "severity (default: from config, else warning)."),
    select: list[str] | None = options.SELECT,
    ignore: list[str] | None = options.IGNORE,
    explain: bool = typer.Option(False, "--explain",
                                 help="Also show candidates the context layer dropped, and why."),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even with findings."),
    color: bool | None = typer.Option(None, "--color/--no-color",
                                         help="Force colour on or off (default: auto)."),
    config: Path | None = options.CONFIG,
    statistics: bool = typer.Option(False, "--statistics",
                                    help="Show counts per rule instead of the findings."),
    diff: bool = typer.Option(False, "--diff",
                              help="Print the safe fixes as a unified diff; change nothing."),
    fix: bool = typer.Option(False, "--fix",
                             help="Apply the safe fixes (rules with a `fix` in the lexicon) "
                             "to text files; stdin: write the fixed text to stdout."),
    interactive: bool = typer.Option(False, "--interactive", "-i",
                                     help="Walk through each finding: accept a suggestion, "
                                     "skip, or type your own words."),
    no_ignore: bool = typer.Option(False, "--no-ignore",
                                   help="Disregard suppressions: report what they hide."),
    suppressions: Path | None = typer.Option(None, "--suppressions",
                                                help="CSV of suppressions for records: "
                                                "record,rule,reason[,path]."),
) -> None:
    """Check case records for language that blames or adultifies a child."""
    from langcheck.config import ConfigError, Resolver
    from langcheck.reporters import Summary, get_reporter, write_statistics
    from langcheck.sources import ReadOptions, iter_records
    from langcheck.suppress import SuppressionList

    if sum((diff, fix, interactive)) > 1:
        error_line("use only one of --diff, --fix and --interactive")
        raise typer.Exit(2)
    if interactive and "-" in paths:
        error_line("--interactive needs files to edit; standard input is the text itself "
                   "(use --fix or --diff with -)")
        raise typer.Exit(2)
    try:
        resolver = Resolver(config)
    except ConfigError as exc:
        error_line(str(exc))
        raise typer.Exit(2) from None
    cli_select, cli_ignore = split_values(select), split_values(ignore)
    cli_fail_on = fail_on.value if fail_on else None
    setups: dict[int, Setup] = {}
    broken: set[int] = set()
    summary = Summary()

    by_path: dict[str, Setup | None] = {}
    reported: set[str] = set()

    def setup_for(path: str) -> Setup | None:
        """The Setup for a path (cached per path: a CSV yields many records of one path)."""
        if path in by_path:
            return by_path[path]
        setup: Setup | None = None
        try:
            cfg = resolver.for_path(path)
        except ConfigError as exc:
            if str(exc) not in reported:
                reported.add(str(exc))
                error_line(str(exc))
                summary.failed += 1
        else:
            key = id(cfg)
            if key not in setups and key not in broken:
                try:
                    setups[key] = build_setup(cfg, cli_select, cli_ignore, cli_fail_on)
                except LangcheckError as exc:
                    error_line(str(exc))
                    broken.add(key)
                    summary.failed += 1
            setup = setups.get(key)
        by_path[path] = setup
        return setup

    # fail early (before reading anything) on a bad command line or configuration
    first = setup_for(paths[0] if paths else "-")
    if first is None:
        raise typer.Exit(2)

    supp_list = None
    if suppressions is not None:
        supp_list = SuppressionList(suppressions)
        for err in supp_list.errors:
            error_line(str(err))
            summary.failed += 1

    excluded_cache: dict[str, bool] = {}

    def excluded(path: str) -> bool:
        if path not in excluded_cache:
            try:
                excluded_cache[path] = resolver.for_path(path).is_excluded(path)
            except ConfigError:
                excluded_cache[path] = False  # reported when the file is checked
        return excluded_cache[path]

    targets = [p for p in paths if p == "-" or Path(p).is_dir() or not excluded(p)]
    fmt = output_format.value
    out = sys.stderr if fix and "-" in paths else sys.stdout
    reporter: Any = None
    if not statistics and not diff and not interactive:
        reporter_options: dict[str, Any] = {"explain": explain, "lexicon": first.checker.lexicon}
        if fmt == "text":
            reporter_options["color"] = color
        reporter = get_reporter(fmt, out, **reporter_options)
        reporter.start()

    options = ReadOptions(text_field=text_field, id_field=id_field)
    failing = False
    changed_files = 0
    fixed_total = 0
    refused: set[str] = set()
    stop = False
    for item in iter_records(targets, options):
        if stop:
            break
        if isinstance(item, InputError):
            if excluded(item.path):
                continue
            summary.failed += 1
            error_line(str(item))
            continue
        if item.path != "-" and excluded(item.path):
            continue
        setup = setup_for(item.path)
        if setup is None:
            continue
        if item.notice:
            warning_line(f"{item.path}: {item.notice}")
        if (fix or interactive) and item.id is not None:
            if item.path not in refused:
                refused.add(item.path)
                error_line(f"{item.path}: --fix and --interactive rewrite text files only, "
                           "not CSV/JSONL records (use --diff to see the fixes)")
                summary.failed += 1
            continue
        outcome = process(item, item.text, setup, explain=explain, no_ignore=no_ignore,
                          supp_list=supp_list)
        summary.suppressed += outcome.suppressed
        text = item.text
        if diff or fix or interactive:
            from langcheck import fix as fixing

            lexicon = setup.checker.lexicon
            if interactive:
                edits, stop = _interactive(item, outcome.findings, lexicon)
            else:
                edits = fixing.safe_edits(outcome.findings, lexicon)
            # never edit across a suppression directive (the check saw it blanked out)
            edits = [e for e in edits if text[e.start:e.end] == e.old]
            new_text = fixing.apply_edits(text, edits) if edits else text
            where = item.path if item.id is None else f"{item.path}[{item.id}]"
            if diff:
                if edits:
                    sys.stdout.write(fixing.unified_diff(text, new_text, where))
                    changed_files += 1
                    fixed_total += len(edits)
                summary.add(outcome.findings)
                continue
            if item.path == "-":
                sys.stdout.write(new_text)
            elif edits:
                try:
                    fixing.write_atomic(Path(item.path), new_text)
                except OSError as exc:
                    error_line(f"{item.path}: cannot write the fixed file: "
                               f"{exc.strerror or exc}")
                    summary.failed += 1
                    continue
            for e in edits:
                sys.stderr.write(fixing.describe(e, where) + "\n")
            if edits:
                changed_files += 1
                fixed_total += len(edits)
                text = new_text
                item.text = new_text
                outcome = process(item, text, setup, explain=explain, no_ignore=no_ignore,
                                  supp_list=supp_list)
        summary.add(outcome.findings)
        failing = failing or any(SEVERITY_RANK[f.severity] >= setup.threshold
                                 for f in outcome.findings)
        if reporter is None:
            continue
        if outcome.dropped and fmt == "text":
            reporter.record(item, outcome.findings, outcome.dropped)
        else:
            reporter.record(item, outcome.findings)

    if reporter is not None:
        reporter.finish(summary)
        if fmt == "text" and summary.suppressed:
            n = summary.suppressed
            sys.stderr.write(f"{n} finding{'s' if n != 1 else ''} suppressed "
                             "(--no-ignore shows them).\n")
    if statistics:
        fixable = {r.id for s in setups.values() for r in s.checker.lexicon if r.fix}
        write_statistics(summary, sys.stdout, fmt, fixable)
    if diff:
        sys.stderr.write(f"{fixed_total} safe fix{'es' if fixed_total != 1 else ''} in "
                         f"{changed_files} file{'s' if changed_files != 1 else ''} "
                         "(--fix applies them).\n")
        failing = failing or fixed_total > 0
    elif fix or interactive:
        sys.stderr.write(f"Changed {fixed_total} phrase{'s' if fixed_total != 1 else ''} in "
                         f"{changed_files} file{'s' if changed_files != 1 else ''}.\n")
    if supp_list is not None and not no_ignore:
        for line in supp_list.unused():
            warning_line(line)
    sys.stdout.flush()
    if summary.failed:
        raise typer.Exit(2)
    if failing and not exit_zero:
        raise typer.Exit(1)


def _interactive(record: Record, findings: list[Finding], lexicon: Any) -> tuple[list[Any], bool]:
    """Ask about each finding of one file: (accepted edits, whether the user quit).

    Ctrl-C leaves this file (and every later one) unchanged; `q` or end of input keeps what
    was accepted so far in this file and stops."""
    from rich.console import Console

    from langcheck.fix import choose_edits

    console = Console(highlight=False, emoji=False, soft_wrap=True)
    try:
        return choose_edits(record.path, record.text, findings, lexicon, console)
    except KeyboardInterrupt:
        sys.stderr.write(f"\nlangcheck: interrupted; {record.path} left unchanged.\n")
        raise typer.Exit(130) from None


def register(app: typer.Typer) -> None:
    app.command("check")(check)
