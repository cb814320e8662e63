"""What a published report says about the check itself, so a reader can cite and reproduce it:
the document (title, file name, SHA-256), when it was checked, and with which tool and rules."""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from linter import __version__
from linter.findings import DocumentResult
from linter.model import Document
from linter.policy import load_policy
from linter.resources import data_path


@dataclass(frozen=True)
class About:
    title: str
    file_name: str
    path: str
    sha256: str
    checked: str  # ISO date and time, UTC
    tool: str
    policy: str
    rules_data: str  # fingerprint of the policy and pattern files the verdicts come from
    scope: str

    def rows(self) -> list[tuple[str, str]]:
        """(label, value) pairs in reading order, for a facts table."""
        return [
            ("Document", self.title),
            ("File", self.path),
            ("SHA-256", self.sha256),
            ("Checked on", self.checked),
            ("Tool", self.tool),
            ("Rules", self.policy),
            ("Rule data version", self.rules_data),
            ("Scope", self.scope),
        ]


def about(doc: DocumentResult, source: Document | None, when: datetime | None = None) -> About:
    policy = load_policy()
    when = when or datetime.now(timezone.utc)
    return About(
        title=(source.title if source is not None and source.title else Path(doc.path).stem),
        file_name=Path(doc.path).name,
        path=doc.path,
        sha256=source.sha256 if source is not None and source.sha256 else sha256_of(doc.path),
        checked=when.strftime("%Y-%m-%d %H:%M UTC"),
        tool=f"bangkok-lint {__version__}",
        policy=f"{policy.short_name}, {policy.source}, {len(policy.rules)} rules",
        rules_data=rules_data_version(),
        scope=", ".join(doc.scope),
    )


def sha256_of(path: str) -> str:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return "unavailable (the file could not be read again)"
    return digest.hexdigest()


@functools.lru_cache(maxsize=None)
def rules_data_version() -> str:
    """The first 12 hex digits of a SHA-256 over the policy and pattern files: two reports with
    the same value were judged by the same rules, whatever the tool version."""
    digest = hashlib.sha256()
    for folder in ("policies", "patterns"):
        root = data_path(folder)
        for path in sorted(root.rglob("*.yaml")):
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
