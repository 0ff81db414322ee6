"""Configuration as a partnership uses it: files found by walking up, --config, merging with
the command line, local lexicon packs, clear errors, `langcheck config`, `lexicon check`."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from langcheck.cli import app

runner = CliRunner()
RISK = "Tia (14) keeps putting herself at risk.\n"
MATERIAL = "Child porn was found on the laptop.\n"

# a partnership's own label (invented here, so no built-in rule will ever cover it)
PACK = """\
- id: LOC101
  category: professional-jargon
  severity: warning
  patterns:
    - "blue-file child|girl|boy|kid"
  message: Describe what is happening to the child, not the colour of the folder.
  why: >
    An office label for a child makes the child a case type and hides the adults who harm them.
  suggestions: [a child open to the exploitation team]
  sources: [LUX]
  examples:
    flag:
      - Amy (13) is a blue-file girl now.
      - The team call him a blue file kid.
      - She became a bluefile child last year.
    pass:
      - Amy (13) is open to the exploitation team.
      - The blue file was sent to the archive.
      - Put the letter in the blue folder for the child's worker.
"""


def run(*args: str, input: str | None = None):
    return runner.invoke(app, [str(a) for a in args], input=input)


def rules_of(result) -> list[str]:
    return [f["rule"] for f in json.loads(result.stdout)]


def test_pyproject_table_is_found_by_walking_up(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n'
                                             '[tool.langcheck]\nignore = ["BR"]\n')
    deep = tmp_path / "letters" / "2024"
    deep.mkdir(parents=True)
    note = deep / "note.md"
    note.write_text(RISK + MATERIAL)
    r = run("check", note, "--format", "json")
    assert rules_of(r) == ["AM101"]
    # the command line adds to the configured ignore list
    r = run("check", note, "--format", "json", "--ignore", "AM101")
    assert r.exit_code == 0 and rules_of(r) == []
    # --select replaces the configured selection
    r = run("check", note, "--format", "json", "--select", "BR101")
    assert rules_of(r) == []  # BR is still ignored by the config


def test_langcheck_toml_wins_and_pyproject_without_table_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / "langcheck.toml").write_text('select = ["AM"]\n')
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "pyproject.toml").write_text('[project]\nname = "no-langcheck-settings"\n')
    note = sub / "n.txt"
    note.write_text(RISK + MATERIAL)
    assert rules_of(run("check", note, "-f", "json")) == ["AM101"]
    (sub / "langcheck.toml").write_text('select = ["BR"]\n')
    (sub / "pyproject.toml").write_text('[tool.langcheck]\nselect = ["AM"]\n')
    assert rules_of(run("check", note, "-f", "json")) == ["BR101"]


def test_severity_override_and_fail_on(tmp_path: Path) -> None:
    (tmp_path / "langcheck.toml").write_text(
        'fail-on = "error"\n[severity]\nBR101 = "warning"\n')
    note = tmp_path / "n.txt"
    note.write_text(RISK)
    r = run("check", note, "-f", "json")
    assert [f["severity"] for f in json.loads(r.stdout)] == ["warning"]
    assert r.exit_code == 0  # a warning is below the configured fail-on
    assert run("check", note, "--fail-on", "warning").exit_code == 1


def test_explicit_config_replaces_the_search(tmp_path: Path) -> None:
    (tmp_path / "langcheck.toml").write_text('ignore = ["AM"]\n')
    other = tmp_path / "elsewhere" / "strict.toml"
    other.parent.mkdir()
    other.write_text('[tool.langcheck]\nselect = ["AM101"]\n')
    note = tmp_path / "n.txt"
    note.write_text(RISK + MATERIAL)
    assert rules_of(run("check", note, "-f", "json")) == ["BR101"]
    assert rules_of(run("check", note, "-f", "json", "--config", other)) == ["AM101"]


def test_exclude_globs(tmp_path: Path) -> None:
    (tmp_path / "langcheck.toml").write_text('exclude = ["drafts/*", "*.rst"]\n')
    (tmp_path / "drafts" / "old").mkdir(parents=True)
    (tmp_path / "drafts" / "old" / "a.md").write_text(MATERIAL)
    (tmp_path / "guide.rst").write_text(MATERIAL)
    (tmp_path / "final.md").write_text(RISK)
    r = run("check", tmp_path, "-f", "json")
    assert [Path(f["path"]).name for f in json.loads(r.stdout)] == ["final.md"]
    # a file named on the command line (as pre-commit does) is excluded too
    r = run("check", tmp_path / "guide.rst", "-f", "json")
    assert r.exit_code == 0 and rules_of(r) == []


def test_extend_lexicon_adds_a_local_pack(tmp_path: Path) -> None:
    (tmp_path / "terms").mkdir()
    (tmp_path / "terms" / "local.yaml").write_text(PACK)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.langcheck]\nextend-lexicon = ["terms/local.yaml"]\n')
    note = tmp_path / "n.txt"
    note.write_text("Mia (12) is a blue-file girl according to the out-of-hours team.\n")
    assert "LOC101" in rules_of(run("check", note, "-f", "json"))
    assert rules_of(run("check", note, "-f", "json", "--select", "LOC")) == ["LOC101"]
    assert "LOC101" not in rules_of(run("check", note, "-f", "json", "--ignore", "LOC"))


def test_malformed_configuration_is_one_line_naming_the_file(tmp_path: Path) -> None:
    note = tmp_path / "n.txt"
    note.write_text(RISK)
    cfg = tmp_path / "langcheck.toml"
    cases = {
        'select = ["BR"\n': "invalid TOML",
        'selct = ["BR"]\n': "unknown key(s): selct",
        'extend_lexicon = ["x.yaml"]\n': "kebab-case",
        '[severity]\nBR101 = "loud"\n': "severity for BR101 must be one of",
        'ignore = ["ZZ9"]\n': "unknown rule, prefix or category: 'ZZ9'",
        'extend-lexicon = ["missing.yaml"]\n': "no such file 'missing.yaml'",
        'fail-on = 3\n': "'fail-on' must be one of",
    }
    for content, needle in cases.items():
        cfg.write_text(content)
        r = run("check", note)
        errors = [line for line in r.stderr.splitlines() if line.strip()]
        assert r.exit_code == 2, content
        assert len(errors) == 1, errors
        assert str(cfg) in errors[0] and needle in errors[0], (content, errors[0])


def test_invalid_local_pack_names_the_pack(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(PACK.replace("category: professional-jargon", "category: rudeness"))
    (tmp_path / "langcheck.toml").write_text('extend-lexicon = ["bad.yaml"]\n')
    note = tmp_path / "n.txt"
    note.write_text(RISK)
    r = run("check", note)
    assert r.exit_code == 2
    assert str(bad) in r.stderr and "LOC101" in r.stderr and "unknown category" in r.stderr


def test_config_command_shows_values_and_origins(tmp_path: Path) -> None:
    cfg = tmp_path / "langcheck.toml"
    cfg.write_text('ignore = ["IC"]\n[severity]\nBR101 = "warning"\n')
    r = run("config", tmp_path)
    assert r.exit_code == 0
    lines = {line.split("=")[0].strip(): line for line in r.stdout.splitlines() if "=" in line}
    assert '["IC"]' in lines["ignore"] and str(cfg) in lines["ignore"]
    assert '"BR101": "warning"' in lines["severity"] and str(cfg) in lines["severity"]
    assert "from default" in lines["fail-on"] and '"warning"' in lines["fail-on"]
    data = json.loads(run("config", tmp_path, "--json").stdout)
    assert data["file"] == str(cfg)
    assert data["settings"]["select"] == {"value": None, "from": "default"}
    assert not any(rule.startswith("IC") for rule in data["active_rules"])
    assert "BR101" in data["active_rules"]
    cfg.write_text('[severity]\nBR101 = "loud"\n')
    r = run("config", tmp_path)
    assert r.exit_code == 2 and str(cfg) in r.stderr and "BR101" in r.stderr
    empty = tmp_path / "nothing-here" / "deeper"
    empty.mkdir(parents=True)
    cfg.unlink()
    assert "built-in defaults" in run("config", empty).stdout


def test_lexicon_check_runs_a_pack_examples(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(PACK)
    r = run("lexicon", "check", good)
    assert r.exit_code == 0, r.stdout
    assert "1 rule, 6 examples: ok" in r.stdout
    failing = tmp_path / "failing.yaml"
    failing.write_text(PACK.replace("- The blue file was sent to the archive.",
                                    "- The blue-file kid was sent to the archive.")
                       .replace("- The team call him a blue file kid.",
                                "- The team call him a regular visitor."))
    r = run("lexicon", "check", failing)
    assert r.exit_code == 1
    assert "2 failed" in r.stdout
    assert "not flagged: 'The team call him a regular visitor.'" in r.stdout
    assert "in a pass example: 'The blue-file kid was sent to the archive.'" in r.stdout
    clash = tmp_path / "clash.yaml"
    clash.write_text(PACK.replace("LOC101", "BR101"))
    r = run("lexicon", "check", good, clash)
    assert r.exit_code == 2
    assert "duplicate id" in r.stdout and str(clash) in r.stdout
    assert "good.yaml: 1 rule" in r.stdout  # the valid pack is still checked
