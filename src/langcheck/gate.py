"""A stricter first stage: spaCy runs only where a whole pattern could fit.

The core's first stage (prefilter.py) looks for one anchor per pattern. On case notes many
anchors are everyday words ("contact", "phone", "food", numbers), so many notes have one,
and spaCy would then run on every sentence with a hit. An audit of a million notes cannot
afford that, and a service checking note after note need not. The audit uses this gate for
every record (with learnt triggers, see `Gate.sentence_rules`); a long-lived Checker uses
its per-sentence test (`Gate.rules_in`) once it has seen enough records to repay building
it.

This gate asks more of a text before it can match a pattern: every required slot must have
one of its forms in it, and every two adjacent word slots must appear as adjacent words
("asked for" and "for it" for "asking|asked|asks for it"). It finds which of these *keys*
are present with two Aho-Corasick scans, then passes a text only if all the keys of some
pattern are. It is used twice: on a whole record (most records stop here, with no sentence
split and no spaCy), then on each sentence with a core first-stage hit (`GatedFirstStage`),
so spaCy sees only sentences where a pattern could match.

Why it never changes a result (tests/test_audit_gate.py compares it with the Checker):
- The spaCy matcher compares each token's lower-case text with a slot's forms, and two slots
  next to each other in a pattern match tokens separated only by whitespace tokens.
- Forms of ASCII letters are looked up in a copy of the text with every other character
  made a space and runs of spaces made one: " form " is there if a token is the form,
  because spaCy separates two letters only in special cases ("cannot" -> "can" "not",
  "gonna" -> "gon" "na"). A form that is such a piece (LEFT_PIECES, RIGHT_PIECES, checked
  against spaCy's tokenizer by a test) is looked up without the space on the side where it
  can be split, and a pair that is a left and a right piece is also looked up joined.
- Every other form (digits, apostrophes, accents, symbols) is looked up as a plain
  substring of the lower-cased text, which can only find more.
- A raw spaCy token pattern (no slots) is gated on its declared anchors, which every match
  contains; one with a phrase anchor is never gated.
Every slot and every pair is a key, common words ("him", "to the") included: a common key
rarely rules a sentence out alone, but a pattern passes only when all of its keys are there.

Both report kept findings only (`Checker.explain` does not use the gate), so a rule's
context conditions may rule sentences out too: a rule that requires an adult party
(context.py) keeps nothing in a sentence without a written age or a word for an adult, and
its patterns get one more key for that.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable
from functools import cache
from typing import Any

import ahocorasick_rs

from langcheck.cues import Cues, load_cues, party_words
from langcheck.lexicon import Lexicon
from langcheck.patterns import Slot
from langcheck.prefilter import lower_same_length
from langcheck.recordfacts import DECADE_WORDS, WORD_AGES
from langcheck.segment import sentence_of, sentence_spans

#: spaCy English special cases split a word between two letters ("cannot" -> "can" "not",
#: "youre" -> "you" "re"): a left piece may be followed by a letter, a right piece preceded
#: by one (tests check these sets against spaCy's tokenizer)
LEFT_PIECES = frozenset(
    """
    'm ai are c'm ca can could c’m d dare did do does gon got had has have he how i is it ll m
    may might must need not nt ought sha she should that there these they this those was we
    were what when where who why wo would y you ’m
    """.split()
)
RIGHT_PIECES = frozenset("a all d ll m n't na not nt n’t on re s ta ve".split())

#: the core first stage's `hits`: (start, end, rule ids) of every anchor in a text
AnchorHits = Callable[[str], list[tuple[int, int, frozenset[str]]]]

#: a pair of adjacent slots with more word pairs than this is not made a key
MAX_PAIRS = 5000

_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
# bytes: A-Z -> a-z, a-z kept, everything else (digits, punctuation, UTF-8 bytes) -> space
_TABLE = bytes(
    c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 else 32 for c in range(256)
)
# bytes: ASCII digits kept, everything else -> space
_DIGITS = bytes(c if 48 <= c <= 57 else 32 for c in range(256))


@cache
def _image(form: str) -> str:
    """A form as it appears in the letters-only text: "n't" -> "n t", "15yrs" -> "yrs"."""
    return " ".join(form.encode("utf-8").translate(_TABLE).decode("ascii").split())


def _imaged(form: str) -> bool:
    """Forms looked up in the letters-only text: those with an ASCII letter.

    Every byte of a non-ASCII character becomes a space, in the text and in the form alike,
    so case does not matter there; the two characters whose lower case is ASCII are mapped
    in the text before the lookup (see Gate.present).
    """
    return bool(_image(form))


def _digits(form: str) -> bool:
    return form.isascii() and form.isdigit()


def _left(form: str) -> bytes:
    """A space before the form unless a letter may touch it (a right piece: "n't")."""
    return b"" if form[0] in _ASCII_LETTERS and form in RIGHT_PIECES else b" "


def _right(form: str) -> bytes:
    """A space after the form unless a letter may touch it (a left piece: "can")."""
    return b"" if form[-1] in _ASCII_LETTERS and form in LEFT_PIECES else b" "


def _word_needle(form: str) -> bytes:
    return _left(form) + _image(form).encode("ascii") + _right(form)


def _pair_needles(a: str, b: str) -> list[bytes]:
    out = [_left(a) + f"{_image(a)} {_image(b)}".encode("ascii") + _right(b)]
    if a in LEFT_PIECES and b in RIGHT_PIECES:  # may be one word split in two ("don't")
        out.append(_left(a) + _image(a + b).encode("ascii") + _right(b))
    return out


def _bucket(seen: int) -> int:
    """How common a key was in the records learnt from: never, rarely, sometimes, often."""
    return 0 if seen == 0 else 1 if seen <= 3 else 2 if seen <= 30 else 3




def _single_spaced(raw: bytes) -> bool:
    """Whether `raw` is words separated by single spaces (`b" ".join(raw.split()) == raw`)."""
    return not (raw[:1] == b" " or raw[-1:] == b" " or b"  " in raw or b"\n" in raw
                or b"\t" in raw or b"\r" in raw or b"\x0b" in raw or b"\x0c" in raw)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _scannable(text: str) -> str:
    """The text as the scans read it, with the same length: the two characters whose lower
    case is ASCII mapped (Kelvin sign, dotted I), and lone surrogates (possible in decoded
    JSON), which cannot be UTF-8, made U+FFFD, which no form holds."""
    if text.isascii():
        return text
    if "\u212a" in text or "\u0130" in text:
        text = text.replace("\u212a", "k").replace("\u0130", "i")
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


@cache
def _raw_image(form: str) -> str:
    """A form as it appears in the letters-only text before space runs are made one:
    every other character a space, runs inside kept ("y.o." -> "y o", "a--b" -> "a  b")."""
    return form.encode("utf-8").translate(_TABLE).decode("ascii").strip(" ")


@cache
def _edge_spaces(form: str) -> tuple[int, int]:
    """How many characters before and after the letters of a form become spaces."""
    mapped = form.encode("utf-8").translate(_TABLE)
    return len(mapped) - len(mapped.lstrip(b" ")), len(mapped) - len(mapped.rstrip(b" "))


def _raw_pair_needles(a: str, b: str) -> list[bytes]:
    """`_pair_needles` for the letters-only text of single-spaced text, runs kept.

    Between two tokens of a match there is one space or nothing; in this text that gap
    also holds a space for each character of the first form after its last letter and of
    the second before its first ("mum" + "'s": "mum s" or "mum  s")."""
    _, trail = _edge_spaces(a)
    lead, _ = _edge_spaces(b)
    out = []
    for gap in {trail + lead, trail + lead + 1}:
        if gap:
            out.append(_left(a) + (_raw_image(a) + " " * gap + _raw_image(b)).encode("ascii")
                       + _right(b))
    if a in LEFT_PIECES and b in RIGHT_PIECES:  # may be one word split in two ("don't")
        out.append(_left(a) + _raw_image(a + b).encode("ascii") + _right(b))
    return out


class _Key:
    """One requirement: at least one of its needles occurs."""

    def __init__(self) -> None:
        self.words: set[bytes] = set()  # looked up in the letters-only text
        self.numbers: set[bytes] = set()  # looked up in the digits-only text
        self.others: set[str] = set()  # looked up in the lower-cased text, spaces collapsed
        #: `words` as found in the letters-only text of single-spaced ASCII text without
        #: making space runs one (the trigger scan; see Gate._triggered_ascii)
        self.raw_words: set[bytes] = set()

    def add_word(self, form: str) -> None:
        self.words.add(_word_needle(form))
        self.raw_words.add(_left(form) + _raw_image(form).encode("ascii") + _right(form))

    def add_pair(self, a: str, b: str) -> None:
        self.words.update(_pair_needles(a, b))
        self.raw_words.update(_raw_pair_needles(a, b))

    def ident(self) -> tuple[frozenset[bytes], ...]:
        return (frozenset(self.words), frozenset(self.numbers),
                frozenset(f.encode("utf-8", "surrogatepass") for f in self.others),
                frozenset(self.raw_words))


def _slot_key(forms: frozenset[str]) -> _Key:
    key = _Key()
    for f in forms:
        if _digits(f):
            key.numbers.add(f" {f} ".encode("ascii"))
        elif _imaged(f):
            key.add_word(f)
        else:
            key.others.add(f)
    return key


def _next_slots(slots: list[Slot], i: int) -> list[Slot] | None:
    """The slots whose token can come right after slot i's token (None if any can)."""
    out = []
    for slot in slots[i + 1:]:
        if slot.any_token or not slot.forms:
            return None
        out.append(slot)
        if slot.required:
            return out
    return None  # slot i may end the match


def _pair_keys(slots: list[Slot]) -> list[_Key]:
    """One key for every required slot and the slot(s) whose token can follow it.

    Two tokens next to each other in a match are separated only by whitespace (the matcher
    skips whitespace tokens), or by nothing where spaCy split one word ("don't" -> "do"
    "n't", "£5" -> "£" "5"), so every match holds one pair of each key, as "a b" or "ab".
    Pairs of words are looked up in the letters-only text, with word boundaries; pairs with
    digits or symbols in the lower-cased text with whitespace runs made one space.
    """
    out = []
    for i, a in enumerate(slots):
        if not a.required or a.any_token or not a.forms:
            continue
        following = _next_slots(slots, i)
        if not following:
            continue
        seconds = {f for s in following for f in s.forms}
        if len(a.forms) * len(seconds) > MAX_PAIRS:
            continue
        key = _Key()
        if all(_imaged(f) and not _digits(f) for f in (*a.forms, *seconds)):
            for x in a.forms:
                for y in seconds:
                    key.add_pair(x, y)
        else:
            for x in a.forms:
                for y in seconds:
                    key.others.update((f"{x} {y}", f"{x}{y}"))
        # "with the", "in a": in most sentences, so only used when nothing else is
        out.append(key)
    return out


def _pattern_keys(pattern: Any) -> list[_Key]:
    if not pattern.slots:  # a raw token pattern: every match contains one of its anchors
        if not pattern.anchors or any(" " in a for a in pattern.anchors):
            return []
        return [_slot_key(frozenset(pattern.anchors))]
    keys = [_slot_key(s.forms) for s in pattern.slots
            if s.required and not s.any_token and s.forms]
    keys += _pair_keys(pattern.slots)
    return keys


ADULT_PARTY = "adult-party"


def _adult_party_key(cues: Cues) -> _Key:
    """What a sentence must hold for the `adult-party` condition to hold (context.py).

    The condition needs, in the sentence, a written age, "older" in the words found, or a
    word for an adult who can be the other party. A written age holds a run of one or two
    digits (ASCII in the digits-only text, any other decimal digit looked up as it is), a
    decade ("in his twenties") or a number word ("fifteen-year-old"). A rule that requires
    the condition keeps no finding in a sentence without any of them, so `Checker.check`
    and the audit, which report only kept findings, need not send such a sentence to spaCy.
    """
    key = _Key()
    for word in {*party_words(cues), "older", *DECADE_WORDS, *WORD_AGES}:
        if _imaged(word) and not _digits(word):
            key.add_word(word)
        else:
            key.others.add(word)
    key.numbers = {f" {n} ".encode("ascii") for n in
                   [*map(str, range(100)), *(f"0{d}" for d in range(10))]}
    key.others |= OTHER_DECIMAL_DIGITS
    return key


#: decimal digits other than 0-9, which `\\d` also matches (all lie in Unicode planes 0
#: and 1; a test checks this against every code point)
OTHER_DECIMAL_DIGITS = frozenset(c for c in map(chr, range(128, 0x20000)) if c.isdecimal())


class Gate:
    """Which texts some pattern of the lexicon can match (a superset, never fewer), and,
    for rules that require an adult party, can keep a finding."""

    def __init__(self, lexicon: Lexicon) -> None:
        key_ids: dict[tuple[frozenset[bytes], ...], int] = {}
        keys: list[_Key] = []
        patterns: list[frozenset[int]] = []
        self.sources: dict[frozenset[int], list[str]] = defaultdict(list)
        self.always = 0  # patterns the gate cannot rule out (a phrase-anchored raw pattern)
        self._rules_by_ids: dict[frozenset[int], set[str]] = defaultdict(set)
        self._all_rules = frozenset(r.id for r in lexicon)
        party = (_adult_party_key(load_cues(lexicon.directories[0]))
                 if any(ADULT_PARTY in r.context.requires for r in lexicon) else None)
        for rule in lexicon:
            for pattern in rule.patterns:
                ids = set()
                extra = [party] if party and ADULT_PARTY in rule.context.requires else []
                for key in [*_pattern_keys(pattern), *extra]:
                    ident = key.ident()
                    if ident not in key_ids:
                        key_ids[ident] = len(keys)
                        keys.append(key)
                    ids.add(key_ids[ident])
                if not ids:
                    self.always += 1
                patterns.append(frozenset(ids))
                self._rules_by_ids[frozenset(ids)].add(rule.id)
                self.sources[frozenset(ids)].append(f"{rule.id}: {pattern.source}")
        self.keys = len(keys)
        self.patterns = len(patterns)
        self._key_list = keys
        self._pattern_ids = [ids for ids in patterns if ids]
        # triggers (see learn): one key per pattern, the rarest in the records seen so far
        self._seen: dict[int, int] = defaultdict(int)
        self._observed = 0
        self._triggers: tuple[Any, Any, Any] | None = None
        self._others_ascii: Any = None
        self._raw_words: Any = None
        #: words (whitespace-separated) in the text the trigger scan last saw, if it counted
        self.word_count: int | None = None
        # index each pattern under one of its keys (the one shared by the fewest patterns)
        count: dict[int, int] = defaultdict(int)
        for ids in patterns:
            for i in ids:
                count[i] += 1
        self._by_key: dict[int, list[frozenset[int]]] = defaultdict(list)
        for ids in sorted(set(patterns), key=sorted):
            if ids:
                self._by_key[min(ids, key=lambda i: (count[i], i))].append(ids)
        self._index = frozenset(self._by_key)
        words: dict[bytes, list[int]] = defaultdict(list)
        numbers: dict[bytes, list[int]] = defaultdict(list)
        others: dict[str, list[int]] = defaultdict(list)
        for i, key in enumerate(keys):
            for needle in key.words:
                words[needle].append(i)
            for needle in key.numbers:
                numbers[needle].append(i)
            for form in key.others:
                others[form].append(i)
        word_needles, number_needles, other_forms = sorted(words), sorted(numbers), sorted(others)
        self._word_keys = [frozenset(words[n]) for n in word_needles]
        self._number_keys = [frozenset(numbers[n]) for n in number_needles]
        self._other_keys = [frozenset(others[f]) for f in other_forms]
        self.needles = len(word_needles) + len(number_needles) + len(other_forms)
        self._words = ahocorasick_rs.BytesAhoCorasick(word_needles) if word_needles else None
        self._numbers = (ahocorasick_rs.BytesAhoCorasick(number_needles)
                         if number_needles else None)
        self._others = ahocorasick_rs.AhoCorasick(other_forms) if other_forms else None
        self._scans = [(ac, table, keys) for ac, table, keys in (
            (self._words, _TABLE, self._word_keys), (self._numbers, _DIGITS, self._number_keys))
            if ac is not None]

    def present(self, text: str) -> set[int]:
        """Ids of the keys with a needle in `text`."""
        found: set[int] = set()
        text = _scannable(text)
        raw = text.encode("utf-8", "surrogatepass")
        for ac, table, keys in self._scans:
            # letters (or digits) only, one space between runs and at each end
            hay = b" " + b" ".join(raw.translate(table).split()) + b" "
            needles = {idx for idx, _, _ in ac.find_matches_as_indexes(hay, overlapping=True)}
            if needles:
                found.update(*[keys[i] for i in needles])
        if self._others is not None:
            low = " ".join(lower_same_length(text).split())
            needles = {idx for idx, _, _ in
                       self._others.find_matches_as_indexes(low, overlapping=True)}
            if needles:
                found.update(*[self._other_keys[i] for i in needles])
        return found

    def _by_sentence(self, text: str,
                     spans: list[tuple[int, int]]) -> dict[int, set[int]]:
        """The keys found in each sentence (by index in `spans`)."""
        text = _scannable(text)
        out: dict[int, set[int]] = defaultdict(set)
        if text.isascii():
            raw = text.encode("ascii")
            pieces = [raw[a:b] for a, b in spans]
        else:
            pieces = [text[a:b].encode("utf-8", "surrogatepass") for a, b in spans]
        for ac, table, keys in self._scans:
            # one haystack, sentence after sentence; "|" keeps needles inside a sentence
            starts, parts, pos = [], [], 0
            for piece in pieces:
                part = b" " + b" ".join(piece.translate(table).split()) + b" "
                starts.append(pos)
                parts.append(part)
                pos += len(part) + 1
            hay = b"|".join(parts)
            for idx, start, _ in ac.find_matches_as_indexes(hay, overlapping=True):
                out[bisect_right(starts, start) - 1].update(keys[idx])
        if self._others is not None:
            low = lower_same_length(text)
            starts, parts, pos = [], [], 0
            for a, b in spans:
                part = " ".join(low[a:b].split())
                starts.append(pos)
                parts.append(part)
                pos += len(part) + 1
            hay = "\x00".join(parts)  # no needle holds a NUL: none spans two sentences
            for idx, start, _ in self._others.find_matches_as_indexes(hay, overlapping=True):
                out[bisect_right(starts, start) - 1].update(self._other_keys[idx])
        return out

    def _fits(self, found: set[int]) -> bool:
        """Whether all the keys of some pattern are in `found`."""
        for i in self._index.intersection(found):
            for ids in self._by_key[i]:
                if ids <= found:
                    return True
        return False

    def possible(self, text: str) -> bool:
        """False only if no pattern can match anywhere in `text`."""
        return bool(self.always) or self._fits(self.present(text))

    #: records scanned in full before the gate picks its trigger keys
    LEARN = 300

    def _learn(self) -> None:
        """Pick, for every pattern, the key seen in the fewest records so far.

        Every match holds all of its pattern's keys, so a record with none of the chosen
        keys cannot match; one small scan for them answers most records. Which key is picked
        changes only the speed, never a result.
        """
        words: set[bytes] = set()
        raw_words: set[bytes] = set()
        numbers: set[bytes] = set()
        others: set[str] = set()
        seen = self._seen
        for ids in self._pattern_ids:
            # rarest first (coarsely), then keys the letters-only scan finds alone, which
            # may spare the other two scans altogether
            key = self._key_list[min(ids, key=lambda i: (
                bool(self._key_list[i].numbers), _bucket(seen.get(i, 0)),
                bool(self._key_list[i].others), seen.get(i, 0),
                len(self._key_list[i].words) + len(self._key_list[i].others), i))]
            words |= key.words
            raw_words |= key.raw_words
            numbers |= key.numbers
            others |= key.others
        self._triggers = (
            ahocorasick_rs.BytesAhoCorasick(sorted(words)) if words else None,
            ahocorasick_rs.BytesAhoCorasick(sorted(numbers)) if numbers else None,
            ahocorasick_rs.AhoCorasick(sorted(others)) if others else None,
        )
        # the same keys for ASCII records (most), which are scanned as bytes; these run on
        # every record, and a DFA (a few MB for these few thousand needles) is the fastest
        dfa = ahocorasick_rs.Implementation.DFA
        self._raw_words = (ahocorasick_rs.BytesAhoCorasick(sorted(raw_words), implementation=dfa)
                           if raw_words else None)
        self._others_ascii = (ahocorasick_rs.BytesAhoCorasick(
            sorted({f.encode("utf-8") for f in others}), implementation=dfa) if others else None)

    def _triggered(self, text: str) -> bool:
        """Whether a chosen trigger key of some pattern is in `text` (see _learn)."""
        if text.isascii():
            raw = text.encode("ascii")
            if not (b"\x1c" in raw or b"\x1d" in raw or b"\x1e" in raw or b"\x1f" in raw):
                return self._triggered_ascii(raw)  # (str.split() splits at those four)
        return self._triggered_text(text)

    def _triggered_text(self, text: str) -> bool:
        """`_triggered` for any text."""
        assert self._triggers is not None
        words, numbers, others = self._triggers
        text = _scannable(text)
        raw = text.encode("utf-8", "surrogatepass")
        for ac, table in ((words, _TABLE), (numbers, _DIGITS)):
            if ac is not None and ac.find_matches_as_indexes(
                    b" " + b" ".join(raw.translate(table).split()) + b" "):
                return True
        return others is not None and bool(others.find_matches_as_indexes(
            " ".join(lower_same_length(text).split())))

    def _triggered_ascii(self, raw: bytes) -> bool:
        """`_triggered` for ASCII text, all in bytes (no decoding, ASCII-only lower case).

        The text is made single-spaced (most records already are) and counted: that gives
        the word count the audit reports (kept in `word_count`, as `len(text.split())`
        would give it). Its letters-only copy is then scanned without making space runs
        one, with needles made for that (`_Key.raw_words`), which spares a second split."""
        assert self._triggers is not None
        _, numbers, _ = self._triggers
        if _single_spaced(raw):  # most records: no need to split and join
            joined = raw
            self.word_count = raw.count(b" ") + 1 if raw else 0
        else:
            pieces = raw.split()
            self.word_count = len(pieces)
            joined = b" ".join(pieces)
        words = self._raw_words
        if words is not None and words.find_matches_as_indexes(
                b" " + joined.translate(_TABLE) + b" "):
            return True
        if numbers is not None and numbers.find_matches_as_indexes(
                b" " + b" ".join(joined.translate(_DIGITS).split()) + b" "):
            return True
        others = self._others_ascii
        return others is not None and bool(others.find_matches_as_indexes(joined.lower()))

    def _possible_learning(self, text: str) -> bool:
        """`possible`, counting which keys each record holds until the triggers are picked."""
        found = self.present(text)
        for i in found:
            self._seen[i] += 1
        self._observed += 1
        if self._observed >= self.LEARN:
            self._learn()
        return self._fits(found)

    def sentence_rules(self, text: str, anchor_hits: AnchorHits | None = None,
                       ) -> list[tuple[tuple[int, int], frozenset[str]]]:
        """The sentences in which some pattern can match, each with the rules that can.

        Cheapest test first. Once the triggers are learnt, a record with none of them is
        answered at once (most are). With `anchor_hits` (the core first stage's `hits`), a
        record without an anchor is answered next, and only the sentences holding an anchor
        are looked at: every match holds one of its pattern's anchors. Those sentences are
        then scanned for keys each on its own (no match crosses a sentence).
        """
        if self.always:
            return [(span, self._all_rules) for span in sentence_spans(text)]
        if self._triggers is None:
            if not self._possible_learning(text):  # still learning which keys are rare
                return []
        elif not self._triggered(text):
            return []
        spans = sentence_spans(text) if anchor_hits is None else []
        if anchor_hits is not None:
            hits = anchor_hits(text)
            if not hits:
                return []
            every = sentence_spans(text)
            chosen = sorted({i for i in (sentence_of(every, h[0]) for h in hits) if i >= 0})
            spans = [every[i] for i in chosen]
        found = self._by_sentence(text, spans)
        out = []
        for i in sorted(found):
            rules = self._fitting_rules(found[i])
            if rules:
                out.append((spans[i], rules))
        return out

    def rules_in(self, text: str, spans: list[tuple[int, int]]) -> dict[int, frozenset[str]]:
        """For each sentence (by index in `spans`) where some pattern can match, the rules
        that can; sentences missing from the answer cannot hold a kept finding."""
        if self.always:
            return {i: self._all_rules for i in range(len(spans))}
        found = self._by_sentence(text, spans)
        out = {}
        for i, keys in found.items():
            rules = self._fitting_rules(keys)
            if rules:
                out[i] = rules
        return out

    def _fitting_rules(self, found: set[int]) -> frozenset[str]:
        """The rules with a pattern all of whose keys are in `found`."""
        out: set[str] = set()
        by_key = self._by_key
        for i in self._index.intersection(found):
            for ids in by_key[i]:
                if ids <= found:
                    out |= self._rules_by_ids[ids]
        return frozenset(out)

    def why(self, text: str) -> list[str]:
        """The patterns that pass `text` (rule id and pattern source), for tuning."""
        found = self.present(text)
        return sorted({src for ids, srcs in self.sources.items() if ids <= found
                       for src in srcs})


class GatedFirstStage:
    """Stands in for `Checker.stage1`: one hit per sentence where some pattern can match,
    with the rules that can match there.

    The Checker uses the first stage's hits to choose the sentences it runs spaCy on and
    the rules it runs in each, so answering with the sentences and rules the gate passes (a
    superset of those with a match) keeps every result and spares spaCy the rest. The
    core's anchor scan runs too, as a necessary condition.
    """

    def __init__(self, base: Any, gate: Gate) -> None:
        self.base = base
        self.gate = gate
        self._last: tuple[str, list[tuple[tuple[int, int], frozenset[str]]]] | None = None

    def hits(self, text: str) -> list[tuple[int, int, frozenset[str]]]:
        return [(start, start + 1, rules) for (start, _), rules in self._sentence_rules(text)]

    def _sentence_rules(self, text: str) -> list[tuple[tuple[int, int], frozenset[str]]]:
        cached = self._last
        if cached is not None and cached[0] is text:
            return cached[1]
        return self.gate.sentence_rules(text, self.base.hits)

    def remember(self, text: str) -> list[tuple[int, int]]:
        """Compute the sentences of `text` once, for the Checker's call that follows.

        The core's anchor scan is a necessary condition for any match; the gate runs it
        after its own trigger scan, which clears more records for less."""
        self.gate.word_count = None
        found = self.gate.sentence_rules(text, self.base.hits)
        self._last = (text, found)
        return [span for span, _ in found]

    def word_count(self, text: str) -> int:
        """`len(text.split())` for the text just remembered (counted by the scan if it could)."""
        count = self.gate.word_count
        return len(text.split()) if count is None or self._last is None or (
            self._last[0] is not text) else count

    def __getattr__(self, name: str) -> Any:
        return getattr(self.base, name)
