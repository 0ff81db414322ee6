"""Judging a rewrite: fixed, partial, not fixed, or clean but with the facts deleted."""

from __future__ import annotations

import pytest

from langcheck.train.assess import KEEP_THRESHOLD, assess, content_words, key_details
from langcheck.train.pack import COUNTED, Exercise, load_pack

RISK = Exercise(
    id="risk", category="blames-child-for-risk", rules=("BR101",),
    scenario="Ruby (14) keeps putting herself at risk by getting into cars with older men "
             "outside the chip shop. Her school say she is tired.",
    rewrites=("Older men are picking Ruby (14) up in cars outside the chip shop and grooming "
              "her. Her school say she is tired.",
              "Ruby (14) is being groomed by older men who pick her up in cars outside the chip "
              "shop. Her school say she is tired."),
)
TWO = Exercise(
    id="two", category="abuse-material-terminology", rules=("AM101", "SW101"),
    scenario="Police found child porn on Mr K's phone. He was selling Amy (13) as a child "
             "prostitute.",
    rewrites=("Police found child sexual abuse material on Mr K's phone. He was sexually "
              "exploiting Amy (13).",),
)


@pytest.fixture(scope="module")
def playable(checker) -> list[Exercise]:
    """Built-in exercises whose scenario this lexicon flags."""
    return [e for e in load_pack().exercises
            if any(f.severity in COUNTED for f in checker.check(e.scenario))]


def test_key_details_are_the_words_every_model_rewrite_keeps() -> None:
    details = set(key_details(RISK))
    assert {"ruby", "14", "older", "men", "car", "chip", "shop", "school", "tired"} <= details
    assert "putting" not in details and "risk" not in details  # the flagged words go
    assert "picking" not in details  # only one model rewrite uses it, and it is not in the note
    assert "the" not in content_words(RISK.scenario)


def test_possessives_and_plurals_count_as_the_same_detail() -> None:
    assert set(content_words("Ruby's cars")) == set(content_words("Ruby car"))


def test_a_clean_paraphrase_that_keeps_the_facts_is_fixed(checker) -> None:
    answer = ("Older men are driving Ruby (14) away in cars from outside the chip shop; they "
              "may be exploiting her. Her school say she is tired.")
    verdict = assess(RISK, answer, checker)
    assert verdict.outcome == "fixed" and verdict.points == 1
    assert [f.rule for f in verdict.fixed] == ["BR101"] and not verdict.remaining


def test_deleting_the_note_is_not_a_success(checker) -> None:
    verdict = assess(RISK, "Her school say she is tired.", checker)
    assert verdict.outcome == "details-lost" and verdict.points == 0
    assert verdict.kept < KEEP_THRESHOLD
    assert {"Ruby", "14", "men"} <= set(verdict.missing_details)


def test_partial_fix_reports_what_was_fixed_and_what_remains(checker) -> None:
    answer = ("Police found child sexual abuse material on Mr K's phone. He was selling Amy (13) "
              "as a child prostitute.")
    verdict = assess(TWO, answer, checker)
    assert verdict.outcome == "partial" and verdict.points == 0.5
    assert [(f.rule, f.text) for f in verdict.fixed] == [("AM101", "child porn")]
    (left,) = verdict.remaining
    assert (left.rule, answer[left.start:left.end]) == ("SW101", "child prostitute")
    assert not verdict.introduced


def test_new_problems_in_the_rewrite_are_marked_as_introduced(checker) -> None:
    answer = ("Police found child sexual abuse material on Mr K's phone. Amy (13) keeps putting "
              "herself at risk with him.")
    verdict = assess(TWO, answer, checker)
    assert [f.rule for f in verdict.introduced] == ["BR101"]
    assert verdict.outcome == "partial"


def test_every_builtin_model_rewrite_scores_as_fixed(playable, checker) -> None:
    assert playable, "no built-in exercise is flagged by this lexicon"
    wrong = [(e.id, n, assess(e, r, checker).outcome) for e in playable
             for n, r in enumerate(e.rewrites, 1) if assess(e, r, checker).outcome != "fixed"]
    assert not wrong


def test_copying_the_scenario_or_deleting_it_never_scores(playable, checker) -> None:
    for e in playable:
        assert assess(e, e.scenario, checker).outcome == "not-fixed", e.id
        assert assess(e, "The note has been reviewed.", checker).outcome == "details-lost", e.id
