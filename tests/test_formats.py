"""The extra output formats, from the same findings as JSON: CSV, SARIF 2.1.0 (validated
against the official schema kept in tests/data), GitHub annotations, and --statistics."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from langcheck.cli import app
from tests.conftest import ROOT

runner = CliRunner()
SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-2.1.0.json").read_text())
TEXT = ("Tia (14) keeps putting herself at risk.\n"
        "Officers found CHILD PORNOGRAPHY on his phone; he said \"child porn\" was normal.\n"
        "Child porn was found again.\n")


def run(*args: str, input: str | None = None):
    return runner.invoke(app, [str(a) for a in args], input=input)


@pytest.fixture()
def note(tmp_path: Path) -> Path:
    p = tmp_path / "note.md"
    p.write_text(TEXT)
    return p


@pytest.fixture()
def records(tmp_path: Path) -> Path:
    p = tmp_path / "records.jsonl"
    p.write_text(json.dumps({"id": "R1", "text": "All settled at home."}) + "\n"
                 + json.dumps({"id": "R2", "text": "Line one.\nKiddie porn was found."}) + "\n")
    return p


def as_json(*paths: Path) -> list[dict]:
    return json.loads(run("check", *paths, "-f", "json").stdout)


def test_csv_has_one_row_per_finding(note: Path, records: Path) -> None:
    r = run("check", note, records, "-f", "csv")
    assert r.exit_code == 1
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    expected = as_json(note, records)
    assert len(rows) == len(expected) > 0
    for row, f in zip(rows, expected, strict=True):
        assert row["path"] == f["path"] and row["rule"] == f["rule"]
        assert row["record"] == (f["record"] or "")
        assert (int(row["line"]), int(row["column"])) == (f["line"], f["column"])
        assert row["text"] == f["text"]
        assert row["suggestions"].split(" | ") == f["suggestions"]


def test_sarif_validates_against_the_official_schema(note: Path, records: Path) -> None:
    r = run("check", note, records, "-f", "sarif")
    assert r.exit_code == 1
    doc = json.loads(r.stdout)
    jsonschema.validate(doc, SCHEMA)
    run_ = doc["runs"][0]
    results = run_["results"]
    expected = as_json(note, records)
    assert [x["ruleId"] for x in results] == [f["rule"] for f in expected]
    levels = {"error": "error", "warning": "warning", "info": "note"}
    assert [x["level"] for x in results] == [levels[f["severity"]] for f in expected]
    rule_ids = [rule["id"] for rule in run_["tool"]["driver"]["rules"]]
    assert sorted(rule_ids) == sorted({f["rule"] for f in expected})
    for x in results:
        assert rule_ids[x["ruleIndex"]] == x["ruleId"]
    first = results[0]["locations"][0]["physicalLocation"]
    assert first["region"]["startLine"] == expected[0]["line"]
    assert first["region"]["startColumn"] == expected[0]["column"]
    assert first["region"]["endColumn"] - first["region"]["startColumn"] == len(
        expected[0]["text"])
    # the safe fix travels with the result (not for quoted words, nor for records)
    fixes = {(x["ruleId"], x["level"], "fixes" in x) for x in results[:-1]}
    assert ("AM101", "error", True) in fixes and ("AM101", "note", False) in fixes
    assert ("BR101", "error", False) in fixes
    fixed = next(x for x in results if "fixes" in x)
    replacement = fixed["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"]["text"] == "CHILD SEXUAL ABUSE MATERIAL"
    assert replacement["deletedRegion"]["startLine"] == 2
    last = results[-1]
    assert "fixes" not in last
    assert last["locations"][0]["logicalLocations"][0]["name"] == "R2"
    assert last["locations"][0]["physicalLocation"]["region"]["startLine"] == 2
    assert last["properties"]["recordLine"] == 2


def test_sarif_with_no_findings_is_valid(tmp_path: Path) -> None:
    p = tmp_path / "clean.txt"
    p.write_text("The children were settled at home.\n")
    r = run("check", p, "-f", "sarif")
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    jsonschema.validate(doc, SCHEMA)
    assert doc["runs"][0]["results"] == []


def test_github_annotations(note: Path, records: Path) -> None:
    r = run("check", note, records, "-f", "github")
    lines = r.stdout.splitlines()
    expected = as_json(note, records)
    assert len(lines) == len(expected)
    first = expected[0]
    assert lines[0].startswith(
        f"::error file={note},line={first['line']},col={first['column']},"
        f"endLine={first['line']},endColumn={first['column'] + len(first['text']) - 1},"
        f"title=langcheck {first['rule']} ({first['category']})::")
    kinds = [line.split(" ", 1)[0] for line in lines]
    assert kinds == [{"error": "::error", "warning": "::warning", "info": "::notice"}[
        f["severity"]] for f in expected]
    assert all("\n" not in line for line in lines)
    assert lines[-1].startswith(f"::error file={records},line=2,title=")
    assert "record R2" in lines[-1]


def test_statistics_counts_per_rule(note: Path, records: Path) -> None:
    r = run("check", note, records, "--statistics")
    assert r.exit_code == 1
    counts = Counter(f["rule"] for f in as_json(note, records))
    rows = [line.split(None, 2) for line in r.stdout.splitlines()]
    assert [(int(c), rule) for c, rule, _ in rows] == sorted(
        ((n, rule) for rule, n in counts.items()), key=lambda t: (-t[0], t[1]))
    am = next(rest for _, rule, rest in rows if rule == "AM101")
    assert am.startswith("[*] ")  # --fix can apply AM101
    br = next(rest for _, rule, rest in rows if rule == "BR101")
    assert not br.startswith("[*]")
    data = json.loads(run("check", note, records, "--statistics", "-f", "json").stdout)
    assert {d["code"]: d["count"] for d in data} == dict(counts)


def test_every_format_is_registered_and_runs_on_stdin() -> None:
    from langcheck.reporters import REPORTERS

    for fmt in REPORTERS:
        r = run("check", "-", "-f", fmt, input="Child porn was found.\n")
        assert r.exit_code == 1, (fmt, r.stderr)
        assert "AM101" in r.stdout, fmt
