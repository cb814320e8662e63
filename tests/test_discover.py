"""Which files a folder walk lints: excludes, .gitignore, repository files, bangkok-lint's own outputs."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner

from linter.cli import main
from linter.discover import Globs, Selection, discover
from linter.own_outputs import is_own_output

ROOT = Path(__file__).resolve().parents[1]

# A Commonwealth-style rule that conflicts with Rule 24, and a civil-law article that implements Rule 22.
CONFLICTING = "Prisons Regulations\n\n7. An officer may apply leg irons to a woman in labour where she is considered an escape risk.\n"
ARTICLE = "Code of Execution of Sentences\n\nArticle 19. A pregnant or nursing woman shall not be placed in a punishment cell.\n"


def write(root: Path, rel: str, text: str = ARTICLE) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def linted(*args: str) -> list[str]:
    result = CliRunner().invoke(main, ["check", *args, "--select", "22-24", "--fail-on", "never", "--format", "json"])
    assert result.exit_code == 0, result.output
    return [d["path"] for d in json.loads(result.output)["documents"]]


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A policy repository: laws in folders, repository files, ignored and excluded files."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    write(tmp_path, "laws/prisons-regulations.txt", CONFLICTING)
    write(tmp_path, "laws/execution-code.md")
    write(tmp_path, "README.md", "# Our laws\n\nRun bangkok-lint check laws.\n")
    write(tmp_path, "CHANGELOG.md", "## 2024\n- added the execution code\n")
    write(tmp_path, "LICENSE.txt", "Permission is hereby granted, free of charge.\n")
    write(tmp_path, ".github/PULL_REQUEST_TEMPLATE.md", "Describe the amendment.\n")
    return tmp_path


def test_a_walk_skips_repository_files_and_hidden_folders(repo):
    assert linted(".") == ["laws/execution-code.md", "laws/prisons-regulations.txt"]


def test_a_repository_file_named_on_the_command_line_is_linted(repo):
    assert linted("README.md") == ["README.md"]


def test_gitignore_with_folder_patterns_negation_and_nested_files(repo):
    (repo / ".gitignore").write_text("archive/\n*.tmp.txt\n!keep.tmp.txt\nscratch\n", encoding="utf-8")
    write(repo, "laws/archive/1998-act.txt")  # inside an ignored folder
    write(repo, "laws/archive.txt")  # "archive/" names folders only
    write(repo, "laws/draft.tmp.txt")
    write(repo, "laws/keep.tmp.txt")  # re-included by the negation
    write(repo, "laws/scratch/notes.txt")  # a pattern without a slash matches a folder too
    write(repo, "laws/regional/.gitignore", "!draft.tmp.txt\nold-*.txt\n")
    write(repo, "laws/regional/draft.tmp.txt")  # the deeper file re-includes it
    write(repo, "laws/regional/old-code.txt")
    write(repo, "laws/old-code.txt")  # the nested file's pattern does not reach up
    assert linted("laws") == [
        "laws/archive.txt",
        "laws/execution-code.md",
        "laws/keep.tmp.txt",
        "laws/old-code.txt",
        "laws/prisons-regulations.txt",
        "laws/regional/draft.tmp.txt",
    ]
    assert "laws/draft.tmp.txt" in linted("laws", "--no-respect-gitignore")


def test_gitignore_applies_only_inside_a_git_repository(repo):
    (repo / ".git").rmdir()
    (repo / ".gitignore").write_text("*.md\n", encoding="utf-8")
    assert "laws/execution-code.md" in linted("laws")


def test_exclude_and_extend_exclude_from_config_and_command_line(repo):
    write(repo, "laws/superseded/1970-rules.txt")
    write(repo, "laws/execution-code.old.md")
    (repo / "bangkok-lint.toml").write_text('extend-exclude = ["superseded/"]\n', encoding="utf-8")
    assert linted("laws") == ["laws/execution-code.md", "laws/execution-code.old.md", "laws/prisons-regulations.txt"]
    assert linted("laws", "--extend-exclude", "*.old.md") == ["laws/execution-code.md", "laws/prisons-regulations.txt"]
    # --exclude replaces the default excludes (hidden folders are walked again); the config's
    # extend-exclude still applies.
    walked = linted(".", "--exclude", "*.old.md")
    assert ".github/PULL_REQUEST_TEMPLATE.md" in walked
    assert "laws/superseded/1970-rules.txt" not in walked and "laws/execution-code.old.md" not in walked


def test_config_globs_are_relative_to_the_config_file(repo, monkeypatch):
    write(repo, "laws/superseded/1970-rules.txt")
    (repo / "bangkok-lint.toml").write_text('exclude = ["/laws/superseded/"]\n', encoding="utf-8")
    monkeypatch.chdir(repo / "laws")
    assert linted(".") == ["execution-code.md", "prisons-regulations.txt"]


def test_own_reports_are_recognised_by_their_markers(repo):
    runner = CliRunner()
    for fmt, name in (
        ("markdown", "coverage.md"),
        ("html", "coverage.html"),
        ("text", "report.txt"),
        ("csv", "plan.csv"),
        ("sarif", "scan.sarif"),
        ("json", "out.json"),
    ):
        result = runner.invoke(main, ["check", "laws", "--select", "22-24", "--format", fmt, "-o", f"reports/{name}"])
        assert result.exit_code == 1, result.output
        # Renamed, so only the content can tell.
        renamed = repo / "reports" / ("copy-" + name)
        (repo / "reports" / name).rename(renamed)
        assert is_own_output(renamed), fmt
    assert not is_own_output(repo / "laws" / "prisons-regulations.txt")
    assert not is_own_output(repo / "laws" / "execution-code.md")
    assert linted(".") == ["laws/execution-code.md", "laws/prisons-regulations.txt"]


def test_reviewed_word_copies_are_never_linted_again(repo):
    word = docx.Document()
    word.add_paragraph("Prisons Regulations")
    word.add_paragraph("7. An officer may apply leg irons to a woman in labour where she is considered an escape risk.")
    word.save(str(repo / "laws" / "draft.docx"))
    result = CliRunner().invoke(main, ["check", "laws/draft.docx", "--select", "24", "--format", "docx", "-o", "laws"])
    assert result.exit_code == 1, result.output
    assert (repo / "laws" / "draft.bangkok-lint.docx").is_file()
    assert "laws/draft.bangkok-lint.docx" not in linted("laws")
    (repo / "laws" / "draft.bangkok-lint.docx").rename(repo / "laws" / "draft-reviewed.docx")
    assert linted("laws") == ["laws/draft.docx", "laws/execution-code.md", "laws/prisons-regulations.txt"]


def test_a_law_that_mentions_the_tool_is_still_a_law(repo):
    write(
        repo,
        "laws/annex.md",
        "# Annex\n\nThe ministry checks drafts with bangkok-lint before tabling them.\n\n" + ARTICLE,
    )
    assert "laws/annex.md" in linted("laws")


def test_the_pre_commit_hook_prints_only_what_can_fail_it(repo):
    """The hook passes staged files by name: repository files and reports are dropped, gaps and partials not printed."""
    hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    entry = shlex.split(hook["entry"])
    assert entry[0] == "bangkok-lint"
    staged = ["README.md", "CHANGELOG.md", "laws/prisons-regulations.txt", "laws/execution-code.md"]
    result = CliRunner().invoke(main, [*entry[1:], "--fail-on", "conflict", *staged])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        line
        for line in result.output.splitlines()
        if line.startswith("laws/prisons-regulations.txt:7 (line 3): conflict BR24 ")
    ]
    assert len(result.output.splitlines()) == 1
    only_docs = CliRunner().invoke(main, [*entry[1:], "--fail-on", "conflict", "README.md", "CHANGELOG.md"])
    assert (only_docs.exit_code, only_docs.output) == (0, "")


def test_named_files_inside_an_excluded_folder_are_dropped_with_force_exclude(repo):
    write(repo, "laws/superseded/1970-rules.txt", CONFLICTING)
    selection = Selection(excludes=(Globs(repo, ("superseded/",)),), force_exclude=True)
    found = discover(["laws/superseded/1970-rules.txt", "laws/prisons-regulations.txt"], selection)
    assert (found.files, found.skipped_named) == (["laws/prisons-regulations.txt"], ["laws/superseded/1970-rules.txt"])
    assert discover(["laws/superseded/1970-rules.txt"], Selection(excludes=(Globs(repo, ("superseded/",)),))).files == [
        "laws/superseded/1970-rules.txt"
    ]


def test_gitignore_and_force_exclude_from_the_config(repo):
    (repo / ".gitignore").write_text("laws/draft-*.txt\n", encoding="utf-8")
    write(repo, "laws/draft-2025.txt")
    assert "laws/draft-2025.txt" not in linted("laws")
    (repo / "bangkok-lint.toml").write_text("respect-gitignore = false\n", encoding="utf-8")
    assert "laws/draft-2025.txt" in linted("laws")
    assert linted("README.md", "laws/execution-code.md") == ["README.md", "laws/execution-code.md"]
    (repo / "bangkok-lint.toml").write_text("force-exclude = true\n", encoding="utf-8")
    assert linted("README.md", "laws/execution-code.md") == ["laws/execution-code.md"]
    (repo / "bangkok-lint.toml").write_text('force-exclude = "yes"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "laws"])
    assert result.exit_code == 2 and "key 'force-exclude': expected true or false" in result.output


def test_a_named_folder_is_walked_even_when_excluded_or_ignored(repo):
    (repo / ".gitignore").write_text("build/\n", encoding="utf-8")
    write(repo, "build/laws/consolidated.txt")
    write(repo, "build/laws/.cache/tmp.txt")
    assert linted(".github") == [".github/PULL_REQUEST_TEMPLATE.md"]
    assert linted("build") == ["build/laws/consolidated.txt"]  # inside it, hidden folders are still left out
    assert "build/laws/consolidated.txt" not in linted(".")


def test_a_folder_that_cannot_be_listed_is_reported_not_skipped(tmp_path, monkeypatch):
    import os

    from linter.discover import discover

    (tmp_path / "laws" / "locked").mkdir(parents=True)
    (tmp_path / "laws" / "rules.txt").write_text("1. Text.\n", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):
        # Tests may run as root, for whom chmod 000 changes nothing: refuse the listing instead.
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    files = discover([str(tmp_path / "laws")]).files
    assert str(tmp_path / "laws" / "locked") in files
    assert str(tmp_path / "laws" / "rules.txt") in files
