"""`langcheck audit` as a user runs it: summary, exit codes, findings file, privacy."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from langcheck.cli import app
from tests.conftest import ROOT

runner = CliRunner()
PROBLEM = "Staff feel Kira (14) keeps putting herself at risk."
CLEAN = "Home visit with Mum; the kitchen was tidy and Kira showed me her drawings."
AUTHORS = ["Jo Marsh", "Priya Nair", "Alan Boyd"]


def notes(n: int, every: int = 10) -> list[dict[str, str]]:
    """n invented notes; every `every`-th one has a problem sentence."""
    out = []
    for i in range(n):
        text = " ".join([CLEAN] * 3 + ([PROBLEM] if i % every == 0 else []))
        out.append({"id": f"N{i:05d}", "text": text, "team": ["North", "South"][i % 2],
                    "author": AUTHORS[i % 3], "date": f"202{2 + i % 2}-0{1 + i % 9}-15"})
    return out


def write_jsonl(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def run(*args: str):
    return runner.invoke(app, ["audit", *args])


def test_summary_counts_groups_months_and_exit_code(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "n.jsonl", notes(30))
    r = run(str(src), "--group-by", "team", "--date-field", "date", "--no-progress")
    assert r.exit_code == 1, r.output
    out = r.stdout
    assert "30 records read = 30 checked + 0 failed" in out
    assert "Records with a finding: 3 (10.0%)" in out
    assert "blames-child-for-risk" in out and "BR101" in out
    assert "By team" in out and "North" in out and "South" in out
    assert "By month (date)" in out and "2022-01" in out and "2023-02" in out
    # a clean corpus exits 0, --fail-on error ignores warnings only
    clean = write_jsonl(tmp_path / "clean.jsonl", [{"id": "1", "text": CLEAN}])
    assert run(str(clean)).exit_code == 0
    assert run(str(src), "--exit-zero").exit_code == 0


def test_findings_csv_rows_and_no_text_without_snippets(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "n.jsonl", notes(20))
    out = tmp_path / "findings.csv"
    r = run(str(src), "--findings", str(out), "--group-by", "team,author", "--date-field", "date")
    assert r.exit_code == 1
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [row["record"] for row in rows] == ["N00000", "N00010"]
    row = rows[0]
    assert (row["kind"], row["rule"], row["category"], row["severity"]) == (
        "finding", "BR101", "blames-child-for-risk", "error")
    text = notes(1)[0]["text"]
    assert text[int(row["start"]):int(row["end"])] == "putting herself at risk"
    assert (row["team"], row["author"], row["date"]) == ("North", "Jo Marsh", "2022-01-15")
    assert "text" not in row
    raw = out.read_text(encoding="utf-8") + r.stdout
    assert "putting herself" not in raw and "kitchen" not in raw
    # with --snippets the flagged words (and only them) are added
    out2 = tmp_path / "findings.jsonl"
    run(str(src), "--findings", str(out2), "--snippets")
    first = json.loads(out2.read_text(encoding="utf-8").splitlines()[0])
    assert first["text"] == "putting herself at risk"
    assert "kitchen" not in out2.read_text(encoding="utf-8")


def test_bad_rows_are_counted_listed_and_exit_2(tmp_path: Path) -> None:
    src = tmp_path / "n.jsonl"
    src.write_text(json.dumps({"id": "A", "text": PROBLEM}) + "\n{broken\n"
                   + json.dumps({"id": "B", "body": CLEAN}) + "\n")
    out = tmp_path / "f.jsonl"
    r = run(str(src), str(tmp_path / "missing.csv"), "--findings", str(out))
    assert r.exit_code == 2
    assert "4 records read = 1 checked + 3 failed" in r.stdout
    assert f"{src}:line 2: malformed JSON" in r.stdout
    errors = [line for line in r.stderr.splitlines() if line.startswith("langcheck: error:")]
    assert len(errors) == 3 and any("missing.csv: no such file" in e for e in errors)
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [row["kind"] for row in rows] == ["finding", "error", "error", "error"]
    assert rows[1] == {"kind": "error", "path": str(src), "row": 2,
                       "reason": "malformed JSON: Expecting property name enclosed in "
                                 "double quotes (column 2)"}


def test_cp1252_notice_is_reported(tmp_path: Path) -> None:
    src = tmp_path / "old.csv"
    src.write_bytes("id,text\n1,Caf\u00e9 visit\n2,All well\n".encode("cp1252"))
    out = tmp_path / "f.csv"
    r = run(str(src), "--findings", str(out))
    assert r.exit_code == 0
    assert "decoded as Windows-1252" in r.stdout
    assert "notice" in out.read_text()


def test_pseudonymise_hides_values_in_every_output(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "n.jsonl", notes(12, every=2))
    out, html = tmp_path / "f.csv", tmp_path / "r.html"
    args = [str(src), "--group-by", "author", "--group-by", "team", "--pseudonymise", "author",
            "--findings", str(out), "--html", str(html), "--id-field", "id",
            "--pseudonymise", "id", "--salt", "test-key"]
    r = run(*args)
    assert r.exit_code == 1
    everything = r.stdout + out.read_text() + html.read_text()
    for name in AUTHORS:
        assert name not in everything
    assert "N00000" not in everything
    assert "North" in everything  # team was not pseudonymised
    codes = {row["author"] for row in csv.DictReader(out.open())}
    assert len(codes) == 3 and all(c.startswith("anon-") for c in codes)
    # the same key gives the same codes; another key gives others
    again = run(*args)
    assert again.stdout == r.stdout
    other = run(*args[:-1], "another-key")
    assert other.stdout != r.stdout


def test_pseudonymise_unknown_field_is_a_usage_error(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "n.jsonl", notes(2))
    r = run(str(src), "--group-by", "author", "--pseudonymise", "auther")
    assert r.exit_code == 2 and "--pseudonymise auther" in r.stderr
    r = run(str(src), "--findings", str(tmp_path / "f.txt"))
    assert r.exit_code == 2 and ".csv or .jsonl" in r.stderr


def test_results_are_the_same_whatever_the_number_of_jobs(tmp_path: Path) -> None:
    # over 1 MB, so the file is cut into several units and the workers really run
    rows = notes(4000, every=7)
    src = write_jsonl(tmp_path / "big.jsonl", rows)
    assert src.stat().st_size > 1 << 20
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"f{jobs}.csv"
        proc = subprocess.run([sys.executable, "-m", "langcheck", "audit", str(src), "--jobs",
                               jobs, "--findings", str(out), "--group-by", "team",
                               "--date-field", "date"], cwd=ROOT, capture_output=True,
                              text=True, timeout=300)
        assert proc.returncode == 1, proc.stderr
        assert proc.stderr == ""  # no progress bar when stderr is not a terminal
        outputs.append((proc.stdout.replace(str(out), "FILE"), out.read_bytes()))
    assert outputs[0] == outputs[1]
    assert len(outputs[0][1].splitlines()) == 1 + len(range(0, 4000, 7))


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_tabular_inputs(tmp_path: Path, fmt: str) -> None:
    rows = notes(5, every=5)
    if fmt == "csv":
        src = tmp_path / "n.csv"
        with src.open("w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
    else:
        openpyxl = pytest.importorskip("openpyxl")
        wb = openpyxl.Workbook()
        wb.active.append(list(rows[0]))
        for row in rows:
            wb.active.append(list(row.values()))
        src = tmp_path / "n.xlsx"
        wb.save(src)
    out = tmp_path / "f.jsonl"
    r = run(str(src), "--id-field", "id", "--group-by", "team", "--findings", str(out))
    assert r.exit_code == 1
    (row,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert (row["record"], row["row"], row["team"]) == ("N00000", 2, "North")
