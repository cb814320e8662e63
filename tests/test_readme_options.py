"""The README mentions only options the command line knows."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from linter.cli import main

README = Path(__file__).resolve().parents[1] / "README.md"
_FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.M | re.S)
_COMMAND = re.compile(r"\bbangkok-lint\s+([a-z][a-z-]*)")
_OPTION = re.compile(r"(?<![\w-])(--[a-z][a-z0-9-]*|-[a-zA-Z])\b")
# Lines of other programs (installers, pytest, pre-commit's own keys) in the README's blocks.
_OTHER_PROGRAMS = re.compile(r"^\s*(\$\s*)?(python3?|\.venv/bin/(pip|python)|pip|git|uses:|echo)\b")


def _options(command: click.Command) -> set[str]:
    names = {"--help"}
    for param in command.params:
        names.update(getattr(param, "opts", ()))
        names.update(getattr(param, "secondary_opts", ()))
    return names


def known_options() -> dict[str, set[str]]:
    return {name: _options(cmd) for name, cmd in main.commands.items()}


def readme_options() -> list[tuple[str | None, str, str]]:
    """(command or None, option, line) for every option in the README's code blocks."""
    found = []
    for block in _FENCE.findall(README.read_text(encoding="utf-8")):
        for line in block.splitlines():
            if _OTHER_PROGRAMS.match(line) and "bangkok-lint" not in line:
                continue
            command = _COMMAND.search(line)
            rest = line[command.end() :] if command else line
            # A shell pipeline after the command is another program.
            rest = re.split(r"\s(?:\||&&|;|>)\s", rest)[0]
            found += [(command.group(1) if command else None, opt, line) for opt in _OPTION.findall(rest)]
    return found


def test_the_extractor_finds_options():
    options = readme_options()
    assert ("check", "--select", "$ bangkok-lint check laws/prison-rules.txt --select 22-24") in options
    assert len(options) > 10


@pytest.mark.parametrize("command, option, line", readme_options())
def test_every_readme_option_exists(command, option, line):
    known = known_options()
    if command is not None:
        assert command in known, f"README: no command {command!r}: {line}"
        assert option in known[command], f"README: `bangkok-lint {command}` has no option {option}: {line}"
    else:  # e.g. pre-commit `args: [--fail-on, conflict]`, passed to `check`
        assert option in set().union(*known.values()), f"README: no command has the option {option}: {line}"
