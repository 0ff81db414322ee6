"""Project configuration: `[tool.langcheck]` in pyproject.toml, or a `langcheck.toml`.

A partnership keeps its choices (rules switched off, severities, its own lexicon pack) next to
the documents they apply to, so the configuration is found by walking up from each checked
file, as ruff does: in each folder `langcheck.toml` wins over `pyproject.toml`, and a
pyproject.toml without a `[tool.langcheck]` table is passed over. `--config FILE` replaces the
search. Every value remembers where it came from, for `langcheck config`.

Keys (kebab-case, as in ruff): `select`, `ignore` (rule ids, prefixes or categories),
`severity` (a table: selector -> error|warning|info), `extend-lexicon` (paths of local YAML
packs, relative to the config file), `fail-on`, `exclude` (globs, relative to the config
file's folder; `*` also matches across folders).
"""

from __future__ import annotations

import fnmatch
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from langcheck.errors import LangcheckError
from langcheck.lexicon import SEVERITIES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

CONFIG_NAMES = ("langcheck.toml", "pyproject.toml")
KEYS = ("select", "ignore", "severity", "extend-lexicon", "fail-on", "exclude")
DEFAULT = "default"


class ConfigError(LangcheckError):
    """A malformed configuration file: one line naming the file."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


@dataclass
class Config:
    """The resolved settings for one file, and the origin of each value."""

    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    extend_lexicon: list[Path] = field(default_factory=list)
    fail_on: str = "warning"
    exclude: list[str] = field(default_factory=list)
    path: Path | None = None
    origins: dict[str, str] = field(default_factory=lambda: dict.fromkeys(KEYS, DEFAULT))

    @property
    def root(self) -> Path:
        """The folder that `exclude` globs and `extend-lexicon` paths are relative to."""
        return self.path.parent if self.path else Path.cwd()

    def is_excluded(self, path: str | Path) -> bool:
        """True when `path` matches an `exclude` glob (relative path or file name)."""
        if not self.exclude or str(path) == "-":
            return False
        p = Path(path).resolve()
        try:
            rel = p.relative_to(self.root.resolve()).as_posix()
        except ValueError:
            rel = p.as_posix()
        return any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(p.name, g)
                   or fnmatch.fnmatch(rel, g.rstrip("/") + "/*") for g in self.exclude)

    def as_dict(self) -> dict[str, Any]:
        return {
            "select": self.select,
            "ignore": list(self.ignore),
            "severity": dict(self.severity),
            "extend-lexicon": [str(p) for p in self.extend_lexicon],
            "fail-on": self.fail_on,
            "exclude": list(self.exclude),
        }


def _table(path: Path) -> dict[str, Any] | None:
    """The langcheck settings in `path`, or None when a pyproject.toml has none."""
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(path, f"cannot read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, f"invalid TOML: {exc}") from None
    tool = data.get("tool")
    if isinstance(tool, dict) and "langcheck" in tool:
        table = tool["langcheck"]
        if not isinstance(table, dict):
            raise ConfigError(path, "[tool.langcheck] must be a table")
        return table
    if path.name == "pyproject.toml":
        return None
    return data  # langcheck.toml: the keys at the top level, as in ruff.toml


def _strings(path: Path, key: str, value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(path, f"'{key}' must be a list of strings")
    return [v.strip() for v in value]


def parse(path: Path, table: dict[str, Any]) -> Config:
    """Validate a settings table into a Config (paths resolved against the file's folder)."""
    cfg = Config(path=path)
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        hint = " (use kebab-case, e.g. 'extend-lexicon')" if any("_" in k for k in unknown) \
            else ""
        raise ConfigError(path, f"unknown key(s): {', '.join(unknown)}; "
                                f"known: {', '.join(KEYS)}{hint}")
    where = str(path)
    if "select" in table:
        cfg.select = _strings(path, "select", table["select"])
    if "ignore" in table:
        cfg.ignore = _strings(path, "ignore", table["ignore"])
    if "severity" in table:
        sev = table["severity"]
        if not isinstance(sev, dict):
            raise ConfigError(path, "'severity' must be a table, e.g. BR101 = \"warning\"")
        for key, level in sev.items():
            if level not in SEVERITIES:
                raise ConfigError(path, f"severity for {key} must be one of "
                                        f"{', '.join(SEVERITIES)} (got {level!r})")
        cfg.severity = {str(k): str(v) for k, v in sev.items()}
    if "extend-lexicon" in table:
        packs = []
        for item in _strings(path, "extend-lexicon", table["extend-lexicon"]):
            p = (path.parent / item).resolve() if not Path(item).is_absolute() else Path(item)
            if not p.is_file():
                raise ConfigError(path, f"extend-lexicon: no such file {item!r}")
            packs.append(p)
        cfg.extend_lexicon = packs
    if "fail-on" in table:
        if table["fail-on"] not in SEVERITIES:
            raise ConfigError(path, f"'fail-on' must be one of {', '.join(SEVERITIES)}")
        cfg.fail_on = table["fail-on"]
    if "exclude" in table:
        cfg.exclude = _strings(path, "exclude", table["exclude"])
    for key in KEYS:
        if key in table:
            cfg.origins[key] = where
    return cfg


def load(path: Path) -> Config:
    """Read one configuration file (`--config FILE`); a file without settings is an error."""
    if not path.is_file():
        raise ConfigError(path, "no such configuration file")
    table = _table(path)
    if table is None:
        raise ConfigError(path, "has no [tool.langcheck] table")
    return parse(path, table)


def find(start: Path) -> Path | None:
    """The nearest configuration file at or above `start` (a file or folder)."""
    here = start.resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                if name == "pyproject.toml" and _table(candidate) is None:
                    continue
                return candidate
    return None


class Resolver:
    """Finds the configuration for each checked path, caching one lookup per folder."""

    def __init__(self, explicit: Path | None = None) -> None:
        self.explicit = load(explicit) if explicit is not None else None
        self._by_dir: dict[Path, Config] = {}
        self._by_file: dict[Path | None, Config] = {}

    def for_path(self, path: str | Path) -> Config:
        if self.explicit is not None:
            return self.explicit
        p = Path.cwd() if str(path) == "-" else Path(path)
        folder = (p if p.is_dir() else p.parent).resolve()
        cfg = self._by_dir.get(folder)
        if cfg is None:
            found = find(folder)
            cfg = self._by_file.get(found)
            if cfg is None:
                cfg = load(found) if found is not None else Config()
                self._by_file[found] = cfg
            self._by_dir[folder] = cfg
        return cfg
