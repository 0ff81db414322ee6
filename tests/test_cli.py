"""The CLI as a user runs it: typer's runner for most cases, one real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from langcheck.cli import app
from tests.conftest import ROOT

runner = CliRunner()
PROBLEM = "Tia (14) keeps putting herself at risk.\n"
CLEAN = "Home visit completed; the children were settled.\n"


def run(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def test_text_output_shows_location_rule_underline_and_suggestion(tmp_path: Path) -> None:
    p = tmp_path / "note.txt"
    p.write_text("Intro.\n" + PROBLEM)
    r = run("check", str(p), "--no-color")
    assert r.exit_code == 1
    assert f"{p}:2:16: BR101 error" in r.stdout
    assert "2 | Tia (14) keeps putting herself at risk." in r.stdout
    assert "  |                " + "^" * len("putting herself at risk") in r.stdout
    assert "instead:" in r.stdout


def test_clean_input_exits_zero(tmp_path: Path) -> None:
    p = tmp_path / "note.md"
    p.write_text(CLEAN)
    r = run("check", str(p))
    assert r.exit_code == 0 and "No findings" in r.stdout


def test_stdin() -> None:
    r = run("check", "-", "--format", "json", input=PROBLEM)
    assert r.exit_code == 1
    assert json.loads(r.stdout)[0]["path"] == "-"


def test_fail_on_error_ignores_warnings(tmp_path: Path) -> None:
    p = tmp_path / "n.txt"
    p.write_text("Lily (14) was collected by her boyfriend, who is 23.")
    assert run("check", str(p)).exit_code == 1
    assert run("check", str(p), "--fail-on", "error").exit_code == 0


def test_select_and_ignore(tmp_path: Path) -> None:
    p = tmp_path / "n.txt"
    p.write_text(PROBLEM + "Child porn was found.\n")
    r = run("check", str(p), "--format", "json", "--select", "AM")
    assert {f["rule"] for f in json.loads(r.stdout)} == {"AM101"}
    r = run("check", str(p), "--format", "json", "--ignore", "blames-child-for-risk")
    assert {f["rule"] for f in json.loads(r.stdout)} == {"AM101"}
    r = run("check", str(p), "--select", "ZZ9")
    assert r.exit_code == 2 and "unknown rule" in r.stderr


def test_jsonl_and_csv_records(tmp_path: Path) -> None:
    jl = tmp_path / "r.jsonl"
    jl.write_text(json.dumps({"ref": "A1", "body": PROBLEM}) + "\n"
                  + json.dumps({"ref": "A2", "body": CLEAN}) + "\n")
    r = run("check", str(jl), "--text-field", "body", "--id-field", "ref", "--format", "jsonl")
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert [row["record"] for row in rows] == ["A1"]
    csvp = tmp_path / "r.csv"
    csvp.write_text('ref,body\nB1,"line one\nKiddie porn found"\nB2,fine\n')
    r = run("check", str(csvp), "--text-field", "body", "--id-field", "ref", "--format", "json")
    data = json.loads(r.stdout)
    assert [(d["record"], d["line"], d["text"]) for d in data] == [("B1", 2, "Kiddie porn")]


@pytest.mark.parametrize(("name", "content", "needle"), [
    ("bin.txt", b"\x00\x01\x02abc", "binary file"),
    ("bad.txt", b"ok\n\xff\xfe bad", "invalid UTF-8"),
    ("bad.jsonl", b'{"text": "fine"}\n{not json}\n', "bad.jsonl:line 2: malformed JSON"),
    ("nocol.csv", b"id,body\n1,hello\n", "no column 'text'"),
    ("big.jsonl", b'{"text": 5}\n', "bigjsonl"),
])
def test_bad_input_is_one_line_and_the_rest_still_runs(tmp_path: Path, name: str,
                                                       content: bytes, needle: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(PROBLEM)
    r = run("check", str(bad), str(good), "--format", "json")
    assert r.exit_code == 2
    errors = [line for line in r.stderr.splitlines() if line.startswith("langcheck: error:")]
    assert len(errors) == 1
    assert str(bad) in errors[0]
    if needle != "bigjsonl":
        assert needle in errors[0]
    assert [f["rule"] for f in json.loads(r.stdout)] == ["BR101"]


def test_missing_file_and_empty_directory(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "image.png").write_bytes(b"\x89PNG")
    r = run("check", str(tmp_path / "nope.txt"), str(empty))
    assert r.exit_code == 2
    assert "no such file" in r.stderr and "no readable files" in r.stderr


def test_directory_is_walked(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text(PROBLEM)
    (tmp_path / "two.md").write_text(CLEAN)
    r = run("check", str(tmp_path), "--format", "json")
    assert [Path(f["path"]).name for f in json.loads(r.stdout)] == ["one.txt"]


def test_explain_shows_dropped_candidates(tmp_path: Path) -> None:
    p = tmp_path / "n.txt"
    p.write_text("This is not a case of her putting herself at risk.")
    r = run("check", str(p), "--explain", "--no-color")
    assert r.exit_code == 0
    assert "BR101 not reported (negated by the recorder" in r.stdout


def test_rules_and_rule() -> None:
    r = run("rules", "--format", "json")
    ids = [row["id"] for row in json.loads(r.stdout)]
    assert "AM101" in ids
    r = run("rules", "--category", "abuse-material-terminology", "--format", "json")
    assert {row["category"] for row in json.loads(r.stdout)} == {"abuse-material-terminology"}
    r = run("rule", "AM101")
    assert r.exit_code == 0
    for part in ("Why it matters", "Write instead", "Flagged", "Not flagged", "Sources", "LUX"):
        assert part in r.stdout
    assert run("rule", "XX999").exit_code == 2


def test_real_subprocess_on_the_bundled_examples() -> None:
    proc = subprocess.run([sys.executable, "-m", "langcheck", "check", "examples",
                           "--format", "json"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 1, proc.stderr
    findings = json.loads(proc.stdout)
    assert {"AM101", "BR101", "IC101"} <= {f["rule"] for f in findings}
    # procedural consent in the examples is never flagged
    for f in findings:
        if f["rule"] == "IC101":
            assert "referral" not in f["text"]
