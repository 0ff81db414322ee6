"""The lexicon's phrase-pattern language, compiled to spaCy token patterns and anchors.

A phrase pattern is a line of slots separated by spaces, one slot per token:

    ~put|~place <reflexive> at risk        # "puts herself at risk", "placing themselves at risk"
    older? boyfriend|bf                    # optional slot with `?`
    ~exchange sex|sexual * for             # `*` is any one token
    risk-taking behaviour                  # hyphens also match a space or nothing ("risktaking")

* `word` matches a token whose lower-case text is `word`;
* `~word` matches every inflection of `word` (see inflection.py);
* `<name>` matches any word of the class `name` in `lexicon/classes.yaml`;
* `a|b` are alternatives for one slot; `?` makes a slot optional; `{m,n}` repeats it;
* `*` is any token (`*?` optional, `*{0,3}` up to three).

The compiler does two jobs: it produces spaCy Matcher patterns (line breaks and extra
spaces between words are skipped), and it picks, for every pattern, one required slot
whose forms are its *anchors*: every match must contain one of them as a whole word, which
is what lets the first stage (an Aho-Corasick scan) decide which sentences need spaCy.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from langcheck.errors import LexiconError

#: words too common to decide alone that a sentence needs the spaCy stage
STOPWORDS = frozenset(
    """
    a an the and or but if of to in on at by for with from as into onto over under about
    after before is are was were be been being am has have had do does did not no nor
    n't never he she it they them him her his hers its their theirs we us our you your i
    me my this that these those there here who whom which what when where why how so
    than then too very can could will would shall should may might must 's ' up down out
    off again all any some such own same other
    """.split()
)

#: words frequent in case notes: a poor first-stage anchor when a rarer word is available
FREQUENT = frozenset(
    """
    child children young risk risks mum dad mother father police school home boy boys
    girl girls man men adult adults older person people family time said work working
    contact support well relationship relationships place put puts sex sexual partner
    friend friends engage engaged engaging attend attended session plan meeting concern
    concerns
    consent consented consents consenting exchange exchanged choice choices decision
    decisions allegation allegations alleged boyfriend girlfriend behaviour behaviours missing
    drugs dealing older agreed agree account believe believed story worker workers going
    attendance attending appointment appointments spoke form involved better
    service services home return returned returning pupil pupils started start leave left
    because younger college staff health friend people group team visit visited phone
    mobile car house flat room night day days week weeks weekend evening morning times talk
    talked said told asked made make making given give seeing seen sleep level continue
    continued happy wants want wanted share shared back part images image photos pictures
    video videos messages message online social media money cash drink drinking alcohol
    party parties town centre park street shop school's officer officers worker's parent
    parents carer carers foster placement unit hospital doctor nurse police's report
    reported review reviewed assessment assessments referral referrals advice safety plan
    plans concern concerned worried worry issue issues problem problems behaviour
    behaviours situation situations contact contacts relationship teacher teachers class
    lesson lessons sister brother baby babies daughter son girl's boy's adult's year years
    month months older
    """.split()
)

SPACE_SKIP = {"IS_SPACE": True, "OP": "*"}
HYPHENS = ["-", "–", "—"]
_QUANT = re.compile(r"(\?|\{\d*,\d*\}|\{\d+\})$")
_WORD = re.compile(r"^[^\s|<>~*?{}]+$")


@dataclass(frozen=True)
class Slot:
    """One token position: a set of lower-case forms (empty for `*`) and a quantifier."""

    forms: frozenset[str]
    op: str | None = None  # None, "?", or "{m,n}"
    any_token: bool = False

    @property
    def required(self) -> bool:
        if self.op is None:
            return True
        if self.op == "?":
            return False
        low = self.op.strip("{}").split(",")[0]
        return bool(low) and int(low) > 0

    def token_pattern(self) -> dict:
        spec: dict = {}
        if not self.any_token:
            forms = sorted(self.forms)
            spec["LOWER"] = forms[0] if len(forms) == 1 else {"IN": forms}
        if self.op:
            spec["OP"] = self.op
        return spec


@dataclass
class CompiledPattern:
    """One concrete slot sequence (a phrase may expand into several) and its anchors.

    Anchors are chosen on first use (`choose_anchors` is the costly part of compiling) unless
    given: a process that loads the lexicon from compiled.json has every rule's anchors
    already and never needs a pattern's."""

    source: str
    slots: list[Slot]
    given_anchors: frozenset[str] | None = None

    @functools.cached_property
    def anchors(self) -> frozenset[str]:
        if self.given_anchors is not None:
            return self.given_anchors
        return choose_anchors(self.slots, self.source)

    def token_pattern(self, spaces: bool = True) -> list[dict]:
        """The spaCy Matcher pattern. Between two words the matcher skips whitespace
        tokens (line breaks, double spaces); with `spaces=False` it does not, which gives
        the same matches on a Doc without whitespace tokens and runs about twice as fast."""
        out: list[dict] = []
        for i, slot in enumerate(self.slots):
            if i and spaces:
                out.append(dict(SPACE_SKIP))
            out.append(slot.token_pattern())
        return out


def _with_curly(forms: set[str]) -> set[str]:
    """Add the typographic-apostrophe spelling of every form that has an apostrophe."""
    extra = {f.replace("'", "\u2019") for f in forms if "'" in f}
    return forms | extra


FormsOf = Callable[[str], list[str]]
ClassOf = Callable[[str], set[str]]


def _expand_alt(alt: str, forms_of: FormsOf, class_of: ClassOf) -> list[list[set[str]]]:
    """Expand one alternative into token sequences, each a list of form sets.

    A plain word gives one single-token sequence; a hyphenated word gives the split
    sequence (with an optional hyphen token) and a joined single token.
    """
    if alt.startswith("<") and alt.endswith(">"):
        return [[set(class_of(alt[1:-1]))]]
    inflect = alt.startswith("~")
    word = alt[1:] if inflect else alt
    if not word or not _WORD.match(word):
        raise LexiconError(f"bad word {alt!r} in pattern")
    word = word.lower()
    if "-" in word.strip("-"):
        parts = word.split("-")
        last = set(forms_of(parts[-1])) if inflect else {parts[-1]}
        split_seq: list[set[str]] = [{p} for p in parts[:-1]] + [last]
        joined = {"".join(parts[:-1]) + f for f in last}
        hyphen_seq: list[set[str]] = []
        for i, part in enumerate(split_seq):
            if i:
                hyphen_seq.append(set(HYPHENS) | {"__optional__"})
            hyphen_seq.append(part)
        return [[joined], hyphen_seq]
    return [[set(forms_of(word)) if inflect else {word}]]


def _parse_slot(text: str) -> tuple[list[str], str | None]:
    m = _QUANT.search(text)
    op = None
    if m and text != "?":
        op = m.group(1)
        text = text[: m.start()]
    alts = [a for a in text.split("|")]
    if any(not a for a in alts):
        raise LexiconError(f"empty alternative in slot {text!r}")
    return alts, op


def compile_phrase(phrase: str, forms_of: FormsOf, class_of: ClassOf,
                   with_anchors: bool = True) -> list[CompiledPattern]:
    """Compile one phrase pattern into its concrete token-slot sequences.

    Exceptions never reach the first stage, so they are compiled without anchors."""
    raw_slots = phrase.split()
    if not raw_slots:
        raise LexiconError("empty pattern")
    # each slot becomes a list of choices; a choice is a list of Slots
    slot_choices: list[list[list[Slot]]] = []
    for raw in raw_slots:
        alts, op = _parse_slot(raw)
        if alts == ["*"]:
            slot_choices.append([[Slot(frozenset(), op, any_token=True)]])
            continue
        if "*" in alts:
            raise LexiconError(f"'*' cannot be an alternative in {raw!r}")
        singles: set[str] = set()
        multis: list[list[set[str]]] = []
        for alt in alts:
            for seq in _expand_alt(alt, forms_of, class_of):
                if len(seq) == 1:
                    singles |= seq[0]
                else:
                    multis.append(seq)
        choices: list[list[Slot]] = []
        if singles:
            choices.append([Slot(frozenset(_with_curly(singles)), op)])
        for seq in multis:
            if op is not None:
                raise LexiconError(f"a hyphenated word cannot take a quantifier: {raw!r}")
            seq_slots = []
            for forms in seq:
                if "__optional__" in forms:
                    seq_slots.append(Slot(frozenset(forms - {"__optional__"}), "?"))
                else:
                    seq_slots.append(Slot(frozenset(_with_curly(forms))))
            choices.append(seq_slots)
        slot_choices.append(choices)
    out = []
    for combo in itertools.product(*slot_choices):
        slots = [s for choice in combo for s in choice]
        out.append(CompiledPattern(phrase, slots, None if with_anchors else frozenset()))
    return out


_PAIR_WORD = re.compile(r"^[a-z0-9]+$")
#: strings spaCy splits into two word tokens with no space between ("cannot" -> can, not)
_FUSED = frozenset("cannot gonna gotta wanna lemme gimme dunno innit outta kinda".split())
_MAX_PAIR_FORMS = 400
_HYPHEN_SET = frozenset(HYPHENS)


@functools.lru_cache(maxsize=4096)
def _slot_key(slot: Slot) -> tuple[int, int, int, int]:
    common = sum(f in STOPWORDS for f in slot.forms)
    frequent = sum(f in FREQUENT for f in slot.forms)
    # fewer stopwords, then fewer frequent words, then longer shortest form, fewer forms
    return (-common, -frequent, min(len(f) for f in slot.forms), -len(slot.forms))


def _weak(forms: frozenset[str]) -> bool:
    """A single-word anchor that would send too many ordinary sentences to spaCy."""
    return any(f in STOPWORDS or f in FREQUENT or len(f) <= 4 for f in forms)


def _anchorable(slot: Slot) -> bool:
    return (not slot.any_token and slot.required and bool(slot.forms)
            and all(re.search(r"\w", f) for f in slot.forms))


def _pairable(slot: Slot) -> bool:
    return (not slot.any_token and slot.op is None and bool(slot.forms)
            and all(_PAIR_WORD.match(f) for f in slot.forms))


def _variants(slots: list[Slot]) -> list[list[Slot]]:
    """The slot sequences a match can take when each optional slot is there or not."""
    optional = [i for i, s in enumerate(slots) if s.op == "?"]
    if len(optional) > 4:
        return []
    out = []
    for mask in range(1 << len(optional)):
        drop = {optional[b] for b in range(len(optional)) if not mask >> b & 1}
        out.append([
            Slot(s.forms, None, s.any_token) if i in optional else s
            for i, s in enumerate(slots) if i not in drop
        ])
    return out


#: short words that are rare in ordinary case notes: a good anchor on their own
DISTINCT = frozenset(
    """porn porno pornos slag slags slut sluts whore whores pimp pimps pimped punter punters
    awol misper mispers mule mules tart tarts hooker hookers sexting sexted sexts nudes
    kiddie kiddy paedo paedos pron pr0n prono""".split()
)


def _strength(slot: Slot) -> int:
    """0 for a slot with a common function word, 1 for a frequent or short word, else 2."""
    if any(f in STOPWORDS for f in slot.forms):
        return 0
    if any((f in FREQUENT or len(f) <= 6) and f not in DISTINCT for f in slot.forms):
        return 1
    return 2


def _run_anchors(slots: list[Slot]) -> frozenset[str] | None:
    """The best anchor for one concrete slot sequence: the shortest run of 1-3 adjacent
    word slots with enough rare words in it (strength >= 2), else the strongest run.

    Adjacent word tokens are separated only by whitespace (or a hyphen token) in the text,
    apart from spaCy's fused special cases such as "cannot", which are excluded; the first
    stage reads hyphens as spaces and collapses whitespace, so every match contains one of
    the run's strings."""
    slots = [s for s in slots if not (s.forms and s.forms <= _HYPHEN_SET and not s.any_token)]
    best: tuple | None = None
    chosen: frozenset[str] | None = None
    for length in (1, 2, 3):
        for i in range(len(slots) - length + 1):
            run = slots[i : i + length]
            if length == 1:
                if not _anchorable(run[0]):
                    continue
            elif not all(_pairable(x) for x in run):
                continue
            size = 1
            for x in run:
                size *= len(x.forms)
            if size > _MAX_PAIR_FORMS:
                continue
            if all(all(f in STOPWORDS for f in x.forms) for x in run):
                continue
            strings: set[str] = {""}
            for x in run:
                strings = {f"{a} {b}".strip() for a in strings for b in x.forms}
            if length > 1 and any(f.replace(" ", "") in _FUSED for f in strings):
                continue
            strength = sum(_strength(x) for x in run)
            # a rare word alone, or several words with at least that much weight together
            enough = strength >= (2 if length == 1 else 3)
            if strength == 0 and length < 3:
                continue  # two function words ("has a") are everywhere; three are rarer
            # enough, then shorter; otherwise longer; then stronger, then fewer strings
            key = (enough, -length if enough else length, strength, -size)
            if best is None or key > best:
                best, chosen = key, frozenset(strings)
    return chosen


def choose_anchors(slots: list[Slot], source: str) -> frozenset[str]:
    """Pick the anchors of a pattern: for every variant of its optional slots, the most
    selective run of adjacent words (see `_run_anchors`); their union is the anchor set."""
    single: frozenset[str] = frozenset()
    best = None
    for slot in slots:
        if _anchorable(slot):
            key = _slot_key(slot)
            if best is None or key > best:
                best, single = key, slot.forms
    if not single:
        raise LexiconError(f"pattern {source!r} has no required word to anchor on")
    if all(f in STOPWORDS for f in single):
        raise LexiconError(f"pattern {source!r} has only common words ({sorted(single)})")
    variants = _variants(slots)
    if not variants:
        return single
    out: set[str] = set()
    for variant in variants:
        found = _run_anchors(variant)
        if found is None:
            return single
        out |= found
    if len(out) > _MAX_PAIR_FORMS * 4:
        return single
    return frozenset(out)


def compile_token_pattern(tokens: list[dict], anchors: list[str], source: str) -> CompiledPattern:
    """Wrap a raw spaCy token pattern from the lexicon; its anchors are given explicitly."""
    if not isinstance(tokens, list) or not all(isinstance(t, dict) for t in tokens):
        raise LexiconError("'tokens' must be a list of spaCy token specs")
    if not anchors:
        raise LexiconError("a raw token pattern needs 'anchors': the words every match contains")
    clean = [{k: v for k, v in t.items() if k != "__line__"} for t in tokens]
    return _RawPattern(source, [], frozenset(a.lower() for a in anchors), clean)


@dataclass
class _RawPattern(CompiledPattern):
    raw: list[dict] = field(default_factory=list)

    def token_pattern(self, spaces: bool = True) -> list[dict]:
        return [dict(t) for t in self.raw]
