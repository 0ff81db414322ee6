"""The HTTP service through FastAPI's test client: contract, limits, errors, budget, logs."""

from __future__ import annotations

import dataclasses
import itertools
import json
import logging
import re

import pytest
from fastapi.testclient import TestClient

import langcheck
from langcheck.finding import Finding
from langcheck.serve.app import create_app
from langcheck.serve.budget import check_within
from langcheck.serve.limits import Settings

# Our own sentences; the first two use wording the built-in lexicon flags.
FLAGGED = "Staff are worried that Amy keeps putting herself at risk after school."
FLAGGED_2 = "He places himself in danger when he travels to the city with older men."
CLEAN = "Amy was seen at home with her mum and talked about her art project."
SECRET = "Zephyrine Quillfeather told the teacher about the man at the bus station."

FIELDS = {f.name for f in dataclasses.fields(Finding)} - {"cue"}


@pytest.fixture(scope="module")
def client(checker: langcheck.Checker) -> TestClient:
    return TestClient(create_app(Settings(), checker=checker))


def expected(checker: langcheck.Checker, text: str, record: object) -> list[dict]:
    return [{**f.to_dict(), "record": record} for f in checker.check(text)]


def test_health_counts_the_rules(client: TestClient, checker: langcheck.Checker) -> None:
    data = client.get("/healthz").json()
    assert data["status"] == "ok"
    assert data["version"] == langcheck.__version__
    assert data["rules"] == len(list(checker.lexicon))


def test_one_text_returns_the_json_contract(client: TestClient,
                                            checker: langcheck.Checker) -> None:
    text = f"{CLEAN}\n{FLAGGED}"
    response = client.post("/v1/check", json={"text": text, "id": "note-17"})
    assert response.status_code == 200
    data = response.json()
    assert data["complete"] is True
    assert (data["checked"], data["records"]) == (1, 1)
    assert data["findings"], "the flagged sentence must be found"
    assert data["findings"] == expected(checker, text, "note-17")
    for f in data["findings"]:
        assert set(f) == FIELDS | {"record"}
        assert text[f["start"]:f["end"]] == f["text"]
        assert f["line"] == 2


def test_id_is_optional_and_null(client: TestClient) -> None:
    data = client.post("/v1/check", json={"text": FLAGGED}).json()
    assert data["findings"] and all(f["record"] is None for f in data["findings"])


def test_records_keep_their_ids_and_order(client: TestClient,
                                          checker: langcheck.Checker) -> None:
    records = [{"text": FLAGGED_2, "id": 41}, {"text": CLEAN, "id": "b"},
               {"text": FLAGGED, "id": "c"}]
    data = client.post("/v1/check", json={"records": records}).json()
    want = list(itertools.chain.from_iterable(
        expected(checker, r["text"], r["id"]) for r in records))
    assert want and data["findings"] == want
    assert {f["record"] for f in data["findings"]} == {41, "c"}
    assert (data["checked"], data["records"], data["complete"]) == (3, 3, True)


def test_clean_note_and_empty_batch(client: TestClient) -> None:
    assert client.post("/v1/check", json={"text": CLEAN}).json()["findings"] == []
    data = client.post("/v1/check", json={"records": []}).json()
    assert data == {"findings": [], "complete": True, "checked": 0, "records": 0}


def test_offsets_count_code_points(client: TestClient) -> None:
    text = "\U0001f600 " + FLAGGED  # an emoji is one Python character, two UTF-16 units
    for f in client.post("/v1/check", json={"text": text}).json()["findings"]:
        assert text[f["start"]:f["end"]] == f["text"]


def test_any_unicode_round_trips(client: TestClient, checker: langcheck.Checker) -> None:
    """Accents and emoji keep their offsets; a lone surrogate (valid JSON, not a character)
    is read as U+FFFD, which keeps every offset too."""
    text = "Zo\u00eb \ud800 keeps putting herself at risk \u2014 caf\u00e9 \U0001f600."
    body = json.dumps({"text": text}).encode("ascii")
    response = client.post("/v1/check", content=body, headers=JSON)
    assert response.status_code == 200
    findings = response.json()["findings"]
    readable = text.replace("\ud800", "\ufffd")
    assert findings and findings == expected(checker, readable, None)
    assert all(readable[f["start"]:f["end"]] == f["text"] for f in findings)


# --- rules ---------------------------------------------------------------------------

def test_rules_list_every_rule_with_its_reason(client: TestClient,
                                               checker: langcheck.Checker) -> None:
    data = client.get("/v1/rules").json()
    assert [r["id"] for r in data] == [r.id for r in checker.lexicon]
    by_id = {r.id: r for r in checker.lexicon}
    for item in data:
        assert item["why"] == by_id[item["id"]].why
        assert item["suggestions"] == by_id[item["id"]].suggestions


def test_one_rule_and_an_unknown_one(client: TestClient, checker: langcheck.Checker) -> None:
    rule = next(iter(checker.lexicon))
    data = client.get(f"/v1/rules/{rule.id}").json()
    assert data["id"] == rule.id and data["why"] == rule.why
    assert data["examples"]["flag"] == rule.flag_examples
    missing = client.get("/v1/rules/ZZ999")
    assert missing.status_code == 404
    assert "ZZ999" in missing.json()["detail"]


# --- errors and limits ---------------------------------------------------------------

JSON = {"content-type": "application/json"}


@pytest.mark.parametrize(("body", "words"), [
    (b'{"text": "unfinished', "not valid JSON"),
    (b"", "missing"),
    (b"[1, 2]", "JSON object"),
    (b"{}", "text"),
    (b'{"text": 5}', "valid string"),
    (b'{"records": [{"id": "r1"}]}', "records.0.text"),
    (b'{"text": "a", "records": []}', "not permitted"),
])
def test_bad_requests_get_422_with_a_clear_line(client: TestClient, body: bytes,
                                                words: str) -> None:
    response = client.post("/v1/check", content=body, headers=JSON)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert words in detail
    assert "\n" not in detail


def test_body_over_the_limit_gets_413(checker: langcheck.Checker) -> None:
    small = TestClient(create_app(Settings(max_body=200), checker=checker))
    ok = small.post("/v1/check", json={"text": FLAGGED})
    assert ok.status_code == 200
    big = small.post("/v1/check", json={"text": FLAGGED * 5})
    assert big.status_code == 413
    assert "200 bytes" in big.json()["detail"]


def test_streamed_body_over_the_limit_gets_413(checker: langcheck.Checker) -> None:
    """No Content-Length (chunked): the limit is enforced on the bytes as they arrive."""
    small = TestClient(create_app(Settings(max_body=200), checker=checker))

    def chunks():
        yield b'{"text": "'
        for _ in range(10):
            yield b"a" * 50
        yield b'"}'

    response = small.post("/v1/check", content=chunks(), headers=JSON)
    assert "content-length" not in {k.lower() for k in response.request.headers}
    assert response.status_code == 413

    def short():
        yield b'{"text": "fine"}'

    assert small.post("/v1/check", content=short(), headers=JSON).status_code == 200


# --- time budget ---------------------------------------------------------------------

class TickClock:
    """A clock that moves one second each time it is read: budgets become counts of units."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


def test_zero_budget_returns_incomplete(checker: langcheck.Checker) -> None:
    app = create_app(Settings(budget_ms=0), checker=checker)
    data = TestClient(app).post("/v1/check", json={"text": FLAGGED}).json()
    assert data == {"findings": [], "complete": False, "checked": 0, "records": 1}


def test_budget_stops_between_records(checker: langcheck.Checker) -> None:
    # deadline = first read + 2.5 s; records 1 and 2 start at 2 and 3 s... see TickClock
    app = create_app(Settings(budget_ms=2500), checker=checker, clock=TickClock())
    records = [{"text": FLAGGED, "id": 1}, {"text": FLAGGED_2, "id": 2},
               {"text": FLAGGED, "id": 3}]
    data = TestClient(app).post("/v1/check", json={"records": records}).json()
    assert data["complete"] is False
    assert data["checked"] == 2
    want = expected(checker, FLAGGED, 1) + expected(checker, FLAGGED_2, 2)
    assert want and data["findings"] == want


def test_budget_stops_between_sentences(checker: langcheck.Checker) -> None:
    text = " ".join([FLAGGED, CLEAN, FLAGGED_2, FLAGGED])
    whole = checker.check(text)
    result = check_within(checker, [text], 1.5, TickClock())
    assert not result.complete and result.checked == 0
    first_sentence_end = len(FLAGGED)
    assert result.findings[0] == [f for f in whole if f.end <= first_sentence_end]
    assert 0 < len(result.findings[0]) < len(whole)


def test_unlimited_budget_equals_checker(checker: langcheck.Checker) -> None:
    """The budgeted loop runs the pieces of Checker.plan; prove it on every lexicon example."""
    examples = [e for r in checker.lexicon for e in (*r.flag_examples, *r.pass_examples)]
    texts = [" ".join(examples[i:i + 5]) for i in range(0, len(examples), 5)]
    texts += ["\n".join(examples[i:i + 3]) for i in range(0, len(examples), 3)]
    texts += examples
    result = check_within(checker, texts, 1e9)
    assert result.complete and result.checked == len(texts)
    assert result.findings == [checker.check(t) for t in texts]
    assert any(result.findings)


# --- logs ----------------------------------------------------------------------------

def test_record_text_never_reaches_the_logs(client: TestClient,
                                            caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    client.post("/v1/check", json={"text": SECRET + " " + FLAGGED, "id": "r-9"})
    client.post("/v1/check", json={"records": [{"text": SECRET}]})
    client.post("/v1/check", content=b'{"text": "' + SECRET.encode(), headers=JSON)
    client.post("/v1/check", json={"txt": SECRET})
    logged = caplog.text
    assert "POST /v1/check 200" in logged
    assert "POST /v1/check 422" in logged
    for word in ("Zephyrine", "Quillfeather", "bus station"):
        assert word not in logged
    access = [r for r in caplog.records if r.name == "langcheck.serve.access"]
    assert len(access) == 4
    assert all("in=" in r.getMessage() and "ms" in r.getMessage() for r in access)


# --- OpenAPI and page -----------------------------------------------------------------

def test_openapi_declares_every_endpoint(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    paths = doc["paths"]
    assert set(paths) == {"/healthz", "/v1/rules", "/v1/rules/{rule_id}", "/v1/check"}
    check = paths["/v1/check"]["post"]
    assert set(check["responses"]) == {"200", "413", "422"}
    ok = check["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok["$ref"].endswith("/CheckResponse")
    props = doc["components"]["schemas"]["FindingOut"]["properties"]
    assert set(props) == FIELDS | {"record"}
    assert "404" in paths["/v1/rules/{rule_id}"]["get"]["responses"]
    # every error answer has our shape; FastAPI's default 422 schema must not be promised
    assert "HTTPValidationError" not in doc["components"]["schemas"]


def test_page_is_self_contained_and_locked_down(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    csp = response.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "connect-src 'self'" in csp
    for external in ("http://", "https://", "//cdn", "src=", "@import", "url("):
        assert external not in html
    assert re.findall(r'href="([^"]*)"', html) == ["data:,"]  # the empty favicon only
    assert "innerHTML" not in html and "insertAdjacentHTML" not in html
    assert '<label for="note">' in html and 'aria-live="polite"' in html


def test_framework_telemetry_is_off(checker: langcheck.Checker, monkeypatch) -> None:
    """FastAPI versions with built-in OpenTelemetry would export spans, logs with exception
    messages and stack traces when FASTAPI_OTEL_AUTO_CONFIGURE=true; the service turns all
    of it off, whatever the environment says."""
    import inspect

    from fastapi import FastAPI

    monkeypatch.setenv("FASTAPI_OTEL_AUTO_CONFIGURE", "true")
    app = create_app(Settings(), checker=checker)
    if "telemetry" not in inspect.signature(FastAPI.__init__).parameters:
        pytest.skip("this FastAPI has no built-in telemetry")
    config = app._telemetry  # type: ignore[attr-defined]
    assert not any(config[k] for k in ("tracing", "metrics", "logs", "operation_spans",
                                       "auto_configure"))
    assert not app._native_telemetry.enabled()  # type: ignore[attr-defined]
