"""The first stage never changes a result: property tests over generated texts and every
lexicon example, against the reference (no first stage, every rule on every sentence)."""

from __future__ import annotations

import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from langcheck.lexicon import default_lexicon


def _key(findings):
    return [(f.rule, f.start, f.end, f.severity, f.line, f.column) for f in findings]


_REFERENCE: dict[str, list] = {}


def _reference(reference_checker, text: str) -> list:
    """The reference's answer (spaCy and every rule on the whole text; slow), kept."""
    if text not in _REFERENCE:
        _REFERENCE[text] = _key(reference_checker.check(text))
    return _REFERENCE[text]


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
            assert _key(checker.check(ex)) == _reference(reference_checker, ex), ex


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


@pytest.fixture(scope="module")
def gated_checker():
    """A Checker that uses the stricter gate from its first record (gate.py)."""
    import langcheck

    checker = langcheck.Checker()
    checker.GATE_AFTER = 0
    return checker


def test_every_example_same_through_the_strict_gate(gated_checker, reference_checker) -> None:
    for rule in default_lexicon():
        for ex in [*rule.flag_examples, *rule.pass_examples]:
            dressed = f"Visit notes.\n{ex.replace(' ', '  ')} Next visit booked."
            for text in (ex, dressed) if ex in rule.flag_examples else (ex,):
                assert _key(gated_checker.check(text)) == _reference(reference_checker, text), text
    assert gated_checker._gate is not None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_generated_texts_same_through_the_strict_gate(gated_checker, reference_checker,
                                                       text: str) -> None:
    assert _key(gated_checker.check(text)) == _key(reference_checker.check(text))


def test_explain_does_not_use_the_gate(gated_checker) -> None:
    """A candidate the gate rules out (no adult party, so RF101 keeps nothing) still shows
    in --explain, dropped, with the reason."""
    text = "Mum's partner was at the meeting."
    assert gated_checker.check(text) == []
    assert gated_checker.plan(text) is None
    explained = gated_checker.explain(text)
    assert [(c.finding.rule, c.decision) for c in explained] == [("RF101", "drop")]


def test_a_one_off_check_does_not_build_the_gate() -> None:
    import langcheck

    checker = langcheck.Checker()
    checker.check("Tia (14) keeps putting herself at risk.")
    assert checker._gate is None
