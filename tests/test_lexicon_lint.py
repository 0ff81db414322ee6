"""The lexicon is data, and data is linted (in the manner of codespell's dictionary tests)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
import yaml

from langcheck.errors import LexiconError
from langcheck.inflection import TABLE_NAME, generate_forms
from langcheck.lexicon import (
    CATEGORIES,
    builtin_lexicon_dir,
    default_lexicon,
    inflected_lemmas,
    load_lexicon,
)
from tests.conftest import counted

RULES = list(default_lexicon())


def test_ids_are_unique_and_prefixed_by_category() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    prefix_of: dict[str, str] = {}
    for r in RULES:
        prefix = "".join(ch for ch in r.id if ch.isalpha())
        assert prefix_of.setdefault(prefix, r.category) == r.category, (
            f"{r.id}: prefix {prefix} is used by {prefix_of[prefix]} too")


def test_no_duplicate_patterns() -> None:
    seen: dict[str, str] = {}
    for r in RULES:
        for p in r.raw_patterns:
            key = " ".join(str(p).lower().split())
            assert key not in seen, f"{r.id} repeats pattern {p!r} of {seen[key]}"
            seen[key] = r.id


def test_every_rule_has_sources_that_exist() -> None:
    sources = yaml.safe_load((builtin_lexicon_dir() / "sources.yaml").read_text())
    for r in RULES:
        assert r.sources, r.id
        for s in r.sources:
            assert s in sources, f"{r.id}: unknown source {s}"
        if r.basis == "practice":
            assert "PRACTICE" in r.sources or r.sources, r.id


def test_every_rule_has_examples_and_text() -> None:
    for r in RULES:
        assert len(r.flag_examples) >= 3 and len(r.pass_examples) >= 3, r.id
        assert r.message and r.why and r.suggestions, r.id
        assert r.category in CATEGORIES


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_no_suggestion_is_itself_flagged(checker, rule) -> None:
    for suggestion in [*rule.suggestions, *([rule.fix] if rule.fix else [])]:
        found = counted(checker.check(suggestion))
        assert not found, f"{rule.id}: suggestion {suggestion!r} is flagged by {found[0].rule}"


def test_fix_is_one_of_the_suggestions() -> None:
    for r in RULES:
        if r.fix:
            assert r.fix in r.suggestions, r.id


def test_inflection_table_is_current() -> None:
    directory = builtin_lexicon_dir()
    table = json.loads((directory / TABLE_NAME).read_text())
    lemmas = inflected_lemmas([directory])
    assert set(table) == lemmas, "run `langcheck lexicon inflections`"
    for lemma in sorted(lemmas):
        assert table[lemma] == generate_forms(lemma), lemma


def test_every_literal_form_is_one_spacy_token() -> None:
    tok = spacy.blank("en").tokenizer
    for r in RULES:
        for p in [*r.patterns, *r.exceptions]:
            for slot in p.slots:
                for form in slot.forms:
                    assert len(tok(form)) == 1, f"{r.id}: {form!r} is not one token in {p.source!r}"


def _write(tmp: Path, body: str) -> Path:
    d = tmp / "lex"
    d.mkdir()
    (d / "classes.yaml").write_text("reflexive: [herself]\n")
    (d / "theme.yaml").write_text(body)
    return d


GOOD = """
- id: XX101
  category: choice-framing
  severity: warning
  patterns: ["lifestyle choice"]
  message: m
  why: w
  suggestions: [s]
  sources: [LM]
  examples: {flag: [a, b, c], pass: [d, e, f]}
"""


def test_malformed_lexicon_names_file_rule_and_line(tmp_path: Path) -> None:
    bad = GOOD.replace("severity: warning", "severity: loud")
    d = _write(tmp_path, bad)
    with pytest.raises(LexiconError) as err:
        load_lexicon([d])
    msg = str(err.value)
    assert "theme.yaml:2" in msg and "XX101" in msg and "severity" in msg


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    d = _write(tmp_path, GOOD + "\n- id: [unclosed\n")
    with pytest.raises(LexiconError) as err:
        load_lexicon([d])
    assert "theme.yaml:" in str(err.value) and "invalid YAML" in str(err.value)


@pytest.mark.parametrize(("change", "needle"), [
    (("category: choice-framing", "category: nonsense"), "unknown category"),
    (("patterns: [\"lifestyle choice\"]", "patterns: [\"<nope> choice\"]"), "unknown word class"),
    (("examples: {flag: [a, b, c]", "examples: {flag: [a]"), "at least 3"),
    (("id: XX101", "id: lower1"), "id must be"),
    (("sources: [LM]\n", "sources: [LM]\n  colour: red\n"), "unknown field"),
    (("patterns: [\"lifestyle choice\"]", "patterns: [\"of the\"]"), "common words"),
])
def test_validation_errors(tmp_path: Path, change: tuple[str, str], needle: str) -> None:
    d = _write(tmp_path, GOOD.replace(*change))
    with pytest.raises(LexiconError) as err:
        load_lexicon([d])
    assert needle in str(err.value)
    assert "XX101" in str(err.value) or "lower1" in str(err.value)


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    d = _write(tmp_path, GOOD)
    (d / "other.yaml").write_text(GOOD)
    with pytest.raises(LexiconError, match="duplicate id"):
        load_lexicon([d])


def test_compiled_lexicon_is_current() -> None:
    from langcheck.lexicon import COMPILED_NAME, source_hash

    directory = builtin_lexicon_dir()
    data = json.loads((directory / COMPILED_NAME).read_text())
    assert data["source_hash"] == source_hash(directory), "run `langcheck lexicon compile`"


def test_compiled_lexicon_equals_the_yaml() -> None:
    fast = load_lexicon(use_compiled=True)
    slow = load_lexicon(use_compiled=False)
    assert [r.id for r in fast] == [r.id for r in slow]
    for a, b in zip(fast, slow, strict=True):
        assert a.anchors == b.anchors, a.id
        assert (a.message, a.why, a.suggestions, a.sources, a.context, a.fix, a.severity) == (
            b.message, b.why, b.suggestions, b.sources, b.context, b.fix, b.severity), a.id
        assert [p.token_pattern() for p in a.patterns] == [p.token_pattern() for p in b.patterns]
        assert [p.token_pattern() for p in a.exceptions] == [
            p.token_pattern() for p in b.exceptions]


def test_stale_compiled_lexicon_is_not_used(tmp_path: Path) -> None:
    from langcheck.lexicon import write_compiled

    d = _write(tmp_path, GOOD)
    write_compiled(d)
    assert load_lexicon([d]).get("XX101").message == "m"
    (d / "theme.yaml").write_text(GOOD.replace("message: m", "message: changed"))
    assert load_lexicon([d]).get("XX101").message == "changed"
