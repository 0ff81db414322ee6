"""The interactive training session: show a note, read a rewrite, give feedback, keep score.

Input comes through an `ask(prompt) -> str` callable so the same loop runs in a terminal,
under typer's test runner with piped answers, or in a tmux pane. `quit`, end of input
(Ctrl-D) and Ctrl-C all end the session the same way: the summary is shown and the results
file, if one was asked for, is written. Nothing is written anywhere else.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape

from langcheck.train import feedback
from langcheck.train.assess import KEEP_THRESHOLD, POINTS, Assessment, assess
from langcheck.train.fileio import write_text_atomic
from langcheck.train.pack import COUNTED, Exercise, Pack

if TYPE_CHECKING:  # pragma: no cover
    from langcheck.checker import Checker
    from langcheck.finding import Finding

Ask = Callable[[str], str]
QUIT_WORDS = frozenset({"quit", "exit", ":q"})


@dataclass
class ExerciseResult:
    """How one exercise went."""

    exercise: Exercise
    outcome: str  # fixed | partial | not-fixed | details-lost | skipped
    answer: str | None = None
    assessment: Assessment | None = None
    hints: int = 0

    @property
    def points(self) -> float:
        return POINTS[self.outcome]

    def to_dict(self) -> dict[str, Any]:
        a = self.assessment
        return {
            "id": self.exercise.id,
            "category": self.exercise.category,
            "rules": list(self.exercise.rules),
            "outcome": self.outcome,
            "points": self.points,
            "hints": self.hints,
            "answer": self.answer,
            "fixed": [{"rule": f.rule, "text": f.text} for f in a.fixed] if a else [],
            "remaining": [f.to_dict() for f in a.remaining] if a else [],
            "key_details_kept": round(a.kept, 3) if a else None,
            "missing_details": list(a.missing_details) if a else [],
        }


@dataclass
class SessionResult:
    """Everything the summary and the trainer's results file report."""

    pack: str
    seed: int | None  # None when the pack's own order was kept
    category: str | None
    results: list[ExerciseResult] = field(default_factory=list)
    ended_by: str = "finished"  # finished | quit | end-of-input | interrupted
    started: str = ""
    finished: str = ""

    @property
    def score(self) -> float:
        return sum(r.points for r in self.results)

    def to_dict(self) -> dict[str, Any]:
        from langcheck import __version__

        return {
            "langcheck": __version__,
            "pack": self.pack,
            "seed": self.seed,
            "category": self.category,
            "started": self.started,
            "finished": self.finished,
            "ended_by": self.ended_by,
            "score": self.score,
            "max_score": len(self.results),
            "scoring": {"points": POINTS, "key_details_threshold": KEEP_THRESHOLD},
            "by_category": feedback.category_totals(self.results),
            "exercises": [r.to_dict() for r in self.results],
        }


def select_exercises(pack: Pack, category: str | None = None, count: int | None = None,
                     seed: int | None = None, *, shuffle: bool = True) -> list[Exercise]:
    """The exercises for one session or worksheet, shuffled reproducibly by `seed`."""
    pool = [e for e in pack.exercises if category is None or e.category == category]
    if shuffle:
        random.Random(seed).shuffle(pool)
    return pool if count is None else pool[:count]


def flagged_only(exercises: Sequence[Exercise], checker: Checker,
                 count: int | None = None) -> tuple[list[Exercise], list[Exercise]]:
    """Split into exercises the current lexicon flags (up to `count`) and ones it does not.

    A scenario with nothing flagged cannot be practised or marked; that happens only when a
    pack names rules this lexicon lacks, which `check_pack` reports for trainers' packs.
    """
    keep: list[Exercise] = []
    dropped: list[Exercise] = []
    for ex in exercises:
        if count is not None and len(keep) >= count:
            break
        if any(f.severity in COUNTED for f in checker.check(ex.scenario)):
            keep.append(ex)
        else:
            dropped.append(ex)
    return keep, dropped


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Session:
    """One trainee working through a list of exercises."""

    def __init__(self, exercises: Sequence[Exercise], checker: Checker, console: Console,
                 ask: Ask, *, sources: dict[str, dict[str, Any]] | None = None,
                 echo: bool = False) -> None:
        self.exercises = list(exercises)
        self.checker = checker
        self.console = console
        self.ask = ask
        self.sources = sources or {}
        self.echo = echo  # repeat piped answers so the transcript reads as a dialogue

    def _read(self) -> str:
        answer = self.ask(feedback.PROMPT)
        if self.echo:
            self.console.print(escape(answer), highlight=False)
        return answer

    def run(self, result: SessionResult) -> SessionResult:
        """Work through the exercises; always returns, whatever way the trainee stops."""
        result.started = result.started or _now()
        try:
            for n, exercise in enumerate(self.exercises, 1):
                done = self._one(n, exercise)
                if done is None:
                    result.ended_by = "quit"
                    break
                result.results.append(done)
        except EOFError:
            self.console.print()
            result.ended_by = "end-of-input"
        except KeyboardInterrupt:
            self.console.print()
            result.ended_by = "interrupted"
        result.finished = _now()
        feedback.show_summary(self.console, result.results, result.ended_by)
        return result

    def _one(self, n: int, exercise: Exercise) -> ExerciseResult | None:
        """One exercise; None when the trainee types quit."""
        lexicon = self.checker.lexicon
        findings: list[Finding] = [f for f in self.checker.check(exercise.scenario)
                                   if f.severity in COUNTED]
        feedback.show_exercise(self.console, n, len(self.exercises), exercise, findings)
        hints = 0
        while True:
            answer = self._read().strip()
            command = answer.lower()
            if not answer:
                self.console.print("Nothing to check yet. " + feedback.COMMANDS_HELP)
                continue
            if command in QUIT_WORDS:
                return None
            if command == "hint":
                hints += 1
                feedback.show_hint(self.console, hints, exercise, findings, lexicon)
                continue
            if command == "skip":
                feedback.show_feedback(self.console, exercise, None, None, findings, lexicon,
                                       self.sources)
                return ExerciseResult(exercise, "skipped", hints=hints)
            verdict = assess(exercise, answer, self.checker, findings)
            feedback.show_feedback(self.console, exercise, answer, verdict, findings, lexicon,
                                   self.sources)
            return ExerciseResult(exercise, verdict.outcome, answer, verdict, hints)


def write_results(path: Path, result: SessionResult) -> None:
    """Write the results JSON atomically (a partial file never replaces a good one)."""
    write_text_atomic(path, json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n")
