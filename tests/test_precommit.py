"""The pre-commit hook as a user installs it: `pre-commit try-repo <this project> langcheck`
in a git repository holding a letter with a problem; it fails, and passes once fixed.

pre-commit builds the hook's own virtualenv and pip-installs this project into it (about
20 seconds the first time), so this is the one test that does so.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from langcheck.cli import app
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def test_try_repo_fails_on_a_problem_and_passes_once_fixed(tmp_path: Path) -> None:
    if not (ROOT / ".git").exists():
        pytest.skip("the project is not a git checkout (pre-commit needs one)")
    repo = tmp_path / "letters"
    repo.mkdir()
    _git(repo, "init", "-q")
    letter = repo / "letter.md"
    letter.write_text("# Strategy meeting\n\nChild porn was found on the laptop.\n")
    _git(repo, "add", "letter.md")
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
               GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")
    cmd = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "langcheck",
           "--files", "letter.md"]
    failed = subprocess.run(cmd, cwd=repo, env=env, capture_output=True, text=True,
                            timeout=900)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "Failed" in failed.stdout
    assert "letter.md:3:1: AM101 error" in failed.stdout

    result = CliRunner().invoke(app, ["check", str(letter), "--fix"])
    assert "AM101 fixed" in result.stderr
    _git(repo, "add", "letter.md")
    passed = subprocess.run(cmd, cwd=repo, env=env, capture_output=True, text=True,
                            timeout=900)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
