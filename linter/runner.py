"""Lint many paths: expand directories, read each file, check it, collect unreadable ones.

One bad file never stops the others; it becomes an entry in `errors` and makes the run
exit 3 when nothing worse is found.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from linter import __version__
from linter.errors import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, InputError, MissingFileError
from linter.findings import SEVERITY, DocumentResult

SUFFIXES = (".docx", ".pdf", ".txt", ".md", ".markdown", ".text")

FAIL_ON = {"conflict": 3, "partial": 2, "gap": 1, "never": 99}


@dataclass
class RunError:
    path: str
    code: str
    message: str

    def to_json(self) -> dict:
        return {"path": self.path, "code": self.code, "message": self.message}


@dataclass
class Run:
    documents: list[DocumentResult] = field(default_factory=list)
    errors: list[RunError] = field(default_factory=list)
    policy_name: str = ""
    policy_rules: int = 0

    def to_json(self) -> dict:
        return {
            "tool": {"name": "bangkok-lint", "version": __version__},
            "policy": {"name": self.policy_name, "rules": self.policy_rules},
            "documents": [d.to_json() for d in self.documents],
            "errors": [e.to_json() for e in self.errors],
        }

    def exit_code(self, fail_on: str) -> int:
        threshold = FAIL_ON[fail_on]
        if any(SEVERITY[r.verdict] >= threshold for d in self.documents for r in d.rules):
            return EXIT_FINDINGS
        return EXIT_INPUT if self.errors else EXIT_OK


def expand_paths(paths: Iterable[str]) -> list[str]:
    """Files as given; directories walked recursively for supported documents, in sorted order."""
    out = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out += sorted(str(p) for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        else:
            out.append(raw)
    return out


def lint_file(path: str, scope: Iterable[str] | None) -> DocumentResult:
    from linter.engine import check_document
    from linter.extract import read_document

    return check_document(read_document(path), scope)


def lint_paths(paths: Iterable[str], scope: Iterable[str] | None = None) -> Run:
    from linter.engine import resolve_scope
    from linter.policy import load_policy

    policy = load_policy()
    resolve_scope(policy, scope)  # a bad scope is a usage error before any file is read
    run = Run(policy_name=policy.short_name, policy_rules=len(policy.rules))
    files = expand_paths(paths)
    if not files:
        run.errors.append(RunError(", ".join(paths), MissingFileError.code, "no supported documents found"))
    for path in files:
        try:
            run.documents.append(lint_file(path, scope))
        except InputError as exc:
            run.errors.append(RunError(path, exc.code, exc.message))
    return run
