"""The audit's gate never changes a result: it only spares spaCy sentences with no match.

Compared with the Checker on every lexicon example, on examples dressed up as exported
records (case, spacing, line breaks, curly apostrophes), and on generated texts built from
every word the patterns use, glued in the ways tokenizers find hard.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from langcheck import Checker
from langcheck.gate import (
    LEFT_PIECES,
    RIGHT_PIECES,
    Gate,
    GatedFirstStage,
    _single_spaced,
)
from langcheck.lexicon import default_lexicon


def _key(findings):
    return [(f.rule, f.start, f.end, f.severity, f.line, f.column, f.text) for f in findings]


class Gated:
    """The Checker as an audit worker runs it."""

    def __init__(self) -> None:
        self.checker = Checker(strict_gate=False)  # as the worker builds it
        self.gate = Gate(self.checker.lexicon)
        self.gate.LEARN = 25  # pick trigger keys early, so most checks below go through them
        self.stage = GatedFirstStage(self.checker.stage1, self.gate)
        self.checker.stage1 = self.stage  # type: ignore[assignment]

    def check(self, text: str):
        return self.checker.check(text) if self.stage.remember(text) else []


@pytest.fixture(scope="module")
def gated() -> Gated:
    return Gated()


def _dress(text: str) -> list[str]:
    return [text, text.upper(), text.replace(" ", "  "), text.replace(" ", "\n"),
            text.replace("'", "\u2019"), f"Visit notes.\n\n{text} Next visit booked."]


def test_every_example_gives_the_same_findings(checker, gated) -> None:
    for rule in default_lexicon():
        for ex in [*rule.flag_examples, *rule.pass_examples]:
            for text in _dress(ex):
                assert _key(gated.check(text)) == _key(checker.check(text)), text


def test_flag_examples_pass_the_gate(gated) -> None:
    for rule in default_lexicon():
        for ex in rule.flag_examples:
            assert gated.gate.possible(ex), (rule.id, ex)


def test_adult_party_rules_reach_spacy_only_with_an_adult_or_an_age(checker, gated) -> None:
    """RF101 keeps a finding only where an adult party is written in the sentence; the
    gate lets through exactly the sentences where one may be."""
    for text, passes in [("Mum's partner was at the meeting.", False),
                         ("Partner agencies met on Friday.", False),
                         ("Zoe (15) and her partner (29) were stopped.", True),
                         ("Zoe and her partner, in his twenties, were stopped.", True),
                         ("Zoe and her older boyfriend were stopped.", True),
                         ("Zoe and her partner (\u0662\u0669) were stopped.", True)]:
        assert bool(gated.stage.remember(text)) is passes, text
        assert _key(gated.check(text)) == _key(checker.check(text)), text


def test_routine_sentences_never_reach_spacy(gated) -> None:
    for text in ("Home visit completed; the children were settled.",
                 "School reported that attendance is 94 percent this term.",
                 "Next review is booked for 14/3 at 10:30."):
        assert gated.stage.remember(text) == []


def _vocabulary() -> list[str]:
    words: set[str] = set()
    for rule in default_lexicon():
        for p in rule.patterns:
            for slot in p.slots:
                words.update(slot.forms)
        for ex in rule.flag_examples[:2]:
            words.update(ex.split())
    words.update(["Mum", "(14)", "24-year-old", "not", "said", "’", "'", "cannot", "dont",
                  "gonna", "15yrs", "£20", "\u212a", "\u0130",
                  # what the adult-party condition looks for (ages, "older", adults)
                  "(\u0661\u0665)", "\u0662\u0664-year-old", "twenties", "fifteen-year-old",
                  "older", "man", "men", "adult", "Mr", "aged", "is", "19", "7", "(03)",
                  "\ud800", "partner\udfff"])
    return sorted(words)


VOCAB = _vocabulary()
glue = st.sampled_from([" ", " ", " ", "\n", ". ", ", ", "-", "", "\r\n", "  ", "'", "’",
                        "\x1f", "\t"])
texts = st.lists(st.tuples(st.sampled_from(VOCAB), glue), min_size=1, max_size=30).map(
    lambda parts: "".join(w + g for w, g in parts))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_generated_texts_give_the_same_findings(checker, gated, text: str) -> None:
    assert _key(gated.check(text)) == _key(checker.check(text))


def test_split_pieces_cover_spacys_special_cases() -> None:
    """Every word spaCy splits between two letters is in LEFT_PIECES/RIGHT_PIECES, and no
    special case splits between two digits (the gate's number lookup relies on it)."""
    import spacy
    from spacy.symbols import ORTH

    nlp = spacy.blank("en")
    left, right = set(), set()
    for pieces in nlp.tokenizer.rules.values():
        texts = [p[ORTH] for p in pieces]
        for a, b in itertools.pairwise(texts):
            if a and b and a[-1].isalpha() and b[0].isalpha():
                left.add(a.lower())
                right.add(b.lower())
            assert not (a and b and a[-1].isdigit() and b[0].isdigit()), texts
    assert left <= LEFT_PIECES
    assert right <= RIGHT_PIECES


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_ascii_trigger_scan_agrees_with_the_general_one(gated, text: str) -> None:
    """ASCII records are scanned for triggers as bytes, with space runs kept: it finds a
    trigger only where the general scan does (and the findings tests show it misses no
    match)."""
    if not text.isascii() or any(c in text for c in "\x1c\x1d\x1e\x1f"):
        return  # scanned as text (str.split() splits on those four, bytes.split() not)
    if gated.gate._triggers is None:
        return
    if gated.gate._triggered_ascii(text.encode("ascii")):
        assert gated.gate._triggered_text(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_word_count_is_that_of_str_split(gated, text: str) -> None:
    """The audit's word count comes from the trigger scan where it can; it is the same."""
    gated.stage.remember(text)
    assert gated.stage.word_count(text) == len(text.split())


@pytest.mark.parametrize("text", ["", " ", "a", "a b", " a b", "a b ", "a  b", "a\nb", "a\tb",
                                  "a\x1fb", "a\rb", "a\x0bb", "a\x0cb", "a - b"])
def test_single_spaced_test_and_word_count(gated, text: str) -> None:
    raw = text.encode("ascii")
    assert _single_spaced(raw) == (b" ".join(raw.split()) == raw)
    gated.stage.remember(text)
    assert gated.stage.word_count(text) == len(text.split())


def test_ascii_trigger_scan_sees_every_kind_of_trigger(gated) -> None:
    """Words, pairs with punctuation or digits ("consented ."), on both paths."""
    gate = gated.gate
    if gate._triggers is None:
        for text in ["Home visit completed."] * (gate.LEARN + 1):
            gate.sentence_rules(text)
    for text, expected in [("She consented. Then left", True),
                           ("Her boyfriend collected her", True),
                           ("Zzz qqq; xx.", False)]:
        assert gate._triggered_ascii(text.encode("ascii")) is expected, text
        assert gate._triggered_text(text) is expected, text


def test_other_decimal_digits_are_all_there() -> None:
    import sys

    from langcheck.gate import OTHER_DECIMAL_DIGITS

    every = {chr(c) for c in range(128, sys.maxunicode + 1) if chr(c).isdecimal()}
    assert every == OTHER_DECIMAL_DIGITS
