"""The access log: method, path, status, sizes and timings; never a query string or a body.

uvicorn's own access log is switched off and replaced by this middleware, so what is logged
is decided here: record text travels only in request bodies, which are counted, never kept.
"""

from __future__ import annotations

import logging
import time
from typing import Any

LOGGER_NAME = "langcheck.serve.access"
log = logging.getLogger(LOGGER_NAME)


class AccessLogMiddleware:
    """One line per request: `POST /v1/check 200 in=1234B out=56B 1.8ms`."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not log.isEnabledFor(logging.INFO):
            await self.app(scope, receive, send)
            return
        t0 = time.perf_counter()
        size_in = 0
        size_out = 0
        status = 0

        async def counting_receive() -> dict:
            nonlocal size_in
            message = await receive()
            if message["type"] == "http.request":
                size_in += len(message.get("body", b""))
            return message

        async def counting_send(message: dict) -> None:
            nonlocal size_out, status
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                size_out += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, counting_receive, counting_send)
        finally:
            ms = (time.perf_counter() - t0) * 1000
            path = str(scope.get("path", "-"))
            if len(path) > 120:  # a path is ours or a rule id; cut anything longer
                path = path[:120] + "..."
            log.info("%s %s %d in=%dB out=%dB %.1fms", scope.get("method", "-"), path,
                     status or 500, size_in, size_out, ms)
