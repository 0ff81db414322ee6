"""Month of a record's date field, for the trend by month.

Exports write dates in many ways; the common ones are read (ISO 8601 with or without a
time, UK day/month/year with / . or -, a year and month alone). Anything else counts as no
date, and the summary says how many records had none, instead of guessing.
"""

from __future__ import annotations

import re
from datetime import date, datetime

NO_DATE = "(no date)"

_ISO = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?:[ T].*)?$")
_UK = re.compile(r"^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T].*)?$")


def month_of(value: object) -> str:
    """'YYYY-MM' for a readable date, else NO_DATE. Day-first for d/m/y (UK records)."""
    if isinstance(value, (datetime, date)):
        return f"{value.year:04d}-{value.month:02d}"
    if not isinstance(value, str):
        return NO_DATE
    m = _ISO.match(value)
    if m:
        year, month = int(m.group(1)), int(m.group(2))
    else:
        m = _UK.match(value)
        if not m:
            return NO_DATE
        year, month = int(m.group(3)), int(m.group(2))
    if not 1 <= month <= 12 or not 1900 <= year <= 2999:
        return NO_DATE
    return f"{year:04d}-{month:02d}"
