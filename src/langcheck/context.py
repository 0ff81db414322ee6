"""The context layer: decides, for each candidate, whether it is the recorder's own framing.

Modelled on medspaCy's ConText and LanguageTool's antipatterns. Cues (lexicon/context.yaml)
are matched with a spaCy PhraseMatcher; each has a direction and a scope, terminators end a
scope, and pseudo-cues look like cues but are not. For every candidate the layer returns a
decision: keep it (at the rule's severity), report it as `info` (words in quotation marks,
which belong to someone else), or drop it, with the cue that decided, so a curator can see
why (`langcheck check --explain`).

Checks, in order: the rule's own exceptions (legal and procedural senses), quotation,
mention, negation by the recorder, attribution to a non-professional speaker, and the
rule's subject and age conditions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from langcheck.cues import NOT_A_PARTY, Cues
from langcheck.errors import LexiconError
from langcheck.lexicon import Rule
from langcheck.patterns import STOPWORDS
from langcheck.recordfacts import ADULT_AGE, RecordFacts

KEEP, INFO, DROP = "keep", "info", "drop"
#: an age gap of this many years or fewer between a child and an adult is a peer relationship
_PEER_GAP = 2
_PASSIVE_AUX = frozenset("was were is are be been being get got gets".split())
_PERSON_PRONOUNS = frozenset("she he they her him them his their i we you".split())
_NOT_NAMES = frozenset("it this that the a an there which what who it's".split())
_PREPOSITIONS = frozenset("with by to from for at of about towards toward around near "
                          "alongside among amongst against between like as than".split())
_TITLES = frozenset("mr mrs ms miss dr mx".split())
_SUBJECT_PRONOUNS = frozenset("she he they".split())
_AGENT_PREPOSITIONS = frozenset(["with"])
#: adult-marking words that are not themselves a person ("looks older")
_NOT_PEOPLE = frozenset(["older"])
#: professionals are adults too ("The reviewing officer knows the score ...")
_PRO_PEOPLE = frozenset(
    "officer officers worker workers staff teacher teachers nurse gp doctor paediatrician "
    "manager practitioner practitioners sw dc pc ds di sgt detective dsl headteacher isva "
    "idva iro ypo keyworker mentor assessor chair colleague colleagues midwife hv carers "
    "psychologist therapist counsellor judge police professionals professional".split())
_DETERMINERS = frozenset("the a an some two three several other older adult unknown her his "
                         "their".split())
_CLAUSE_BREAKS = frozenset([",", ";", ":", "but", "while", "whilst", "whereas", "because",
                            "although", "though", "since", "after", "when", "until", "that"])


@dataclass
class Decision:
    """What the context layer made of one candidate."""

    action: str  # keep | info | drop
    cue: str  # the reason, in words


_CUE_TYPES = ("negation", "pseudo_negation", "reporting", "according", "terminators",
              "negation_terminators", "mention", "mention_after")


class ContextLayer:
    """Applies the cues of one lexicon directory to candidates in a Doc."""

    def __init__(self, vocab: Vocab, cues: Cues, make_doc: Callable[[str], Doc]) -> None:
        self.cues = cues
        self.matcher = PhraseMatcher(vocab, attr="LOWER")
        for kind in _CUE_TYPES:
            self.matcher.add(kind, [make_doc(p) for p in getattr(cues, kind)])
        self._speakers: set[int] = set()
        self._adult = cues.adult
        self._child = cues.child
        self._professional = cues.professional

    # --- cue spans -----------------------------------------------------------------
    def cue_spans(self, sent: Span) -> dict[str, list[tuple[int, int]]]:
        """Token ranges of every cue in the sentence, by kind (doc token indices)."""
        out: dict[str, list[tuple[int, int]]] = {k: [] for k in _CUE_TYPES}
        strings = sent.doc.vocab.strings
        for match_id, start, end in self.matcher(sent):
            out[strings[match_id]].append((start, end))
        # a spaced dash between words ends clauses ("J is not in a relationship - she is ...")
        for tok in sent:
            if tok.text in ("-", "\u2013", "\u2014", ":") and (
                tok.i == sent.start or sent.doc[tok.i - 1].whitespace_
            ):
                out["terminators"].append((tok.i, tok.i + 1))
        return out

    # --- decision -------------------------------------------------------------------
    def decide(self, rule: Rule, cand: Span, sent: Span, cues: dict[str, list[tuple[int, int]]],
               facts: RecordFacts, offset: int, exception_hit: str | None) -> Decision:
        ctx = rule.context
        if exception_hit:
            return Decision(DROP, f"exception: {exception_hit!r} (legal or procedural sense)")
        start_char = cand.start_char + offset
        end_char = cand.end_char + offset
        if ctx.mention:
            cue = self._mention(cand, sent, cues)
            if cue:
                return Decision(DROP, f"mention, not use: after {cue!r}")
        if ctx.quotes == "info" and facts.in_quotes(start_char, end_char):
            return Decision(INFO, "inside quotation marks: someone else's words")
        if ctx.negation:
            cue = self._negated(cand, sent, cues)
            if cue:
                return Decision(DROP, f"negated by the recorder: {cue!r}")
        if ctx.attribution:
            who = self._reported_by_non_professional(cand, sent, cues)
            if who:
                return Decision(DROP, f"reported view of a non-professional: {who}")
        for cond in ctx.requires:
            ok, why = self._condition(cond, cand, sent, cues, facts, offset)
            if not ok:
                return Decision(DROP, f"condition {cond} not met: {why}")
        return Decision(KEEP, "recorder's own framing")

    # --- helpers --------------------------------------------------------------------
    @staticmethod
    def _text(sent: Span, start: int, end: int) -> str:
        return sent.doc[start:end].text.lower()

    def _terminated(self, cues: dict[str, list[tuple[int, int]]], lo: int, hi: int,
                    extra: bool = False) -> bool:
        kinds = ["terminators"] + (["negation_terminators"] if extra else [])
        return any(lo <= s and e <= hi for k in kinds for s, e in cues[k])

    def _mention(self, cand: Span, sent: Span, cues: dict) -> str | None:
        for s, e in cues["mention_after"]:
            if s >= cand.end and s - cand.end <= 2:
                return self._text(sent, s, e)
        for s, e in cues["mention"]:
            if (e <= cand.start and cand.start - e <= self.cues.mention_scope
                    and not self._terminated(cues, e, cand.start)):
                return self._text(sent, s, e)
        return None

    def _negated(self, cand: Span, sent: Span, cues: dict) -> str | None:
        pseudo = cues["pseudo_negation"]
        for s, e in cues["negation"]:
            if e > cand.start or cand.start - e > self.cues.negation_scope:
                continue
            if any(ps <= s and e <= pe for ps, pe in pseudo):
                continue
            if self._terminated(cues, e, cand.start, extra=True):
                continue
            return self._text(sent, s, e)
        return None

    def _speaker(self, sent: Span, lo: int, hi: int) -> tuple[str, str]:
        """Classify who speaks in tokens [lo, hi): professional, other, or none.

        A passive report ("was described as", "is said to be") has no speaker: the record
        itself adopts the description. A speaker must be a person: a name, a pronoun, or a
        word for a child, an adult or a professional.
        """
        toks = [t for t in sent.doc[lo:hi] if not t.is_space and not t.is_punct]
        if not toks:
            return "none", ""
        if toks[-1].lower_ in _PASSIVE_AUX:
            return "none", ""
        words = [t.lower_ for t in toks[-6:]]
        text = " ".join(words)
        if any(w in self._professional for w in words):
            return "professional", text
        for t in toks[-6:]:
            low = t.lower_
            if (low in _PERSON_PRONOUNS or low in self._adult or low in self._child
                    or (t.text[:1].isupper() and t.is_alpha and low not in _NOT_NAMES
                        and not (t.text.isupper() and len(t.text) > 1))):
                return "other", text
        return "none", ""

    def _reported_by_non_professional(self, cand: Span, sent: Span, cues: dict) -> str | None:
        for s, e in cues["reporting"]:
            if e > cand.start or (s <= cand.start < e):
                continue
            if self._terminated(cues, e, cand.start):
                continue
            # the speaker is between the last terminator before the cue and the cue
            lo = sent.start
            for k in ("terminators",):
                for _ts, te in cues[k]:
                    if te <= s:
                        lo = max(lo, te)
            kind, who = self._speaker(sent, lo, s)
            if kind == "none" and e < cand.start and sent.doc[e].lower_ == "by":
                # "was described by her grandmother as ...": the agent is the speaker
                hi = e + 1
                while hi < cand.start and sent.doc[hi].lower_ not in ("as", ",", "that"):
                    hi += 1
                kind, who = self._speaker(sent, e + 1, hi)
            if kind == "other":
                return f"{who} {self._text(sent, s, e)}".strip()
        for s, e in cues["according"]:
            if s >= cand.end:
                # "... a bit of a slag, according to the boys at school": the speaker follows
                if self._terminated(cues, cand.end, s):
                    continue
                kind, who = self._speaker(sent, e, sent.end)
                if kind == "other":
                    return f"{self._text(sent, s, e)} {who}"
                continue
            if e > cand.start:
                continue
            # speaker runs from the cue to the next comma
            hi = e
            while hi < sent.end and sent.doc[hi].text != ",":
                hi += 1
            if hi >= cand.start:
                continue
            kind, who = self._speaker(sent, e, hi)
            if kind == "other":
                return f"{self._text(sent, s, e)} {who}"
        return None

    # --- subjects and ages -------------------------------------------------------------
    def _person_at(self, tokens: list[Any], idx: int, facts: RecordFacts,
                   offset: int) -> str | None:
        """adult | child if tokens[idx] names a person, else None."""
        tok = tokens[idx]
        low = tok.lower_
        prev = tokens[idx - 1].lower_ if idx > 0 else ""
        if prev in _TITLES:
            return None  # "Mr V": the title already named this person
        if prev == "young" and low in ("man", "men", "woman", "women", "lady", "ladies",
                                       "male", "female"):
            return None  # "young woman" is the adultifying phrase itself, not an adult
        nxt = tokens[idx + 1 : idx + 5]
        age = self._age_after(tok, nxt, facts, offset)
        if low in self._child or (low == "young" and idx + 1 < len(tokens)
                                  and tokens[idx + 1].lower_ in ("person", "people")):
            return "adult" if age is not None and age >= ADULT_AGE else "child"
        if low in _PRO_PEOPLE:
            return "adult"
        if low in self._adult and low not in _NOT_PEOPLE:
            if low in ("man", "men", "woman", "women", "lady", "male", "female") and (
                age is not None and age < ADULT_AGE
            ):
                return "child"
            return "adult"
        if (tok.text[:1].isupper() and tok.is_alpha and low not in STOPWORDS
                and low not in _PERSON_PRONOUNS and low not in _NOT_NAMES
                and not (tok.text.isupper() and len(tok.text) > 1)):
            if age is not None:
                return "adult" if age >= ADULT_AGE else "child"
            named = facts.name_ages.get(tok.text)
            if named is not None:
                return "adult" if named >= ADULT_AGE else "child"
        return None

    @staticmethod
    def _age_after(tok: Any, nxt: list[Any], facts: RecordFacts, offset: int) -> int | None:
        """An age written right after a person word: "Harley (14)", "Mr J (27)"."""
        if not nxt:
            return None
        lo = tok.idx + offset + len(tok.text)
        hi = nxt[-1].idx + len(nxt[-1].text) + offset
        for a in facts.ages:
            if lo <= a.start < hi and a.start - lo <= 3:
                return a.age
        return None

    def _plain_name(self, tokens: list[Any], i: int) -> bool:
        """A capitalised word that looks like a first name with no title ("Amy")."""
        t = tokens[i]
        low = t.lower_
        prev = tokens[i - 1].lower_ if i else ""
        return (t.text[:1].isupper() and t.is_alpha and not t.text.isupper()
                and low not in STOPWORDS and low not in _PERSON_PRONOUNS
                and low not in _NOT_NAMES and low not in self._professional
                and low not in self._child and low not in self._adult
                and low not in _PRO_PEOPLE and prev not in _TITLES)

    def _mentions(self, tokens: list[Any], facts: RecordFacts, offset: int,
                  skip: frozenset[str] | None = None) -> list[tuple[int, str]]:
        """People named in `tokens`, skipping objects of a preposition ("with the men")."""
        out = []
        for idx in range(len(tokens)):
            kind = self._person_at(tokens, idx, facts, offset)
            if kind is None:
                continue
            j = idx - 1
            while j >= 0 and tokens[j].lower_ in _DETERMINERS:
                j -= 1
            if j >= 0 and tokens[j].lower_ in (_PREPOSITIONS if skip is None else skip):
                continue
            if self._speakers and (tokens[idx].i + 1 in self._speakers
                                   or tokens[idx].i + 2 in self._speakers):
                continue  # "Staff describe Ruby as ...": the speaker is not the subject
            out.append((idx, kind))
        return out

    def person_kind(self, tokens: list[Any], facts: RecordFacts, offset: int) -> str:
        """adult | child | unknown for the first person mentioned in `tokens`."""
        found = self._mentions(tokens, facts, offset)
        return found[0][1] if found else "unknown"

    def _subject_kind(self, cand: Span, sent: Span, facts: RecordFacts, offset: int,
                      look_after: bool = True) -> str:
        """Who the candidate is said of: the nearest person in its own clause, else the
        first in the sentence before it, else the first after it ("... a lifestyle choice
        for Destiny (15)")."""
        doc = sent.doc
        clause_start = sent.start
        for i in range(cand.start - 1, sent.start - 1, -1):
            t = doc[i]
            if t.lower_ in _CLAUSE_BREAKS or (
                t.text in ("-", "\u2013", "\u2014") and doc[i - 1].whitespace_
            ):
                clause_start = i + 1
                break
        # "Tegan's lifestyle": the possessor right before the words is their subject
        poss = cand.start if doc[cand.start].lower_ in ("'s", "’s") else cand.start - 1
        if poss - 1 >= sent.start and doc[poss].lower_ in ("'s", "’s"):
            lo = max(sent.start, poss - 2)
            owner = list(doc[lo:poss])
            if len(owner) == 2 and owner[0].lower_ in _TITLES:
                return "adult"  # "Mr R's reckless behaviour"
            kind = self._person_at(owner, len(owner) - 1, facts, offset)
            return kind or "unknown"
        clause = list(doc[clause_start : cand.start])
        found = self._mentions(clause, facts, offset)
        pronoun = max((i for i, t in enumerate(clause)
                       if t.lower_ in _SUBJECT_PRONOUNS or self._plain_name(clause, i)),
                      default=-1)
        if found and found[-1][0] > pronoun:
            return found[-1][1]
        if pronoun >= 0:
            return "unknown"  # "she is aware ...", "Amy keeps ...": most likely the child
        before = list(doc[sent.start : cand.start])
        found = self._mentions(before, facts, offset)
        if found:
            return found[0][1]
        if not look_after:
            return "unknown"
        after = list(doc[cand.end : sent.end])
        found = self._mentions(after, facts, offset, skip=_AGENT_PREPOSITIONS)
        # "... a lifestyle choice for Destiny (15)"; adults after the words are mostly
        # objects ("advice from staff"), so only a child found there decides
        return "child" if any(kind == "child" for _, kind in found) else "unknown"

    def _child_context(self, cand: Span, sent: Span, facts: RecordFacts, offset: int,
                       look_after: bool = True) -> tuple[bool, str]:
        """Is the candidate said about a child? Records of children's services are about
        children unless the words say otherwise: an adult subject ("Mr K", "Mum", "both
        adults"), or a record whose every written age is an adult's."""
        if self._sentence_has_child(sent, facts, offset) or self._record_has_child(facts):
            return True, ""
        if facts.ages and all(a.age >= ADULT_AGE for a in facts.ages):
            return False, "every age in the record is an adult's"
        subject = self._subject_kind(cand, sent, facts, offset, look_after=look_after)
        names = adults = 0
        toks = list(sent)
        for i, t in enumerate(toks):
            low = t.lower_
            prev = toks[i - 1].lower_ if i else ""
            if low in self._adult and low not in _NOT_PEOPLE and prev != "young":
                adults += 1
            elif self._plain_name(toks, i):
                names += 1
        if names:
            return True, ""  # a person named without a title: in these records, the child
        if subject == "adult":
            return False, "the subject is an adult"
        if adults:
            return False, "only adults are mentioned"
        return True, ""

    def _record_has_child(self, facts: RecordFacts) -> bool:
        if facts.has_child_age:
            return True
        low = facts.text.lower()
        return any(f" {w} " in f" {low} " for w in ("yp", "child", "children", "young person",
                                                      "young people"))

    def _sentence_has_child(self, sent: Span, facts: RecordFacts, offset: int) -> bool:
        s, e = sent.start_char + offset, sent.end_char + offset
        if any(a.age < ADULT_AGE for a in facts.ages_between(s, e)):
            return True
        for tok in sent:
            if tok.lower_ in self._child:
                return True
            if tok.text in facts.name_ages and facts.name_ages[tok.text] < ADULT_AGE:
                return True
        return False

    def _condition(self, cond: str, cand: Span, sent: Span, cues: dict, facts: RecordFacts,
                   offset: int) -> tuple[bool, str]:
        self._speakers = {st for st, _ in cues["reporting"]}
        s_char, e_char = sent.start_char + offset, sent.end_char + offset
        if cond == "child":
            return self._child_context(cand, sent, facts, offset)
        if cond in ("child-subject", "not-adult-subject"):
            kind = self._subject_kind(cand, sent, facts, offset)
            if kind == "adult":
                return False, "the subject is an adult"
            if cond == "child-subject" and kind == "unknown":
                return self._child_context(cand, sent, facts, offset)
            return True, ""
        if cond == "adult-party":
            child_here = self._sentence_has_child(sent, facts, offset)
            if not child_here:
                ok, why = self._child_context(cand, sent, facts, offset, look_after=False)
                if not ok:
                    return False, why
                if self._subject_kind(cand, sent, facts, offset, look_after=False) == "adult":
                    return False, "an adult's own relationship"
            ages = facts.ages_between(s_char, e_char)
            adult_ages = [a.age for a in ages if a.age >= ADULT_AGE]
            child_ages = [a.age for a in ages if a.age < ADULT_AGE]
            # "Amelia (17) and her boyfriend (18)" are similar-age peers
            if adult_ages and (not child_ages or max(adult_ages) - min(child_ages) > _PEER_GAP):
                return True, ""
            for tok in sent:
                if cand.start <= tok.i < cand.end and tok.lower_ == "older":
                    return True, ""
                if tok.lower_ in self._adult and tok.lower_ not in NOT_A_PARTY:
                    if tok.lower_ in ("man", "men", "male", "males") and any(
                        a.age < ADULT_AGE for a in ages if a.start >= tok.idx + offset
                        and a.start - (tok.idx + offset) < 12
                    ):
                        continue
                    return True, ""
            return False, "no adult or much older person is mentioned in the sentence"
        if cond == "age-15-or-under":
            ages = facts.ages_between(s_char, e_char)
            if ages:
                c = cand.start_char + offset
                nearest = min(ages, key=lambda a: abs(a.start - c))
                return (nearest.age <= 15, f"nearest age is {nearest.age}")
            kind_age = None
            for tok in sent:
                if tok.text in facts.name_ages:
                    kind_age = facts.name_ages[tok.text]
                    break
            if kind_age is not None:
                return kind_age <= 15, f"named child is {kind_age}"
            rec = [a.age for a in facts.ages]
            if rec and all(a <= 15 for a in rec):
                return True, ""
            return False, "no age of 15 or under for this person"
        raise LexiconError(f"unknown context condition {cond!r}")

