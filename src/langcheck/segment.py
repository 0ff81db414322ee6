"""Sentence boundaries by character offset, shared by the first stage and the spaCy component.

Both stages must cut a record into the same sentences, or the first stage could change a
result; so there is one segmenter, cheap enough to run on every record that has a hit.
Case records are full of chronology lines without a full stop, headings, and wrapped
lines, so a line break ends a sentence unless the next line starts in lower case (a wrapped
line). Boundaries always fall on whitespace, which keeps spaCy's tokens the same whether
it sees a sentence alone or the whole record.
"""

from __future__ import annotations

import re

# terminal punctuation, optional closing quotes/brackets, then whitespace and more text
# (the stop, and the first character of what follows); the search starts at the stop,
# which is far cheaper than starting at every word, and the word before it is read back
_END = re.compile(r"([.!?]+)[\"'\u201d\u2019)\]]*(?=\s+(\S))")
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


_last: tuple[str, tuple[tuple[int, int], ...]] | None = None


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) offsets of sentences, trimmed of surrounding whitespace.

    The first stage and the record facts both need the sentences of the same record, one
    call after the other; the last answer is kept (with the text it belongs to, so the
    identity test cannot be fooled by a reused address) and returned again."""
    global _last
    last = _last
    if last is not None and last[0] is text:
        return list(last[1])
    spans = _split(text)
    _last = (text, tuple(spans))
    return spans


def _split(text: str) -> list[tuple[int, int]]:
    cuts: set[int] = set()
    for m in _END.finditer(text):
        stop, nxt = m.group(1), m.group(2)
        word = ""
        if stop[0] == ".":
            word_start = m.start()
            while word_start > 0 and not text[word_start - 1].isspace():
                word_start -= 1
            word = text[word_start : m.start()]
        if ends_sentence(stop, word, nxt):
            cuts.add(m.end())
    return spans_between(text, cuts)


def ends_sentence(stop: str, word: str, nxt: str) -> bool:
    """Whether `word` + `stop` ("Mr" + ".") followed by whitespace and `nxt` ends a sentence."""
    if stop[0] == ".":
        # abbreviations and initials do not end sentences ("Mr. Smith", "J. Smith");
        # "No. 5" is an abbreviation, "No. She ..." ends a sentence
        word = word.lower().lstrip("(\"'")
        if (word in _ABBREV or (len(word) == 1 and word.isalpha())) and not (
            word == "no" and nxt.isalpha()
        ):
            return False
    # the next sentence should start like one (not a lower-case continuation)
    return not nxt.islower()


def spans_between(text: str, cuts: set[int]) -> list[tuple[int, int]]:
    """The sentences between the cuts after stops, and at line breaks that end one, trimmed
    of surrounding whitespace."""
    cuts = set(cuts)
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


def sentence_of(spans: list[tuple[int, int]], pos: int) -> int:
    """Index of the sentence containing `pos` (binary search), or -1."""
    lo, hi = 0, len(spans) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        s, e = spans[mid]
        if pos < s:
            hi = mid - 1
        elif pos >= e:
            lo = mid + 1
        else:
            return mid
    return -1
