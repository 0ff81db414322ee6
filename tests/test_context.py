"""Every context cue has its own tests, on a small fixture lexicon (independent of the
curated rules, which change as the lexicon grows) and the project's real cue file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import langcheck
from langcheck.lexicon import builtin_lexicon_dir, load_lexicon

RULES = """
- id: XR101
  category: blames-child-for-risk
  severity: error
  patterns: ["~put|~place <reflexive> at risk"]
  message: m
  why: w
  suggestions: [s]
  sources: [SUGG]
  examples: {flag: [a, b, c], pass: [d, e, f]}
- id: XR102
  category: relationship-framing
  severity: warning
  patterns: ["older? ~boyfriend"]
  exceptions: ["mum|dad 's older? ~boyfriend"]
  context: {requires: [adult-party]}
  message: m
  why: w
  suggestions: [s]
  sources: [SUGG]
  examples: {flag: [a, b, c], pass: [d, e, f]}
- id: XR103
  category: adultifies-child
  severity: warning
  patterns: ["young man|woman|lady"]
  context: {requires: [age-15-or-under]}
  message: m
  why: w
  suggestions: [s]
  sources: [SUGG]
  examples: {flag: [a, b, c], pass: [d, e, f]}
- id: XR104
  category: professional-jargon
  severity: warning
  patterns: ["manipulative"]
  context: {requires: [not-adult-subject]}
  message: m
  why: w
  suggestions: [s]
  sources: [SUGG]
  examples: {flag: [a, b, c], pass: [d, e, f]}
- id: XR105
  category: implies-consent
  severity: error
  patterns: ["~consent to sex", "consensual"]
  exceptions: ["unable to ~consent"]
  context: {requires: [child]}
  message: m
  why: w
  suggestions: [s]
  sources: [SUGG]
  examples: {flag: [a, b, c], pass: [d, e, f]}
"""


@pytest.fixture(scope="module")
def ctx_checker(tmp_path_factory) -> langcheck.Checker:
    d = tmp_path_factory.mktemp("lex")
    src = builtin_lexicon_dir()
    for name in ("classes.yaml", "context.yaml", "inflections.json"):
        shutil.copy(src / name, d / name)
    (d / "rules.yaml").write_text(RULES)
    return langcheck.Checker(load_lexicon([Path(d)]))


def verdicts(checker: langcheck.Checker, text: str) -> list[tuple[str, str, str]]:
    return [(c.finding.rule, c.decision, c.finding.text) for c in checker.explain(text)]


def kept(checker: langcheck.Checker, text: str) -> list[str]:
    return [c.finding.rule for c in checker.explain(text) if c.decision == "keep"]


# --- negation -----------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "She is not putting herself at risk; adults are targeting her.",
    "Mia isn't putting herself at risk.",
    "He has never put himself at risk in this way.",
    "This is exploitation rather than a girl putting herself at risk.",
    "There is no suggestion she put herself at risk.",
])
def test_recorders_negation_drops(ctx_checker, text: str) -> None:
    (rule, decision, _), = verdicts(ctx_checker, text)
    assert (rule, decision) == ("XR101", "drop")
    cue = ctx_checker.explain(text)[0].cue
    assert cue.startswith("negated by the recorder")


@pytest.mark.parametrize("text", [
    "Not only is she putting herself at risk, the adults are too.",  # pseudo-negation
    "She did not go to school and is putting herself at risk.",  # 'and' ends the scope
    "She was not at home, putting herself at risk.",  # ',' ends the scope
    "It is not clear why, but she keeps going back and putting herself at risk.",
    "No. She keeps putting herself at risk every weekend in the town centre park.",
])
def test_negation_scope_and_pseudo_cues(ctx_checker, text: str) -> None:
    assert kept(ctx_checker, text) == ["XR101"]


# --- quotation ----------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    'Dad said "she puts herself at risk, not us".',
    "Her words were: \u201cI put myself at risk, it's my fault.\u201d",
    "Mum told police 'she put herself at risk' and would not say more.",
    "The 2016 log reads \u2018YP placing herself at risk\u2019.",
])
def test_quoted_words_become_info(ctx_checker, text: str) -> None:
    (rule, decision, _), = verdicts(ctx_checker, text)
    assert (rule, decision) == ("XR101", "info")
    assert ctx_checker.check(text)[0].severity == "info"


def test_apostrophes_are_not_quotes(ctx_checker) -> None:
    text = "Nan's view is that she's putting herself at risk at the girls' flat."
    # the view is reported by a non-professional (Nan), not quoted
    assert verdicts(ctx_checker, text)[0][1] == "drop"
    text = "It's clear Mia's putting herself at risk at the boys' flat."
    assert kept(ctx_checker, text) == ["XR101"]


# --- mention ------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Staff were asked to avoid putting herself at risk as a phrase in reports.",
    "We no longer use the phrase putting herself at risk in minutes.",
    "Replace putting herself at risk with a description of what the adults did.",
])
def test_mention_is_not_use(ctx_checker, text: str) -> None:
    (_, decision, _), = verdicts(ctx_checker, text)
    assert decision == "drop"
    assert ctx_checker.explain(text)[0].cue.startswith("mention")


# --- attribution --------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Mum says Tia is putting herself at risk.",
    "Tia told me she puts herself at risk because nobody else cares.",
    "According to his father, Sam is putting himself at risk.",
    "Grandad feels she has been putting herself at risk since the summer.",
    "Mr P claims she put herself at risk by coming to his flat.",
])
def test_reported_view_of_non_professional_drops(ctx_checker, text: str) -> None:
    (_, decision, _), = verdicts(ctx_checker, text)
    assert decision == "drop"
    assert "reported view" in ctx_checker.explain(text)[0].cue


@pytest.mark.parametrize("text", [
    "Police said Tia is putting herself at risk.",
    "Staff feel she keeps putting herself at risk.",
    "The social worker believes Kai puts himself at risk.",
    "She was described as putting herself at risk in the strategy minutes.",  # passive
    "Mum says she is fine, but she keeps putting herself at risk.",  # 'but' ends the report
])
def test_professional_paraphrase_and_passive_stay(ctx_checker, text: str) -> None:
    assert kept(ctx_checker, text) == ["XR101"]


# --- rule exceptions ----------------------------------------------------------------------
def test_exception_drops_overlapping_match(ctx_checker) -> None:
    text = "Lily (13) was unable to consent to sex with the 20-year-old."
    (_, decision, _), = verdicts(ctx_checker, text)
    assert decision == "drop"
    assert ctx_checker.explain(text)[0].cue.startswith("exception")
    assert kept(ctx_checker, "Lily (13) consented to sex with the 20-year-old.") == ["XR105"]


# --- conditions ---------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("Mia (14) was collected by her boyfriend, who is 23.", ["XR102"]),
    ("Mia (14) met her 25-year-old boyfriend in town.", ["XR102"]),
    ("Mia (14) has an older boyfriend.", ["XR102"]),
    ("Mia (14) is staying with her boyfriend, an adult man from the estate.", ["XR102"]),
    ("Mia (15) and her boyfriend (15) go to the same school.", []),
    ("Mum's boyfriend (41) has moved in; Mia (14) does not like him.", []),
    ("Jon (22) lives with his boyfriend (24) in a flat.", []),
])
def test_adult_party(ctx_checker, text: str, expected: list[str]) -> None:
    assert kept(ctx_checker, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The young man (14) was arrested at the scene.", ["XR103"]),
    ("Ella is 13 but presents as a young woman.", ["XR103"]),
    ("Care leaver update: the young woman (19) has a tenancy.", []),
    ("Sara (17) is a confident young woman.", []),
    ("A young man was seen near the shop.", []),
])
def test_age_15_or_under(ctx_checker, text: str, expected: list[str]) -> None:
    assert kept(ctx_checker, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Harley (14) is manipulative with staff.", ["XR104"]),
    ("Mr K is manipulative and controlling towards Mum.", []),
    ("Dad (45) is manipulative.", []),
    ("Mum's partner is manipulative.", []),
    ("YP is very manipulative.", ["XR104"]),
])
def test_not_adult_subject(ctx_checker, text: str, expected: list[str]) -> None:
    assert kept(ctx_checker, text) == expected


def test_child_condition(ctx_checker) -> None:
    assert kept(ctx_checker, "Both adults said it was consensual.") == []
    assert kept(ctx_checker, "Police logged it as consensual. Ruby is 13.") == ["XR105"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Mum (34) has a new boyfriend. Jo (6) is settled at school.", []),
    ("Her 26-year-old boyfriend bought Mia (13) a phone.", ["XR102"]),
    ("Mr T (33) is described by staff as Abbie's (15) boyfriend.", ["XR102"]),
])
def test_adult_party_ignores_adults_own_relationships(ctx_checker, text: str,
                                                      expected: list[str]) -> None:
    assert kept(ctx_checker, text) == expected


def test_according_to_after_the_words(ctx_checker) -> None:
    text = "Tia is putting herself at risk, according to her nan."
    assert verdicts(ctx_checker, text)[0][1] == "drop"
    text = "Tia is putting herself at risk, according to the police."
    assert kept(ctx_checker, text) == ["XR101"]


@pytest.mark.parametrize(("text", "expected"), [
    # the nearest person in the candidate's own clause is its subject
    ("After Mr K (30) was arrested, Jade (14) kept putting herself at risk.", ["XR101"]),
    ("Since Mum moved out, Jade (14) has been manipulative with staff.", ["XR104"]),
    ("Staff noted that, with the men, Harley (14) is manipulative.", ["XR104"]),
    ("Mr K, who met Jade (14) in the park, is manipulative.", []),
])
def test_subject_is_the_nearest_person_in_the_clause(ctx_checker, text: str,
                                                     expected: list[str]) -> None:
    assert kept(ctx_checker, text) == expected


def test_similar_age_peers_are_not_a_relationship_concern(ctx_checker) -> None:
    assert kept(ctx_checker, "Amelia (17) and her boyfriend (18) are expecting a baby.") == []
    assert kept(ctx_checker, "Amelia (15) and her boyfriend (19) are expecting a baby.") == [
        "XR102"]


@pytest.mark.parametrize("text", [
    "Amy (14) regards Mr K (30) as her boyfriend.",
    "Mum and Dad feel Tia is putting herself at risk.",
])
def test_plain_reporting_verbs(ctx_checker, text: str) -> None:
    assert kept(ctx_checker, text) == []


def test_documents_and_acronyms_are_not_lay_speakers(ctx_checker) -> None:
    text = "Tia is putting herself at risk, according to the PNC entry."
    assert kept(ctx_checker, text) == ["XR101"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Staff are worried that Amy keeps putting herself at risk.", ["XR101"]),
    ("Staff describe Ruby as manipulative.", ["XR104"]),
    ("Professionals agreed that she is manipulative.", ["XR104"]),
    ("Mr R's manipulative behaviour was reported.", []),
])
def test_speakers_are_not_subjects(ctx_checker, text: str, expected: list[str]) -> None:
    assert kept(ctx_checker, text) == expected
