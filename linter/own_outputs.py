"""Recognise the reports and reviewed copies bangkok-lint wrote, so a folder walk never lints them.

Each reporter that writes a file a walk could meet leaves a marker in it: a generator
meta tag (HTML), a generator comment (Markdown), the tool's name in the JSON and SARIF
`tool` object, the fixed CSV header, the comments authored by bangkok-lint in a reviewed
Word copy (also named `*.bangkok-lint.docx`), the finding lines of the text report. The
markers are read from the first few kilobytes only.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from linter import __version__

GENERATOR = "bangkok-lint"
REVIEWED_DOCX_SUFFIX = ".bangkok-lint.docx"
COMMENT_AUTHOR = GENERATOR

_HEAD_BYTES = 8192
_MARKERS = (
    re.compile(r'<meta\s+name="generator"\s+content="bangkok-lint'),  # HTML
    re.compile(r"\A\s*<!-- generator: bangkok-lint"),  # Markdown
    re.compile(r'\A\s*\{.*?"(?:tool|driver)"\s*:\s*\{\s*"name"\s*:\s*"bangkok-lint"', re.S),  # JSON, SARIF
    re.compile(r"\A\ufeff?document,rule,title,verdict,"),  # CSV
    # Text report: a finding line, a summary line, or an error line of the report.
    re.compile(r"\A[^\n]*?: (?:conflict|partial|gap) [A-Z]+\d{1,3} |\A[^\n]*: \d+ conflict, \d+ partial, \d+ gap, "),
)


def html_meta() -> str:
    return f'<meta name="generator" content="{GENERATOR} {__version__}">'


def markdown_comment() -> str:
    return f"<!-- generator: {GENERATOR} {__version__} -->"


def is_own_output(path: Path) -> bool:
    """Did bangkok-lint write this file (a report or a reviewed copy)?"""
    if path.name.lower().endswith(REVIEWED_DOCX_SUFFIX):
        return True
    try:
        with path.open("rb") as fh:
            head = fh.read(_HEAD_BYTES)
    except OSError:
        return False
    if head.startswith(b"PK"):
        return _reviewed_docx(path)
    text = head.decode("utf-8", errors="ignore")
    return any(marker.search(text) for marker in _MARKERS)


def _reviewed_docx(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            comments = archive.read("word/comments.xml") if "word/comments.xml" in archive.namelist() else b""
    except (OSError, zipfile.BadZipFile, KeyError):
        return False
    return f'w:author="{COMMENT_AUTHOR}"'.encode() in comments
