"""The wheel ships the lexicon: build it, install it on its own, and check a note with it."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import ROOT


def test_wheel_contains_and_uses_the_lexicon(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(tmp_path / "dist"), str(ROOT)], check=True, timeout=300)
    (wheel,) = (tmp_path / "dist").glob("langcheck-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "langcheck/lexicon/classes.yaml" in names
    assert "langcheck/lexicon/context.yaml" in names
    assert "langcheck/lexicon/inflections.json" in names
    assert sum(n.startswith("langcheck/lexicon/") and n.endswith(".yaml") for n in names) >= 5
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(target), str(wheel)], check=True, timeout=300)
    code = ("import langcheck, langcheck.lexicon as L; "
            "print(langcheck.__file__); print(L.builtin_lexicon_dir()); "
            "print([f.rule for f in langcheck.check('Kiddie porn was found.')])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=tmp_path, env={"PYTHONPATH": str(target), "PATH": "/usr/bin"},
                         check=True).stdout.splitlines()
    assert out[0].startswith(str(target))
    assert out[1].startswith(str(target))
    assert out[2] == "['AM101']"
