"""The Finding / JSON contract of DESIGN.md: offsets, lines, columns, text."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import langcheck
from langcheck.cli import app
from langcheck.finding import LineIndex

TEXTS = [
    "Chronology\nShe keeps putting herself at risk.\nNo concerns.",
    "Chronology\r\nShe keeps putting herself at risk.\r\nPolice found child pornography.",
    "Zoë (14) – “café” visit.\nÉlise keeps putting herself at risk 😟 and child porn was found.",
    "Line one\rShe keeps putting herself\r\nat risk.",
]


def _expected_line_col(text: str, start: int) -> tuple[int, int]:
    before = text[:start].replace("\r\n", "\n").replace("\r", "\n")
    line = before.count("\n") + 1
    col = len(before) - (before.rfind("\n") + 1) + 1
    return line, col


@pytest.mark.parametrize("text", TEXTS)
def test_offsets_line_and_column(checker, text: str) -> None:
    findings = checker.check(text)
    assert findings, text
    for f in findings:
        assert f.text == text[f.start:f.end]
        assert (f.line, f.column) == _expected_line_col(text, f.start)
        assert f.severity in ("error", "warning", "info")
        assert isinstance(f.suggestions, list)


def test_module_level_check() -> None:
    found = langcheck.check("Officers found child pornography on the laptop.")
    assert [f.rule for f in found] == ["AM101"]
    assert found[0].text == "child pornography"


def test_check_many_streams_in_order(checker) -> None:
    texts = ["All well.", "Kiddie porn was found.", "", "She put herself at risk."]
    results = list(checker.check_many(iter(texts)))
    assert [bool(r) for r in results] == [False, True, False, True]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_json_contract_from_cli(tmp_path, newline: str) -> None:
    text = f"Intro line{newline}Zoë keeps putting herself at risk.{newline}"
    path = tmp_path / "note.txt"
    path.write_bytes(text.encode("utf-8"))
    result = CliRunner().invoke(app, ["check", str(path), "--format", "json"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert len(data) == 1
    item = data[0]
    assert set(item) == {"rule", "category", "severity", "message", "start", "end", "line",
                         "column", "text", "suggestions", "path", "record"}
    assert item["text"] == text[item["start"]:item["end"]]
    assert (item["line"], item["column"]) == (2, 11)
    assert item["record"] is None and item["path"] == str(path)


def test_line_index_handles_all_breaks() -> None:
    idx = LineIndex("a\r\nb\rc\nd")
    assert [idx.position(i) for i in (0, 3, 5, 7)] == [(1, 1), (2, 1), (3, 1), (4, 1)]
