"""A real terminal session in tmux: type a rewrite, read the feedback, ask a hint, press Ctrl-C.

This is the one test that goes through a pseudo-terminal (line editing, colour, Ctrl-C as a
signal), which typer's runner cannot. It runs on its own tmux server socket, waits for each
screen with a bounded poll, and always kills that server.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.test_train_session import RIGHT, TEST_PACK

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed "
                                "(CI installs it with .ci/system-deps)")


class Pane:
    """A detached tmux session on a private server socket."""

    def __init__(self, socket: str, name: str) -> None:
        self.base = [str(TMUX), "-L", socket]
        self.name = name

    def tmux(self, *args: str) -> str:
        return subprocess.run([*self.base, *args], check=True, capture_output=True, text=True,
                              timeout=20).stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-J", "-S", "-200", "-t", self.name)

    def wait_for(self, text: str, timeout: float = 60.0, after: int = 0) -> str:
        """Poll the pane until `text` appears after offset `after` (bounded wait)."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen[after:]:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} did not appear within {timeout}s; screen:\n{screen}")

    def type_line(self, line: str) -> None:
        self.tmux("send-keys", "-t", self.name, "-l", line)
        self.tmux("send-keys", "-t", self.name, "Enter")


def test_terminal_session_shows_feedback_and_survives_ctrl_c(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(TEST_PACK, encoding="utf-8")
    results = tmp_path / "results.json"
    command = shlex.join([sys.executable, "-m", "langcheck", "train", "--pack", str(pack),
                          "--in-order", "--results", str(results)])
    script = f"{command}; echo \"EXIT=$?\"; sleep 120"
    socket = f"langcheck-test-{os.getpid()}"
    pane = Pane(socket, "train")
    env_cwd = str(Path(__file__).resolve().parents[1])
    try:
        pane.tmux("new-session", "-d", "-x", "120", "-y", "40", "-s", "train", "-c", env_cwd,
                  f"bash -c {shlex.quote(script)}")
        pane.wait_for("Your rewrite>")
        pane.type_line(RIGHT)
        screen = pane.wait_for("Exercise 2 of 4")
        assert "Well done" in screen
        assert "fixed  'putting herself at risk' (BR101)" in screen
        assert "Why it matters" in screen and "Model rewrite" in screen
        mark = screen.index("Exercise 2 of 4")
        pane.type_line("hint")
        screen = pane.wait_for("Hint: look again at", after=mark)
        assert "'child porn'" in screen[mark:]
        pane.tmux("send-keys", "-t", "train", "C-c")
        screen = pane.wait_for("EXIT=", after=mark)
        assert "Session stopped." in screen
        assert "Score: 1 of 1" in screen
        assert "Traceback" not in screen
        assert "EXIT=130" in screen
        data = json.loads(results.read_text(encoding="utf-8"))
        assert data["ended_by"] == "interrupted"
        assert [e["outcome"] for e in data["exercises"]] == ["fixed"]
    finally:
        subprocess.run([str(TMUX), "-L", socket, "kill-server"], capture_output=True,
                       timeout=20, check=False)
