"""`langcheck serve` as a real uvicorn server on a free loopback port, in a subprocess."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

SECRET = "Marigold Featherstonehaugh said she is frightened of the man at the flats."
FLAGGED = "Kim keeps putting herself at risk at the weekend."


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, port: int, proc: subprocess.Popen, log: Path) -> None:
        self.port, self.proc, self.log = port, proc, log

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def post(self, path: str, data: dict) -> tuple[int, dict]:
        request = urllib.request.Request(self.url(path), data=json.dumps(data).encode(),
                                         headers={"content-type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read())


def start(tmp_path: Path, *args: str) -> Server:
    port = free_port()
    log = tmp_path / "server.log"
    proc = subprocess.Popen(
        [sys.executable, "-m", "langcheck", "serve", "--port", str(port), *args],
        stdout=subprocess.DEVNULL, stderr=log.open("wb"), start_new_session=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
    server = Server(port, proc, log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"server exited early: {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(server.url("/healthz"), timeout=1) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    stop(server)
    pytest.fail("server did not answer /healthz within 60 s")


def stop(server: Server) -> None:
    if server.proc.poll() is None:
        os.killpg(server.proc.pid, signal.SIGINT)
        try:
            server.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.proc.pid, signal.SIGKILL)
            server.proc.wait(timeout=5)


def test_real_server_two_workers_checks_and_logs_no_text(tmp_path: Path) -> None:
    """Two worker processes on one port (SO_REUSEPORT), each with its own warm Checker."""
    server = start(tmp_path, "--workers", "2")
    try:
        for n in range(6):  # separate connections; the kernel spreads them over the workers
            status, data = server.post("/v1/check", {"text": f"{SECRET} {FLAGGED}",
                                                     "id": f"n{n}"})
            assert status == 200 and data["complete"] is True
            flagged = [f for f in data["findings"] if f["record"] == f"n{n}"]
            assert flagged and all(f["start"] >= len(SECRET) for f in flagged)
        status, data = server.post("/v1/check", {"texts": [SECRET]})
        assert status == 422
    finally:
        stop(server)
    assert server.proc.returncode is not None
    log = server.log.read_text()
    assert "listening on http://127.0.0.1:" in log and "loopback only" in log
    assert "2 worker(s)" in log
    assert log.count("POST /v1/check 200") == 6 and "POST /v1/check 422" in log
    assert "Marigold" not in log and "Featherstonehaugh" not in log and "flats" not in log
    assert "uvicorn.access" not in log
