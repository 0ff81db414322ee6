"""The `langcheck` command line (typer). Each command lives in `langcheck.commands`.

Heavy imports (spaCy, the lexicon) happen inside the commands, so `langcheck check -` on a
clean note returns before spaCy is ever imported.
"""

from __future__ import annotations

import typer

from langcheck import __version__

app = typer.Typer(
    name="langcheck",
    help="Flags victim-blaming and consent-implying language in children's case records "
    "and suggests wording from the published appropriate-language guidance.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"langcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Show the version and exit."),
) -> None:
    """langcheck: appropriate language in safeguarding records."""


from langcheck.commands import audit as _audit  # noqa: E402
from langcheck.commands import check as _check  # noqa: E402
from langcheck.commands import config as _config  # noqa: E402
from langcheck.commands import lexicon as _lexicon  # noqa: E402
from langcheck.commands import rules as _rules  # noqa: E402
from langcheck.commands import serve as _serve  # noqa: E402
from langcheck.commands import train as _train  # noqa: E402

_check.register(app)
_audit.register(app)
_config.register(app)
_rules.register(app)
_lexicon.register(app)
_serve.register(app)
_train.register(app)


def main() -> None:
    """Console-script entry point."""
    app()
