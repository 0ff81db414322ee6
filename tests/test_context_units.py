"""Unit tests of the pieces under the context layer: sentences, quotes, ages."""

from __future__ import annotations

from langcheck.recordfacts import find_ages, find_name_ages, find_quotes
from langcheck.segment import sentence_spans


def _sents(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def test_sentences_split_on_stops_and_lines() -> None:
    assert _sents("She is 14. Mr. Smith visited.\n02/10 Seen at school") == [
        "She is 14.", "Mr. Smith visited.", "02/10 Seen at school"]


def test_wrapped_line_is_one_sentence() -> None:
    assert _sents("She keeps putting herself\nat risk. Next.") == [
        "She keeps putting herself\nat risk.", "Next."]


def test_quotes_and_apostrophes() -> None:
    text = ("Nan's view: 'he's her boyfriend' and \u201cshe's fine\u201d; "
            "the girls' home said \"no\".")
    spans = [text[s:e] for s, e in find_quotes(text)]
    assert spans == ["he's her boyfriend", "she\u2019s fine".replace("\u2019", "'"), "no"]


def test_unclosed_quote_is_not_a_quote() -> None:
    assert find_quotes('She said "it was fine and then left') == []


def test_ages_in_common_forms() -> None:
    text = ("Mia (14) met a 24-year-old; bf (approx 25), aged 19, 19 yr old, is 15, "
            "a man in his forties, at 10:30, 15% of notes")
    ages = sorted(a.age for a in find_ages(text))
    assert ages == [14, 15, 19, 19, 24, 25, 40]


def test_name_ages() -> None:
    assert find_name_ages("Jodie is 15. Mr T (33) and Abbie (15).") == {
        "Jodie": 15, "T": 33, "Abbie": 15}
