"""Printable worksheets: Markdown and self-contained HTML, with the answer key on request."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from langcheck.cli import app
from langcheck.train.pack import COUNTED, load_pack
from tests.test_train_session import TEST_PACK

runner = CliRunner()


@pytest.fixture()
def pack_file(tmp_path: Path) -> Path:
    path = tmp_path / "pack.yaml"
    # '&' and '<' must come out escaped in HTML
    path.write_text(TEST_PACK.replace("Her school has raised a concern.",
                                      "Her school & GP say she is <very> tired."),
                    encoding="utf-8")
    return path


def worksheet(*args: str):
    return runner.invoke(app, ["train", "--worksheet", *args])


def test_markdown_worksheet_without_answers(pack_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "sheet.md"
    r = worksheet(str(out), "--pack", str(pack_file), "--in-order")
    assert r.exit_code == 0 and "4 exercises" in r.stdout
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Appropriate language in case records")
    assert [int(n) for n in re.findall(r"^## Exercise (\d+)$", text, re.M)] == [1, 2, 3, 4]
    assert "> Tia (14) keeps putting herself at risk by meeting men at the park." in text
    assert text.count("Your rewrite:") == 4
    assert "Answer key" not in text
    assert "Men are meeting Tia (14)" not in text  # no model rewrite on the trainee's sheet


def test_markdown_answer_key(pack_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "sheet.md"
    assert worksheet(str(out), "--pack", str(pack_file), "--in-order",
                     "--answers").exit_code == 0
    text = out.read_text(encoding="utf-8")
    key = text[text.index("# Answer key"):]
    assert "## Exercise 1: risk (blames-child-for-risk)" in key
    assert "- **putting herself at risk**: BR101" in key
    assert "Why it matters (BR101):" in key and "Sources: Suggested alternatives" in key
    assert "> Men are meeting Tia (14) at the park and exploiting her." in key
    assert "Trainer's note: The men are the risk; name them." in key
    assert "- **child porn**: AM101" in key and "- **child prostitute**: SW101" in key


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data):
        self.text.append(data)


def test_html_worksheet_is_self_contained_printable_and_escaped(pack_file: Path,
                                                                tmp_path: Path) -> None:
    out = tmp_path / "sheet.html"
    assert worksheet(str(out), "--pack", str(pack_file), "--in-order",
                     "--answers").exit_code == 0
    page = out.read_text(encoding="utf-8")
    parsed = _Collector()
    parsed.feed(page)
    assert page.startswith("<!DOCTYPE html>")
    assert "script" not in parsed.tags and "link" not in parsed.tags and "img" not in parsed.tags
    assert not [v for k, v in parsed.attrs if k in ("src", "href")]  # nothing to fetch
    assert "@media print" in page and "break-before: page" in page
    assert "&amp; GP say she is &lt;very&gt; tired." in page
    assert "<very>" not in page
    text = "".join(parsed.text)
    assert "Answer key" in text
    assert "<mark>putting herself at risk</mark>" in page
    assert "Police found child sexual abuse material on Mr K's phone." in text
    assert parsed.tags.count("section") == 5  # four exercises and the answer key


def test_html_without_answers_has_no_key(pack_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "sheet.htm"
    assert worksheet(str(out), "--pack", str(pack_file)).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "Answer key" not in page and "<mark>" not in page
    assert page.count('class="lines"') == 4


def test_builtin_worksheet_by_category_and_count(tmp_path: Path, checker) -> None:
    playable = [e for e in load_pack().exercises if e.category == "sex-work-framing"
                and any(f.severity in COUNTED for f in checker.check(e.scenario))]
    out = tmp_path / "sw.md"
    r = worksheet(str(out), "--category", "sex-work-framing", "--answers")
    assert r.exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert len(re.findall(r"^## Exercise \d+$", text, re.M)) == len(playable)
    assert all(f"({'sex-work-framing'})" in h
               for h in re.findall(r"^## Exercise \d+: .*$", text, re.M))
    out2 = tmp_path / "two.md"
    assert worksheet(str(out2), "--count", "2", "--seed", "4").exit_code == 0
    assert len(re.findall(r"^## Exercise \d+$", out2.read_text(), re.M)) == 2


def test_worksheet_usage_errors(tmp_path: Path) -> None:
    r = worksheet(str(tmp_path / "sheet.pdf"))
    assert r.exit_code == 2 and "must end in .md or .html" in r.stderr
    r = worksheet(str(tmp_path / "sheet.md"), "--results", str(tmp_path / "r.json"))
    assert r.exit_code == 2
    r = worksheet(str(tmp_path / "no-folder" / "sheet.md"))
    assert r.exit_code == 2 and "cannot write here" in r.stderr
    assert not (tmp_path / "sheet.pdf").exists() and not (tmp_path / "sheet.md").exists()
