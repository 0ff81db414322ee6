"""Salted hashes for group values (`--pseudonymise author`).

An audit report travels further than the case records: a team manager may see it, or a
review panel. Replacing an author's or team's name with a keyed hash keeps the comparison
(the same person always gets the same code in one audit) without naming anyone. The key
(salt) is random for each run unless the user gives one to compare audits over time; it is
never written to any output.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

NONE_LABEL = "(none)"


class Pseudonymiser:
    """Maps values of the chosen fields to `anon-` plus 10 hex digits of an HMAC-SHA256."""

    def __init__(self, fields: tuple[str, ...] = (), salt: str | None = None) -> None:
        self.fields = frozenset(fields)
        self._key = (salt if salt is not None else secrets.token_hex(16)).encode("utf-8")
        self._cache: dict[str, str] = {}

    def __getstate__(self) -> dict[str, object]:
        return {"fields": self.fields, "_key": self._key, "_cache": {}}

    def applies(self, field: str) -> bool:
        return field in self.fields

    def code(self, value: str) -> str:
        """The stable code for one value (same key, same value -> same code)."""
        found = self._cache.get(value)
        if found is None:
            digest = hmac.new(self._key, value.encode("utf-8"), hashlib.sha256).hexdigest()
            found = f"anon-{digest[:10]}"
            if len(self._cache) < 100_000:
                self._cache[value] = found
        return found

    def label(self, field: str, value: object) -> str:
        """A group value as shown in every output: trimmed text, coded if the field is."""
        text = "" if value is None else str(value).strip()
        if not text:
            return NONE_LABEL
        return self.code(text) if field in self.fields else text
