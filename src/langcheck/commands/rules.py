"""`langcheck rules` (a table) and `langcheck rule ID` (one rule explained)."""

from __future__ import annotations

import json
import sys
from enum import Enum
from typing import Any

import typer

from langcheck.commands.options import error_line


class RuleFormat(str, Enum):
    text = "text"
    json = "json"


def load_sources() -> dict[str, dict[str, Any]]:
    """Source ids -> title/publisher/year/url from the lexicon's sources.yaml."""
    import yaml

    from langcheck.lexicon import builtin_lexicon_dir

    path = builtin_lexicon_dir() / "sources.yaml"
    if not path.is_file():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def rules(
    category: str | None = typer.Option(None, "--category", "-c",
                                           help="Only rules of this category."),
    output_format: RuleFormat = typer.Option(RuleFormat.text, "--format", "--output-format"),
) -> None:
    """List the lexicon's rules."""
    from rich.console import Console
    from rich.table import Table

    from langcheck.lexicon import CATEGORIES, default_lexicon

    if category and category not in CATEGORIES:
        error_line(f"unknown category {category!r}; one of: {', '.join(CATEGORIES)}")
        raise typer.Exit(2)
    selected = [r for r in default_lexicon() if not category or r.category == category]
    if output_format is RuleFormat.json:
        json.dump([{k: r.to_dict()[k] for k in ("id", "name", "category", "severity",
                                                "message")} for r in selected],
                  sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    table = Table(title=f"langcheck rules ({len(selected)})", show_lines=False)
    for col in ("id", "category", "severity", "message"):
        table.add_column(col, overflow="fold")
    for r in selected:
        table.add_row(r.id, r.category, r.severity, r.message)
    Console(soft_wrap=False).print(table)


def rule(
    rule_id: str = typer.Argument(..., metavar="ID", help="Rule id, e.g. BR101."),
    output_format: RuleFormat = typer.Option(RuleFormat.text, "--format", "--output-format"),
) -> None:
    """Explain one rule: message, why it harms, what to write instead, examples, sources."""
    from rich.console import Console
    from rich.markup import escape

    from langcheck.lexicon import default_lexicon
    from langcheck.suppress import META_RULES

    meta = META_RULES.get(rule_id.upper())
    if meta is not None:
        if output_format is RuleFormat.json:
            json.dump({"id": rule_id.upper(), "category": "suppression", "message": meta},
                      sys.stdout, indent=2)
            sys.stdout.write("\n")
        else:
            Console(highlight=False).print(
                f"[bold]{rule_id.upper()}[/bold] (suppression)\n\n{escape(meta)}\n\n"
                "Reported by `langcheck check` for `langcheck: ignore[ID] reason` directives "
                "(see the README, Suppressions).")
        return
    found = default_lexicon().get(rule_id)
    if found is None:
        error_line(f"no rule {rule_id!r}; see `langcheck rules`")
        raise typer.Exit(2)
    sources = load_sources()
    if output_format is RuleFormat.json:
        data = found.to_dict()
        data["sources"] = [{"id": s, **(sources.get(s) or {})} for s in found.sources]
        json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    c = Console(highlight=False)
    c.print(f"[bold]{found.id}[/bold] {found.name}  ({found.category}, {found.severity})")
    c.print(f"\n{escape(found.message)}\n")
    c.print("[bold]Why it matters[/bold]")
    c.print(escape(found.why))
    c.print("\n[bold]Write instead[/bold]")
    for s in found.suggestions:
        c.print(f"  - {escape(s)}")
    if found.fix:
        c.print(f"  (safe automatic fix: {escape(found.fix)!r})")
    c.print("\n[bold]Flagged[/bold]")
    for e in found.flag_examples:
        c.print(f"  [red]x[/red] {escape(e)}")
    c.print("\n[bold]Not flagged[/bold]")
    for e in found.pass_examples:
        c.print(f"  [green]ok[/green] {escape(e)}")
    c.print("\n[bold]Sources[/bold]")
    if found.basis == "practice":
        c.print("  Basis: practice guidance; no published source in our notes yet.")
    for s in found.sources:
        meta = sources.get(s) or {}
        line = f"  {s}: {meta.get('title', '')}"
        if meta.get("publisher"):
            line += f" - {meta['publisher']}"
        if meta.get("year"):
            line += f" ({meta['year']})"
        if meta.get("url"):
            line += f" {meta['url']}"
        c.print(escape(line))


def register(app: typer.Typer) -> None:
    app.command("rules")(rules)
    app.command("rule")(rule)
