"""Printable worksheets for a classroom session: Markdown or self-contained HTML.

The worksheet shows each case note with room to write a rewrite. The answer key (only with
`--answers`, so a trainer can hand out the sheet first) names the flagged wording, the
rule, why it matters with its sources, the model rewrites and the trainer's note. The HTML
needs no network: styles are inline, and a print stylesheet keeps each exercise on one page
and starts the answer key on a new page.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from langcheck.train.feedback import source_line
from langcheck.train.fileio import write_text_atomic
from langcheck.train.pack import COUNTED, Exercise

if TYPE_CHECKING:  # pragma: no cover
    from langcheck.checker import Checker
    from langcheck.finding import Finding

FORMATS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
TITLE = "Appropriate language in case records: rewriting exercises"
INSTRUCTIONS = (
    "Each case note below uses language that blames a child, implies a child agreed to their "
    "own abuse, or hides who is responsible. Rewrite each note so that it records what "
    "happened and who did it, in plain words, and keep the facts: names, ages, places, times "
    "and what was seen."
)


def worksheet_format(path: Path) -> str | None:
    """'md' or 'html' from the file name, or None when the suffix is not supported."""
    return FORMATS.get(path.suffix.lower())


def _key_entries(exercises: Sequence[Exercise], checker: Checker
                 ) -> list[tuple[Exercise, list[Finding]]]:
    return [(e, [f for f in checker.check(e.scenario) if f.severity in COUNTED])
            for e in exercises]


def render_markdown(exercises: Sequence[Exercise], checker: Checker, *, pack_name: str,
                    answers: bool, sources: dict[str, dict[str, Any]]) -> str:
    lines = [f"# {TITLE}", "", f"Pack: {pack_name} · {len(exercises)} exercises", "",
             INSTRUCTIONS, ""]
    for n, ex in enumerate(exercises, 1):
        lines += [f"## Exercise {n}", "", f"> {ex.scenario}", "", "Your rewrite:", ""]
        lines += ["_" * 78 + "  ", ""] * 4
    if answers:
        lines += ["---", "", "# Answer key", ""]
        for n, (ex, findings) in enumerate(_key_entries(exercises, checker), 1):
            lines += [f"## Exercise {n}: {ex.id} ({ex.category})", ""]
            for f in findings:
                lines.append(f"- **{f.text}**: {f.rule}, {f.message}")
            lines.append("")
            for rule_id in dict.fromkeys(f.rule for f in findings):
                rule = checker.lexicon.get(rule_id)
                if rule is None:
                    continue
                lines += [f"Why it matters ({rule.id}): {' '.join(rule.why.split())}", ""]
                if rule.sources:
                    lines += ["Sources: " + "; ".join(source_line(s, sources)
                                                      for s in rule.sources), ""]
            lines.append("Model rewrite" + ("s:" if len(ex.rewrites) > 1 else ":"))
            lines.append("")
            lines += [f"> {r}\n>" if i < len(ex.rewrites) - 1 else f"> {r}"
                      for i, r in enumerate(ex.rewrites)]
            lines.append("")
            if ex.note:
                lines += [f"Trainer's note: {ex.note}", ""]
    return "\n".join(lines).rstrip() + "\n"


_CSS = """
body { font-family: Georgia, 'Times New Roman', serif; max-width: 48rem; margin: 2rem auto;
       padding: 0 1rem; color: #111; line-height: 1.45; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
.meta { color: #444; font-size: .9rem; }
.note { border-left: 4px solid #3a6ea5; background: #f3f6fa; padding: .6rem 1rem; margin: 0; }
.lines div { border-bottom: 1px solid #999; height: 2rem; }
.exercise, .key { break-inside: avoid; page-break-inside: avoid; }
.answer-key { break-before: page; page-break-before: always; }
mark { background: #ffe08a; text-decoration: underline; }
.rewrite { border-left: 4px solid #2e7d32; background: #f1f8f1; padding: .4rem 1rem;
           margin: .4rem 0; }
.small { font-size: .9rem; color: #333; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  .note, .rewrite, mark { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  @page { margin: 18mm; }
}
"""


def _marked(text: str, findings: Sequence[Finding]) -> str:
    """HTML of the text with flagged spans in <mark> (spans never overlap after the checker)."""
    out, pos = [], 0
    for f in sorted(findings, key=lambda f: f.start):
        if f.start < pos:
            continue
        out += [html.escape(text[pos:f.start]), f"<mark>{html.escape(text[f.start:f.end])}</mark>"]
        pos = f.end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def render_html(exercises: Sequence[Exercise], checker: Checker, *, pack_name: str,
                answers: bool, sources: dict[str, dict[str, Any]]) -> str:
    e = html.escape
    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{e(TITLE)}</title><style>{_CSS}</style></head><body>",
             f"<h1>{e(TITLE)}</h1>",
             f'<p class="meta">Pack: {e(pack_name)} · {len(exercises)} exercises</p>',
             f"<p>{e(INSTRUCTIONS)}</p>"]
    for n, ex in enumerate(exercises, 1):
        parts += [f'<section class="exercise"><h2>Exercise {n}</h2>',
                  f'<p class="note">{e(ex.scenario)}</p>', "<p>Your rewrite:</p>",
                  '<div class="lines">' + "<div></div>" * 5 + "</div></section>"]
    if answers:
        parts.append('<section class="answer-key"><h1>Answer key</h1>')
        for n, (ex, findings) in enumerate(_key_entries(exercises, checker), 1):
            parts += [f'<div class="key"><h2>Exercise {n}: {e(ex.id)} '
                      f'<span class="small">({e(ex.category)})</span></h2>',
                      f'<p class="note">{_marked(ex.scenario, findings)}</p><ul>']
            parts += [f"<li><strong>{e(f.text)}</strong>: {e(f.rule)}, {e(f.message)}</li>"
                      for f in findings]
            parts.append("</ul>")
            for rule_id in dict.fromkeys(f.rule for f in findings):
                rule = checker.lexicon.get(rule_id)
                if rule is None:
                    continue
                parts.append(f"<p><strong>Why it matters ({e(rule.id)}):</strong> "
                             f"{e(' '.join(rule.why.split()))}</p>")
                if rule.sources:
                    names = "; ".join(source_line(s, sources) for s in rule.sources)
                    parts.append(f'<p class="small">Sources: {e(names)}</p>')
            label = "Model rewrites" if len(ex.rewrites) > 1 else "Model rewrite"
            parts.append(f"<p><strong>{label}:</strong></p>")
            parts += [f'<p class="rewrite">{e(r)}</p>' for r in ex.rewrites]
            if ex.note:
                parts.append(f"<p><strong>Trainer's note:</strong> {e(ex.note)}</p>")
            parts.append("</div>")
        parts.append("</section>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def write_worksheet(path: Path, exercises: Sequence[Exercise], checker: Checker, *,
                    pack_name: str, answers: bool, sources: dict[str, dict[str, Any]]) -> None:
    """Render by the file's suffix and write atomically."""
    fmt = worksheet_format(path)
    if fmt is None:
        raise ValueError(f"{path}: worksheet must end in .md or .html")
    render = render_html if fmt == "html" else render_markdown
    text = render(exercises, checker, pack_name=pack_name, answers=answers, sources=sources)
    write_text_atomic(path, text)
