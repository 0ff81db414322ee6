"""Options several commands share, declared once so their names and help stay the same."""

from __future__ import annotations

import typer

SELECT = typer.Option(None, "--select",
                      help="Only these rule ids, prefixes or categories (comma-separated).")
IGNORE = typer.Option(None, "--ignore",
                      help="Skip these rule ids, prefixes or categories (comma-separated).")
CONFIG = typer.Option(None, "--config",
                      help="Use this configuration file instead of searching for "
                      "langcheck.toml / pyproject.toml.")
