"""Trap sentences: the lexicon's words used properly. None may get a counted finding.

Each file in tests/traps/ is a YAML list of `{text, note}` written by the team (never copied
from the development set). The files are grouped by theme; the notes say why the sentence
is fine, so a failure explains itself.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import counted

TRAP_DIR = Path(__file__).parent / "traps"


def _load() -> list[tuple[str, str, str]]:
    cases = []
    for path in sorted(TRAP_DIR.glob("*.yaml")):
        for i, item in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")) or []):
            cases.append((f"{path.stem}-{i}", item["text"], item.get("note", "")))
    return cases


CASES = _load()


def test_there_are_enough_traps() -> None:
    assert len(CASES) >= 200


@pytest.mark.parametrize(("case_id", "text", "note"), CASES, ids=[c[0] for c in CASES])
def test_trap_is_not_flagged(checker, case_id: str, text: str, note: str) -> None:
    found = counted(checker.check(text))
    assert not found, f"{found[0].rule} flagged {found[0].text!r} in {text!r} ({note})"
