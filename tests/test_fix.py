"""Fixes as a user runs them: --diff changes nothing, --fix applies only the lexicon's safe
fixes (keeping case, never touching quoted words, atomically), stdin, records, and the
interactive walk-through."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from typer.testing import CliRunner

from langcheck.cli import app
from langcheck.fix import match_case
from langcheck.lexicon import default_lexicon

runner = CliRunner()
BEFORE = ("OFFICERS FOUND CHILD PORNOGRAPHY ON HIS PHONE.\n"
          "Child porn was shared in the group; he said \"child porn\" was normal.\n"
          "The search also found kiddie porn.\n"
          "Tia (14) keeps putting herself at risk.\n")
AFTER = ("OFFICERS FOUND CHILD SEXUAL ABUSE MATERIAL ON HIS PHONE.\n"
         "Child sexual abuse material was shared in the group; he said \"child porn\" was "
         "normal.\n"
         "The search also found child sexual abuse material.\n"
         "Tia (14) keeps putting herself at risk.\n")


def run(*args: str, input: str | None = None):
    return runner.invoke(app, [str(a) for a in args], input=input)


def test_match_case() -> None:
    assert match_case("CHILD PORN", "child sexual abuse material") == \
        "CHILD SEXUAL ABUSE MATERIAL"
    assert match_case("Child porn", "child sexual abuse material") == \
        "Child sexual abuse material"
    assert match_case("Child Pornography", "child sexual abuse material") == \
        "Child Sexual Abuse Material"
    assert match_case("child porn", "child sexual abuse material") == \
        "child sexual abuse material"


def test_diff_prints_the_fixes_and_changes_nothing(tmp_path: Path) -> None:
    p = tmp_path / "note.md"
    p.write_text(BEFORE)
    r = run("check", p, "--diff")
    assert r.exit_code == 1
    assert p.read_text() == BEFORE
    assert r.stdout.startswith(f"--- a/{p}\n+++ b/{p}\n@@ ")
    removed = [line[1:] for line in r.stdout.splitlines()[2:] if line.startswith("-")]
    added = [line[1:] for line in r.stdout.splitlines()[2:] if line.startswith("+")]
    assert removed == BEFORE.splitlines()[:3]
    assert added == AFTER.splitlines()[:3]
    assert "3 safe fixes in 1 file" in r.stderr


def test_fix_applies_safe_fixes_only_and_reports_them(tmp_path: Path) -> None:
    p = tmp_path / "note.md"
    p.write_text(BEFORE)
    os.chmod(p, 0o640)
    r = run("check", p, "--fix", "-f", "json")
    assert p.read_text() == AFTER
    assert stat.S_IMODE(p.stat().st_mode) == 0o640
    assert sorted(x.name for x in tmp_path.iterdir()) == ["note.md"]  # no temporary file left
    changed = [line for line in r.stderr.splitlines() if " fixed: " in line]
    assert changed == [
        f"{p}:1:16: AM101 fixed: 'CHILD PORNOGRAPHY' -> 'CHILD SEXUAL ABUSE MATERIAL'",
        f"{p}:2:1: AM101 fixed: 'Child porn' -> 'Child sexual abuse material'",
        f"{p}:3:23: AM101 fixed: 'kiddie porn' -> 'child sexual abuse material'",
    ]
    # what is left is reported against the fixed text: the quoted words and BR101
    left = json.loads(r.stdout)
    assert [(f["rule"], f["severity"], f["line"]) for f in left] == [
        ("AM101", "info", 2), ("BR101", "error", 4)]
    assert r.exit_code == 1
    # a second run has nothing left to fix
    again = run("check", p, "--fix")
    assert p.read_text() == AFTER and "Changed 0 phrases in 0 files" in again.stderr


def test_fix_keeps_bom_and_line_endings(tmp_path: Path) -> None:
    p = tmp_path / "note.txt"
    p.write_bytes(b"\xef\xbb\xbfLine one.\r\nChild porn was found.\r\n")
    run("check", p, "--fix")
    assert p.read_bytes() == b"\xef\xbb\xbfLine one.\r\nChild sexual abuse material was found.\r\n"


def test_fix_on_stdin_writes_the_fixed_text_to_stdout() -> None:
    r = run("check", "-", "--fix", input="Kiddie porn was found.\n")
    assert r.stdout == "Child sexual abuse material was found.\n"
    assert "fixed: 'Kiddie porn'" in r.stderr
    assert r.exit_code == 0


def test_fix_refuses_records_and_leaves_them_alone(tmp_path: Path) -> None:
    records = tmp_path / "notes.csv"
    content = 'id,text\n1,"Child porn was found."\n2,"Child porn again."\n'
    records.write_text(content)
    note = tmp_path / "note.txt"
    note.write_text("Child porn was found.\n")
    r = run("check", records, note, "--fix")
    assert r.exit_code == 2
    refusals = [line for line in r.stderr.splitlines() if "rewrite text files only" in line]
    assert len(refusals) == 1 and str(records) in refusals[0]
    assert records.read_text() == content
    assert note.read_text() == "Child sexual abuse material was found.\n"  # the rest ran
    # --diff shows what the fix would be for each record
    r = run("check", records, "--diff")
    assert f"--- a/{records}[1]" in r.stdout and f"--- a/{records}[2]" in r.stdout


def test_only_one_fix_mode(tmp_path: Path) -> None:
    p = tmp_path / "n.txt"
    p.write_text("Child porn was found.\n")
    r = run("check", p, "--fix", "--diff")
    assert r.exit_code == 2 and "only one of" in r.stderr
    assert run("check", "-", "--interactive", input="x").exit_code == 2


def test_interactive_choose_edit_skip(tmp_path: Path) -> None:
    am101 = default_lexicon().get("AM101")
    offered = list(dict.fromkeys(match_case("Child porn", x)
                                 for x in [am101.fix, *am101.suggestions]))
    assert len(offered) >= 2
    p = tmp_path / "note.md"
    p.write_text("Child porn was found.\nJade (15) keeps putting herself at risk.\n"
                 "Child porn again.\n")
    # 1st finding: the second offer; 2nd: type own words; 3rd: skip
    r = run("check", p, "--interactive", input="2\ne\nis being put at risk by adults\ns\n")
    for n, option in enumerate(offered, start=1):
        assert f"{n}) {option}" in r.stdout
    assert "(2 of 3) BR101" in r.stdout
    assert p.read_text() == (f"{offered[1]} was found.\n"
                             "Jade (15) keeps is being put at risk by adults.\n"
                             "Child porn again.\n")
    assert "Changed 2 phrases in 1 file" in r.stderr
    assert r.exit_code == 1  # one finding is left


def test_interactive_end_of_input_and_quit_keep_what_was_accepted(tmp_path: Path) -> None:
    p = tmp_path / "note.md"
    original = "Child porn was found.\nChild porn again.\n"
    p.write_text(original)
    r = run("check", p, "--interactive", input="")
    assert r.exception is None or isinstance(r.exception, SystemExit)
    assert p.read_text() == original
    r = run("check", p, "--interactive", input="1\nq\n")
    first = match_case("Child porn", default_lexicon().get("AM101").fix)
    assert p.read_text() == f"{first} was found.\nChild porn again.\n"
    assert r.exception is None or isinstance(r.exception, SystemExit)


def test_interactive_ctrl_c_leaves_the_file_unchanged(tmp_path: Path, monkeypatch) -> None:
    from rich.prompt import Prompt

    p = tmp_path / "note.md"
    original = "Child porn was found.\nChild porn again.\n"
    p.write_text(original)
    answers = iter(["1"])

    def ask(*args, **kwargs):  # the user accepts the first offer, then presses Ctrl-C
        try:
            return next(answers)
        except StopIteration:
            raise KeyboardInterrupt from None

    monkeypatch.setattr(Prompt, "ask", ask)
    r = run("check", p, "--interactive")
    assert r.exit_code == 130
    assert "interrupted" in r.stderr
    assert p.read_text() == original
