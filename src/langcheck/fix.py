"""Fixes: suggest first, never rewrite silently.

Only a rule whose lexicon entry has `fix:` (one unambiguous replacement, e.g. AM101 "child
pornography" -> "child sexual abuse material") is applied by `--fix`; every other rule needs
a person's judgement, which `--interactive` asks for. Quoted words (findings of severity
`info`: someone else's words, recorded verbatim) are never touched. Replacements keep the
case of the original (ALL CAPS, Title Case, a capital at the start of a sentence).

Files are written atomically: a temporary file in the same folder, then `os.replace`, so a
crash never leaves half a record. The file's byte-order mark, line endings and permissions
are kept.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from langcheck.finding import Finding
from langcheck.lexicon import Lexicon

_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Edit:
    """One replacement of `text[start:end]` (`old`) by `new`."""

    start: int
    end: int
    old: str
    new: str
    rule: str
    line: int
    column: int


def match_case(original: str, replacement: str) -> str:
    """`replacement` written in the case pattern of `original`."""
    letters = [c for c in original if c.isalpha()]
    if not letters or not replacement:
        return replacement
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    words = original.split()
    if len(words) > 1 and all(w[:1].isupper() for w in words if w[:1].isalpha()):
        return " ".join(w[:1].upper() + w[1:] for w in replacement.split(" "))
    if letters[0].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def safe_fix(finding: Finding, lexicon: Lexicon) -> str | None:
    """The replacement `--fix` may apply for `finding`, or None."""
    if finding.severity == "info":
        return None
    rule = lexicon.get(finding.rule)
    if rule is None or not rule.fix:
        return None
    return match_case(finding.text, rule.fix)


def edit_for(finding: Finding, replacement: str) -> Edit:
    return Edit(finding.start, finding.end, finding.text, match_case(finding.text, replacement),
                finding.rule, finding.line, finding.column)


def safe_edits(findings: list[Finding], lexicon: Lexicon) -> list[Edit]:
    """The non-overlapping safe edits for a record's findings, in text order."""
    edits: list[Edit] = []
    end = -1
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        new = safe_fix(f, lexicon)
        if new is None or f.start < end or new == f.text:
            continue
        edits.append(Edit(f.start, f.end, f.text, new, f.rule, f.line, f.column))
        end = f.end
    return edits


def apply_edits(text: str, edits: list[Edit]) -> str:
    """`text` with every edit applied (edits must not overlap)."""
    out: list[str] = []
    pos = 0
    for e in sorted(edits, key=lambda e: e.start):
        if e.start < pos:
            raise ValueError("overlapping edits")
        out.append(text[pos:e.start])
        out.append(e.new)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def unified_diff(before: str, after: str, name: str) -> str:
    """A unified diff of one file or record (`a/name` -> `b/name`)."""
    a = before.splitlines(keepends=True)
    b = after.splitlines(keepends=True)
    out: list[str] = []
    for line in difflib.unified_diff(a, b, f"a/{name}", f"b/{name}"):
        out.append(line)
        if not line.endswith(("\n", "\r")):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)


def write_atomic(path: Path, text: str) -> None:
    """Replace `path` by `text` (UTF-8) atomically, keeping its BOM and permissions."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            bom = fh.read(3) == _BOM
    except OSError:
        bom = False
    data = (_BOM if bom else b"") + text.encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".langcheck-tmp",
                               dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(OSError):
            shutil.copymode(path, tmp)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def describe(edit: Edit, where: str) -> str:
    """One line reporting what a fix changed."""
    return f"{where}:{edit.line}:{edit.column}: {edit.rule} fixed: {edit.old!r} -> {edit.new!r}"


def choices_for(finding: Finding, lexicon: Lexicon) -> list[str]:
    """What `--interactive` offers: the safe fix first, then the rule's other suggestions,
    each in the case of the original words."""
    rule = lexicon.get(finding.rule)
    options: list[str] = []
    if rule is not None:
        for text in ([rule.fix] if rule.fix else []) + list(rule.suggestions):
            cased = match_case(finding.text, text)
            if cased not in options and cased != finding.text:
                options.append(cased)
    return options


def choose_edits(path: str, text: str, findings: list[Finding], lexicon: Lexicon,
                 console: Any) -> tuple[list[Edit], bool]:
    """Walk through the findings of one text, asking what to do with each.

    Returns the accepted edits and whether the user asked to stop (`q`, or end of input).
    Quoted words (severity `info`) and suppression problems are not offered for editing.
    Ctrl-C propagates as KeyboardInterrupt so the caller can leave the file unchanged.
    """
    from rich.markup import escape
    from rich.prompt import Prompt

    from langcheck.finding import LineIndex

    lines = LineIndex(text)
    edits: list[Edit] = []
    taken_until = -1
    todo = [f for f in sorted(findings, key=lambda f: f.start)
            if f.severity != "info" and lexicon.get(f.rule) is not None]
    for n, f in enumerate(todo, start=1):
        if f.start < taken_until:
            continue
        line = lines.line_text(text, f.line)
        col = f.column - 1
        console.print(f"\n[bold]{escape(path)}:{f.line}:{f.column}[/bold] "
                      f"({n} of {len(todo)}) [yellow]{f.rule}[/yellow] {escape(f.message)}")
        console.print("  " + escape(line[:col]) + "[reverse]" + escape(line[col:col + len(f.text)])
                      + "[/reverse]" + escape(line[col + len(f.text):]))
        options = choices_for(f, lexicon)
        for i, option in enumerate(options, start=1):
            console.print(f"  [green]{i}[/green]) {escape(option)}")
        console.print("  [green]s[/green]) skip   [green]e[/green]) edit: type your own words"
                      "   [green]q[/green]) quit: keep what you accepted and stop")
        keys = [str(i) for i in range(1, len(options) + 1)] + ["s", "e", "q"]
        try:
            answer = Prompt.ask("Your choice", console=console, choices=keys, default="s",
                                show_choices=False)
        except EOFError:
            return edits, True
        if answer == "q":
            return edits, True
        if answer == "s":
            continue
        if answer == "e":
            try:
                own = Prompt.ask(f"Replace {f.text!r} with (empty: skip)", console=console,
                                 default="", show_default=False)
            except EOFError:
                return edits, True
            if not own.strip():
                continue
            new = own.strip()
        else:
            new = options[int(answer) - 1]
        edits.append(Edit(f.start, f.end, f.text, new, f.rule, f.line, f.column))
        taken_until = f.end
    return edits, False
