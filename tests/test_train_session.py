"""`langcheck train` as a trainee uses it: a whole session with piped answers.

The session runs on a small pack written for these tests (in pack order), so each answer
meets a known exercise: a right answer, a partial one, an empty line, a hint, a skip, quit.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from langcheck.cli import app
from langcheck.train.pack import parse_pack
from langcheck.train.session import Session, SessionResult, select_exercises, write_results

runner = CliRunner()

TEST_PACK = """\
name: test pack
exercises:
  - id: risk
    category: blames-child-for-risk
    rules: [BR101]
    scenario: >
      Tia (14) keeps putting herself at risk by meeting men at the park.
      Her school has raised a concern.
    rewrites:
      - Men are meeting Tia (14) at the park and exploiting her. Her school has raised a concern.
    note: The men are the risk; name them.
  - id: two-rules
    category: abuse-material-terminology
    rules: [AM101, SW101]
    scenario: >
      Police found child porn on Mr K's phone. He was selling Amy (13) as a child prostitute.
    rewrites:
      - >
        Police found child sexual abuse material on Mr K's phone.
        He was sexually exploiting Amy (13).
  - id: skip-me
    category: sex-work-framing
    rules: [SW101]
    scenario: Jo (15) is believed to be prostituting herself at the bus station. Staff told police.
    rewrites:
      - Adults are believed to be sexually exploiting Jo (15) at the bus station. Staff told police.
  - id: never-reached
    category: abuse-material-terminology
    rules: [AM101]
    scenario: Kiddie porn was found at Mr D's flat, where Ellie (9) stays at weekends.
    rewrites:
      - Child sexual abuse material was found at Mr D's flat, where Ellie (9) stays at weekends.
"""

RIGHT = "Men are meeting Tia (14) at the park and grooming her. Her school has raised a concern."
PARTIAL = ("Police found child sexual abuse material on Mr K's phone. "
           "He was selling Amy (13) as a child prostitute.")


@pytest.fixture()
def pack_file(tmp_path: Path) -> Path:
    path = tmp_path / "pack.yaml"
    path.write_text(TEST_PACK, encoding="utf-8")
    return path


def train(*args: str, input: str | None = None):
    return runner.invoke(app, ["train", "--no-color", *args], input=input)


def test_full_session_right_partial_skip_quit(pack_file: Path, tmp_path: Path) -> None:
    results = tmp_path / "results.json"
    answers = "\n".join([RIGHT, PARTIAL, "", "hint", "skip", "quit"]) + "\n"
    r = train("--pack", str(pack_file), "--in-order", "--count", "4", "--results", str(results),
              input=answers)
    out = r.stdout
    assert r.exit_code == 0, out
    # 1: right answer
    assert "Exercise 1 of 4" in out and "Well done" in out
    # 2: partial answer: one phrase fixed, the other shown with its reason and alternatives
    assert "Partly there" in out
    assert "fixed  'child porn' (AM101)" in out
    assert "'child prostitute' SW101" in out
    assert "instead: child who is being sexually exploited" in out
    assert "Why it matters" in out and "Luxembourg Guidelines" in out  # source titles
    # 3: empty answer, hint, skip: the model rewrite is shown
    assert "Nothing to check yet" in out
    assert "Hint: look again at" in out and "'prostituting herself'" in out
    assert "Skipped." in out
    assert "Adults are believed to be sexually exploiting Jo (15)" in out
    # 4: quit before answering; the summary covers the three exercises seen
    assert "Exercise 4 of 4" in out
    assert "Score: 1.5 of 3" in out
    summary = out[out.index("Summary"):]
    for category in ("blames-child-for-risk", "abuse-material-terminology", "sex-work-framing"):
        assert category in summary
    data = json.loads(results.read_text(encoding="utf-8"))
    assert data["ended_by"] == "quit"
    assert [e["outcome"] for e in data["exercises"]] == ["fixed", "partial", "skipped"]
    assert data["score"] == 1.5 and data["max_score"] == 3
    partial = data["exercises"][1]
    assert partial["answer"] == PARTIAL
    assert partial["fixed"] == [{"rule": "AM101", "text": "child porn"}]
    assert [(f["rule"], f["text"]) for f in partial["remaining"]] == [("SW101",
                                                                      "child prostitute")]
    assert PARTIAL[partial["remaining"][0]["start"]:partial["remaining"][0]["end"]] == (
        "child prostitute")
    assert data["exercises"][2]["hints"] == 1
    assert data["by_category"]["abuse-material-terminology"]["partial"] == 1


def test_end_of_input_ends_the_session_with_a_summary(pack_file: Path, tmp_path: Path) -> None:
    results = tmp_path / "r.json"
    r = train("--pack", str(pack_file), "--in-order", "--results", str(results),
              input=RIGHT + "\n")
    assert r.exit_code == 0
    assert "Input ended; session finished." in r.stdout
    assert "Score: 1 of 1" in r.stdout
    assert json.loads(results.read_text())["ended_by"] == "end-of-input"


def test_deleting_the_content_does_not_score(pack_file: Path) -> None:
    r = train("--pack", str(pack_file), "--in-order", "--count", "1",
              input="Her school has raised a concern.\n")
    assert r.exit_code == 0
    assert "leaves out too much of what happened" in r.stdout
    assert "Missing: Tia, 14" in r.stdout
    assert "Score: 0 of 1" in r.stdout


def test_a_rewrite_that_keeps_the_problem_is_not_fixed(pack_file: Path) -> None:
    r = train("--pack", str(pack_file), "--in-order", "--count", "1",
              input="Tia (14) is putting herself at risk at the park. Her school has raised a "
                    "concern.\n")
    assert "Not fixed yet" in r.stdout
    assert "'putting herself at risk' BR101:" in r.stdout
    assert "Score: 0 of 1" in r.stdout


def test_ctrl_c_stops_gracefully_and_still_saves(pack_file: Path, tmp_path: Path,
                                                 checker) -> None:
    pack = parse_pack(pack_file.read_text(), str(pack_file))
    replies = iter([RIGHT])

    def ask(prompt: str) -> str:
        for reply in replies:
            return reply
        raise KeyboardInterrupt

    console = Console(record=True, width=100, file=io.StringIO())
    result = Session(pack.exercises, checker, console, ask).run(
        SessionResult(pack=pack.name, seed=None, category=None))
    assert result.ended_by == "interrupted"
    assert [r.outcome for r in result.results] == ["fixed"]
    text = console.export_text()
    assert "Session stopped." in text and "Score: 1 of 1" in text
    write_results(tmp_path / "r.json", result)
    assert json.loads((tmp_path / "r.json").read_text())["ended_by"] == "interrupted"


def test_seed_repeats_the_selection_and_category_filters(pack_file: Path) -> None:
    pack = parse_pack(pack_file.read_text(), str(pack_file))
    first = [e.id for e in select_exercises(pack, None, 3, seed=7)]
    assert first == [e.id for e in select_exercises(pack, None, 3, seed=7)]
    assert {e.category for e in select_exercises(pack, "sex-work-framing")} == {
        "sex-work-framing"}
    r = train("--pack", str(pack_file), "--category", "sex-work-framing", "--seed", "1",
              input="quit\n")
    assert r.exit_code == 0 and "Exercise 1 of 1" in r.stdout and "Jo (15)" in r.stdout


def test_usage_errors_exit_2(pack_file: Path, tmp_path: Path) -> None:
    r = train("--category", "no-such-category")
    assert r.exit_code == 2 and "unknown category" in r.stderr
    r = train("--answers")
    assert r.exit_code == 2 and "--worksheet" in r.stderr
    r = train("--results", str(tmp_path / "missing-folder" / "r.json"), input="quit\n")
    assert r.exit_code == 2 and "cannot write here" in r.stderr
    r = train("--pack", str(pack_file), "--category", "disbelief")
    assert r.exit_code == 2 and "no exercises in category 'disbelief'" in r.stderr
