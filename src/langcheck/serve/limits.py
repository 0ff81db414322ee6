"""Service settings and the request-body limit.

The body limit is an ASGI middleware rather than a check in the endpoint: a declared
`Content-Length` over the limit is refused before a byte is read, and a chunked or lying body
is counted as it streams in and refused as soon as it passes the limit, so an oversized
request never sits in memory whole.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

DEFAULT_MAX_BODY = 1_000_000  # bytes
DEFAULT_BUDGET_MS = 200.0
SETTINGS_ENV = "LANGCHECK_SERVE_SETTINGS"


@dataclass
class Settings:
    """What `langcheck serve` passes to each worker process (as JSON in an environment var)."""

    max_body: int = DEFAULT_MAX_BODY
    budget_ms: float = DEFAULT_BUDGET_MS
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    extend_lexicon: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    config_path: str | None = None  # the configuration file these came from, if any

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, data: str) -> Settings:
        return cls(**json.loads(data))


class BodyTooLarge(Exception):
    """Raised from `receive` once a streamed body passes the limit."""


def _error_body(detail: str) -> bytes:
    return json.dumps({"detail": detail, "errors": []}).encode()


class BodyLimitMiddleware:
    """Answer 413 to any request whose body is, or turns out to be, over `max_body` bytes."""

    def __init__(self, app: Any, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.max_body
        for key, value in scope["headers"]:
            if key == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = 0
                if declared > limit:
                    await self._refuse(send)
                    return
                break
        received = 0
        started = False
        over = False

        async def limited_receive() -> dict:
            nonlocal received, over
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    over = True
                    raise BodyTooLarge
            return message

        async def watched_send(message: dict) -> None:
            # the framework may turn the exception into its own error response; once the
            # body has gone over, whatever the app answers is replaced by the 413
            nonlocal started
            if over:
                if message["type"] == "http.response.start" and not started:
                    started = True
                    await self._refuse(send)
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, watched_send)
        except BodyTooLarge:
            if not started:
                started = True
                await self._refuse(send)

    async def _refuse(self, send: Any) -> None:
        body = _error_body(f"request body is over the limit of {self.max_body} bytes")
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})
