"""`langcheck lexicon ...`: tools for lexicon curators."""

from __future__ import annotations

from pathlib import Path

import typer

from langcheck.commands.options import error_line

lexicon_app = typer.Typer(help="Tools for lexicon curators.", no_args_is_help=True)


def _compile(directory: Path | None) -> None:
    from langcheck.errors import LexiconError
    from langcheck.inflection import TABLE_NAME, write_table
    from langcheck.lexicon import (
        COMPILED_NAME,
        builtin_lexicon_dir,
        inflected_lemmas,
        write_compiled,
    )

    target = directory or builtin_lexicon_dir()
    try:
        table = write_table(target / TABLE_NAME, inflected_lemmas([target]))
        count = write_compiled(target)
    except LexiconError as exc:
        error_line(str(exc))
        raise typer.Exit(2) from None
    typer.echo(f"wrote {target / TABLE_NAME} ({len(table)} words) and "
               f"{target / COMPILED_NAME} ({count} rules)")


@lexicon_app.command("compile")
def compile_lexicon(
    directory: Path | None = typer.Argument(None, help="Lexicon directory "
                                            "(default: the built-in lexicon)."),
) -> None:
    """Regenerate a lexicon directory's inflection table and compiled rules.

    Run it after editing the YAML: `inflections.json` holds every form of every `~word`
    (from lemminflect), `compiled.json` the validated rules and their first-stage anchors,
    which lets a check start without compiling every phrase. A stale `compiled.json` is
    never used (its digest no longer matches), so forgetting costs only start-up time."""
    _compile(directory)


@lexicon_app.command("inflections", hidden=True)
def inflections(
    directory: Path | None = typer.Argument(None, help="Lexicon directory "
                                            "(default: the built-in lexicon)."),
) -> None:
    """Same as `langcheck lexicon compile` (older name)."""
    _compile(directory)


@lexicon_app.command("check")
def check_packs(
    files: list[Path] = typer.Argument(..., help="Local lexicon YAML files (packs)."),
) -> None:
    """Validate local lexicon packs and run their examples.

    Each file is loaded with the built-in lexicon (so its ids must not clash and its
    `<classes>` and `~words` resolve the same way), then every `flag` example must be flagged
    by its rule (error or warning) and no `pass` example may be. Exit 0 when all pass, 1 when
    an example fails, 2 when a file is invalid.
    """
    from langcheck.checker import Checker
    from langcheck.errors import LexiconError
    from langcheck.lexicon import load_lexicon

    invalid = failed = 0
    for path in files:
        try:
            lexicon = load_lexicon(None, extra_files=[path])
        except LexiconError as exc:
            typer.echo(f"{path}: invalid: {exc}")
            invalid += 1
            continue
        resolved = str(path)
        own = [r for r in lexicon if r.path == resolved]
        if not own:
            typer.echo(f"{path}: no rules")
            continue
        checker = Checker(lexicon, select=[r.id for r in own])
        problems: list[str] = []
        total = 0
        for rule in own:
            for example in rule.flag_examples:
                total += 1
                hits = {f.rule for f in checker.check(example) if f.severity != "info"}
                if rule.id not in hits:
                    problems.append(f"  {rule.id} (line {rule.line}): not flagged: {example!r}")
            for example in rule.pass_examples:
                total += 1
                hits = [f for f in checker.check(example)
                        if f.rule == rule.id and f.severity != "info"]
                if hits:
                    problems.append(f"  {rule.id} (line {rule.line}): flagged {hits[0].text!r} "
                                    f"in a pass example: {example!r}")
        status = "ok" if not problems else f"{len(problems)} failed"
        typer.echo(f"{path}: {len(own)} rule{'s' if len(own) != 1 else ''}, {total} examples: "
                   f"{status}")
        for line in problems:
            typer.echo(line)
        failed += bool(problems)
    if invalid:
        raise typer.Exit(2)
    if failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.add_typer(lexicon_app, name="lexicon")
