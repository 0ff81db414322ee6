"""What the trainee sees: the case note, hints, feedback on a rewrite, and the summary.

Rendering is kept apart from the session loop so the words can be reviewed in one place:
feedback explains *why* the wording harms a child and what to write instead; it never
scolds the trainee.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from langcheck.lexicon import CATEGORIES
from langcheck.train.assess import KEEP_THRESHOLD, Assessment

if TYPE_CHECKING:  # pragma: no cover
    from langcheck.finding import Finding
    from langcheck.lexicon import Lexicon
    from langcheck.train.pack import Exercise
    from langcheck.train.session import ExerciseResult

COMMANDS_HELP = ("Type your rewrite on one line and press Enter. "
                 "Or type [bold]hint[/bold], [bold]skip[/bold] or [bold]quit[/bold].")
PROMPT = "[bold cyan]Your rewrite>[/bold cyan] "

VERDICTS = {
    "fixed": "[bold green]Well done: langcheck finds nothing to change, and the key details "
             "are kept.[/bold green]",
    "partial": "[bold yellow]Partly there: some wording is fixed, some still needs "
               "changing.[/bold yellow]",
    "not-fixed": "[bold red]Not fixed yet: the wording below still needs changing."
                 "[/bold red]",
    "details-lost": "[bold red]The wording is clean, but the rewrite leaves out too much of "
                    "what happened.[/bold red]",
    "skipped": "[bold]Skipped.[/bold] Here is why the wording matters and one way to write it.",
}


def item(console: Console, markup: str, indent: int = 2) -> None:
    """Print a line indented, with wrapped lines kept under it (hanging indent)."""
    console.print(Padding(Text.from_markup(markup), (0, 0, 0, indent), expand=False))


def source_line(source_id: str, sources: dict[str, dict[str, Any]]) -> str:
    """'Title (publisher, year)' for a source id, falling back to the id itself."""
    meta = sources.get(source_id) or {}
    title = meta.get("title")
    if not title:
        return source_id
    extra = ", ".join(str(meta[k]) for k in ("publisher", "year") if meta.get(k))
    return f"{title} ({extra})" if extra else str(title)


def highlighted(text: str, findings: Iterable[Finding]) -> Text:
    """The text with each flagged span underlined in red (still readable without colour)."""
    out = Text(text)
    for f in findings:
        out.stylize("bold red underline", f.start, f.end)
    return out


def show_exercise(console: Console, n: int, total: int, exercise: Exercise,
                  findings: Sequence[Finding]) -> None:
    console.print()
    console.rule(f"[bold]Exercise {n} of {total}[/bold]  ·  {exercise.category}")
    console.print(Panel(Text(exercise.scenario), title="Case note", title_align="left",
                        border_style="cyan"))
    count = len(findings)
    what = "one phrase" if count == 1 else f"{count} phrases"
    console.print(f"langcheck flags {what} in this note. Rewrite it so it records what "
                  "happened and who is responsible, without blaming the child. Keep the facts.")
    console.print(COMMANDS_HELP)


def show_hint(console: Console, level: int, exercise: Exercise, findings: Sequence[Finding],
              lexicon: Lexicon) -> None:
    """First hint: where the problem is and what is wrong. Second: what to write instead."""
    if level == 1:
        console.print("[bold]Hint:[/bold] look again at")
        for f in findings:
            item(console, f"[red]{escape(repr(f.text))}[/red]: {escape(f.message)}")
        return
    if level == 2:
        shown = False
        for rule_id in dict.fromkeys(f.rule for f in findings):
            rule = lexicon.get(rule_id)
            if rule and rule.suggestions:
                ideas = "; ".join(rule.suggestions[:3])
                console.print(f"[bold]Hint:[/bold] instead, you could write: {escape(ideas)}")
                shown = True
        if exercise.hint:
            console.print(f"[bold]Hint:[/bold] {escape(exercise.hint)}")
            shown = True
        if shown:
            return
    console.print("No more hints for this note. Type [bold]skip[/bold] to see a model rewrite.")


def _why(console: Console, rule_ids: Iterable[str], lexicon: Lexicon,
         sources: dict[str, dict[str, Any]]) -> None:
    console.print("[bold]Why it matters[/bold]")
    for rule_id in dict.fromkeys(rule_ids):
        rule = lexicon.get(rule_id)
        if rule is None:
            continue
        why = " ".join(rule.why.split())
        item(console, f"[bold]{rule.id}[/bold] ({rule.category}): {escape(why)}")
        if rule.sources:
            names = "; ".join(source_line(s, sources) for s in rule.sources)
            item(console, f"[dim]Sources: {escape(names)}[/dim]", 4)
        elif rule.basis == "practice":
            item(console, "[dim]Basis: practice guidance; no published source in our notes "
                 "yet.[/dim]", 4)


def show_feedback(console: Console, exercise: Exercise, answer: str | None,
                  assessment: Assessment | None, scenario_findings: Sequence[Finding],
                  lexicon: Lexicon, sources: dict[str, dict[str, Any]]) -> None:
    """The answer to a rewrite (or to `skip` when `assessment` is None)."""
    outcome = assessment.outcome if assessment else "skipped"
    console.print(VERDICTS[outcome])
    if assessment is not None and answer is not None:
        for f in assessment.fixed:
            item(console, f"[green]fixed[/green]  {escape(repr(f.text))} ({f.rule})")
        if assessment.remaining:
            console.print("[bold]Still to change[/bold] (underlined):")
            console.print(Panel(highlighted(answer, assessment.remaining), border_style="red"))
            for f in assessment.remaining:
                new = " (new in your rewrite)" if f in assessment.introduced else ""
                item(console, f"[red]{escape(repr(f.text))}[/red] {f.rule}{new}: "
                     f"{escape(f.message)}")
                if f.suggestions:
                    item(console, f"instead: {escape('; '.join(f.suggestions[:3]))}", 4)
        for f in assessment.quoted:
            item(console, f"[dim]{escape(repr(f.text))} is inside quotation marks: kept as "
                 f"someone's own words ({f.rule}, info)[/dim]")
        if assessment.missing_details and (assessment.outcome == "details-lost"
                                           or assessment.kept < 1):
            kept = round(assessment.kept * 100)
            need = round(KEEP_THRESHOLD * 100)
            console.print(f"Key details kept: {kept}% (at least {need}% needed). Missing: "
                          f"{escape(', '.join(assessment.missing_details))}")
    rule_ids = [f.rule for f in scenario_findings]
    if assessment is not None:
        rule_ids += [f.rule for f in assessment.remaining]
    _why(console, rule_ids or exercise.rules, lexicon, sources)
    title = "Model rewrite" if len(exercise.rewrites) == 1 else "Model rewrites"
    console.print(f"[bold]{title}[/bold]")
    for rewrite in exercise.rewrites:
        console.print(Padding(Text(rewrite, style="green"), (0, 0, 0, 2), expand=False))
    if exercise.note:
        console.print(f"[bold]Note[/bold]: {escape(exercise.note)}")


def show_summary(console: Console, results: Sequence[ExerciseResult], ended_by: str) -> None:
    """Totals by category, in the lexicon's order, and the overall score."""
    console.print()
    console.rule("[bold]Summary[/bold]")
    if ended_by == "interrupted":
        console.print("Session stopped.")
    elif ended_by == "end-of-input":
        console.print("Input ended; session finished.")
    if not results:
        console.print("No exercises were answered.")
        return
    table = Table(show_lines=False)
    table.add_column("category", no_wrap=True)
    for col in ("done", "fixed", "partly", "not yet", "skipped", "score"):
        table.add_column(col, justify="right")
    by = category_totals(results)
    for cat in CATEGORIES:
        if cat in by:
            t = by[cat]
            table.add_row(cat, str(t["exercises"]), str(t["fixed"]), str(t["partial"]),
                          str(t["not_fixed"] + t["details_lost"]), str(t["skipped"]),
                          _num(t["points"]))
    console.print(table)
    points = sum(r.points for r in results)
    console.print(f"[bold]Score: {_num(points)} of {len(results)}[/bold] "
                  "(1 for a clean rewrite that keeps the facts, 0.5 for a partial fix)")


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def category_totals(results: Sequence[ExerciseResult]) -> dict[str, dict[str, float]]:
    """Per category: exercises, outcome counts and points (shared with the results file)."""
    out: dict[str, dict[str, float]] = {}
    for r in results:
        t = out.setdefault(r.exercise.category, {"exercises": 0, "fixed": 0, "partial": 0,
                                                 "not_fixed": 0, "details_lost": 0,
                                                 "skipped": 0, "points": 0.0})
        t["exercises"] += 1
        t[r.outcome.replace("-", "_")] += 1
        t["points"] += r.points
    return out
