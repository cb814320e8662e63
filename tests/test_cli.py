"""`bangkok-lint check` options and exit codes, run in-process on small hand-written drafts."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli import main

# Line 5 permits restraints during labour (conflict with Rule 24); line 7 implements Rule 22.
CONFLICTING = """Prison Rules 2024

Part 1 Restraints

1. Instruments of restraint may be used on a pregnant prisoner during labour where the governor considers it necessary.

2. A woman prisoner shall not be placed in close confinement or disciplinary segregation while pregnant or breastfeeding.
"""
COMPLIANT = CONFLICTING.replace(
    "may be used on a pregnant prisoner during labour where the governor considers it necessary",
    "shall never be used on a woman during labour, during birth or immediately after birth",
)


@pytest.fixture
def drafts(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.txt").write_text(CONFLICTING, encoding="utf-8")
    (tmp_path / "good.txt").write_text(COMPLIANT, encoding="utf-8")
    return tmp_path


def check(*args: str):
    return CliRunner().invoke(main, ["check", *args])


def test_exit_0_when_nothing_reaches_fail_on(drafts):
    result = check("good.txt", "--select", "22,24")
    assert result.exit_code == 0, result.output
    assert "good.txt: 0 conflict, 0 partial, 0 gap, 2 covered" in result.output


def test_exit_1_on_a_conflict(drafts):
    result = check("bad.txt", "--select", "22,24")
    assert result.exit_code == 1
    assert result.output.startswith("bad.txt:1 (line 5): conflict BR24 ")


def test_fail_on_never_and_gap(drafts):
    assert check("bad.txt", "--select", "22,24", "--fail-on", "never").exit_code == 0
    # Rule 23 (family contact as a sanction) is not addressed by either draft: a gap.
    assert check("good.txt", "--select", "22-24").exit_code == 0
    assert check("good.txt", "--select", "22-24", "--fail-on", "gap").exit_code == 1


@pytest.mark.parametrize(
    "args",
    [
        ["--select", "71"],
        ["--select", "x"],
        ["--scope", "nowhere"],
        ["--fail-on", "sometimes"],
        ["--format", "pdf"],
        ["--jobs", "0"],
    ],
)
def test_exit_2_on_usage_errors(drafts, args):
    assert check("good.txt", *args).exit_code == 2


def test_exit_3_when_one_input_is_unreadable_and_others_still_reported(drafts):
    (drafts / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    result = check("bad.txt", "broken.docx", "good.txt", "--select", "22,24")
    assert result.exit_code == 3  # an unreadable input wins over the conflict in bad.txt
    assert "bad.txt:1 (line 5): conflict BR24" in result.output
    assert "good.txt: 0 conflict, 0 partial, 0 gap, 2 covered" in result.output
    assert "broken.docx: error [corrupt]" in result.output


def test_directory_is_walked_and_ignore_drops_rules(drafts):
    result = check(".", "--select", "22-24", "--ignore", "23", "--format", "json")
    data = json.loads(result.output)
    assert [d["path"] for d in data["documents"]] == ["bad.txt", "good.txt"]
    assert [r["rule"] for r in data["documents"][0]["rules"]] == [22, 24]


def test_output_file_and_quiet(drafts):
    result = check("bad.txt", "--select", "22-24", "-q", "-o", "report.txt")
    assert result.output == ""
    lines = (drafts / "report.txt").read_text(encoding="utf-8").splitlines()
    assert [line.split(": ")[1].split()[0] for line in lines] == ["conflict"]  # no rule text, no summary, no gaps
    check("bad.txt", "--select", "22-24", "-q", "--show", "gap", "-o", "report.txt")
    lines = (drafts / "report.txt").read_text(encoding="utf-8").splitlines()
    assert [line.split(": ")[1].split()[0] for line in lines] == ["conflict", "gap"]


def test_colour_only_when_asked(drafts):
    assert "\x1b[" not in check("bad.txt", "--select", "24").output
    assert "\x1b[31m" in check("bad.txt", "--select", "24", "--color").output


def test_jobs_gives_the_same_report_in_input_order(drafts):
    files = ["good.txt", "bad.txt", "good.txt"]
    one = check(*files, "--select", "22-24", "--format", "json", "--jobs", "1")
    two = check(*files, "--select", "22-24", "--format", "json", "--jobs", "2")
    assert one.exit_code == two.exit_code == 1
    assert one.output == two.output
    assert [d["path"] for d in json.loads(two.output)["documents"]] == files


def test_help_documents_exit_codes():
    text = CliRunner().invoke(main, ["check", "--help"]).output
    assert "3  at least one input could not be read" in text


def test_version_starts_without_heavy_imports():
    code = "import sys; from linter.cli import main; print('spacy' in sys.modules, 'docx' in sys.modules)"
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_init_writes_a_config_that_loads_and_refuses_to_overwrite(drafts):
    from linter.config import load_config

    first = CliRunner().invoke(main, ["init"])
    assert first.exit_code == 0
    assert load_config(drafts / "bangkok-lint.toml").fail_on == "conflict"
    assert CliRunner().invoke(main, ["init"]).exit_code == 2
    assert CliRunner().invoke(main, ["init", "--force"]).exit_code == 0


def test_pre_commit_hook_runs_check():
    import yaml

    hooks = yaml.safe_load((Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "bangkok-lint")
    assert hook["entry"].split()[:2] == ["bangkok-lint", "check"]
    pattern = re.compile(hook["files"])
    assert pattern.search("laws/draft.docx") and pattern.search("rules.pdf") and not pattern.search("setup.py")


def test_progress_bar_goes_to_stderr_on_a_terminal_and_never_in_ci(drafts, monkeypatch, capsys):
    from linter import runner

    files = [str(drafts / "bad.txt"), str(drafts / "good.txt")]
    monkeypatch.setattr(runner, "_PROGRESS_MIN_FILES", 2)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(runner.sys.stderr, "isatty", lambda: True)
    run = runner.lint_paths(files, ["all"], progress=True)
    assert [d.path for d in run.documents] == files
    assert "Checking" in capsys.readouterr().err
    monkeypatch.setenv("CI", "true")
    runner.lint_paths(files, ["all"], progress=True)
    assert "Checking" not in capsys.readouterr().err


def test_the_console_script_flushes_its_output_runs_exit_handlers_and_keeps_exit_codes(tmp_path):
    """`run` skips the interpreter's teardown (os._exit) only after flushing and the exit handlers."""
    env = {**os.environ, "BANGKOK_LINT_CACHE_DIR": str(tmp_path / "cache")}
    law = Path(__file__).resolve().parents[1] / "corpus" / "docs" / "01_westminster-prison-rules.txt"
    done = subprocess.run(
        [sys.executable, "-m", "linter.cli", "check", "--format", "json", str(law)], capture_output=True, env=env
    )
    assert done.returncode == 1  # findings at or above the default --fail-on
    assert json.loads(done.stdout)["documents"]  # the whole report, flushed
    assert list((tmp_path / "cache").glob("phrase-keys-*.json"))  # written by an exit handler
    usage = subprocess.run([sys.executable, "-m", "linter.cli", "check", "--no-such-option"], capture_output=True)
    assert usage.returncode == 2 and b"No such option" in usage.stderr
