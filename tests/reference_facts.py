"""The record facts and sentence split written the plain way: one regular expression per
form, each tried at every position, and a quote scan that looks at every character.

src/langcheck/recordfacts.py and segment.py answer the same questions faster (they skip
positions that cannot start a match); tests/test_record_facts_reference.py checks that both
always give the same answer. Only the searching is written here: what is done with a match
(`ends_sentence`, `spans_between`, `quote_from`) is shared. Keep this file as it is: it is
the reference.
"""

from __future__ import annotations

import re

from langcheck.recordfacts import name_ages_of, quote_from
from langcheck.segment import ends_sentence, spans_between

_AGE_PATTERNS = [
    # (15) (15yrs) (approx 25) (aged 15) (15 y/o)
    re.compile(r"\((?:approx\.?\s*|approximately\s*|aged?\s*|c\.?\s*|~)?(\d{1,2})\s*"
               r"(?:yrs?|years?(?:\s*old)?|y/?o|yo)?\)", re.I),
    # 24-year-old, 19 yr old, 15 year old, 15yo
    re.compile(r"\b(\d{1,2})\s*-?\s*(?:years?|yrs?|yr)\s*-?\s*old\b", re.I),
    re.compile(r"\b(\d{1,2})\s*(?:yrs|years|yo|y/o|y\.o\.)(?!\s*(?:ago|later|earlier|before|"
               r"since|of|in|on))\b", re.I),
    # aged 15, age 15, age: 15
    re.compile(r"\bage(?:d|:)?\s+(\d{1,2})\b", re.I),
    # since the age of 11
    re.compile(r"\bage\s+of\s+(\d{1,2})\b", re.I),
    # the children are 3 and 5; the twins, who are 3
    re.compile(r"\b(?:are|aged)\s+(\d{1,2})\s+and\s+\d{1,2}\b", re.I),
    re.compile(r"\b(?:are|aged)\s+\d{1,2}\s+and\s+(\d{1,2})\b", re.I),
    re.compile(r"\bwho\s+(?:is|are)\s+(\d{1,2})\b(?![:/.]\d)", re.I),
    # a girl of 14, a young woman of 15
    re.compile(r"\b(?:woman|man|girl|boy|child|lady|person|teenager|male|female|lad|kid)\s+"
               r"of\s+(?:only\s+|just\s+)?(\d{1,2})\b(?!\s*(?:years|yrs)\s+(?:ago|of))", re.I),
    # is 14, is now 15, turns 16 (not times, dates, amounts)
    re.compile(r"\b(?:is|was|turns|turned|now|being)\s+(?:now\s+|only\s+|just\s+)?(\d{1,2})\b"
               r"(?![:/.,]\d|\s*(?:am|pm|%|x\b|times|minutes|mins|hours|hrs|days|weeks|months|"
               r"miles|km|kg|-?year|yr|st\b|nd\b|rd\b|th\b|of\b))", re.I),
    # a 14-year-old -> covered; "a fourteen year old" kept simple: word ages
]
_DECADES = re.compile(r"\b(?:in\s+)?(?:his|her|their)\s+(?:early\s+|mid\s+|late\s+)?"
                      r"(twenties|thirties|forties|fifties|sixties|seventies)\b", re.I)
_WORD_AGES = {
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eleven": 11, "ten": 10, "nine": 9, "eight": 8,
}
_WORD_AGE = re.compile(r"\b(" + "|".join(_WORD_AGES) + r")[- ](?:year|yr)s?[- ]old\b", re.I)
# Name (15), Name is 15, Name, 15,
_NAME_AGE = re.compile(
    r"\b([A-Z][a-z]+|[A-Z])(?:'s)?\s*(?:\((?:aged?\s*)?(\d{1,2})\s*(?:yrs?|years?)?\)|"
    r"(?:,\s*|\s+is\s+(?:now\s+)?|\s+aged\s+)(\d{1,2})\b(?![:/.]\d))"
)


# terminal punctuation, optional closing quotes/brackets, then whitespace
# (the word before the stop, the stop, and the first character of what follows)
_END = re.compile(r"(?<!\S)(\S*?)([.!?]+)[\"'\u201d\u2019)\]]*(?=\s+(\S))")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences, with stops found by trying the expression at every word."""
    cuts: set[int] = set()
    for m in _END.finditer(text):
        word, stop, nxt = m.group(1), m.group(2), m.group(3)
        if ends_sentence(stop, word, nxt):
            cuts.add(m.end())
    return spans_between(text, cuts)


def find_ages(text: str) -> list[tuple[int, int, int]]:
    """Every age written in the text, with its position."""
    found: dict[tuple[int, int], tuple[int, int, int]] = {}
    for pat in _AGE_PATTERNS:
        for m in pat.finditer(text):
            age = int(m.group(1))
            if 1 <= age <= 99:
                found.setdefault((m.start(), m.end()), (m.start(), m.end(), age))
    for m in _DECADES.finditer(text):
        decade = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50,
                  "sixties": 60, "seventies": 70}[m.group(1).lower()]
        found.setdefault((m.start(), m.end()), (m.start(), m.end(), decade))
    for m in _WORD_AGE.finditer(text):
        found.setdefault((m.start(), m.end()),
                         (m.start(), m.end(), _WORD_AGES[m.group(1).lower()]))
    # drop mentions nested in a longer one
    spans = sorted(found.values(), key=lambda a: (a[0], -(a[1] - a[0])))
    out: list[tuple[int, int, int]] = []
    for a in spans:
        if out and a[0] < out[-1][1]:
            continue
        out.append(a)
    return out


def find_name_ages(text: str) -> dict[str, int]:
    """Names with an age, the expression tried at every position."""
    return name_ages_of(_NAME_AGE.finditer(text))


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Quotation spans, trying every character in turn as an opening mark."""
    spans: list[tuple[int, int]] = []
    resume = 0
    for i in range(len(text)):
        end = quote_from(text, i) if i >= resume else None
        if end is not None:
            spans.append((i + 1, end))
            resume = end + 1
    return spans
