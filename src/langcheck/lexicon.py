"""Loading and validating the lexicon: YAML rules as data, one file per theme.

The lexicon is the product's knowledge; code only applies it. Loading is strict because a
curator's typo must not silently switch a rule off: every problem is reported with the
file, the rule id and the line. Compiling a rule into spaCy patterns needs spaCy, so that
happens later (matcher.py); here we only parse, validate and expand phrases into slots
and anchors, which is all the first stage needs.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from langcheck.errors import LexiconError
from langcheck.inflection import TABLE_NAME, forms_of, load_table
from langcheck.patterns import CompiledPattern, compile_phrase, compile_token_pattern

CATEGORIES = (
    "implies-consent",
    "choice-framing",
    "blames-child-for-risk",
    "relationship-framing",
    "sex-work-framing",
    "sexualised-label",
    "minimises-abuse",
    "abuse-material-terminology",
    "criminalises-child",
    "adultifies-child",
    "professional-jargon",
    "disbelief",
    "mutualises-violence",
)
SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}

#: context conditions a rule may require; implemented in context.py
CONDITIONS = ("child", "child-subject", "adult-party", "age-15-or-under", "not-adult-subject")
CONTEXT_KEYS = {"negation", "attribution", "quotes", "mention", "requires"}
BASES = ("published", "practice")

_ID = re.compile(r"^[A-Z]{2,4}\d{3}$")
_REQUIRED = ("id", "category", "severity", "patterns", "message", "why", "suggestions",
             "sources", "examples")
_ALLOWED = set(_REQUIRED) | {"name", "exceptions", "context", "fix", "basis", "status"}


@dataclass
class RuleContext:
    """How the context layer treats a rule's candidates (see context.py)."""

    negation: bool = True
    attribution: bool = True
    quotes: str = "info"  # "info": quoted words become info; "keep": quotes do not matter
    mention: bool = True
    requires: tuple[str, ...] = ()


class PatternSet:
    """A rule's compiled patterns and exceptions, compiled on first use.

    A process that only runs the first stage (most pre-save checks) needs a rule's anchors,
    not its token patterns, so compiling every phrase at start-up would be wasted work."""

    def __init__(self, compile_patterns: Callable[[], tuple[list[CompiledPattern],
                                                            list[CompiledPattern]]] | None,
                 patterns: list[CompiledPattern] | None = None,
                 exceptions: list[CompiledPattern] | None = None) -> None:
        self._compile = compile_patterns
        self._patterns = patterns
        self._exceptions = exceptions

    def _ensure(self) -> None:
        if self._patterns is None:
            assert self._compile is not None
            self._patterns, self._exceptions = self._compile()

    @property
    def patterns(self) -> list[CompiledPattern]:
        self._ensure()
        return self._patterns  # type: ignore[return-value]

    @property
    def exceptions(self) -> list[CompiledPattern]:
        self._ensure()
        return self._exceptions  # type: ignore[return-value]


@dataclass
class Rule:
    """One lexicon entry: what to find, why it harms, what to write instead."""

    id: str
    name: str
    category: str
    severity: str
    compiled: PatternSet
    anchors: frozenset[str]
    message: str
    why: str
    suggestions: list[str]
    sources: list[str]
    flag_examples: list[str]
    pass_examples: list[str]
    context: RuleContext = field(default_factory=RuleContext)
    fix: str | None = None
    basis: str = "published"
    path: str = ""
    line: int = 0
    raw_patterns: list[Any] = field(default_factory=list)
    raw_exceptions: list[str] = field(default_factory=list)

    @property
    def patterns(self) -> list[CompiledPattern]:
        return self.compiled.patterns

    @property
    def exceptions(self) -> list[CompiledPattern]:
        return self.compiled.exceptions

    def to_dict(self) -> dict[str, Any]:
        """A plain description (used by `langcheck rule --format json` and the service)."""
        return {
            "id": self.id,
            "name": self.name,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "why": self.why,
            "suggestions": list(self.suggestions),
            "fix": self.fix,
            "basis": self.basis,
            "sources": list(self.sources),
            "patterns": list(self.raw_patterns),
            "examples": {"flag": list(self.flag_examples), "pass": list(self.pass_examples)},
        }


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that records the line of every mapping as `__line__`."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)

try:  # libyaml's parser is several times faster; the constructor stays ours
    class _FastLineLoader(yaml.CSafeLoader):  # type: ignore[name-defined,misc]
        pass

    _FastLineLoader.add_constructor(
        yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping
    )
    _LOADER: type = _FastLineLoader
except AttributeError:  # pragma: no cover - pyyaml without libyaml
    _LOADER = _LineLoader


def builtin_lexicon_dir() -> Path:
    """The lexicon shipped in the wheel, or the repository's `lexicon/` in a checkout."""
    packaged = resources.files("langcheck").joinpath("lexicon")
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[2] / "lexicon"
    if checkout.is_dir():
        return checkout
    raise LexiconError("the built-in lexicon is missing from this installation")


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"cannot read: {exc}", path=str(path)) from exc
    try:
        return yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise LexiconError(f"invalid YAML: {problem}", path=str(path), line=line) from exc


def load_classes(directory: Path) -> dict[str, set[str]]:
    """Named word classes (`<reflexive>`) from `classes.yaml` in a lexicon directory."""
    path = directory / "classes.yaml"
    if not path.is_file():
        return {}
    data = _read_yaml(path) or {}
    if not isinstance(data, dict):
        raise LexiconError("classes.yaml must map class names to word lists", path=str(path))
    out: dict[str, set[str]] = {}
    for name, words in data.items():
        if name == "__line__":
            continue
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise LexiconError(f"class {name!r} must be a list of words", path=str(path))
        out[str(name)] = {w.lower() for w in words}
    return out


@dataclass
class Lexicon:
    """All rules, in file order, with lookup by id."""

    rules: list[Rule]
    directories: list[Path]

    def __post_init__(self) -> None:
        self.by_id = {r.id: r for r in self.rules}

    def __iter__(self):
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, rule_id: str) -> Rule | None:
        return self.by_id.get(rule_id.upper())

    def select(self, rule_ids: Iterable[str]) -> Lexicon:
        wanted = set(rule_ids)
        return Lexicon([r for r in self.rules if r.id in wanted], self.directories)


def _str_list(value: Any, key: str, path: str, rule: str, line: int) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise LexiconError(f"'{key}' must be a list of non-empty strings", path, rule, line)
    return [v.strip() for v in value]


def parse_rule(raw: Any, path: str, classes: dict[str, set[str]],
               table: dict[str, list[str]]) -> Rule:
    """Validate one YAML rule mapping and compile its phrases into slots."""
    if not isinstance(raw, dict):
        raise LexiconError("each rule must be a mapping", path)
    line = int(raw.get("__line__", 0)) or None
    rid = str(raw.get("id", "")).strip()
    if not rid:
        raise LexiconError("rule without an 'id'", path, None, line)
    if not _ID.match(rid):
        raise LexiconError("id must be 2-4 capital letters and 3 digits, e.g. CF101",
                           path, rid, line)
    missing = [k for k in _REQUIRED if k not in raw]
    if missing:
        raise LexiconError(f"missing field(s): {', '.join(missing)}", path, rid, line)
    unknown = sorted(set(raw) - _ALLOWED - {"__line__"})
    if unknown:
        raise LexiconError(f"unknown field(s): {', '.join(unknown)}", path, rid, line)
    if raw["category"] not in CATEGORIES:
        raise LexiconError(f"unknown category {raw['category']!r}", path, rid, line)
    if raw["severity"] not in SEVERITIES:
        raise LexiconError(f"severity must be one of {', '.join(SEVERITIES)}", path, rid, line)
    for key in ("message", "why"):
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise LexiconError(f"'{key}' must be non-empty text", path, rid, line)

    def class_of(name: str) -> set[str]:
        if name not in classes:
            raise LexiconError(f"unknown word class <{name}>", path, rid, line)
        return classes[name]

    def word_forms(word: str) -> list[str]:
        return forms_of(word, table)

    raw_patterns = raw["patterns"]
    if not isinstance(raw_patterns, list) or not raw_patterns:
        raise LexiconError("'patterns' must be a non-empty list", path, rid, line)
    raw_exc = _str_list(raw.get("exceptions") or [], "exceptions", path, rid, line) \
        if raw.get("exceptions") else []
    patterns, exceptions = compile_rule_patterns(raw_patterns, raw_exc, word_forms, class_of,
                                                 path, rid, line)

    ctx_raw = raw.get("context") or {}
    if not isinstance(ctx_raw, dict):
        raise LexiconError("'context' must be a mapping", path, rid, line)
    bad = sorted(set(ctx_raw) - CONTEXT_KEYS - {"__line__"})
    if bad:
        raise LexiconError(f"unknown context key(s): {', '.join(bad)}", path, rid, line)
    requires = tuple(ctx_raw.get("requires") or ())
    for cond in requires:
        if cond not in CONDITIONS:
            raise LexiconError(f"unknown context condition {cond!r} "
                               f"(known: {', '.join(CONDITIONS)})", path, rid, line)
    quotes = ctx_raw.get("quotes", "info")
    if quotes not in ("info", "keep"):
        raise LexiconError("context.quotes must be 'info' or 'keep'", path, rid, line)
    context = RuleContext(
        negation=bool(ctx_raw.get("negation", True)),
        attribution=bool(ctx_raw.get("attribution", True)),
        quotes=quotes,
        mention=bool(ctx_raw.get("mention", True)),
        requires=requires,
    )

    examples = raw["examples"]
    if not isinstance(examples, dict):
        raise LexiconError("'examples' must have 'flag' and 'pass' lists", path, rid, line)
    flag = _str_list(examples.get("flag"), "examples.flag", path, rid, line)
    passing = _str_list(examples.get("pass"), "examples.pass", path, rid, line)
    if len(flag) < 3 or len(passing) < 3:
        raise LexiconError("needs at least 3 'flag' and 3 'pass' examples", path, rid, line)
    suggestions = _str_list(raw["suggestions"], "suggestions", path, rid, line)
    sources = _str_list(raw["sources"], "sources", path, rid, line)
    fix = raw.get("fix")
    if fix is not None and (not isinstance(fix, str) or not fix.strip()):
        raise LexiconError("'fix' must be the one safe replacement text", path, rid, line)
    basis = raw.get("basis", "published")
    if basis not in BASES:
        raise LexiconError(f"basis must be one of {', '.join(BASES)}", path, rid, line)
    anchors: set[str] = set()
    for p in patterns:
        anchors |= p.anchors
    return Rule(
        id=rid,
        name=str(raw.get("name") or rid.lower()),
        category=raw["category"],
        severity=raw["severity"],
        compiled=PatternSet(None, patterns, exceptions),
        anchors=frozenset(anchors),
        message=raw["message"].strip(),
        why=" ".join(raw["why"].split()),
        suggestions=suggestions,
        sources=sources,
        flag_examples=flag,
        pass_examples=passing,
        context=context,
        fix=fix.strip() if fix else None,
        basis=basis,
        path=path,
        line=line or 0,
        raw_patterns=list(raw_patterns),
        raw_exceptions=raw_exc,
    )


def compile_rule_patterns(raw_patterns: list[Any], raw_exc: list[str],
                          word_forms: Callable[[str], list[str]],
                          class_of: Callable[[str], set[str]], path: str, rid: str,
                          line: int | None, with_anchors: bool = True,
                          ) -> tuple[list[CompiledPattern], list[CompiledPattern]]:
    """Compile a rule's phrase patterns and exceptions into token-slot sequences.

    With `with_anchors`, every pattern's anchors are chosen now, so that a pattern without
    a usable anchor is reported with its rule; a lexicon read from compiled.json has its
    rules' anchors already and skips that work."""
    patterns: list[CompiledPattern] = []
    for item in raw_patterns:
        try:
            if isinstance(item, str):
                compiled = compile_phrase(item, word_forms, class_of)
                if with_anchors:
                    for pattern in compiled:
                        _ = pattern.anchors
                patterns.extend(compiled)
            elif isinstance(item, dict) and "tokens" in item:
                patterns.append(compile_token_pattern(item["tokens"], item.get("anchors") or [],
                                                      str(item["tokens"])))
            else:
                raise LexiconError("a pattern is a phrase string or {tokens, anchors}")
        except LexiconError as exc:
            if exc.path:
                raise
            raise LexiconError(exc.reason, path, rid, line) from None
    exceptions: list[CompiledPattern] = []
    for item in raw_exc:
        try:
            exceptions.extend(compile_phrase(item, word_forms, class_of, with_anchors=False))
        except LexiconError as exc:
            raise LexiconError(f"exception {item!r}: {exc.reason}", path, rid, line) from None
    return patterns, exceptions


NON_RULE_FILES = frozenset({"classes.yaml", "context.yaml", "sources.yaml"})
COMPILED_NAME = "compiled.json"
COMPILED_VERSION = 1


def rule_files(directory: Path) -> list[Path]:
    """Theme files of a lexicon directory (every *.yaml except classes.yaml)."""
    return sorted(p for p in directory.glob("*.yaml") if p.name not in NON_RULE_FILES)


def load_file(path: Path, classes: dict[str, set[str]],
              table: dict[str, list[str]]) -> list[Rule]:
    data = _read_yaml(path)
    if data is None:
        return []
    if isinstance(data, dict) and "rules" in data:
        local = data.get("classes") or {}
        if not isinstance(local, dict):
            raise LexiconError("'classes' must map class names to word lists", path=str(path))
        if local:
            classes = dict(classes)
            for name, words in local.items():
                if name == "__line__":
                    continue
                if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                    raise LexiconError(f"class {name!r} must be a list of words", path=str(path))
                classes[str(name)] = {w.lower() for w in words}
        data = data["rules"]
    if not isinstance(data, list):
        raise LexiconError("a lexicon file is a list of rules (or a mapping with 'rules')",
                           path=str(path))
    return [parse_rule(item, str(path), classes, table) for item in data]


def source_hash(directory: Path) -> str:
    """Digest of everything a directory's compiled rules depend on."""
    h = hashlib.sha256(f"v{COMPILED_VERSION}".encode())
    files = [*rule_files(directory), directory / "classes.yaml", directory / TABLE_NAME]
    for f in files:
        if f.is_file():
            h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def _rule_to_json(rule: Rule, directory: Path) -> dict[str, Any]:
    ctx = rule.context
    return {
        "id": rule.id, "name": rule.name, "category": rule.category, "severity": rule.severity,
        "anchors": sorted(rule.anchors), "message": rule.message, "why": rule.why,
        "suggestions": rule.suggestions, "sources": rule.sources, "flag": rule.flag_examples,
        "pass": rule.pass_examples, "fix": rule.fix, "basis": rule.basis,
        "path": Path(rule.path).name, "line": rule.line,
        "patterns": rule.raw_patterns, "exceptions": rule.raw_exceptions,
        "context": {"negation": ctx.negation, "attribution": ctx.attribution,
                    "quotes": ctx.quotes, "mention": ctx.mention,
                    "requires": list(ctx.requires)},
    }


def write_compiled(directory: Path) -> int:
    """Compile a lexicon directory from its YAML and write `compiled.json` (see README)."""
    lexicon = _compile_directories([directory])
    data = {"version": COMPILED_VERSION, "source_hash": source_hash(directory),
            "rules": [_rule_to_json(r, directory) for r in lexicon]}
    (directory / COMPILED_NAME).write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n",
                                           encoding="utf-8")
    return len(lexicon)


def _load_compiled(directory: Path, classes: dict[str, set[str]],
                   table: dict[str, list[str]]) -> list[Rule] | None:
    """Rules from `compiled.json` if it matches the YAML beside it, else None."""
    path = directory / COMPILED_NAME
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("version") != COMPILED_VERSION or data.get("source_hash") != source_hash(directory):
        return None
    rules = []
    for item in data["rules"]:
        rule_path = str(directory / item["path"])

        def compile_later(item: dict = item, rule_path: str = rule_path):
            def class_of(name: str) -> set[str]:
                return classes[name] if name in classes else _file_classes(rule_path)[name]

            return compile_rule_patterns(item["patterns"], item["exceptions"],
                                         lambda w: forms_of(w, table), class_of,
                                         rule_path, item["id"], item["line"],
                                         with_anchors=False)

        ctx = item["context"]
        rules.append(Rule(
            id=item["id"], name=item["name"], category=item["category"],
            severity=item["severity"], compiled=PatternSet(compile_later),
            anchors=frozenset(item["anchors"]), message=item["message"], why=item["why"],
            suggestions=list(item["suggestions"]), sources=list(item["sources"]),
            flag_examples=list(item["flag"]), pass_examples=list(item["pass"]),
            context=RuleContext(negation=ctx["negation"], attribution=ctx["attribution"],
                                quotes=ctx["quotes"], mention=ctx["mention"],
                                requires=tuple(ctx["requires"])),
            fix=item["fix"], basis=item["basis"], path=rule_path, line=item["line"],
            raw_patterns=list(item["patterns"]), raw_exceptions=list(item["exceptions"]),
        ))
    return rules


@lru_cache(maxsize=64)
def _file_classes(path: str) -> dict[str, set[str]]:
    """Word classes defined locally in one theme file."""
    data = _read_yaml(Path(path))
    local = data.get("classes") if isinstance(data, dict) else None
    return {str(k): {w.lower() for w in v} for k, v in (local or {}).items() if k != "__line__"}


def _compile_directories(dirs: list[Path], extra_files: Iterable[Path] = (),
                         use_compiled: bool = False) -> Lexicon:
    rules: list[Rule] = []
    classes: dict[str, set[str]] = {}
    table: dict[str, list[str]] = {}
    for d in dirs:
        classes.update(load_classes(d))
        table.update(load_table(str(d / TABLE_NAME)))
    for d in dirs:
        fast = _load_compiled(d, classes, table) if use_compiled else None
        if fast is not None:
            rules.extend(fast)
            continue
        for f in rule_files(d):
            rules.extend(load_file(f, classes, table))
    for f in extra_files:
        rules.extend(load_file(Path(f), classes, table))
    seen: dict[str, Rule] = {}
    for r in rules:
        if r.id in seen:
            raise LexiconError(f"duplicate id (first defined in {seen[r.id].path}:"
                               f"{seen[r.id].line})", r.path, r.id, r.line)
        seen[r.id] = r
    return Lexicon(rules, dirs)


def load_lexicon(directories: Iterable[Path] | None = None,
                 extra_files: Iterable[Path] = (), *, use_compiled: bool = True) -> Lexicon:
    """Load the built-in lexicon (or the given directories) plus local packs.

    A directory's `compiled.json`, when it matches the YAML beside it (same digest), is read
    instead of compiling every phrase; otherwise the YAML is parsed, validated and compiled.
    Local packs are always validated from their YAML."""
    dirs = [Path(d) for d in directories] if directories is not None else [builtin_lexicon_dir()]
    return _compile_directories(dirs, [Path(f) for f in extra_files], use_compiled)


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The built-in lexicon, loaded once per process."""
    return load_lexicon()


def inflected_lemmas(directories: Iterable[Path]) -> set[str]:
    """Every `~word` the lexicon files in `directories` use (for the inflection table)."""
    lemmas: set[str] = set()
    pattern = re.compile(r"~([^\s|<>?*{}]+)")
    for d in directories:
        for f in [*rule_files(Path(d)), Path(d) / "classes.yaml"]:
            if f.is_file():
                for m in pattern.finditer(f.read_text(encoding="utf-8")):
                    word = m.group(1).lower().strip("\"',]")
                    lemmas.add(word.split("-")[-1])
    return lemmas
