"""Error types that carry enough location to be reported on one line.

Every error a user can cause (a bad lexicon file, an unreadable input, a malformed row)
is raised as one of these, so the CLI can print a single clear line and exit with 2
while the rest of a batch carries on.
"""

from __future__ import annotations


class LangcheckError(Exception):
    """Base class for errors reported to the user as one line."""


class LexiconError(LangcheckError):
    """A lexicon file is malformed: names the file, the rule id and the line."""

    def __init__(self, message: str, path: str | None = None, rule: str | None = None,
                 line: int | None = None) -> None:
        self.path = path
        self.rule = rule
        self.line = line
        self.reason = message
        where = path or "<lexicon>"
        if line is not None:
            where += f":{line}"
        if rule:
            where += f": rule {rule}"
        super().__init__(f"{where}: {message}")


class InputError(LangcheckError):
    """An input file, row or line cannot be read: names the file and the row or line."""

    def __init__(self, path: str, reason: str, row: int | None = None,
                 unit: str = "line") -> None:
        self.path = path
        self.row = row
        self.reason = reason
        self.unit = unit
        where = path if row is None else f"{path}:{unit} {row}"
        super().__init__(f"{where}: {reason}")
