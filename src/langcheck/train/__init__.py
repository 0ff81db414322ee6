"""`langcheck train`: rewriting exercises built from the lexicon, for trainers and trainees.

Modules, one job each:

* `pack`: the exercise-pack format (YAML), strict loading and checking against the lexicon;
* `assess`: judging a rewrite (what was fixed, what remains, were the facts kept);
* `feedback`: what the trainee sees;
* `session`: the interactive loop and the trainer's results file;
* `worksheet`: printable Markdown/HTML worksheets with an optional answer key.

The built-in pack ships as package data in `packs/builtin.yaml`.
"""

from __future__ import annotations

from langcheck.train.assess import Assessment, assess
from langcheck.train.pack import (
    Exercise,
    Pack,
    PackError,
    PackProblem,
    builtin_pack_path,
    check_pack,
    load_pack,
    parse_pack,
)

__all__ = [
    "Assessment",
    "Exercise",
    "Pack",
    "PackError",
    "PackProblem",
    "assess",
    "builtin_pack_path",
    "check_pack",
    "load_pack",
    "parse_pack",
]
