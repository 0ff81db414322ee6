"""The paste-and-check page: one HTML document with its style and script inlined.

The three parts live as package data (`page/`), so they can be edited as what they are, and
are joined once at start-up. Inlining keeps the page self-contained (no asset requests, no
CDN); the Content-Security-Policy allows exactly these inline blocks by hash and connections
only back to this service, so the page cannot send a note anywhere else.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class Page:
    html: str
    csp: str


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def build_page() -> Page:
    """Read the page's parts from the package and join them."""
    folder = resources.files("langcheck.serve").joinpath("page")
    html = folder.joinpath("index.html").read_text(encoding="utf-8")
    css = folder.joinpath("page.css").read_text(encoding="utf-8")
    js = folder.joinpath("page.js").read_text(encoding="utf-8")
    html = html.replace("<style></style>", f"<style>{css}</style>", 1)
    html = html.replace("<script></script>", f"<script>{js}</script>", 1)
    csp = "; ".join([
        "default-src 'none'",
        f"script-src {_sha256(js)}",
        f"style-src {_sha256(css)}",
        "connect-src 'self'",
        "img-src 'self' data:",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ])
    return Page(html, csp)
