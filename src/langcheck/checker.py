"""The Checker: first stage, then spaCy on only the sentences that need it.

`Checker.check(text)` answers a clean record from the Aho-Corasick scan alone, without
importing spaCy. A record with a hit gets its facts computed once (quotes, ages), and each
sentence with a hit becomes its own small Doc for the `langcheck` component. The spaCy
pipeline is built on first need and reused.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from langcheck.errors import LangcheckError
from langcheck.finding import Finding, LineIndex
from langcheck.lexicon import CATEGORIES, SEVERITIES, Lexicon, default_lexicon, load_lexicon
from langcheck.prefilter import FirstStage
from langcheck.recordfacts import RecordFacts, record_facts
from langcheck.segment import sentence_of

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

    from langcheck.component import LangcheckComponent
    from langcheck.gate import Gate


@dataclass(frozen=True)
class Candidate:
    """A lexicon match and what the context layer decided (for `--explain`)."""

    finding: Finding
    decision: str  # keep | info | drop
    cue: str


#: (start, end, rule ids or None for every rule) of one sentence (or record) for spaCy
Piece = tuple[int, int, "frozenset[str] | None"]


@dataclass
class RecordPlan:
    """One record's facts and the pieces spaCy must see (see `Checker.plan`)."""

    text: str
    work: str  # the text with lone surrogates replaced, for spaCy
    facts: RecordFacts
    pieces: list[Piece]

    @functools.cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)


def _matches(rule_id: str, category: str, selector: str) -> bool:
    sel = selector.strip()
    if not sel:
        return False
    if sel.upper() == "ALL":
        return True
    if sel.lower() in CATEGORIES:
        return category == sel.lower()
    return rule_id.startswith(sel.upper())


def filter_lexicon(lexicon: Lexicon, select: Sequence[str] | None = None,
                   ignore: Sequence[str] | None = None,
                   severity: dict[str, str] | None = None) -> Lexicon:
    """Apply ruff-style selection (ids, id prefixes or categories) and severity overrides."""
    for sel in [*(select or []), *(ignore or [])]:
        if not any(_matches(r.id, r.category, sel) for r in lexicon):
            raise LangcheckError(f"unknown rule, prefix or category: {sel!r}")
    rules = []
    for rule in lexicon:
        if select and not any(_matches(rule.id, rule.category, s) for s in select):
            continue
        if ignore and any(_matches(rule.id, rule.category, s) for s in ignore):
            continue
        rules.append(rule)
    if severity:
        for key, level in severity.items():
            if level not in SEVERITIES:
                raise LangcheckError(f"severity for {key} must be one of {', '.join(SEVERITIES)}")
        rules = [dataclasses.replace(r, severity=_override(r, severity)) for r in rules]
    return Lexicon(rules, lexicon.directories)


def _override(rule: Any, severity: dict[str, str]) -> str:
    best = None
    for key, level in severity.items():
        if _matches(rule.id, rule.category, key):
            # the most specific selector wins (longest id prefix; a category is least specific)
            spec = len(key) if key.lower() not in CATEGORIES else 0
            if best is None or spec >= best[0]:
                best = (spec, level)
    return best[1] if best else rule.severity


class Checker:
    """Reusable checker; build once, call `check` or `check_many` many times."""

    #: records with an anchor to see before building the stricter gate (0 to build it at
    #: once; a very large number never to)
    GATE_AFTER = 20

    def __init__(self, lexicon: Lexicon | None = None, *, select: Sequence[str] | None = None,
                 ignore: Sequence[str] | None = None, severity: dict[str, str] | None = None,
                 extend_lexicon: Iterable[str | Path] = (), first_stage: bool = True,
                 strict_gate: bool = True) -> None:
        extra = [Path(p) for p in extend_lexicon]
        if lexicon is None:
            lexicon = load_lexicon(None, extra) if extra else default_lexicon()
        self.lexicon = filter_lexicon(lexicon, select, ignore, severity)
        self.first_stage = first_stage
        self.stage1 = FirstStage(self.lexicon)
        self._anchor_stage = self.stage1  # stage1 may be replaced (the audit's gate)
        self._gate: Gate | None = None
        self._anchored = 0  # records with an anchor seen before the gate was built
        self.strict_gate = strict_gate  # off where a caller gates records itself (audit)
        self._nlp: Language | None = None
        self._component: LangcheckComponent | None = None

    # --- pipeline --------------------------------------------------------------------
    @property
    def nlp(self) -> Language:
        """A blank English pipeline with the `langcheck` component (built on first use)."""
        if self._nlp is None:
            import spacy

            from langcheck.component import LangcheckComponent

            nlp = spacy.blank("en")
            self._component = LangcheckComponent(nlp, lexicon=self.lexicon,
                                                 first_stage=self.first_stage, explain=True,
                                                 index=self._anchor_stage)
            self._nlp = nlp
        return self._nlp

    @property
    def component(self) -> LangcheckComponent:
        _ = self.nlp
        assert self._component is not None
        return self._component

    def warm(self) -> None:
        """Build the spaCy pipeline and every rule's matchers now, not on first need.

        A service calls this at start-up, so that no request pays for them."""
        matchers = self.component.matchers
        for rule in self.lexicon:
            for spaces in (False, True):
                matchers.matcher(rule.id, spaces)

    # --- API --------------------------------------------------------------------------
    def check(self, text: str) -> list[Finding]:
        """Findings in `text`, in order of position."""
        return [c.finding for c in self._run(text, gate=True) if c.decision != "drop"]

    def explain(self, text: str) -> list[Candidate]:
        """Every candidate, kept or dropped, with the cue that decided it."""
        return self._run(text, gate=False)

    def check_many(self, texts: Iterable[str]) -> Iterator[list[Finding]]:
        """Stream findings for many texts, one list per text, in input order."""
        for text in texts:
            yield self.check(text)

    # --- internals ---------------------------------------------------------------------
    def plan(self, text: str, gate: bool = True) -> RecordPlan | None:
        """What spaCy must look at in `text`: the sentences the first stage picked, each
        with the rules whose anchors it holds (None: nothing can match).

        With `gate`, once this Checker has met `GATE_AFTER` records with an anchor, the
        stricter gate (gate.py) narrows the sentences and rules further, to those that can
        give a kept finding. `check` runs every piece of the plan; the service
        (serve/budget.py) runs them one at a time and stops when its time budget is spent."""
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        if self.first_stage:
            hits = self.stage1.hits(text)
            if not hits:
                return None
            facts = record_facts(text)
            spans = facts.sentences
            # each sentence with a hit, and the rules whose anchors are in it: only their
            # matchers need to run there
            rules_in: dict[int, set[str]] = {}
            for start, _, rules in hits:
                i = sentence_of(spans, start)
                if i >= 0:
                    rules_in.setdefault(i, set()).update(rules)
            strict = self._strict_gate() if gate and self.strict_gate else None
            if strict is not None:
                chosen = sorted(rules_in)
                fitting = strict.rules_in(text, [spans[i] for i in chosen])
                if not fitting:
                    return None
                # both rule sets hold every rule that can match there; so does their overlap
                pieces = [(*spans[chosen[n]], rules & rules_in[chosen[n]])
                          for n, rules in sorted(fitting.items())]
                pieces = [p for p in pieces if p[2]]
                if not pieces:
                    return None
            else:
                pieces = [(*spans[i], frozenset(rules_in[i])) for i in sorted(rules_in)]
        else:
            facts = record_facts(text)
            pieces = [(0, len(text), None)]
        # spaCy cannot hold lone surrogates (possible in decoded JSON): one char for one char
        work = _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text
        return RecordPlan(text, work, facts, pieces)

    def run_piece(self, plan: RecordPlan, piece: Piece) -> list[Candidate]:
        """spaCy and the context layer on one piece of a plan: its candidates, kept or not."""
        from langcheck.component import RECORD_KEY

        start, end, rule_ids = piece
        doc = self.nlp.make_doc(plan.work[start:end])
        doc.user_data[RECORD_KEY] = (plan.facts, start, rule_ids)
        self.component(doc)
        out = []
        for key, decision in (("langcheck", None), ("langcheck_dropped", "drop")):
            for span in doc.spans.get(key, []):
                out.append(self._candidate(span, start, plan.text, plan.lines, decision))
        return out

    def _strict_gate(self) -> Gate | None:
        """The stricter gate, built (about 0.3 s) once enough records had an anchor: a
        one-off check never pays for it, a service or a batch soon does."""
        if self._gate is None:
            self._anchored += 1
            if self._anchored <= self.GATE_AFTER:
                return None
            from langcheck.gate import Gate

            self._gate = Gate(self.lexicon)
        return self._gate

    def _run(self, text: str, gate: bool = True) -> list[Candidate]:
        plan = self.plan(text, gate)
        if plan is None:
            return []
        out = [c for piece in plan.pieces for c in self.run_piece(plan, piece)]
        out.sort(key=lambda c: (c.finding.start, c.finding.end, c.finding.rule))
        return out

    def _candidate(self, span: Any, offset: int, text: str, lines: LineIndex,
                   decision: str | None) -> Candidate:
        rule = self.lexicon.by_id[span.label_]
        start, end = span.start_char + offset, span.end_char + offset
        line, column = lines.position(start)
        severity = span._.langcheck_severity or rule.severity
        cue = span._.langcheck_cue or ""
        if decision is None:
            decision = "info" if severity == "info" and rule.severity != "info" else "keep"
        finding = Finding(rule=rule.id, category=rule.category, severity=severity,
                          message=rule.message, start=start, end=end, line=line, column=column,
                          text=text[start:end], suggestions=list(rule.suggestions), cue=cue)
        return Candidate(finding, decision, cue)


_DEFAULT: Checker | None = None
_SURROGATE = re.compile("[\ud800-\udfff]")


def check(text: str) -> list[Finding]:
    """Check one text with the built-in lexicon (a shared Checker is built on first use)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Checker()
    return _DEFAULT.check(text)
