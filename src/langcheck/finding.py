"""The one Finding type every reporter, the service and the audit consume."""

from __future__ import annotations

import bisect
import re
from dataclasses import asdict, dataclass, field
from typing import Any

_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Finding:
    """A flagged span of a record's text (the contract in DESIGN.md).

    `start`/`end` are 0-based Python `str` offsets into the record text; `line`/`column`
    are 1-based (column counts characters); `text == record_text[start:end]`.
    """

    rule: str
    category: str
    severity: str
    message: str
    start: int
    end: int
    line: int
    column: int
    text: str
    suggestions: list[str] = field(default_factory=list)
    cue: str = ""

    def to_dict(self, *, cue: bool = False) -> dict[str, Any]:
        data = asdict(self)
        if not cue:
            data.pop("cue")
        return data


class LineIndex:
    """Maps offsets to 1-based (line, column); CRLF, CR and LF all end a line."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in _BREAK.finditer(text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def line_text(self, text: str, line: int) -> str:
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(text)
        return text[start:end].rstrip("\r\n")
