"""The spaCy components: `langcheck` (lexicon matcher + context) and `langcheck_context`.

`nlp.add_pipe("langcheck")` works in any English pipeline, blank or trained. Findings go to
`doc.spans["langcheck"]`, one span per finding, labelled with the rule id, with span
attributes `._.langcheck_rule`, `._.langcheck_category`, `._.langcheck_severity`,
`._.langcheck_message`, `._.langcheck_suggestions` and `._.langcheck_cue` (why the context
layer kept it). Per-span values live in `doc.user_data`, so they survive DocBin, pickling and
`nlp.pipe(n_process=...)`.

Each rule has its own spaCy Matcher (its patterns and its exceptions); in each sentence only
the rules whose anchors occur there are run, which keeps the Matcher cost independent of the
size of the lexicon. With `first_stage=False` every rule runs on every sentence: that is the
reference the first stage is tested against.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from langcheck.context import DROP, INFO, ContextLayer, Decision
from langcheck.cues import load_cues
from langcheck.lexicon import SEVERITY_RANK, Lexicon, Rule, load_lexicon
from langcheck.prefilter import FirstStage
from langcheck.recordfacts import RecordFacts, record_facts
from langcheck.segment import sentence_spans

#: doc.user_data key the Checker uses to hand over the whole record's facts and the offset
RECORD_KEY = "langcheck_record"
SPANS_KEY = "langcheck"
DROPPED_KEY = "langcheck_dropped"
_ATTRS = ("category", "severity", "message", "suggestions", "cue")


def _value_getter(attr: str):
    def get(span: Span) -> Any:
        data = span.doc.user_data.get(("langcheck", span.label_, span.start_char, span.end_char))
        return None if data is None else data.get(attr)

    return get


def register_extensions() -> None:
    """Span extensions (idempotent): values are looked up by rule id and offsets."""
    if not Span.has_extension("langcheck_rule"):
        Span.set_extension("langcheck_rule", getter=lambda span: span.label_)
    for attr in _ATTRS:
        name = f"langcheck_{attr}"
        if not Span.has_extension(name):
            Span.set_extension(name, getter=_value_getter(attr))


register_extensions()


class RuleMatchers:
    """One spaCy Matcher per rule, holding the rule's patterns and its exceptions.

    A rule's Matcher is built the first time a sentence needs it, so a process that sees
    only a few kinds of finding never compiles the rest of the lexicon. Each rule has two:
    one that skips whitespace tokens between words, for sentences that hold some, and one
    without those steps, which finds the same matches elsewhere in half the time."""

    def __init__(self, nlp: Language, lexicon: Lexicon) -> None:
        self.vocab = nlp.vocab
        self.lexicon = lexicon
        self.matchers: dict[tuple[str, bool], Matcher] = {}
        self._match = nlp.vocab.strings.add("match")
        self._except = nlp.vocab.strings.add("except")

    def matcher(self, rule_id: str, spaces: bool = True) -> Matcher:
        m = self.matchers.get((rule_id, spaces))
        if m is None:
            rule = self.lexicon.by_id[rule_id]
            m = Matcher(self.vocab, validate=False)
            m.add("match", [p.token_pattern(spaces) for p in rule.patterns])
            if rule.exceptions:
                m.add("except", [p.token_pattern(spaces) for p in rule.exceptions])
            self.matchers[(rule_id, spaces)] = m
        return m

    def run(self, rule_id: str, sent: Span, spaces: bool = True,
            ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """Token ranges (doc indices) of matches and of exception matches in a sentence.

        `spaces=False` promises that the sentence has no whitespace token."""
        found, exc = [], []
        offset = sent.start
        for key, start, end in self.matcher(rule_id, spaces)(sent):
            if key == self._match:
                found.append((start + offset, end + offset))
            else:
                exc.append((start + offset, end + offset))
        return found, exc


def _longest_first(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop matches contained in a longer match of the same rule."""
    spans = sorted(set(spans), key=lambda s: (s[0] - s[1], s[0]))
    kept: list[tuple[int, int]] = []
    for s, e in spans:
        if any(ks <= s and e <= ke for ks, ke in kept):
            continue
        kept.append((s, e))
    return sorted(kept)


class LangcheckComponent:
    """Finds lexicon candidates sentence by sentence and lets the context layer judge them."""

    def __init__(self, nlp: Language, name: str = "langcheck", lexicon: Lexicon | None = None,
                 lexicon_dir: str | None = None, extra_lexicons: Iterable[str] = (),
                 rules: Iterable[str] | None = None, first_stage: bool = True,
                 context: bool = True, explain: bool = False,
                 spans_key: str = SPANS_KEY, index: FirstStage | None = None) -> None:
        self.name = name
        if lexicon is None:
            dirs = [Path(lexicon_dir)] if lexicon_dir else None
            lexicon = load_lexicon(dirs, [Path(p) for p in extra_lexicons])
        if rules is not None:
            lexicon = lexicon.select(rules)
        self.lexicon = lexicon
        self.first_stage = first_stage
        self.use_context = context
        self.explain = explain
        self.spans_key = spans_key
        self.matchers = RuleMatchers(nlp, lexicon)
        # the anchor automaton of this lexicon (a caller that has one already passes it)
        self.index = index if index is not None else FirstStage(lexicon)
        self.context = ContextLayer(nlp.vocab, load_cues(lexicon.directories[0]), nlp.make_doc)
        self.all_rules = [r.id for r in lexicon]

    # --- pipeline API -----------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        # (facts, offset[, rule ids]) from a caller that split the record into sentences
        # and knows which rules' anchors each holds (the Checker)
        record = doc.user_data.pop(RECORD_KEY, None)
        rule_ids: frozenset[str] | None = None
        if record is not None:
            facts, offset = record[0], record[1]
            rule_ids = record[2] if len(record) > 2 else None
        else:
            facts, offset = None, 0
        kept: list[tuple[Span, Rule, Decision]] = []
        dropped: list[tuple[Span, Rule, Decision]] = []
        if facts is None:
            facts = record_facts(doc.text) if self._any_rule_can_match(doc.text) else None
        if facts is not None:
            for s_char, e_char in self._sentences(facts, offset, len(doc.text)):
                sent = doc.char_span(s_char, e_char, alignment_mode="expand")
                if sent is None or len(sent) == 0:
                    continue
                self._check_sentence(sent, facts, offset, kept, dropped, rule_ids)
        self._store(doc, kept, self.spans_key)
        if self.explain:
            self._store(doc, dropped, DROPPED_KEY)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)

    # --- internals --------------------------------------------------------------
    def _any_rule_can_match(self, text: str) -> bool:
        return not self.first_stage or bool(self.index.hits(text))

    @staticmethod
    def _sentences(facts: RecordFacts, offset: int, length: int) -> list[tuple[int, int]]:
        """Sentences of the record that fall in this doc, in doc offsets."""
        spans = facts.sentences
        i = bisect.bisect_left(spans, (offset, -1))
        out = []
        while i < len(spans) and spans[i][1] <= offset + length:
            s, e = spans[i]
            if s >= offset:
                out.append((s - offset, e - offset))
            i += 1
        return out

    def _check_sentence(self, sent: Span, facts: RecordFacts, offset: int,
                        kept: list, dropped: list,
                        rule_ids: Iterable[str] | None = None) -> None:
        if rule_ids is None:
            rule_ids = (self.index.candidate_rules(sent.text) if self.first_stage
                        else self.all_rules)
        if not rule_ids:
            return
        cues = None
        local: list[tuple[Span, Rule, Decision]] = []
        spaces = any(tok.is_space for tok in sent)
        for rid in self.all_rules:
            if rid not in rule_ids:
                continue
            rule = self.lexicon.by_id[rid]
            found, exc = self.matchers.run(rid, sent, spaces)
            if not found:
                continue
            if cues is None:
                cues = self.context.cue_spans(sent)
            for start, end in _longest_first(found):
                span = Span(sent.doc, start, end, label=rid)
                hit = next((sent.doc[s:e].text for s, e in exc if s < end and start < e), None)
                if hit:
                    decision = Decision(DROP, f"exception: {hit!r} (legal or procedural sense)")
                elif self.use_context:
                    decision = self.context.decide(rule, span, sent, cues, facts, offset, None)
                else:
                    decision = Decision("keep", "context layer off")
                if decision.action == DROP:
                    dropped.append((span, rule, decision))
                else:
                    local.append((span, rule, decision))
        kept.extend(self._resolve_overlaps(local))

    @staticmethod
    def _severity(rule: Rule, decision: Decision) -> str:
        return "info" if decision.action == INFO else rule.severity

    def _resolve_overlaps(self, items: list) -> list:
        """Where findings of different rules overlap, keep the longer, then the more severe."""
        def key(item: tuple[Span, Rule, Decision]) -> tuple:
            span, rule, decision = item
            return (-(span.end_char - span.start_char),
                    -SEVERITY_RANK[self._severity(rule, decision)], span.start, rule.id)

        chosen: list = []
        for item in sorted(items, key=key):
            span = item[0]
            if any(span.start < c[0].end and c[0].start < span.end for c in chosen):
                continue
            chosen.append(item)
        return sorted(chosen, key=lambda it: (it[0].start, it[0].end, it[1].id))

    def _store(self, doc: Doc, items: list, key: str) -> None:
        spans = []
        for span, rule, decision in items:
            spans.append(span)
            doc.user_data[("langcheck", rule.id, span.start_char, span.end_char)] = {
                "category": rule.category,
                "severity": self._severity(rule, decision) if decision.action != DROP else None,
                "message": rule.message,
                "suggestions": list(rule.suggestions),
                "cue": decision.cue,
            }
        doc.spans[key] = spans


@Language.factory(
    "langcheck",
    default_config={
        "lexicon_dir": None,
        "extra_lexicons": [],
        "rules": None,
        "first_stage": True,
        "context": True,
        "explain": False,
        "spans_key": SPANS_KEY,
    },
)
def make_langcheck(nlp: Language, name: str, lexicon_dir: str | None, extra_lexicons: list[str],
                   rules: list[str] | None, first_stage: bool, context: bool, explain: bool,
                   spans_key: str) -> LangcheckComponent:
    """Factory for `nlp.add_pipe("langcheck")`; all settings are plain config values."""
    return LangcheckComponent(nlp, name, lexicon_dir=lexicon_dir, extra_lexicons=extra_lexicons,
                              rules=rules, first_stage=first_stage, context=context,
                              explain=explain, spans_key=spans_key)


class ContextOnlyComponent:
    """Re-judges existing `doc.spans["langcheck"]` candidates (for pipelines that run the
    matcher with `context=False` and want the context layer as a separate step)."""

    def __init__(self, nlp: Language, name: str, lexicon_dir: str | None,
                 spans_key: str) -> None:
        dirs = [Path(lexicon_dir)] if lexicon_dir else None
        self.lexicon = load_lexicon(dirs)
        self.spans_key = spans_key
        self.context = ContextLayer(nlp.vocab, load_cues(self.lexicon.directories[0]),
                                    nlp.make_doc)

    def __call__(self, doc: Doc) -> Doc:
        facts = record_facts(doc.text)
        sents = sentence_spans(doc.text)
        kept = []
        for span in doc.spans.get(self.spans_key, []):
            rule = self.lexicon.get(span.label_)
            if rule is None:
                continue
            sent_range = next(((s, e) for s, e in sents
                               if s <= span.start_char and span.end_char <= e), None)
            if sent_range is None:
                continue
            sent = doc.char_span(*sent_range, alignment_mode="expand")
            cues = self.context.cue_spans(sent)
            decision = self.context.decide(rule, span, sent, cues, facts, 0, None)
            key = ("langcheck", rule.id, span.start_char, span.end_char)
            data = dict(doc.user_data.get(key) or {})
            data["cue"] = decision.cue
            if decision.action != DROP:
                data["severity"] = "info" if decision.action == INFO else rule.severity
                kept.append(span)
            doc.user_data[key] = data
        doc.spans[self.spans_key] = kept
        return doc


@Language.factory("langcheck_context",
                  default_config={"lexicon_dir": None, "spans_key": SPANS_KEY})
def make_langcheck_context(nlp: Language, name: str, lexicon_dir: str | None,
                           spans_key: str) -> ContextOnlyComponent:
    """Factory for the context layer on its own."""
    return ContextOnlyComponent(nlp, name, lexicon_dir, spans_key)
