"""Exercise packs: the built-in pack against the lexicon, and strict errors for trainers' packs."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import langcheck
from langcheck.cli import app
from langcheck.lexicon import CATEGORIES
from langcheck.train.pack import PackError, builtin_pack_path, check_pack, load_pack, parse_pack

runner = CliRunner()


@pytest.fixture(scope="module")
def builtin():
    return load_pack()


def test_builtin_pack_ships_inside_the_package() -> None:
    path = builtin_pack_path()
    assert path.is_file()
    assert Path(langcheck.__file__).parent in path.parents


def test_builtin_pack_has_40_exercises_covering_every_category(builtin) -> None:
    assert len(builtin.exercises) >= 40
    missing = set(CATEGORIES) - {e.category for e in builtin.exercises}
    assert not missing, f"categories with no exercise: {sorted(missing)}"
    for e in builtin.exercises:
        assert e.note, f"{e.id}: the trainer's note is missing"
        sentences = e.scenario.count(". ") + 1
        assert 2 <= sentences <= 4, f"{e.id}: a scenario has 2-4 sentences"


def test_every_builtin_exercise_is_flagged_and_every_model_rewrite_is_clean(
        builtin, checker) -> None:
    """Lists every problem: a rule id the lexicon lacks, a scenario its rules do not flag, or
    a model rewrite langcheck would flag (the pack must never teach flagged wording)."""
    problems = check_pack(builtin, checker)
    missing = sorted({p.exercise for p in problems if "not in the lexicon" in p.reason})
    report = "\n".join(str(p) for p in problems)
    if missing:
        report = (f"exercises that reference rules missing from the lexicon: {missing}\n"
                  + report)
    assert not problems, report


def test_each_listed_rule_belongs_to_a_real_category_of_its_exercise(builtin, lexicon) -> None:
    """An exercise is filed under the category of at least one of its rules."""
    wrong = []
    for e in builtin.exercises:
        categories = {lexicon.get(r).category for r in e.rules if lexicon.get(r)}
        if categories and e.category not in categories:
            wrong.append(f"{e.id}: {e.category} vs rules in {sorted(categories)}")
    assert not wrong, "\n".join(wrong)


def problems_of(text: str) -> list[str]:
    with pytest.raises(PackError) as info:
        parse_pack(text, "my-pack.yaml")
    return [str(p) for p in info.value.problems]


GOOD = """\
exercises:
  - id: first
    category: blames-child-for-risk
    rules: [BR101]
    scenario: Tia (14) keeps putting herself at risk at the park. School are worried.
    rewrites:
      - Adults at the park are exploiting Tia (14). School are worried.
"""


def test_a_good_pack_loads_with_defaults() -> None:
    pack = parse_pack(GOOD, "my-pack.yaml")
    (ex,) = pack.exercises
    assert pack.name == "my-pack"
    assert ex.rules == ("BR101",) and ex.note == "" and ex.line == 2


def test_structure_errors_name_file_line_and_exercise() -> None:
    text = GOOD + """\
  - id: second
    category: victim-blaming
    rule: [BR101]
    scenario: ""
    rewrites:
      - Fine text.
      - ""
  - id: first
    category: disbelief
    rules: [DB101]
    scenario: One. Two.
    rewrites: [Three.]
    notes: typo
"""
    found = problems_of(text)
    assert any(p.startswith("my-pack.yaml:9: exercise 'second': unknown category") for p in found)
    assert any(p.startswith("my-pack.yaml:10: exercise 'second': unknown field 'rule'")
               for p in found)
    assert "my-pack.yaml:8: exercise 'second': missing required field 'rules'" in found
    assert "my-pack.yaml:11: exercise 'second': 'scenario' must be non-empty text" in found
    assert "my-pack.yaml:14: exercise 'second': model rewrite 2 must be non-empty text" in found
    assert "my-pack.yaml:15: exercise 'first': duplicate id (first used on line 2)" in found
    assert any(p.startswith("my-pack.yaml:20: exercise 'first': unknown field 'notes'")
               for p in found)


def test_yaml_and_shape_errors() -> None:
    (p,) = problems_of("exercises:\n  - id: x\n    scenario: [unclosed\n")
    assert p.startswith("my-pack.yaml:") and "not valid YAML" in p
    assert problems_of("name: empty\n") == [
        "my-pack.yaml: a pack needs a non-empty list under 'exercises:'"]
    assert "unknown top-level key 'exercise'" in problems_of("exercise: []\n")[0]
    assert "must be a mapping" in problems_of("exercises: [just text]\n")[0]


def test_content_errors_point_at_the_rule_scenario_and_rewrite_lines(checker) -> None:
    text = """\
exercises:
  - id: not-flagged
    category: implies-consent
    rules: [IC101, ZZ999]
    scenario: >
      Home visit completed. The children were settled.
    rewrites:
      - Home visit completed.
  - id: bad-model
    category: blames-child-for-risk
    rules: [BR101]
    scenario: Tia (14) keeps putting herself at risk at the park. School are worried.
    rewrites:
      - Adults at the park are exploiting Tia (14). School are worried.
      - Tia (14) is putting herself at risk at the park. School are worried.
"""
    found = [str(p) for p in check_pack(parse_pack(text, "p.yaml"), checker)]
    assert found == [
        "p.yaml:4: exercise 'not-flagged': rule(s) not in the lexicon: ZZ999 "
        "(see `langcheck rules`)",
        "p.yaml:5: exercise 'not-flagged': scenario is not flagged by IC101 "
        "(langcheck finds: nothing)",
        "p.yaml:15: exercise 'bad-model': model rewrite 2 is not clean: "
        "BR101 'putting herself at risk'",
    ]


def test_cli_pack_validation_exits_2_with_one_line_per_problem(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(GOOD.replace("Adults at the park are exploiting Tia (14).",
                                "Tia (14) puts herself at risk at the park."), encoding="utf-8")
    r = runner.invoke(app, ["train", "--pack", str(bad)], input="quit\n")
    assert r.exit_code == 2
    assert f"langcheck: error: {bad}:7: exercise 'first': model rewrite 1 is not clean" in r.stderr
    assert "Exercise 1" not in r.stdout
    r = runner.invoke(app, ["train", "--pack", str(tmp_path / "nope.yaml")])
    assert r.exit_code == 2 and "nope.yaml: no such file" in r.stderr
    (tmp_path / "typo.yaml").write_text(GOOD.replace("rules:", "rule:"), encoding="utf-8")
    r = runner.invoke(app, ["train", "--pack", str(tmp_path / "typo.yaml")])
    assert r.exit_code == 2 and "exercise 'first': unknown field 'rule'" in r.stderr


def test_our_own_words_follow_the_guidance(builtin, checker) -> None:
    """Trainer's notes, hints and the fixed text of the session and worksheets name the
    problem words only inside quotation marks (info), never as our own wording."""
    from langcheck.train import feedback, worksheet

    texts = {f"note of {e.id}": f"{e.note} {e.hint}" for e in builtin.exercises}
    texts.update({f"verdict {k}": v for k, v in feedback.VERDICTS.items()})
    texts["commands help"] = feedback.COMMANDS_HELP
    texts["worksheet instructions"] = worksheet.INSTRUCTIONS
    flagged = [f"{where}: {f.rule} {f.text!r}" for where, text in texts.items()
               for f in checker.check(text) if f.severity in ("error", "warning")]
    assert not flagged, "\n".join(flagged)
