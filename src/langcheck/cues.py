"""The cue lists of context.yaml, and which adult words make an adult party.

Kept apart from context.py, which needs spaCy, so that the audit's first stage can use the
same word lists to rule sentences out without importing it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from langcheck.errors import LexiconError
from langcheck.lexicon import _read_yaml

#: adult words that do not make the adult party of a relationship ("Mum and her partner"):
#: parents, carers and the words for a woman, which the rules of this kind do not concern
NOT_A_PARTY = frozenset({
    "mum", "mother", "dad", "father", "parent", "parents", "nan", "gran", "grandad", "carer",
    "mam", "mom", "lady", "woman", "women",
})


@dataclass
class Cues:
    """Cue lists from context.yaml."""

    negation: list[str]
    negation_scope: int
    pseudo_negation: list[str]
    reporting: list[str]
    according: list[str]
    terminators: list[str]
    negation_terminators: list[str]
    mention: list[str]
    mention_scope: int
    mention_after: list[str]
    professional: set[str]
    adult: set[str]
    child: set[str]


def load_cues(directory: Path) -> Cues:
    path = directory / "context.yaml"
    data = _read_yaml(path)
    if not isinstance(data, dict):
        raise LexiconError("context.yaml must be a mapping of cue types", path=str(path))

    def words(key: str) -> list[str]:
        value = data.get(key)
        if isinstance(value, dict):
            value = value.get("cues")
        if not isinstance(value, list):
            raise LexiconError(f"missing cue list {key!r}", path=str(path))
        return [str(v).lower() for v in value]

    def scope(key: str, default: int) -> int:
        value = data.get(key)
        return int(value.get("scope", default)) if isinstance(value, dict) else default

    return Cues(
        negation=words("negation"),
        negation_scope=scope("negation", 6),
        pseudo_negation=words("pseudo_negation"),
        reporting=words("reporting"),
        according=words("according"),
        terminators=words("terminators"),
        negation_terminators=words("negation_terminators"),
        mention=words("mention"),
        mention_scope=scope("mention", 5),
        mention_after=words("mention_after"),
        professional=set(words("professional")),
        adult=set(words("adult")),
        child=set(words("child")),
    )


def party_words(cues: Cues) -> frozenset[str]:
    """Words that, as a token of the sentence, can make the adult-party condition hold."""
    return frozenset(cues.adult - NOT_A_PARTY)
