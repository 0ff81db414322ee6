"""Property-based tests of the service against its own OpenAPI document (schemathesis).

Every operation gets generated requests; every response must match the status codes and
schemas the document declares, and no request may cause a server error. The schema is
loaded inside the test (not at import) so collecting the suite builds no Checker.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

import langcheck
from langcheck.serve.app import create_app
from langcheck.serve.limits import Settings

OPERATIONS = ["GET /healthz", "GET /v1/rules", "GET /v1/rules/{rule_id}", "POST /v1/check"]


@pytest.fixture(scope="module")
def api_schema(checker: langcheck.Checker) -> schemathesis.BaseSchema:
    app = create_app(Settings(max_body=20_000), checker=checker)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def test_every_operation_is_covered(api_schema: schemathesis.BaseSchema) -> None:
    found = sorted(f"{r.ok().method.upper()} {r.ok().path}"
                   for r in api_schema.get_all_operations())
    assert found == sorted(OPERATIONS)


@pytest.mark.parametrize("operation", OPERATIONS)
def test_api_conforms_to_its_openapi_document(api_schema: schemathesis.BaseSchema,
                                              operation: str) -> None:
    method, path = operation.split(" ")
    strategy = api_schema[path][method].as_strategy()

    @given(case=strategy)
    @settings(max_examples=30, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case: schemathesis.Case) -> None:
        case.call_and_validate()

    run()
