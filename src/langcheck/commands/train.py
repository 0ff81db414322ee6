"""`langcheck train`: interactive rewriting exercises, or a printable worksheet."""

from __future__ import annotations

import contextlib
import random
import sys
from pathlib import Path

import typer

from langcheck.commands.options import error_line

SESSION_COUNT = 5


def _fail(message: str) -> typer.Exit:
    error_line(message)
    return typer.Exit(2)


def train(
    category: str | None = typer.Option(None, "--category", "-c",
                                           help="Only exercises of this category."),
    count: int | None = typer.Option(None, "--count", "-n", min=1,
                                        help=f"How many exercises (default {SESSION_COUNT} "
                                        "in a session, all on a worksheet)."),
    seed: int | None = typer.Option(None, "--seed",
                                       help="Shuffle seed, to repeat the same selection."),
    in_order: bool = typer.Option(False, "--in-order",
                                  help="Keep the pack's order instead of shuffling."),
    pack: Path | None = typer.Option(None, "--pack",
                                        help="Your own exercise pack (YAML); it is validated "
                                        "first."),
    results: Path | None = typer.Option(None, "--results",
                                           help="Save the session's results as JSON here."),
    worksheet: Path | None = typer.Option(None, "--worksheet",
                                             help="Write a printable worksheet (.md or .html) "
                                             "instead of running a session."),
    answers: bool = typer.Option(False, "--answers",
                                 help="Add an answer key to the worksheet."),
    color: bool | None = typer.Option(None, "--color/--no-color",
                                         help="Force colour on or off (default: auto)."),
) -> None:
    """Practise rewriting case notes: langcheck checks each rewrite, shows what is fixed and
    what remains, and explains why. Type hint, skip or quit at the prompt."""
    from rich.console import Console

    from langcheck.checker import Checker
    from langcheck.commands.rules import load_sources
    from langcheck.errors import LangcheckError
    from langcheck.lexicon import CATEGORIES
    from langcheck.train.pack import PackError, check_pack, load_pack
    from langcheck.train.session import (
        Session,
        SessionResult,
        flagged_only,
        select_exercises,
        write_results,
    )
    from langcheck.train.worksheet import worksheet_format, write_worksheet

    if category is not None and category not in CATEGORIES:
        raise _fail(f"unknown category {category!r}; one of: {', '.join(CATEGORIES)}")
    if answers and worksheet is None:
        raise _fail("--answers adds an answer key to a worksheet; use it with --worksheet FILE")
    if worksheet is not None:
        if results is not None:
            raise _fail("--results records a session; a worksheet has no results to save")
        if worksheet_format(worksheet) is None:
            raise _fail(f"{worksheet}: a worksheet must end in .md or .html")
    for target in (worksheet, results):
        if target is not None and (target.is_dir() or not target.parent.is_dir()):
            raise _fail(f"{target}: cannot write here (no such folder, or it is a folder)")

    try:
        exercise_pack = load_pack(pack)
    except PackError as exc:
        for problem in exc.problems:
            error_line(str(problem))
        raise typer.Exit(2) from None
    try:
        checker = Checker()
    except LangcheckError as exc:
        raise _fail(str(exc)) from None
    if pack is not None:
        problems = check_pack(exercise_pack, checker)
        for problem in problems:
            error_line(str(problem))
        if problems:
            raise typer.Exit(2)

    if seed is None:
        seed = random.SystemRandom().randrange(1_000_000)
    if count is None and worksheet is None:
        count = SESSION_COUNT
    pool = select_exercises(exercise_pack, category, None, None if in_order else seed,
                            shuffle=not in_order)
    if not pool:
        raise _fail(f"the pack {exercise_pack.name!r} has no exercises in category {category!r}")
    chosen, dropped = flagged_only(pool, checker, count)
    if dropped:
        error_line(f"{len(dropped)} exercise(s) left out: nothing in their scenario is flagged "
                   f"by this lexicon ({', '.join(e.id for e in dropped)})")
    if not chosen:
        raise typer.Exit(2)
    sources = load_sources()

    if worksheet is not None:
        try:
            write_worksheet(worksheet, chosen, checker, pack_name=exercise_pack.name,
                            answers=answers, sources=sources)
        except OSError as exc:
            raise _fail(f"{worksheet}: {exc.strerror or exc}") from None
        key = " with an answer key" if answers else ""
        typer.echo(f"Wrote {worksheet}: {len(chosen)} exercises{key}.")
        return

    if sys.stdin.isatty():
        with contextlib.suppress(ImportError):  # arrow keys and history while typing
            import readline  # noqa: F401
    console = Console(highlight=False, force_terminal=True if color else None,
                      no_color=color is False)
    order = "in pack order" if in_order else f"seed {seed}"
    console.print(f"[bold]langcheck train[/bold]: {len(chosen)} exercises from "
                  f"{exercise_pack.name} ({order}).")
    session = Session(chosen, checker, console, console.input, sources=sources,
                      echo=not sys.stdin.isatty())
    outcome = session.run(SessionResult(pack=exercise_pack.name,
                                        seed=None if in_order else seed,
                                        category=category))
    if results is not None:
        try:
            write_results(results, outcome)
        except OSError as exc:
            raise _fail(f"{results}: {exc.strerror or exc}") from None
        console.print(f"Results saved to {results}.")
    if outcome.ended_by == "interrupted":
        raise typer.Exit(130)


def register(app: typer.Typer) -> None:
    app.command("train")(train)
