"""The spaCy component in a user's own pipeline: factory, spans, attributes, serialisation."""

from __future__ import annotations

from importlib.metadata import entry_points

import spacy
from spacy.tokens import DocBin

import langcheck.component  # noqa: F401  (registers the span extensions)

TEXT = ("Mum consented to the referral. Tia (14) keeps putting herself at risk.\n"
        "Officers found child pornography.")


def _nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("langcheck")
    return nlp


def test_factory_is_registered_by_entry_point() -> None:
    names = {ep.name for ep in entry_points(group="spacy_factories")}
    assert {"langcheck", "langcheck_context"} <= names


def test_spans_and_attributes() -> None:
    doc = _nlp()(TEXT)
    spans = list(doc.spans["langcheck"])
    assert [s.label_ for s in spans] == ["BR101", "AM101"]
    risk = spans[0]
    assert risk.text == "putting herself at risk"
    assert risk._.langcheck_rule == "BR101"
    assert risk._.langcheck_severity == "error"
    assert risk._.langcheck_category == "blames-child-for-risk"
    assert risk._.langcheck_message
    assert risk._.langcheck_suggestions


def test_component_matches_checker(checker) -> None:
    doc = _nlp()(TEXT)
    expected = [(f.rule, f.start, f.end) for f in checker.check(TEXT)]
    assert [(s.label_, s.start_char, s.end_char) for s in doc.spans["langcheck"]] == expected


def test_pipeline_round_trip(tmp_path) -> None:
    nlp = _nlp()
    nlp.to_disk(tmp_path / "pipe")
    loaded = spacy.load(tmp_path / "pipe")
    assert "langcheck" in loaded.pipe_names
    doc = loaded(TEXT)
    assert [s.label_ for s in doc.spans["langcheck"]] == ["BR101", "AM101"]


def test_docbin_keeps_spans_and_attributes() -> None:
    doc = _nlp()(TEXT)
    data = DocBin(docs=[doc], store_user_data=True).to_bytes()
    nlp = spacy.blank("en")
    (back,) = list(DocBin().from_bytes(data).get_docs(nlp.vocab))
    spans = list(back.spans["langcheck"])
    assert [s.label_ for s in spans] == ["BR101", "AM101"]
    assert spans[1]._.langcheck_severity == "error"


def test_multiprocess_pipe() -> None:
    nlp = _nlp()
    texts = [TEXT, "Nothing to see.", "Kiddie porn was found."] * 2
    docs = list(nlp.pipe(texts, n_process=2, batch_size=2))
    labels = [[s.label_ for s in d.spans["langcheck"]] for d in docs]
    assert labels == [["BR101", "AM101"], [], ["AM101"]] * 2
    assert docs[2].spans["langcheck"][0]._.langcheck_suggestions


def test_context_component_on_its_own() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("langcheck", config={"context": False})
    nlp.add_pipe("langcheck_context")
    doc = nlp("She is not putting herself at risk. Kiddie porn was found.")
    assert [s.label_ for s in doc.spans["langcheck"]] == ["AM101"]


def test_matchers_without_space_steps_find_the_same(checker) -> None:
    """Sentences without whitespace tokens use matchers without the whitespace-skipping
    steps; on such sentences both give the same matches for every rule and example, and
    a sentence with a line break inside a phrase still uses the full matcher."""
    component = checker.component
    matchers = component.matchers
    compared = 0
    for rule in checker.lexicon:
        for example in (*rule.flag_examples, *rule.pass_examples):
            doc = checker.nlp.make_doc(example)
            assert not any(tok.is_space for tok in doc), example
            full = matchers.run(rule.id, doc[:], spaces=True)
            tight = matchers.run(rule.id, doc[:], spaces=False)
            assert full == tight, (rule.id, example)
            compared += bool(full[0])
    assert compared >= 400  # most flag examples match their own rule
    text = "Tia (14) keeps putting herself\nat risk."
    doc = checker.nlp.make_doc(text)
    assert any(tok.is_space for tok in doc)
    assert matchers.run("BR101", doc[:], spaces=False)[0] == []
    assert [f.rule for f in checker.check(text)] == ["BR101"]


def test_warm_builds_every_matcher() -> None:
    from langcheck import Checker

    checker = Checker(select=["RF", "BR101"])
    checker.warm()
    built = set(checker.component.matchers.matchers)
    assert built == {(r.id, s) for r in checker.lexicon for s in (False, True)}
    assert [f.rule for f in checker.check("Tia (14) keeps putting herself at risk.")] == ["BR101"]
