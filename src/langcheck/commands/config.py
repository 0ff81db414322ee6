"""`langcheck config [PATH]`: the resolved configuration, and where each value came from.

Answers the curator's question "why is this rule (not) running here?" without reading
several files: the nearest langcheck.toml / pyproject.toml for PATH (or `--config FILE`),
each key with its value and its origin (the file, or `default`).
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from langcheck.commands.options import error_line


def config(
    path: Path = typer.Argument(Path("."), help="File or folder to resolve the "
                                               "configuration for (default: here)."),
    config_file: Path | None = typer.Option(None, "--config",
                                               help="Use this configuration file instead."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text."),
) -> None:
    """Show the configuration that applies to PATH and where each value came from."""
    from langcheck.checker import filter_lexicon
    from langcheck.config import KEYS, ConfigError, Resolver
    from langcheck.errors import LangcheckError
    from langcheck.lexicon import default_lexicon, load_lexicon

    try:
        cfg = Resolver(config_file).for_path(path)
        lexicon = (load_lexicon(None, cfg.extend_lexicon) if cfg.extend_lexicon
                   else default_lexicon())
        meta = ("LC",)
        active = filter_lexicon(
            lexicon, [s for s in cfg.select or [] if not s.upper().startswith(meta)],
            [s for s in cfg.ignore if not s.upper().startswith(meta)], cfg.severity)
    except ConfigError as exc:
        error_line(str(exc))
        raise typer.Exit(2) from None
    except LangcheckError as exc:
        error_line(f"{cfg.path}: {exc}" if cfg.path else str(exc))
        raise typer.Exit(2) from None
    values = cfg.as_dict()
    if as_json:
        typer.echo(json.dumps({
            "file": str(cfg.path) if cfg.path else None,
            "settings": {k: {"value": values[k], "from": cfg.origins[k]} for k in KEYS},
            "active_rules": [r.id for r in active],
        }, indent=2))
        return
    typer.echo(f"configuration file: {cfg.path or '(none found; built-in defaults)'}")
    width = max(len(k) for k in KEYS)
    for key in KEYS:
        value = values[key]
        shown = "all rules" if key == "select" and value is None else json.dumps(value)
        typer.echo(f"{key:<{width}} = {shown}    # from {cfg.origins[key]}")
    typer.echo(f"active rules: {len(active)} of {len(lexicon)}")


def register(app: typer.Typer) -> None:
    app.command("config")(config)
