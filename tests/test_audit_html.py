"""The HTML report drawn by a real browser (Debian chromium, headless): charts are there,
have a size, and nothing is fetched from the network."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from langcheck.audit import AuditSettings, Pseudonymiser, run_audit
from langcheck.sources import ReadOptions
from tests.test_audit import AUTHORS, CLEAN, notes, write_jsonl

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("report")
    src = write_jsonl(tmp / "notes.jsonl", notes(300, every=4))
    html = tmp / "report.html"
    settings = AuditSettings(
        read=ReadOptions(date_field="date", group_by=("team", "author")),
        pseudonymiser=Pseudonymiser(("author",), salt="k"))
    run_audit([str(src)], settings, jobs=1, html=html)
    return html


def test_report_is_self_contained_and_holds_no_record_text(report: Path) -> None:
    html = report.read_text(encoding="utf-8")
    assert "<script" not in html and "http://" not in html and "https://" not in html
    assert "kitchen" not in html and CLEAN[:20] not in html
    assert not any(name in html for name in AUTHORS)
    assert "Wording that makes the child the source of the danger" in html


def test_charts_are_drawn_in_chromium(report: Path, tmp_path: Path) -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    requests: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.on("request", lambda r: requests.append(r.url))
        page.goto(report.as_uri())
        charts = page.evaluate("""() => [...document.querySelectorAll('svg.chart')].map(s => {
            const r = s.getBoundingClientRect();
            const bars = [...s.querySelectorAll('.bar')].map(b => b.getBoundingClientRect());
            const lines = [...s.querySelectorAll('.line')].map(l => l.getBBox());
            return {cls: s.getAttribute('class'), w: r.width, h: r.height,
                    bars: bars.filter(b => b.width > 0 && b.height > 0).length,
                    lines: lines.filter(b => b.width > 0).length};
        })""")
        shot = tmp_path / "report.png"
        page.screenshot(path=str(shot), full_page=True)
        browser.close()
    assert requests == [report.as_uri()]  # nothing but the file itself
    assert shot.stat().st_size > 10_000
    kinds = {c["cls"] for c in charts}
    assert {"chart hbar", "chart line-chart", "chart stacked"} <= kinds
    for chart in charts:
        assert chart["w"] > 100 and chart["h"] > 20, chart
        assert chart["bars"] > 0 or chart["lines"] > 0, chart
    stacked = [c for c in charts if c["cls"] == "chart stacked"]
    assert len(stacked) == 2  # team and author
