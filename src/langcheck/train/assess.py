"""Judging a trainee's rewrite: what was fixed, what remains, and whether the facts survived.

A rewrite succeeds when langcheck finds nothing at error or warning level in it *and* it
still records what happened. The second test exists because the easiest way to silence a
linter is to delete the sentence; in a case record that loses the evidence. We call the
words the model rewrites keep from the scenario its *key details* (names, ages, places,
times, what was seen): a word counts when every model rewrite keeps it, so the trainee is
only held to facts the model answers all preserve. A rewrite must keep at least
`KEEP_THRESHOLD` of them; the feedback lists the ones that went missing.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from langcheck.train.pack import COUNTED, Exercise

if TYPE_CHECKING:  # pragma: no cover
    from langcheck.checker import Checker
    from langcheck.finding import Finding

#: share of the key details a rewrite must keep to count as a success
KEEP_THRESHOLD = 0.6

#: outcome -> points towards the score
POINTS = {"fixed": 1.0, "partial": 0.5, "details-lost": 0.0, "not-fixed": 0.0, "skipped": 0.0}

_WORD = re.compile(r"[£$]?\w+(?:['’]\w+)*")
# A short list on purpose: the words that carry no fact in a case note.
_STOP = frozenset("""
a about above after again against all also am an and any are as at be been before being
below between both but by can could did do does doing down during each few for from further
had has have having he her here hers herself him himself his how i if in into is it its
itself just me more most my myself no nor not now of off on once only or other our ours out
over own same she should so some such than that the their theirs them themselves then there
these they this those through to too under until up very was we were what when where which
while who whom why will with would you your yours yourself yourselves
""".split())


def _stem(word: str) -> str:
    """A crude stem so 'Ruby's'/'Ruby' and 'cars'/'car' count as the same detail."""
    w = word.lower().replace("’", "'")
    w = re.sub(r"'s$|'$", "", w)
    for suffix in ("ing", "ed"):
        if len(w) > len(suffix) + 3 and w.endswith(suffix):
            return w[: -len(suffix)]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def content_words(text: str) -> dict[str, str]:
    """Stem -> first surface form, for every word that can carry a fact."""
    out: dict[str, str] = {}
    for m in _WORD.finditer(text):
        word = m.group(0)
        if word.lower() in _STOP:
            continue
        out.setdefault(_stem(word), word)
    return out


def key_details(exercise: Exercise) -> dict[str, str]:
    """Words of the scenario that every model rewrite keeps (stem -> scenario's form)."""
    details = content_words(exercise.scenario)
    for rewrite in exercise.rewrites:
        kept = content_words(rewrite)
        details = {stem: word for stem, word in details.items() if stem in kept}
    return details


@dataclass(frozen=True)
class Assessment:
    """The verdict on one answer, with everything the feedback and the results file need."""

    outcome: str  # fixed | partial | not-fixed | details-lost
    fixed: list[Finding]  # scenario findings that no longer appear
    remaining: list[Finding]  # error/warning findings in the answer (with offsets into it)
    introduced: list[Finding]  # remaining findings whose rule the scenario did not trigger
    quoted: list[Finding]  # info findings in the answer (someone else's words, kept verbatim)
    kept: float  # share of key details kept, 0..1
    missing_details: list[str]

    @property
    def points(self) -> float:
        return POINTS[self.outcome]


def assess(exercise: Exercise, answer: str, checker: Checker,
           scenario_findings: list[Finding] | None = None) -> Assessment:
    """Compare the answer with the scenario under the same checker."""
    before = scenario_findings
    if before is None:
        before = [f for f in checker.check(exercise.scenario) if f.severity in COUNTED]
    found = checker.check(answer)
    remaining = [f for f in found if f.severity in COUNTED]
    quoted = [f for f in found if f.severity not in COUNTED]
    left = Counter(f.rule for f in remaining)
    fixed: list[Finding] = []
    for f in before:  # a rule flagged twice and fixed once counts one fix
        if left[f.rule] > 0:
            left[f.rule] -= 1
        else:
            fixed.append(f)
    scenario_rules = {f.rule for f in before}
    introduced = [f for f in remaining if f.rule not in scenario_rules]
    details = key_details(exercise)
    have = content_words(answer)
    missing = [word for stem, word in details.items() if stem not in have]
    kept = 1.0 if not details else 1 - len(missing) / len(details)
    enough = kept >= KEEP_THRESHOLD
    if not remaining:
        outcome = "fixed" if enough else "details-lost"
    elif fixed and enough:
        outcome = "partial"
    else:
        outcome = "not-fixed"
    return Assessment(outcome=outcome, fixed=fixed, remaining=remaining, introduced=introduced,
                      quoted=quoted, kept=kept, missing_details=missing)
