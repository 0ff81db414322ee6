"""The FastAPI application: one warm `Checker` per process, answers as plain JSON bytes.

`create_app()` builds the Checker (and runs one check so spaCy is loaded before the first
request), precomputes the rule listings, and wires the body limit and access log. The check
endpoint runs on the event loop: checking is CPU work bounded by the time budget, so a thread
hop would only add latency; throughput comes from worker processes (`--workers`).
Responses are serialised with `json.dumps` and returned as bytes; the response models are
declared for the OpenAPI document and kept in step by the tests.
"""

from __future__ import annotations

import inspect
import json
import logging
import os
import re
import time
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from langcheck import __version__
from langcheck.checker import Checker
from langcheck.serve.accesslog import AccessLogMiddleware
from langcheck.serve.budget import check_within
from langcheck.serve.limits import SETTINGS_ENV, BodyLimitMiddleware, Settings
from langcheck.serve.models import (
    CheckRequest,
    CheckResponse,
    ErrorResponse,
    Health,
    RecordsRequest,
    RuleDetail,
    RuleSummary,
)
from langcheck.serve.page import build_page

log = logging.getLogger("langcheck.serve")

_SUMMARY_KEYS = ("id", "name", "category", "severity", "message", "why", "suggestions",
                 "basis", "sources")
_JSON = "application/json"


#: FastAPI's built-in OpenTelemetry (newer versions), all of it off: record text must not
#: leave the machine, and validation errors and stack traces can hold some
NO_TELEMETRY = {"tracing": False, "metrics": False, "logs": False, "operation_spans": False,
                "auto_configure": False}


def _telemetry_off() -> dict[str, Any]:
    """`FastAPI(telemetry=...)` where this FastAPI has it, else nothing to switch off."""
    if "telemetry" in inspect.signature(FastAPI.__init__).parameters:
        return {"telemetry": dict(NO_TELEMETRY)}
    return {}


def build_checker(settings: Settings) -> Checker:
    """The service's Checker, configured like the CLI's, and warmed with one check."""
    checker = Checker(select=settings.select or None, ignore=settings.ignore or None,
                      severity=settings.severity or None,
                      extend_lexicon=settings.extend_lexicon)
    checker.warm()  # loads spaCy and builds every matcher now, not on a save
    for rule in checker.lexicon:
        for example in rule.flag_examples[:1]:
            checker.check(example)  # and runs each rule once
    return checker


_SURROGATE = re.compile("[\ud800-\udfff]")


def _valid_unicode(text: str) -> str:
    """`text` with any unpaired surrogate replaced by U+FFFD (offsets stay the same).

    JSON may carry "\\ud800" on its own (a JavaScript string cut in half does); it is not a
    character, and the checker cannot scan it.
    """
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


def _json_response(data: Any, status: int = 200) -> Response:
    # ASCII-escaped: always encodable, even if a note held a lone surrogate ("\ud800")
    body = json.dumps(data, separators=(",", ":")).encode("ascii")
    return Response(content=body, status_code=status, media_type=_JSON)


def _loc(loc: tuple | list) -> str:
    parts = [str(p) for p in loc if p not in ("body", "TextRequest", "RecordsRequest")]
    return ".".join(parts) or "body"


def _chosen_branch(items: list[dict]) -> list[dict]:
    """Of the two request shapes, the errors of the one the client evidently meant."""
    records = [e for e in items if "RecordsRequest" in e["loc"]]
    text = [e for e in items if "TextRequest" in e["loc"]]
    meant_records = records and not any(
        e["type"] == "missing" and e["loc"][-1] == "records" for e in records)
    return records if meant_records else (text or items)


def _validation_detail(errors: list[dict]) -> tuple[str, list[dict]]:
    """One readable line for a 422, and the errors without the input (it may be a note)."""
    items = [{"loc": [p if isinstance(p, int) else str(p) for p in e.get("loc", ())],
              "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))} for e in errors]
    invalid = [e for e in errors if e.get("type") == "json_invalid"]
    if invalid:
        reason = (invalid[0].get("ctx") or {}).get("error")
        return f"request body is not valid JSON{': ' + str(reason) if reason else ''}", items
    chosen = _chosen_branch(items)
    if any(e["type"] == "missing" and e["loc"] == ["body"] for e in items):
        return 'request body is missing; send {"text": "..."} or {"records": [...]}', items
    if all(e["type"] in ("model_attributes_type", "dict_type") and len(e["loc"]) <= 2
           for e in chosen):
        return ("request body must be a JSON object sent as application/json: "
                '{"text": "..."} or {"records": [{"text": "..."}]}'), items
    shown = "; ".join(dict.fromkeys(f"{_loc(e['loc'])}: {e['msg']}" for e in chosen[:4]))
    return ('invalid request; send {"text": "..."} or {"records": [{"text": "..."}]}: '
            + shown), items


def create_app(settings: Settings | None = None, checker: Checker | None = None,
               clock: Callable[[], float] = time.perf_counter) -> FastAPI:
    """The service. Pass `checker` to share one (tests); `clock` is for the budget tests."""
    settings = settings or Settings()
    checker = checker or build_checker(settings)
    rules = list(checker.lexicon)
    summaries = [{k: r.to_dict()[k] for k in _SUMMARY_KEYS} for r in rules]
    details = {}
    for r in rules:
        d = r.to_dict()
        details[r.id] = {**{k: d[k] for k in _SUMMARY_KEYS}, "fix": d["fix"],
                         "examples": d["examples"]}
    health = {"status": "ok", "version": __version__, "rules": len(rules)}
    page = build_page()
    budget_s = max(settings.budget_ms, 0.0) / 1000.0

    app = FastAPI(
        title="langcheck",
        version=__version__,
        description="Checks children's case records for language that blames a child for "
        "the abuse they experience or implies that they consented to it, and suggests "
        "wording from the published guidance. Local service: record text is checked in "
        "memory, never stored or logged.",
        docs_url="/docs",
        redoc_url=None,
        **_telemetry_off(),
    )
    errors = {413: {"model": ErrorResponse, "description": "Request body over the limit"},
              422: {"model": ErrorResponse, "description": "Malformed JSON or a missing field"}}

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        detail, items = _validation_detail(list(exc.errors()))
        return _json_response({"detail": detail, "errors": items}, 422)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        response = _json_response({"detail": str(exc.detail), "errors": []}, exc.status_code)
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    @app.get("/healthz", response_model=Health, summary="Liveness and the number of rules")
    async def healthz() -> Response:
        return _json_response(health)

    @app.get("/v1/rules", response_model=list[RuleSummary], summary="Every active rule")
    async def list_rules() -> Response:
        return _json_response(summaries)

    @app.get("/v1/rules/{rule_id}", response_model=RuleDetail, summary="One rule explained",
             responses={404: {"model": ErrorResponse, "description": "No such rule"},
                        422: errors[422]})  # type: ignore[dict-item]
    async def get_rule(rule_id: str) -> Response:
        found = details.get(rule_id) or details.get(rule_id.upper())
        if found is None:
            return _json_response({"detail": f"no rule {rule_id!r}", "errors": []}, 404)
        return _json_response(found)

    @app.post("/v1/check", response_model=CheckResponse, responses=errors,  # type: ignore[arg-type]
              summary="Check one record or several")
    async def check(body: CheckRequest) -> Response:
        """Findings for `{"text", "id"}` or `{"records": [...]}`, within the time budget."""
        if isinstance(body, RecordsRequest):
            ids = [r.id for r in body.records]
            texts = [_valid_unicode(r.text) for r in body.records]
        else:
            ids = [body.id]
            texts = [_valid_unicode(body.text)]
        result = check_within(checker, texts, budget_s, clock)
        findings = []
        for record_id, found in zip(ids, result.findings, strict=False):
            for f in found:
                item = f.to_dict()
                item["record"] = record_id
                findings.append(item)
        return _json_response({"findings": findings, "complete": result.complete,
                               "checked": result.checked, "records": len(texts)})

    @app.get("/", include_in_schema=False)
    async def index() -> Response:
        return HTMLResponse(page.html, headers={
            "content-security-policy": page.csp,
            "x-content-type-options": "nosniff",
            "referrer-policy": "no-referrer",
            "cache-control": "no-store",
        })

    app.add_middleware(BodyLimitMiddleware, max_body=settings.max_body)
    app.add_middleware(AccessLogMiddleware)
    app.state.checker = checker
    app.state.settings = settings
    return app


def create_app_from_env() -> FastAPI:
    """uvicorn factory for worker processes: settings come from `LANGCHECK_SERVE_SETTINGS`."""
    raw = os.environ.get(SETTINGS_ENV)
    return create_app(Settings.from_json(raw) if raw else Settings())
