"""Options several commands share, declared once so their names and help stay the same."""

from __future__ import annotations

import sys
from enum import Enum

import typer


class FailOn(str, Enum):
    """Lowest severity that makes the exit code 1."""

    error = "error"
    warning = "warning"
    info = "info"


def error_line(message: str) -> None:
    """One-line error on stderr."""
    sys.stderr.write(f"langcheck: error: {message}\n")


def split_values(values: list[str] | None) -> list[str]:
    """Repeatable options also accept comma-separated values (`--select BR,IC`); order kept,
    repeats dropped."""
    out: list[str] = []
    for v in values or []:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return list(dict.fromkeys(out))

SELECT = typer.Option(None, "--select",
                      help="Only these rule ids, prefixes or categories (comma-separated).")
IGNORE = typer.Option(None, "--ignore",
                      help="Skip these rule ids, prefixes or categories (comma-separated).")
CONFIG = typer.Option(None, "--config",
                      help="Use this configuration file instead of searching for "
                      "langcheck.toml / pyproject.toml.")
PATHS = typer.Argument(..., help="Files, directories, or - for stdin.")
TEXT_FIELD = typer.Option("text", "--text-field",
                          help="CSV/XLSX column or JSON key holding the record text.")
ID_FIELD = typer.Option(None, "--id-field",
                        help="CSV/XLSX column or JSON key holding the record id.")
