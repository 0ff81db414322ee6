"""Facts about a whole record that the context layer needs for any one sentence.

Whether "boyfriend" is a problem depends on ages written elsewhere in the note ("Jodie is
15" two sentences on); whether words are someone else's depends on quotation marks that
may open in an earlier sentence. These facts are computed from the full record text, by
cheap regular expressions, only for records the first stage could not clear. Both the
Checker (which hands spaCy single sentences) and the spaCy component (which may see the
whole record) use the same facts, so results never depend on the first stage.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

ADULT_AGE = 18

class _AgePattern:
    """One way of writing an age, compiled twice: as written, for ASCII text already
    lower-cased, and case-insensitively, for any other text.

    `needs` lists words of which every match holds one, and `gate` a short expression that
    every match contains; both are checked, on the lower-cased text, before the search and
    cost far less. `word_start` stands for a leading `\b`, tested in Python (see
    _word_start_matches)."""

    def __init__(self, source: str, needs: tuple[str, ...] | None = None,
                 word_start: bool = True, gate: str | None = None) -> None:
        self.lower = re.compile(source)
        self.icase = re.compile(source, re.I)
        self.needs = needs
        self.gate = re.compile(gate) if gate else None
        self.word_start = word_start

    def finditer(self, text: str, folded: str, ascii_lower: bool) -> Iterator[re.Match[str]]:
        if self.needs is not None and not any(word in folded for word in self.needs):
            return iter(())
        if self.gate is not None and self.gate.search(folded) is None:
            return iter(())
        pattern = self.lower if ascii_lower else self.icase
        if self.word_start:
            return _word_start_matches(pattern, text)
        return pattern.finditer(text)


_AGE_PATTERNS = [
    # (15) (15yrs) (approx 25) (aged 15) (15 y/o)
    _AgePattern(r"\((?:approx\.?\s*|approximately\s*|aged?\s*|c\.?\s*|~)?(\d{1,2})\s*"
                r"(?:yrs?|years?(?:\s*old)?|y/?o|yo)?\)", ("(",), word_start=False),
    # 24-year-old, 19 yr old, 15 year old, 15yo
    _AgePattern(r"(\d{1,2})\s*-?\s*(?:years?|yrs?|yr)\s*-?\s*old\b",
                gate=r"(?:year|yr)s?\s*-?\s*old"),
    _AgePattern(r"(\d{1,2})\s*(?:yrs|years|yo|y/o|y\.o\.)(?!\s*(?:ago|later|earlier|before|"
                r"since|of|in|on))\b", gate=r"y(?:rs|ears|o\b|/o|\.o\.)"),
    # aged 15, age 15, age: 15
    _AgePattern(r"age(?:d|:)?\s+(\d{1,2})\b", ("age",)),
    # since the age of 11
    _AgePattern(r"age\s+of\s+(\d{1,2})\b", ("age",)),
    # the children are 3 and 5; the twins, who are 3
    _AgePattern(r"(?:are|aged)\s+(\d{1,2})\s+and\s+\d{1,2}\b", ("and",)),
    _AgePattern(r"(?:are|aged)\s+\d{1,2}\s+and\s+(\d{1,2})\b", ("and",)),
    _AgePattern(r"who\s+(?:is|are)\s+(\d{1,2})\b(?![:/.]\d)", ("who",)),
    # a girl of 14, a young woman of 15
    _AgePattern(r"(?:woman|man|girl|boy|child|lady|person|teenager|male|female|lad|kid)\s+"
                r"of\s+(?:only\s+|just\s+)?(\d{1,2})\b(?!\s*(?:years|yrs)\s+(?:ago|of))",
                gate=r"of\s+(?:only\s+|just\s+)?\d"),
    # is 14, is now 15, turns 16 (not times, dates, amounts)
    _AgePattern(r"(?:is|was|turns|turned|now|being)\s+(?:now\s+|only\s+|just\s+)?(\d{1,2})\b"
                r"(?![:/.,]\d|\s*(?:am|pm|%|x\b|times|minutes|mins|hours|hrs|days|weeks|"
                r"months|miles|km|kg|-?year|yr|st\b|nd\b|rd\b|th\b|of\b))",
                ("is", "was", "turn", "now", "being")),
    # a 14-year-old -> covered; "a fourteen year old" kept simple: word ages
]
#: the characters other than A-Z that IGNORECASE matches with an ASCII letter
_ASCII_FOLD = {0x130: "i", 0x131: "i", 0x17F: "s", 0x212A: "k"}
DECADE_WORDS = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50,
                 "sixties": 60, "seventies": 70}
_DECADES = _AgePattern(r"(?:in\s+)?(?:his|her|their)\s+(?:early\s+|mid\s+|late\s+)?"
                       r"(twenties|thirties|forties|fifties|sixties|seventies)\b",
                       tuple(DECADE_WORDS))
WORD_AGES = {
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eleven": 11, "ten": 10, "nine": 9, "eight": 8,
}
_WORD_AGE = _AgePattern(r"(" + "|".join(WORD_AGES) + r")[- ](?:year|yr)s?[- ]old\b",
                        gate=r"(?:year|yr)s?[- ]old")
# Name (15), Name is 15, Name, 15,
# (searched with _word_start_matches, which stands for a leading \b)
_NAME_AGE = re.compile(
    r"([A-Z][a-z]+|[A-Z])(?:'s)?\s*(?:\((?:aged?\s*)?(\d{1,2})\s*(?:yrs?|years?)?\)|"
    r"(?:,\s*|\s+is\s+(?:now\s+)?|\s+aged\s+)(\d{1,2})\b(?![:/.]\d))"
)


@dataclass
class AgeMention:
    start: int
    end: int
    age: int


class RecordFacts:
    """Quote spans, ages, named children and sentences of one record, in record offsets.

    Each fact is computed on first use: most records that reach spaCy hold a near miss
    that no pattern matches, and then only the sentence boundaries are ever needed."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def quotes(self) -> list[tuple[int, int]]:
        return find_quotes(self.text)

    @cached_property
    def ages(self) -> list[AgeMention]:
        return find_ages(self.text)

    @cached_property
    def name_ages(self) -> dict[str, int]:
        return find_name_ages(self.text)

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        from langcheck.segment import sentence_spans

        return sentence_spans(self.text)

    @property
    def has_child_age(self) -> bool:
        return any(a.age < ADULT_AGE for a in self.ages)

    def in_quotes(self, start: int, end: int) -> bool:
        return any(qs <= start and end <= qe for qs, qe in self.quotes)

    def ages_between(self, start: int, end: int) -> list[AgeMention]:
        return [a for a in self.ages if a.start >= start and a.end <= end]


def _is_word_char(ch: str) -> bool:
    """What `\\w` matches (Unicode letters, digits and the underscore)."""
    return ch.isalnum() or ch == "_"


def _word_start_matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` as if the pattern began with `\\b`.

    A leading `\\b` makes the regular expression engine test every position of the text,
    which costs more than the rest of the search; without it the engine jumps to where the
    pattern's first characters are. Every pattern here starts with a word character, so the
    `\\b` holds where the character before the match is not one; where it fails, the search
    resumes one character on, as the engine itself would."""
    pos = 0
    search = pattern.search
    while True:
        m = search(text, pos)
        if m is None:
            return
        start = m.start()
        if start > 0 and _is_word_char(text[start - 1]):
            pos = start + 1
            continue
        yield m
        pos = max(m.end(), start + 1)


def find_ages(text: str) -> list[AgeMention]:
    """Every age written in the text, with its position."""
    found: dict[tuple[int, int], AgeMention] = {}
    ascii_lower = text.isascii()
    if ascii_lower:
        text = text.lower()  # same length; the searches then need no IGNORECASE
    folded = text if ascii_lower else text.translate(_ASCII_FOLD).lower()
    for pat in _AGE_PATTERNS:
        for m in pat.finditer(text, folded, ascii_lower):
            age = int(m.group(1))
            if 1 <= age <= 99:
                found.setdefault((m.start(), m.end()), AgeMention(m.start(), m.end(), age))
    for m in _DECADES.finditer(text, folded, ascii_lower):
        decade = DECADE_WORDS[m.group(1).lower()]
        found.setdefault((m.start(), m.end()), AgeMention(m.start(), m.end(), decade))
    for m in _WORD_AGE.finditer(text, folded, ascii_lower):
        found.setdefault((m.start(), m.end()),
                         AgeMention(m.start(), m.end(), WORD_AGES[m.group(1).lower()]))
    # drop mentions nested in a longer one
    spans = sorted(found.values(), key=lambda a: (a.start, -(a.end - a.start)))
    out: list[AgeMention] = []
    for a in spans:
        if out and a.start < out[-1].end:
            continue
        out.append(a)
    return out


def find_name_ages(text: str) -> dict[str, int]:
    """Map of names written with an age ("Jodie (15)", "Jodie is 15") to that age."""
    return name_ages_of(_word_start_matches(_NAME_AGE, text))


def name_ages_of(matches: Iterable[re.Match[str]]) -> dict[str, int]:
    """The names and ages of `_NAME_AGE` matches, words that are not names left out."""
    out: dict[str, int] = {}
    for m in matches:
        name = m.group(1)
        age = m.group(2) or m.group(3)
        if name in {"The", "She", "He", "It", "This", "Mum", "Dad", "Mr", "Mrs", "Ms",
                    "Miss", "Dr", "DC", "PC", "Room", "Page", "Year", "Section", "Age"}:
            continue
        out.setdefault(name, int(age))
    return out


_OPENERS = "\"\u201c\u2018'"
_PAIRS = {"\u201c": "\u201d", "\u2018": "\u2019", '"': '"', "'": "'"}
_MAX_QUOTE = 600
_OPENER = re.compile("[" + re.escape(_OPENERS) + "]")


def _is_apostrophe(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before.isalnum() and after.isalnum()


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Spans inside paired quotation marks (the marks excluded), within a paragraph.

    Apostrophes inside words ("Nan's", "don't") are not quotes. A single quote opens only
    after a space or bracket and closes only before a space, punctuation or the end, so a
    plural possessive ("the girls' home") does not swallow the rest of the note.
    """
    spans: list[tuple[int, int]] = []
    i = 0
    find_opener = _OPENER.search
    while True:
        # jump to the next possible opening mark (most characters are not one)
        found_at = find_opener(text, i)
        if found_at is None:
            return spans
        i = found_at.start()
        end = quote_from(text, i)
        if end is None:
            i += 1
        else:
            spans.append((i + 1, end))
            i = end + 1


def quote_from(text: str, i: int) -> int | None:
    """Where the quotation opened by the mark at `i` closes, or None if it does not open
    one (an apostrophe, a mark in a word) or does not close within the paragraph."""
    ch = text[i]
    if ch not in _OPENERS or ch == "\u2019":
        return None
    if ch in "'\u2018" and _is_apostrophe(text, i):
        return None
    prev = text[i - 1] if i else " "
    if ch == "'" and not (prev.isspace() or prev in "([{-\u2013\u2014:\"/"):
        return None
    closer_chars = {_PAIRS[ch]}
    if ch == "\u2018":
        closer_chars.add("'")
    if ch == "\u201c":
        closer_chars.add('"')
    n = len(text)
    j = i + 1
    limit = min(n, i + _MAX_QUOTE)
    while j < limit:
        c = text[j]
        if c == "\n" and j + 1 < n and text[j + 1] == "\n":
            return None
        if c in closer_chars and j > i + 1:
            if c in "'\u2019" and _is_apostrophe(text, j):
                j += 1
                continue
            nxt = text[j + 1] if j + 1 < n else " "
            if c in "'\u2019" and nxt.isalnum():
                j += 1
                continue
            return j
        j += 1
    return None


def record_facts(text: str) -> RecordFacts:
    """Compute the facts of one record (called once per record that reaches stage 2)."""
    return RecordFacts(text)
