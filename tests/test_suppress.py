"""Suppressions as a writer and an auditor use them: inline directives with reasons,
next-line and code-block directives, --no-ignore, unused and malformed suppressions (LC100,
LC101), and a suppression list for tabular records."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from langcheck.cli import app

runner = CliRunner()
RISK = "Tia (14) keeps putting herself at risk."
MATERIAL = "Child porn was found on the laptop."


def run(*args: str, input: str | None = None):
    return runner.invoke(app, [str(a) for a in args], input=input)


def findings(path: Path, *extra: str) -> list[dict]:
    r = run("check", path, "-f", "json", *extra)
    assert r.exit_code in (0, 1), r.stderr
    return json.loads(r.stdout)


def test_directive_on_the_line_suppresses_and_no_ignore_shows_it(tmp_path: Path) -> None:
    p = tmp_path / "guide.md"
    p.write_text(f"{RISK} <!-- langcheck: ignore[BR101] title of the report we cite -->\n"
                 f"{MATERIAL}\n")
    assert [(f["rule"], f["line"]) for f in findings(p)] == [("AM101", 2)]
    assert [(f["rule"], f["line"]) for f in findings(p, "--no-ignore")] == [
        ("BR101", 1), ("AM101", 2)]
    assert "1 finding suppressed (--no-ignore shows them)" in run("check", p).stderr


def test_directive_alone_applies_to_the_next_line_with_text(tmp_path: Path) -> None:
    p = tmp_path / "guide.md"
    p.write_text("<!-- langcheck: ignore[AM101] quoting the old policy verbatim -->\n"
                 "<!-- langcheck: ignore[BR101] quoting the old policy verbatim -->\n"
                 "\n"
                 f"{MATERIAL} {RISK}\n"
                 f"{MATERIAL}\n")
    assert [(f["rule"], f["line"]) for f in findings(p)] == [("AM101", 5)]


def test_directive_before_a_fenced_block_covers_the_block(tmp_path: Path) -> None:
    p = tmp_path / "README.md"
    p.write_text("Example output:\n\n"
                 "<!-- langcheck: ignore[BR101] example of a flagged note -->\n"
                 "```\n"
                 f"notes.txt:1:16: BR101 error\n1 | {RISK}\n"
                 "```\n\n"
                 f"{RISK}\n")
    assert [(f["rule"], f["line"]) for f in findings(p)] == [("BR101", 9)]


def test_a_reason_is_required(tmp_path: Path) -> None:
    p = tmp_path / "n.txt"
    p.write_text(f"{MATERIAL} # langcheck: ignore[AM101]\n")
    r = run("check", p, "-f", "json")
    got = json.loads(r.stdout)
    assert [f["rule"] for f in got] == ["AM101", "LC101"]  # nothing suppressed
    lc = got[1]
    assert lc["severity"] == "error" and "no reason" in lc["message"]
    assert lc["text"] == "langcheck: ignore[AM101]"
    p.write_text(f"{MATERIAL} # langcheck: ignore reason but no rule\n")
    assert [f["rule"] for f in findings(p)] == ["AM101", "LC101"]


def test_unused_suppression_is_reported(tmp_path: Path) -> None:
    p = tmp_path / "n.md"
    p.write_text(f"{MATERIAL} <!-- langcheck: ignore[AM101,BR101] quoting the police log -->\n"
                 "All well today. <!-- langcheck: ignore[XX101] a typo in the rule id -->\n")
    got = findings(p)
    assert [(f["rule"], f["line"]) for f in got] == [("LC100", 1), ("LC100", 2)]
    assert "no BR101 finding on line 1" in got[0]["message"]
    assert "XX101, which is not a rule" in got[1]["message"]
    assert run("check", p).exit_code == 1  # LC100 is a warning: it fails like any warning
    # a rule switched off cannot have fired, so its suppression is not "unused"
    assert [f["rule"] for f in findings(p, "--ignore", "BR")] == ["LC100"]
    # the auditor's view: everything the directives hide, no LC100 noise
    assert [f["rule"] for f in findings(p, "--no-ignore")] == ["AM101"]
    # LC100 itself can be switched off
    r = run("check", p, "--ignore", "LC100")
    assert r.exit_code == 0
    # with only the LC rules selected, no lexicon rule runs: only the typo is left to report
    assert [(f["rule"], f["line"]) for f in findings(p, "--select", "LC")] == [("LC100", 2)]


def test_the_directive_itself_never_triggers_a_rule(tmp_path: Path) -> None:
    p = tmp_path / "n.md"
    p.write_text(f"{RISK} <!-- langcheck: ignore[BR101] the report calls it child porn and "
                 "says she kept putting herself at risk -->\n")
    assert findings(p) == []
    got = findings(p, "--no-ignore")
    assert [(f["rule"], f["column"]) for f in got] == [("BR101", 16)]


def test_suppression_list_for_tabular_records(tmp_path: Path) -> None:
    records = tmp_path / "notes.csv"
    records.write_text(f'ref,note\nA1,"{MATERIAL}"\nA2,"{MATERIAL} {RISK}"\n')
    supp = tmp_path / "suppressions.csv"
    supp.write_text("record,rule,reason\n"
                    "A1,AM101,quotes the charge wording from the court order\n"
                    "A2,IC101,kept from an older review\n"
                    "A9,BR101,record closed in 2019\n")
    args = ("--text-field", "note", "--id-field", "ref")
    r = run("check", records, *args, "-f", "json", "--suppressions", supp)
    assert r.exit_code == 1
    assert [(f["record"], f["rule"]) for f in json.loads(r.stdout)] == [
        ("A2", "AM101"), ("A2", "BR101")]
    warnings = [line for line in r.stderr.splitlines() if "unused suppression" in line]
    assert len(warnings) == 2
    assert f"{supp}:row 3" in warnings[0] and "record A2 has no IC101 finding" in warnings[0]
    assert f"{supp}:row 4" in warnings[1] and "record A9 was not in the input" in warnings[1]
    # the record file itself was not touched
    assert records.read_text().startswith("ref,note\nA1,")
    r = run("check", records, *args, "-f", "json", "--suppressions", supp, "--no-ignore")
    assert [f["record"] for f in json.loads(r.stdout)] == ["A1", "A2", "A2"]
    assert "unused suppression" not in r.stderr


def test_suppression_list_rows_need_a_reason(tmp_path: Path) -> None:
    records = tmp_path / "notes.jsonl"
    records.write_text(json.dumps({"id": "B1", "text": MATERIAL}) + "\n")
    supp = tmp_path / "s.csv"
    supp.write_text("record,rule,reason\nB1,AM101,\n")
    r = run("check", records, "-f", "json", "--suppressions", supp)
    assert r.exit_code == 2
    assert f"{supp}:row 2: suppression of AM101 for record B1 has no reason" in r.stderr
    assert [f["record"] for f in json.loads(r.stdout)] == ["B1"]  # the batch still ran
    supp.write_text("case,why\nB1,x\n")
    r = run("check", records, "--suppressions", supp)
    assert r.exit_code == 2 and "needs the columns record, rule, reason" in r.stderr
