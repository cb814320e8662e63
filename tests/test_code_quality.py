"""The linter and the type checker, configured in pyproject.toml, pass on the repository.

Each tool runs as `python -m <tool>` from the repository root, so it reads the project's
configuration; on failure the test prints what the tool said.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def _assert_clean(result: subprocess.CompletedProcess[str], tool: str) -> None:
    assert result.returncode == 0, f"{tool} failed (exit {result.returncode}):\n{result.stdout}{result.stderr}"


def test_ruff_lint_passes() -> None:
    _assert_clean(_run("ruff", "check", "."), "ruff check")


def test_mypy_passes() -> None:
    # `files` and the per-module settings come from [tool.mypy] in pyproject.toml.
    _assert_clean(_run("mypy"), "mypy")


def test_ruff_format_is_applied() -> None:
    _assert_clean(_run("ruff", "format", "--check", "."), "ruff format --check")
