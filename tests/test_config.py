"""Configuration discovery, validation, per-path overrides and precedence of the command line."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from linter.cli import main
from linter.config import find_config, load_config, parse_rules
from linter.errors import ConfigError

DRAFT = """Prison Rules 2024

1. Instruments of restraint may be used on a pregnant prisoner during labour where the governor considers it necessary.
"""


def test_pyproject_section_is_found_walking_up(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.bangkok-lint]\nfail-on = "gap"\nselect = ["22-24", 57]\n')
    deep = tmp_path / "laws" / "2024"
    deep.mkdir(parents=True)
    found = find_config(deep)
    assert found == tmp_path / "pyproject.toml"
    config = load_config(found)
    assert config.fail_on == "gap"
    assert config.select == (22, 23, 24, 57)


def test_own_file_wins_and_pyproject_without_section_is_passed_over(tmp_path):
    (tmp_path / "bangkok-lint.toml").write_text('fail-on = "partial"\n')
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert find_config(inner) == tmp_path / "bangkok-lint.toml"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('failon = "gap"\n', "'failon'"),
        ('fail-on = "sometimes"\n', "'fail-on'"),
        ("select = [0]\n", "'select'"),
        ('format = "pdf"\n', "'format'"),
        ("scope = 3\n", "'scope'"),
        ('[[overrides]]\nscope = ["pretrial"]\n', "'paths'"),
        ('[[overrides]]\npaths = ["a*"]\ncolour = 1\n', "'colour'"),
        ('[sarif-levels]\npartial = "info"\n', "'sarif-levels'"),
        ('[sarif-levels]\nsilent = "note"\n', "'sarif-levels'"),
    ],
)
def test_bad_keys_and_values_name_the_key(tmp_path, text, key):
    path = tmp_path / "bangkok-lint.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=key):
        load_config(path)


def test_config_error_exits_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bangkok-lint.toml").write_text("unknown = 1\n")
    (tmp_path / "d.txt").write_text(DRAFT)
    result = CliRunner().invoke(main, ["check", "d.txt"])
    assert result.exit_code == 2
    assert "unknown key 'unknown'" in result.output


def test_rule_specs():
    assert parse_rules("22-24,BR57", "--select") == (22, 23, 24, 57)
    with pytest.raises(ConfigError, match="--select"):
        parse_rules("24-22", "--select")


def test_config_applies_and_command_line_wins(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.txt").write_text(DRAFT)
    (tmp_path / "bangkok-lint.toml").write_text('select = ["24"]\nfail-on = "never"\nformat = "json"\n')
    from_config = CliRunner().invoke(main, ["check", "d.txt"])
    assert from_config.exit_code == 0
    assert [r["rule"] for r in json.loads(from_config.output)["documents"][0]["rules"]] == [24]
    overridden = CliRunner().invoke(main, ["check", "d.txt", "--fail-on", "conflict", "--format", "text"])
    assert overridden.exit_code == 1
    assert overridden.output.startswith("d.txt:1 (line 3): conflict BR24")


def test_per_path_override_changes_scope(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "laws").mkdir()
    (tmp_path / "laws" / "sentencing-act.txt").write_text(DRAFT)
    (tmp_path / "laws" / "prison-rules.txt").write_text(DRAFT)
    (tmp_path / "bangkok-lint.toml").write_text(
        'format = "json"\n[[overrides]]\npaths = ["laws/sentencing*"]\nscope = ["courts-sentencing"]\n'
    )
    docs = json.loads(CliRunner().invoke(main, ["check", "laws"]).output)["documents"]
    scopes = {d["path"].split("/")[-1]: d["scope"] for d in docs}
    assert scopes == {"prison-rules.txt": ["prison-administration"], "sentencing-act.txt": ["courts-sentencing"]}
    sentencing = next(d for d in docs if d["path"].endswith("sentencing-act.txt"))
    # Rule 24 addresses prison administration, so it is not checked against a sentencing law.
    assert next(r for r in sentencing["rules"] if r["rule"] == 24)["verdict"] == "not-applicable"


def test_sarif_levels_from_config(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.txt").write_text(DRAFT)
    (tmp_path / "bangkok-lint.toml").write_text('select = ["24"]\n[sarif-levels]\nconflict = "warning"\n')
    result = CliRunner().invoke(main, ["check", "d.txt", "--format", "sarif"])
    run = json.loads(result.output)["runs"][0]
    assert [(r["ruleId"], r["level"]) for r in run["results"]] == [("BR24", "warning")]
    assert all(rule["defaultConfiguration"]["level"] == "warning" for rule in run["tool"]["driver"]["rules"])
