"""The paste-and-check page, driven in headless Chromium (Playwright, Debian's chromium)."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

import langcheck
from langcheck.serve.app import create_app
from langcheck.serve.limits import Settings

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

# Our own note: a flagged phrase after an emoji (offsets must survive UTF-16), markup that
# must stay text, and a clean line.
NOTE = ("Visit 12/03 \U0001f3e0 home visit, Amy seen alone.\n"
        "Amy keeps putting herself at risk when she goes to the park at night.\n"
        "Mum asked about <b>school transport</b> and the new timetable.")

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM),
                                reason=f"{CHROMIUM} is not installed (.ci/system-deps installs "
                                "Debian's chromium)")


@pytest.fixture(scope="module")
def base_url(checker: langcheck.Checker) -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(Settings(), checker=checker), host="127.0.0.1",
                            port=port, log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the in-process server did not start within 30 s"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_paste_check_and_read_a_suggestion(base_url: str, checker: langcheck.Checker,
                                           tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    expected = checker.check(NOTE)
    assert expected, "the note must contain flagged wording"
    first = expected[0]
    why = checker.lexicon.by_id[first.rule].why
    problems: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            context = browser.new_context(viewport={"width": 1200, "height": 900})
            context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
            page = context.new_page()
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.goto(base_url + "/")

            note = page.get_by_label("Note to check")
            note.fill(NOTE)
            note.press("Control+Enter")
            highlights = page.locator("#marked .hl")
            highlights.first.wait_for(timeout=10_000)

            assert [h.text_content() for h in highlights.all()] == [f.text for f in expected]
            marked = page.locator("#marked").text_content()
            assert marked == NOTE  # the note shown in place, unchanged, markup as text
            assert page.locator("#marked b").count() == 0
            assert "flagged phrase" in page.locator("#status").text_content()
            assert first.category in page.locator("#counts").text_content()
            label = highlights.first.get_attribute("aria-label") or ""
            assert first.text in label and first.message in label

            highlights.first.focus()  # focus alone shows the detail (keyboard users)
            detail = page.locator("#detail")
            assert first.message in detail.text_content()
            assert why.split()[0] in detail.text_content()
            assert " ".join(why.split()) in " ".join(detail.text_content().split())
            suggestion = detail.locator(".suggestion").first
            assert suggestion.text_content() == first.suggestions[0]

            copy = detail.get_by_role("button", name=f"Copy \u201c{first.suggestions[0]}\u201d")
            copy.click()
            # the page writes to the clipboard first (a promise), then says so
            expect(copy).to_have_text("Copied", timeout=5000)
            assert page.evaluate("navigator.clipboard.readText()") == first.suggestions[0]

            page.screenshot(path=str(tmp_path / "page.png"), full_page=True)
        finally:
            browser.close()
    assert (tmp_path / "page.png").stat().st_size > 10_000
    assert problems == []  # no script error, no Content-Security-Policy violation
