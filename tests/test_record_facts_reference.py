"""The fast record facts and sentence split agree with the plain reference versions
(tests/reference_facts.py) on every lexicon example, every trap and generated text."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from langcheck.lexicon import default_lexicon
from langcheck.recordfacts import find_ages, find_name_ages, find_quotes
from langcheck.segment import sentence_spans
from tests import reference_facts as ref

TRAPS = Path(__file__).parent / "traps"

# words that start, end or sit inside the forms the facts look for, and characters that
# IGNORECASE matches with ASCII letters (dotted and dotless i, long s, Kelvin sign)
PIECES = [
    "Jodie", "Mr", "Mr.", "Dr.", "e.g.", "No.", "J.", "she", "He", "is", "was", "now", "only",
    "just", "turns", "turned", "being", "who", "are", "aged", "age", "age:", "of", "and",
    "girl", "man", "woman", "lad", "kid", "his", "her", "their", "early", "mid", "late",
    "twenties", "Thirties", "fifteen", "Fourteen", "year", "years", "yrs", "yr", "yo", "y/o",
    "y.o.", "old", "OLD", "year-old", "ago", "later", "am", "pm", "times", "14", "15", "9",
    "24", "123", "3:30", "12/03", "(15)", "(aged", "approx", "~", "(", ")", ".", "!", "?",
    "...", "?!", '"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "Nan's", "girls'", "don't",
    "\u0130s", "\u0131s", "ye\u017fs", "\u212aid", "caf\u00e9", "_15", "x15", "15x",
]
GLUE = [" ", " ", " ", "", "\n", "\n\n", "  ", "-", ", ", ". ", "\t", "\r\n"]
texts = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(GLUE)),
                 min_size=1, max_size=30).map(lambda parts: "".join(w + g for w, g in parts))


def _ages(text: str) -> list[tuple[int, int, int]]:
    return [(a.start, a.end, a.age) for a in find_ages(text)]


def _same(text: str) -> None:
    assert _ages(text) == ref.find_ages(text), text
    assert find_name_ages(text) == ref.find_name_ages(text), text
    assert find_quotes(text) == ref.find_quotes(text), text
    assert sentence_spans(text) == ref.sentence_spans(text), text


def test_same_on_lexicon_examples_and_traps() -> None:
    samples = [ex for rule in default_lexicon()
               for ex in (*rule.flag_examples, *rule.pass_examples)]
    samples += [p.read_text(encoding="utf-8") for p in sorted(TRAPS.iterdir()) if p.is_file()]
    assert len(samples) > 800
    for text in samples:
        _same(text)


def test_the_reference_finds_what_the_samples_hold() -> None:
    """The comparison means something only if the samples hold ages, quotes and stops."""
    text = ('Jodie (15) said "he is 24". Mr. K is in his thirties. A girl of 14 is now 15.\n'
            "Her fourteen-year-old sister, aged 9, was there")
    assert [age for _, _, age in ref.find_ages(text)] == [15, 24, 30, 14, 15, 14, 9]
    assert ref.find_quotes(text) == [(len('Jodie (15) said "'), len('Jodie (15) said "he is 24'))]
    assert len(ref.sentence_spans(text)) == 4
    _same(text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_same_on_generated_texts(text: str) -> None:
    _same(text)
