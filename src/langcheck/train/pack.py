"""Exercise packs: the YAML format trainers write, loaded strictly.

A pack is teaching material, so a typo must not quietly drop an exercise or show a trainee a
"model" rewrite that is itself victim-blaming. Loading happens in two steps:

* `load_pack(path)` checks the structure (required fields, types, unknown keys, unique ids)
  and needs nothing but PyYAML;
* `check_pack(pack, checker)` checks the content against the lexicon: every listed rule
  exists and flags the scenario, and every model rewrite is clean.

Every problem names the file, the line and the exercise, so a trainer can fix a pack from
the error alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from langcheck.errors import LangcheckError
from langcheck.lexicon import CATEGORIES

if TYPE_CHECKING:  # pragma: no cover
    from langcheck.checker import Checker

#: fields an exercise may carry; the first four are required
REQUIRED_FIELDS = ("id", "category", "rules", "scenario", "rewrites")
OPTIONAL_FIELDS = ("note", "hint")
COUNTED = ("error", "warning")


@dataclass(frozen=True)
class PackProblem:
    """One thing wrong with a pack, located as precisely as the YAML allows."""

    path: str
    line: int | None
    exercise: str | None
    reason: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        if self.exercise:
            where += f": exercise {self.exercise!r}"
        return f"{where}: {self.reason}"


class PackError(LangcheckError):
    """A pack cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems: list[PackProblem]) -> None:
        self.problems = problems
        first = str(problems[0]) if problems else "invalid pack"
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(first + more)


@dataclass(frozen=True)
class Exercise:
    """One scenario to rewrite, the rules it exercises and what a good rewrite looks like."""

    id: str
    category: str
    rules: tuple[str, ...]
    scenario: str
    rewrites: tuple[str, ...]
    note: str = ""
    hint: str = ""
    line: int | None = None
    rules_line: int | None = None
    scenario_line: int | None = None
    rewrite_lines: tuple[int | None, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "category": self.category, "rules": list(self.rules),
                "scenario": self.scenario, "rewrites": list(self.rewrites),
                "note": self.note, "hint": self.hint}


@dataclass(frozen=True)
class Pack:
    """A named list of exercises read from one file."""

    name: str
    path: str
    exercises: tuple[Exercise, ...] = field(default_factory=tuple)

    def categories(self) -> list[str]:
        """Categories present, in the lexicon's order."""
        present = {e.category for e in self.exercises}
        return [c for c in CATEGORIES if c in present]


# --- YAML with line numbers ---------------------------------------------------------------
class _PackLoader(yaml.SafeLoader):
    """SafeLoader that records where each mapping, and each of its values, starts."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict:
    mapping = loader.construct_mapping(node, deep=True)
    lines: dict[Any, int] = {}
    items: dict[Any, list[int]] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        lines[key] = value_node.start_mark.line + 1
        if isinstance(value_node, yaml.SequenceNode):
            items[key] = [child.start_mark.line + 1 for child in value_node.value]
    mapping["__line__"] = node.start_mark.line + 1
    mapping["__lines__"] = lines
    mapping["__items__"] = items
    return mapping


_PackLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_META = ("__line__", "__lines__", "__items__")


def builtin_pack_path() -> Path:
    """The pack shipped inside the package (`langcheck/train/packs/builtin.yaml`)."""
    return Path(str(resources.files("langcheck.train").joinpath("packs", "builtin.yaml")))


def _text(value: Any) -> str | None:
    """A non-empty string with YAML's folding newlines tidied, or None."""
    if not isinstance(value, str) or not value.strip():
        return None
    return " ".join(value.split())


def _parse_exercise(raw: Any, index: int, path: str, seen: dict[str, int],
                    problems: list[PackProblem]) -> Exercise | None:
    if not isinstance(raw, dict):
        problems.append(PackProblem(path, None, f"#{index}",
                                    "each exercise must be a mapping of fields"))
        return None
    line = raw.get("__line__")
    lines: dict[str, int] = raw.get("__lines__", {})
    label = str(raw.get("id") or f"#{index}")
    before = len(problems)

    def problem(reason: str, key: str | None = None, at: int | None = None) -> None:
        problems.append(PackProblem(path, at or lines.get(key or "", line), label, reason))

    for key in raw:
        if key in _META:
            continue
        if key not in REQUIRED_FIELDS and key not in OPTIONAL_FIELDS:
            allowed = ", ".join(REQUIRED_FIELDS + OPTIONAL_FIELDS)
            problem(f"unknown field {key!r} (fields: {allowed})", key)
    for key in REQUIRED_FIELDS:
        if key not in raw:
            problem(f"missing required field {key!r}")

    ex_id = raw.get("id")
    if "id" in raw:
        if not isinstance(ex_id, str) or not ex_id.strip():
            problem("'id' must be a non-empty string", "id")
        elif ex_id in seen:
            problem(f"duplicate id (first used on line {seen[ex_id]})", "id")
        else:
            seen[ex_id] = lines.get("id", line or 0)
    category = raw.get("category")
    if "category" in raw and category not in CATEGORIES:
        problem(f"unknown category {category!r}; one of: {', '.join(CATEGORIES)}", "category")
    rules = raw.get("rules")
    if "rules" in raw and (not isinstance(rules, list) or not rules
                           or not all(isinstance(r, str) and r.strip() for r in rules)):
        problem("'rules' must be a non-empty list of rule ids, e.g. [BR101]", "rules")
    scenario = _text(raw.get("scenario"))
    if "scenario" in raw and scenario is None:
        problem("'scenario' must be non-empty text", "scenario")
    rewrites = raw.get("rewrites")
    rewrite_lines: list[int | None] = list(raw.get("__items__", {}).get("rewrites", []))
    if "rewrites" in raw:
        if not isinstance(rewrites, list) or not rewrites:
            problem("'rewrites' must be a non-empty list of model rewrites", "rewrites")
        else:
            for n, item in enumerate(rewrites, 1):
                if _text(item) is None:
                    at = rewrite_lines[n - 1] if n <= len(rewrite_lines) else None
                    problem(f"model rewrite {n} must be non-empty text", "rewrites", at)
    for key in OPTIONAL_FIELDS:
        if key in raw and raw[key] is not None and not isinstance(raw[key], str):
            problem(f"{key!r} must be text", key)
    if len(problems) > before:
        return None
    return Exercise(
        id=str(ex_id).strip(),
        category=str(category),
        rules=tuple(r.strip().upper() for r in rules),
        scenario=scenario or "",
        rewrites=tuple(_text(r) or "" for r in rewrites),
        note=_text(raw.get("note")) or "",
        hint=_text(raw.get("hint")) or "",
        line=line,
        rules_line=lines.get("rules", line),
        scenario_line=lines.get("scenario", line),
        rewrite_lines=tuple(rewrite_lines),
    )


def parse_pack(text: str, path: str) -> Pack:
    """Parse and check the structure of a pack; raises `PackError` listing every problem."""
    try:
        data = yaml.load(text, Loader=_PackLoader)  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise PackError([PackProblem(path, line, None, f"not valid YAML: {reason}")]) from None
    name = Path(path).stem
    if isinstance(data, dict):
        unknown = [k for k in data if k not in (*_META, "name", "exercises")]
        if unknown:
            raise PackError([PackProblem(path, data.get("__lines__", {}).get(unknown[0]), None,
                                         f"unknown top-level key {unknown[0]!r} "
                                         "(keys: name, exercises)")])
        name = _text(data.get("name")) or name
        raw_exercises = data.get("exercises")
    else:
        raw_exercises = data
    if not isinstance(raw_exercises, list) or not raw_exercises:
        raise PackError([PackProblem(path, None, None,
                                     "a pack needs a non-empty list under 'exercises:'")])
    problems: list[PackProblem] = []
    seen: dict[str, int] = {}
    exercises = [_parse_exercise(raw, i, path, seen, problems)
                 for i, raw in enumerate(raw_exercises, 1)]
    if problems:
        raise PackError(problems)
    return Pack(name=name, path=path, exercises=tuple(e for e in exercises if e is not None))


def load_pack(path: str | Path | None = None) -> Pack:
    """Read a pack file (the built-in pack when `path` is None)."""
    file = Path(path) if path is not None else builtin_pack_path()
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PackError([PackProblem(str(file), None, None, "no such file")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise PackError([PackProblem(str(file), None, None,
                                     f"cannot read pack: {reason}")]) from None
    return parse_pack(text, str(file))


def check_pack(pack: Pack, checker: Checker) -> list[PackProblem]:
    """Content problems: unknown rules, scenarios not flagged, model rewrites not clean."""
    problems: list[PackProblem] = []
    for ex in pack.exercises:
        missing = [r for r in ex.rules if checker.lexicon.get(r) is None]
        if missing:
            problems.append(PackProblem(pack.path, ex.rules_line, ex.id,
                                        f"rule(s) not in the lexicon: {', '.join(missing)} "
                                        "(see `langcheck rules`)"))
        flagged = {f.rule for f in checker.check(ex.scenario) if f.severity in COUNTED}
        not_flagged = [r for r in ex.rules if r not in missing and r not in flagged]
        if not_flagged:
            found = ", ".join(sorted(flagged)) or "nothing"
            problems.append(PackProblem(
                pack.path, ex.scenario_line, ex.id,
                f"scenario is not flagged by {', '.join(not_flagged)} (langcheck finds: {found})"))
        for n, rewrite in enumerate(ex.rewrites, 1):
            left = [f for f in checker.check(rewrite) if f.severity in COUNTED]
            if left:
                at = ex.rewrite_lines[n - 1] if n <= len(ex.rewrite_lines) else ex.line
                shown = "; ".join(f"{f.rule} {f.text!r}" for f in left)
                problems.append(PackProblem(pack.path, at, ex.id,
                                            f"model rewrite {n} is not clean: {shown}"))
    return problems
