"""The first stage never changes a result: property tests over generated texts and every
lexicon example, against the reference (no first stage, every rule on every sentence)."""

from __future__ import annotations

import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from langcheck.lexicon import default_lexicon


def _key(findings):
    return [(f.rule, f.start, f.end, f.severity, f.line, f.column) for f in findings]


def _vocabulary() -> list[str]:
    words: set[str] = set()
    for rule in default_lexicon():
        for p in [*rule.patterns, *rule.exceptions]:
            for slot in p.slots:
                words.update(slot.forms)
        for ex in [*rule.flag_examples, *rule.pass_examples]:
            words.update(ex.split())
    words.update(["Mum", "(14)", "24-year-old", "not", "said", '"', "'", ".", "\n", "\r\n",
                  "Mr", "she", "he", "adult", "man", "-", ";", "according", "to", "15yrs"])
    return sorted(words)


VOCAB = _vocabulary()
glue = st.sampled_from([" ", " ", " ", "\n", ". ", ", ", "-", "", "\r\n", "  "])
texts = st.lists(st.tuples(st.sampled_from(VOCAB), glue), min_size=1, max_size=40).map(
    lambda parts: "".join(w + g for w, g in parts))


def test_every_example_same_with_and_without_first_stage(checker, reference_checker) -> None:
    for rule in default_lexicon():
        for ex in [*rule.flag_examples, *rule.pass_examples]:
            assert _key(checker.check(ex)) == _key(reference_checker.check(ex)), ex


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_generated_texts_same_with_and_without_first_stage(checker, reference_checker,
                                                           text: str) -> None:
    assert _key(checker.check(text)) == _key(reference_checker.check(text))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_no_crash_offsets_inside_stable(checker, text: str) -> None:
    first = checker.check(text)
    for f in first:
        assert 0 <= f.start < f.end <= len(text)
        assert f.text == text[f.start:f.end]
    assert _key(checker.check(text)) == _key(first)


def test_clean_text_does_not_import_spacy() -> None:
    import subprocess

    code = ("import sys, langcheck; c = langcheck.Checker(); "
            "assert c.check('All fine at the home visit; the children were settled.') == []; "
            "print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "False"


def test_lone_surrogates_do_not_crash(checker) -> None:
    text = "Kiddie porn was found \ud800 on the laptop.\udfff"
    found = checker.check(text)
    assert [f.text for f in found] == ["Kiddie porn"]
