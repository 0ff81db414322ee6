"""Every rule's own examples run as tests: flagged ones must be flagged by that rule,
passing ones must not get a counted finding from it."""

from __future__ import annotations

import pytest

from langcheck.lexicon import default_lexicon
from tests.conftest import counted

CASES_FLAG = [(r.id, ex) for r in default_lexicon() for ex in r.flag_examples]
CASES_PASS = [(r.id, ex) for r in default_lexicon() for ex in r.pass_examples]


@pytest.mark.parametrize(("rule_id", "example"), CASES_FLAG,
                         ids=[f"{r}-flag-{i}" for i, (r, _) in enumerate(CASES_FLAG)])
def test_flag_example_is_flagged(checker, rule_id: str, example: str) -> None:
    rules = {f.rule for f in counted(checker.check(example))}
    assert rule_id in rules, f"{rule_id} missed: {example!r} (got {sorted(rules)})"


@pytest.mark.parametrize(("rule_id", "example"), CASES_PASS,
                         ids=[f"{r}-pass-{i}" for i, (r, _) in enumerate(CASES_PASS)])
def test_pass_example_is_not_flagged(checker, rule_id: str, example: str) -> None:
    hits = [f for f in counted(checker.check(example)) if f.rule == rule_id]
    assert not hits, f"{rule_id} flagged {hits[0].text!r} in {example!r}"
