"""Shared fixtures: one Checker per session (building the pipeline costs about a second)."""

from __future__ import annotations

from pathlib import Path

import pytest

import langcheck
from langcheck.lexicon import default_lexicon

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def checker() -> langcheck.Checker:
    return langcheck.Checker()


@pytest.fixture(scope="session")
def reference_checker() -> langcheck.Checker:
    """Every rule on every sentence, no first stage: the reference for equivalence tests."""
    return langcheck.Checker(first_stage=False)


@pytest.fixture(scope="session")
def lexicon() -> langcheck.Lexicon:
    return default_lexicon()


def counted(findings: list[langcheck.Finding]) -> list[langcheck.Finding]:
    return [f for f in findings if f.severity in ("error", "warning")]
