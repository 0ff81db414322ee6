"""`langcheck serve` options, start-up line and the message without the serve extra."""

from __future__ import annotations

from typing import Any

import pytest
from typer.testing import CliRunner

import langcheck
import langcheck.serve
import langcheck.serve.app
from langcheck.cli import app
from langcheck.commands.serve import is_loopback


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def captured(monkeypatch: pytest.MonkeyPatch, checker: langcheck.Checker) -> dict[str, Any]:
    """Stop before the server runs: record what uvicorn would have been given."""
    import uvicorn

    calls: dict[str, Any] = {}

    def fake_run(target: Any, **kwargs: Any) -> None:
        calls["target"] = target
        calls.update(kwargs)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    monkeypatch.setattr(langcheck.serve.app, "build_checker", lambda settings: checker)
    return calls


def test_missing_extra_is_one_line_and_exit_2(runner: CliRunner,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(langcheck.serve, "missing_extra", lambda: "fastapi")
    result = runner.invoke(app, ["serve"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert "pip install 'langcheck[serve]'" in lines[0]


def test_binds_loopback_by_default_and_says_so(runner: CliRunner,
                                              captured: dict[str, Any]) -> None:
    result = runner.invoke(app, ["serve"])
    assert result.exit_code == 0, result.output
    assert captured["host"] == "127.0.0.1" and captured["port"] == 8080
    assert captured["access_log"] is False  # our middleware logs instead
    assert "listening on http://127.0.0.1:8080 (loopback only" in result.output


def test_other_host_and_limits(runner: CliRunner, captured: dict[str, Any]) -> None:
    result = runner.invoke(app, ["serve", "--host", "0.0.0.0", "--port", "9001",
                                 "--max-body", "5000", "--budget-ms", "50"])
    assert result.exit_code == 0, result.output
    assert "NOT loopback" in result.output
    settings = captured["target"].state.settings
    assert (settings.max_body, settings.budget_ms) == (5000, 50.0)
    assert captured["port"] == 9001


def test_unknown_rule_selection_exits_2(runner: CliRunner,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: pytest.fail("must not start"))
    result = runner.invoke(app, ["serve", "--select", "NOPE999"])
    assert result.exit_code == 2
    assert "NOPE999" in result.output


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.8.0.3", True), ("::1", True), ("[::1]", True),
    ("localhost", True), ("0.0.0.0", False), ("192.168.1.20", False), ("::", False),
    ("example.org", False),
])
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_project_configuration_applies_to_the_service(tmp_path, monkeypatch) -> None:
    """`[tool.langcheck]` in the folder the service starts from: ignore and severity."""
    from fastapi.testclient import TestClient

    from langcheck.serve.app import create_app
    from langcheck.serve.limits import Settings
    from langcheck.serve.settings import apply_project_config

    (tmp_path / "pyproject.toml").write_text(
        '[tool.langcheck]\nignore = ["BR101"]\n[tool.langcheck.severity]\n'
        'abuse-material-terminology = "warning"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    settings = apply_project_config(Settings(ignore=["LC"]))
    assert settings.ignore == ["BR101"]  # LC... selects suppression meta-rules, not lexicon
    assert settings.config_path == str(tmp_path / "pyproject.toml")
    client = TestClient(create_app(settings))
    ids = {r["id"] for r in client.get("/v1/rules").json()}
    assert "BR101" not in ids and ids
    text = "Jo keeps putting herself at risk. The phone held child pornography."
    findings = client.post("/v1/check", json={"text": text}).json()["findings"]
    assert {f["rule"] for f in findings} == {"AM101"}
    assert {f["severity"] for f in findings} == {"warning"}


def test_bad_configuration_is_one_line_exit_2(runner: CliRunner, tmp_path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "langcheck.toml").write_text('select = ["NOPE999"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["serve"])
    assert result.exit_code == 2
    assert "langcheck.toml" in result.output and "NOPE999" in result.output
    assert len(result.output.strip().splitlines()) == 1
