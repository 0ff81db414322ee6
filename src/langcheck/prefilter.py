"""The first stage: one Aho-Corasick scan that clears most records without spaCy.

Every lexicon pattern has anchors (patterns.py): forms of which at least one occurs as a
whole word in any match. One automaton over all anchors, run on the lower-cased record,
tells which sentences can hold a finding and which rules can match there. Records with no
anchor are answered at once, and `import spacy` never happens for them.

This module must not import spaCy.
"""

from __future__ import annotations

import bisect
import re

import ahocorasick_rs

from langcheck.lexicon import Lexicon


def lower_same_length(text: str) -> str:
    """Lower-case without changing offsets (a few characters grow when lowered)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


_SURROGATE = re.compile("[\ud800-\udfff]")
_DASHES = ("-", "\u2013", "\u2014")
_MULTI_WS = re.compile(r"\s{2,}")


class _Collapsed:
    """Maps offsets of the collapsed text (`" ".join(text.split())`) back to the text.

    Only leading whitespace and runs of two or more whitespace characters shift offsets,
    and those are few (blank lines, CRLF, double spaces)."""

    def __init__(self, spaced: str) -> None:
        lead = len(spaced) - len(spaced.lstrip())
        self.breaks: list[int] = [0]
        self.shift: list[int] = [lead]
        total = lead
        for m in _MULTI_WS.finditer(spaced, lead):
            length = m.end() - m.start()
            # the run becomes one space at (its start - shift so far); text after it moves
            self.breaks.append(m.start() - total + 1)
            total += length - 1
            self.shift.append(total)

    def original(self, pos: int) -> int:
        i = bisect.bisect_right(self.breaks, pos) - 1
        return pos + self.shift[i]


class FirstStage:
    """Anchor automaton for one lexicon."""

    def __init__(self, lexicon: Lexicon) -> None:
        by_anchor: dict[str, list[str]] = {}
        for rule in lexicon:
            for anchor in rule.anchors:
                by_anchor.setdefault(anchor, []).append(rule.id)
        self.anchors = list(by_anchor)
        shared: dict[tuple[str, ...], frozenset[str]] = {}
        self.rules_of = [shared.setdefault(tuple(ids), frozenset(ids))
                         for ids in by_anchor.values()]
        self._ac = (
            ahocorasick_rs.AhoCorasick(self.anchors, matchkind=ahocorasick_rs.MatchKind.Standard)
            if self.anchors else None
        )

    def hits(self, text: str) -> list[tuple[int, int, frozenset[str]]]:
        """(start, end, rule ids) for every anchor found as whole words.

        Anchors may be two words ("consented to"); hyphens are read as spaces and
        whitespace runs (line breaks, double spaces) collapsed to one space first, as the
        matcher skips them too."""
        if self._ac is None or not text:
            return []
        low = lower_same_length(text)
        # hyphens read as spaces, whitespace runs as one space (str.split is far faster
        # than a regular expression here, and this runs on every record)
        spaced = low
        for dash in _DASHES:
            if dash in spaced:
                spaced = spaced.replace(dash, " ")
        scan = " ".join(spaced.split())
        try:
            found = self._ac.find_matches_as_indexes(scan, overlapping=True)
        except UnicodeEncodeError:
            # lone surrogates (possible in decoded JSON) cannot be UTF-8; one char each
            scan = _SURROGATE.sub("\ufffd", scan)
            found = self._ac.find_matches_as_indexes(scan, overlapping=True)
        if not found:
            return []
        out = []
        n = len(scan)
        mapper = _Collapsed(spaced) if scan != spaced else None
        for idx, start, end in found:
            # whole words only; a digit may touch a word ("15yrs" splits into tokens)
            if start > 0 and scan[start - 1].isalpha() and scan[start].isalpha():
                continue
            if end < n and scan[end].isalpha() and scan[end - 1].isalpha():
                continue
            if mapper is not None:
                start, end = mapper.original(start), mapper.original(end - 1) + 1
            out.append((start, end, self.rules_of[idx]))
        return out

    def candidate_rules(self, text: str) -> frozenset[str]:
        """Rules that can match somewhere in `text`."""
        found: set[str] = set()
        for _, _, rules in self.hits(text):
            found |= rules
        return frozenset(found)
