"""The record facts and sentence split written the plain way: one regular expression per
form, each tried at every position, and a character-by-character quote scan.

src/langcheck/recordfacts.py and segment.py answer the same questions faster (they skip
positions that cannot start a match); tests/test_record_facts_reference.py checks that both
always give the same answer. Keep this file as it is: it is the reference.
"""

from __future__ import annotations

import re

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
_ABBREV = frozenset(
    """
    mr mrs ms dr dc pc ds di st no approx e.g i.e eg ie etc vs cf p.m a.m pm am sgt insp
    prof rev jr sr fig ref tel dept govt
    """.split()
)
_WS = re.compile(r"\s+")


def _is_line_break_boundary(text: str, nl: int) -> bool:
    """A newline ends a sentence unless the next line continues in lower case."""
    j = nl + 1
    n = len(text)
    while j < n and text[j] in " \t\r\f\v":
        j += 1
    if j >= n:
        return True
    if text[j] == "\n":
        return True  # blank line: paragraph break
    return not text[j].islower()


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) offsets of sentences, trimmed of surrounding whitespace."""
    cuts: set[int] = set()
    for m in _END.finditer(text):
        word, stop, nxt = m.group(1), m.group(2), m.group(3)
        if stop[0] == ".":
            # abbreviations and initials do not end sentences ("Mr. Smith", "J. Smith");
            # "No. 5" is an abbreviation, "No. She ..." ends a sentence
            word = word.lower().lstrip("(\"'")
            if (word in _ABBREV or (len(word) == 1 and word.isalpha())) and not (
                word == "no" and nxt.isalpha()
            ):
                continue
        # the next sentence should start like one (not a lower-case continuation)
        if nxt.islower():
            continue
        cuts.add(m.end())
    i = text.find("\n")
    while i >= 0:
        if _is_line_break_boundary(text, i):
            cuts.add(i)
        i = text.find("\n", i + 1)
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in [*sorted(cuts), len(text)]:
        seg_start, seg_end = start, cut
        while seg_start < seg_end and text[seg_start].isspace():
            seg_start += 1
        while seg_end > seg_start and text[seg_end - 1].isspace():
            seg_end -= 1
        if seg_end > seg_start:
            spans.append((seg_start, seg_end))
        start = cut
    return spans



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
    """Map of names written with an age ("Jodie (15)", "Jodie is 15") to that age."""
    out: dict[str, int] = {}
    for m in _NAME_AGE.finditer(text):
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
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch in _OPENERS and ch != "\u2019":
            if ch in "'\u2018" and _is_apostrophe(text, i):
                i += 1
                continue
            prev = text[i - 1] if i else " "
            if ch == "'" and not (prev.isspace() or prev in "([{-\u2013\u2014:\"/"):
                i += 1
                continue
            closer_chars = {_PAIRS[ch]}
            if ch == "\u2018":
                closer_chars.add("'")
            if ch == "\u201c":
                closer_chars.add('"')
            j = i + 1
            limit = min(n, i + _MAX_QUOTE)
            found = -1
            while j < limit:
                c = text[j]
                if c == "\n" and j + 1 < n and text[j + 1] == "\n":
                    break
                if c in closer_chars and j > i + 1:
                    if c in "'\u2019" and _is_apostrophe(text, j):
                        j += 1
                        continue
                    nxt = text[j + 1] if j + 1 < n else " "
                    if c in "'\u2019" and nxt.isalnum():
                        j += 1
                        continue
                    found = j
                    break
                j += 1
            if found > 0:
                spans.append((i + 1, found))
                i = found + 1
                continue
        i += 1
    return spans
