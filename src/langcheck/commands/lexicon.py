"""`langcheck lexicon ...`: tools for lexicon curators."""

from __future__ import annotations

from pathlib import Path

import typer

from langcheck.commands.check import error_line

lexicon_app = typer.Typer(help="Tools for lexicon curators.", no_args_is_help=True)


@lexicon_app.command("inflections")
def inflections(
    directory: Path | None = typer.Argument(None, help="Lexicon directory "
                                               "(default: the built-in lexicon)."),
) -> None:
    """Regenerate the inflection table (inflections.json) of a lexicon directory."""
    from langcheck.errors import LexiconError
    from langcheck.inflection import TABLE_NAME, write_table
    from langcheck.lexicon import builtin_lexicon_dir, inflected_lemmas

    target = directory or builtin_lexicon_dir()
    try:
        table = write_table(target / TABLE_NAME, inflected_lemmas([target]))
    except LexiconError as exc:
        error_line(str(exc))
        raise typer.Exit(2) from None
    typer.echo(f"wrote {target / TABLE_NAME} ({len(table)} words)")


def register(app: typer.Typer) -> None:
    app.add_typer(lexicon_app, name="lexicon")
