"""Suppressions: accountable, auditable exceptions to a rule.

In a document (text, Markdown, reStructuredText, or a record's own text):

    Title of the 2019 report: Putting Herself at Risk? <!-- langcheck: ignore[BR101] title -->

    <!-- langcheck: ignore[BR101] title of the published guidance we cite -->
    Putting herself at risk? Why the phrase harms children

A directive at the end of a line applies to that line; a directive alone on its line (only
comment marks around it) applies to the next line that has text, or, when that line opens a
Markdown fenced code block, to the whole block (examples in documentation). Several ids are
separated by commas: `ignore[BR101,IC101]`. A reason is required (ruff #8453 taught us why): a
directive without one suppresses nothing and is itself reported.

Problems are reported as findings of two reserved rule ids, so they appear in every output
format, in `--statistics`, and in the exit code (like ruff's RUF100):

- `LC100` (warning): an unused suppression (no finding of that rule on the target line), or
  a rule id that does not exist. Not reported with `--no-ignore`, nor for a rule switched off
  by `select`/`ignore` (it could not have fired).
- `LC101` (error): a malformed suppression: no reason, or no rule id.

The directive is blanked out (same length, so offsets stay right) before the text is
checked, so the words of a reason never trigger a rule. `--no-ignore` reports the findings
the directives would hide, for audits of what has been suppressed.

For tabular records (CSV, JSONL), whose text should not be edited, a suppression list file
(`--suppressions FILE`, CSV with columns `record`, `rule`, `reason`, optional `path`) does the
same job. Its unused entries are reported as warning lines on stderr at the end of the run
(they do not change the exit code: a partial export legitimately lacks some records).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from langcheck.errors import InputError
from langcheck.finding import Finding, LineIndex

UNUSED = "LC100"
MALFORMED = "LC101"
CATEGORY = "suppression"
#: the reserved rule ids and their one-line descriptions (for reporters and --statistics)
META_RULES = {
    UNUSED: "Unused suppression: nothing on its line is flagged by that rule.",
    MALFORMED: "Malformed suppression: it needs a rule id and a reason.",
}

MARKER = "langcheck:"
_DIRECTIVE = re.compile(
    r"langcheck:[ \t]*ignore(?:\[(?P<ids>[^\]\r\n]*)\])?"
    r"(?P<reason>(?:(?!-->|\*/)[^\r\n])*)(?:-->|\*/)?",
    re.IGNORECASE,
)
_ID = re.compile(r"^[A-Z]{2,4}\d{3}$")
_OPENER = re.compile(r"(?:<!--|/\*|//|#|\.\.|%|;)[ \t]*$")


@dataclass
class Directive:
    """One `langcheck: ignore[...]` comment."""

    rules: tuple[str, ...]
    reason: str
    start: int
    end: int
    line: int
    column: int
    target: int  # the (first) line it applies to
    last: int = 0  # the last line it applies to (a whole fenced code block)
    used: set[str] = field(default_factory=set)

    def covers(self, line: int) -> bool:
        return self.target <= line <= max(self.last, self.target)

    @property
    def valid(self) -> bool:
        return bool(self.rules) and bool(self.reason)


def _reason(raw: str) -> str:
    return raw.strip().strip("-:\u2014\u2013").strip()


_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")


def _fenced_block_end(text: str, lines: LineIndex, first: int, n_lines: int) -> int:
    """The closing line of a Markdown fenced code block opening at `first`, else `first`."""
    if first > n_lines:
        return first
    opening = _FENCE.match(lines.line_text(text, first))
    if not opening:
        return first
    fence = opening.group(1)
    for n in range(first + 1, n_lines + 1):
        m = _FENCE.match(lines.line_text(text, n))
        if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
            return n
    return n_lines


def scan(text: str) -> tuple[str, list[Directive]]:
    """The text with every directive blanked out, and the directives found."""
    if MARKER not in text and MARKER not in text.lower():  # 1-2 µs on a 1,000-character note
        return text, []
    matches = list(_DIRECTIVE.finditer(text))
    if not matches:
        return text, []
    lines = LineIndex(text)
    directive_only: dict[int, bool] = {}
    found: list[tuple[re.Match[str], int, int, bool]] = []
    for m in matches:
        line, column = lines.position(m.start())
        before = text[lines.starts[line - 1]:m.start()]
        after = lines.line_text(text, line)[m.end() - lines.starts[line - 1]:]
        alone = not any(ch.isalnum() for ch in before + after)
        directive_only[line] = directive_only.get(line, True) and alone
        found.append((m, line, column, alone))
    n_lines = len(lines.starts)
    out: list[Directive] = []
    pieces: list[str] = []
    last = 0
    for m, line, column, alone in found:
        target = last_line = line
        if alone:
            target = line + 1
            while target <= n_lines and (not lines.line_text(text, target).strip()
                                         or directive_only.get(target, False)):
                target += 1
            last_line = _fenced_block_end(text, lines, target, n_lines)
        ids = m.group("ids")
        rules = tuple(sorted({s.strip().upper() for s in (ids or "").split(",") if s.strip()}))
        raw_reason = m.group("reason")
        end = m.start("reason") + len(raw_reason.rstrip())
        out.append(Directive(rules=rules, reason=_reason(raw_reason), start=m.start(),
                             end=end, line=line, column=column, target=target,
                             last=last_line))
        # blank the comment marks around it too, so the words on either side still meet
        opener = _OPENER.search(text, max(last, m.start() - 8), m.start())
        mask_start = opener.start() if opener else m.start()
        mask_end = m.end()
        pieces.append(text[last:mask_start])
        pieces.append(" " * (mask_end - mask_start))
        last = mask_end
    pieces.append(text[last:])
    return "".join(pieces), out


def _meta(rule: str, message: str, d: Directive, text: str, severity: str,
          suggestions: list[str]) -> Finding:
    return Finding(rule=rule, category=CATEGORY, severity=severity, message=message,
                   start=d.start, end=d.end, line=d.line, column=d.column,
                   text=text[d.start:d.end], suggestions=suggestions)


def apply(findings: list[Finding], directives: list[Directive], text: str, *,
          enabled: Iterable[str], known: Iterable[str],
          no_ignore: bool = False) -> tuple[list[Finding], int, list[Finding]]:
    """(findings left, how many were suppressed, LC100/LC101 problems to report)."""
    if not directives:
        return findings, 0, []
    enabled, known = set(enabled), set(known)
    problems: list[Finding] = []
    valid: list[Directive] = []
    for d in directives:
        if not d.rules:
            problems.append(_meta(MALFORMED, "Suppression names no rule: write "
                                  "langcheck: ignore[RULE] followed by the reason.", d, text,
                                  "error", ["langcheck: ignore[RULE] reason"]))
        elif not d.reason:
            problems.append(_meta(MALFORMED, f"Suppression of {', '.join(d.rules)} has no "
                                  "reason: say why after the brackets; until then it "
                                  "suppresses nothing.", d, text, "error", []))
        else:
            valid.append(d)
    if no_ignore:
        return findings, 0, problems
    kept: list[Finding] = []
    suppressed = 0
    for f in findings:
        hit = next((d for d in valid if f.rule in d.rules and d.covers(f.line)), None)
        if hit is None:
            kept.append(f)
        else:
            hit.used.add(f.rule)
            suppressed += 1
    for d in directives:
        if not d.valid:
            continue
        for rule in d.rules:
            if rule in d.used:
                continue
            if rule not in known and rule not in enabled:
                msg = f"Suppression names {rule}, which is not a rule."
            elif rule in enabled:
                where = (f"line {d.target}" if d.last <= d.target
                         else f"lines {d.target}-{d.last}")
                msg = f"Unused suppression: no {rule} finding on {where}."
            else:
                continue  # switched off by select/ignore: it could not have fired
            problems.append(_meta(UNUSED, msg, d, text, "warning",
                                  ["remove the suppression, or move it to the flagged line"]))
    return kept, suppressed, problems


# --- suppression list file for tabular records ---------------------------------------------

@dataclass
class Entry:
    """One row of a suppression list file."""

    record: str
    rule: str
    reason: str
    path: str
    row: int
    used: bool = False
    seen: bool = False

    def matches(self, record_path: str, record_id: str | None) -> bool:
        if record_id is None or record_id != self.record:
            return False
        if not self.path:
            return True
        return record_path == self.path or Path(record_path).name == self.path \
            or Path(record_path).as_posix().endswith("/" + self.path)


_RECORD_COLS = ("record", "record_id", "id")


class SuppressionList:
    """`--suppressions FILE`: CSV rows `record,rule,reason[,path]`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: list[Entry] = []
        self.errors: list[InputError] = []
        self._by_record: dict[str, list[Entry]] = {}
        self._load()

    def _load(self) -> None:
        display = str(self.path)
        try:
            text = self.path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            self.errors.append(InputError(display, f"cannot read suppression list: {exc}"))
            return
        reader = csv.DictReader(text.splitlines())
        header = [h.strip().lower() for h in (reader.fieldnames or [])]
        id_col = next((c for c in _RECORD_COLS if c in header), None)
        if id_col is None or "rule" not in header or "reason" not in header:
            self.errors.append(InputError(display, "a suppression list needs the columns "
                                                   "record, rule, reason (and optionally path)"))
            return
        for row_no, raw in enumerate(reader, start=2):
            row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()
                   if isinstance(v, str)}
            rule = row.get("rule", "").upper()
            record = row.get(id_col, "")
            if not record or not _ID.match(rule):
                self.errors.append(InputError(display, "needs a record id and a rule id "
                                                       "such as BR101", row=row_no, unit="row"))
                continue
            if not row.get("reason"):
                self.errors.append(InputError(display, f"suppression of {rule} for record "
                                                       f"{record} has no reason", row=row_no,
                                              unit="row"))
                continue
            entry = Entry(record=record, rule=rule, reason=row["reason"],
                          path=row.get("path", ""), row=row_no)
            self.entries.append(entry)
            self._by_record.setdefault(record, []).append(entry)

    def apply(self, record_path: str, record_id: str | None,
              findings: list[Finding], no_ignore: bool = False) -> tuple[list[Finding], int]:
        if record_id is None or record_id not in self._by_record:
            return findings, 0
        entries = [e for e in self._by_record[record_id] if e.matches(record_path, record_id)]
        for e in entries:
            e.seen = True
        if no_ignore or not entries:
            return findings, 0
        kept: list[Finding] = []
        for f in findings:
            hit = next((e for e in entries if e.rule == f.rule), None)
            if hit is None:
                kept.append(f)
            else:
                hit.used = True
        return kept, len(findings) - len(kept)

    def unused(self) -> list[str]:
        """Warning lines for entries that suppressed nothing."""
        out = []
        for e in self.entries:
            if e.used:
                continue
            why = (f"record {e.record} has no {e.rule} finding" if e.seen
                   else f"record {e.record} was not in the input")
            out.append(f"{self.path}:row {e.row}: unused suppression ({why})")
        return out
