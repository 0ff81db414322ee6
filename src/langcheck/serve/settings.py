"""The project configuration (`[tool.langcheck]`, `langcheck.toml`), applied to the service.

The service reads the configuration the CLI would read for a note checked on stdin in the
folder it was started from (or the file given with `--config`), and merges it the same way:
`--select` replaces the configured `select`, `--ignore` adds to the configured `ignore`,
`severity` and `extend-lexicon` come from the file. Selectors for the suppression meta-rules
(LC...) are left out: the service reports lexicon findings only.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from langcheck.serve.limits import Settings


def _is_meta(selector: str) -> bool:
    try:
        from langcheck.suppress import META_RULES
    except ImportError:  # pragma: no cover - suppressions not installed
        return False
    return len(selector) >= 2 and any(r.startswith(selector.upper()) for r in META_RULES)


def apply_project_config(settings: Settings, config_file: Path | None = None,
                         start: Path | None = None) -> Settings:
    """`settings` merged with the configuration found from `start` (default: the cwd)."""
    from langcheck import config

    settings = dataclasses.replace(settings,
                                   select=[s for s in settings.select if not _is_meta(s)],
                                   ignore=[s for s in settings.ignore if not _is_meta(s)])
    if config_file is not None:
        cfg = config.load(config_file)
    else:
        found = config.find(start or Path.cwd())
        if found is None:
            return settings
        cfg = config.load(found)
    configured = [s for s in cfg.select or [] if not _is_meta(s)]
    select = settings.select or configured
    ignore = [*(s for s in cfg.ignore if not _is_meta(s)), *settings.ignore]
    if not settings.select and cfg.select and not configured:
        ignore.append("ALL")  # only meta-rules were selected: no lexicon rule is
    return dataclasses.replace(
        settings,
        select=select,
        ignore=ignore,
        severity={**cfg.severity, **settings.severity},
        extend_lexicon=[*(str(p) for p in cfg.extend_lexicon), *settings.extend_lexicon],
        config_path=str(cfg.path) if cfg.path else None,
    )
