"""Check uploaded documents the way `check` and `diff` do, and render every download at once.

The uploads are written to a private temporary folder (mode 0700) only for as long as the
runner reads them: the reports, including the reviewed Word copies, are rendered into
memory before the folder is removed, so nothing the user sent stays on disk once the
result exists. The runner's per-file error path is reused, so a corrupt file becomes
that file's one-line error and the others are still checked. Reports name each document
by the file name the user chose, never by the temporary path.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from linter.diff import Diff, diff_documents
from linter.runner import FileSettings, Run, RunError, lint_paths

# Only counts are logged: never a file name, a path or any document text.
log = logging.getLogger("bangkok_lint.web")

_UNSAFE = re.compile(r"[\x00-\x1f\x7f]")
_MAX_NAME = 120


@dataclass(frozen=True)
class Upload:
    """One file as the browser sent it: the name the user chose and its bytes."""

    name: str
    file: BinaryIO


@dataclass(frozen=True)
class Download:
    filename: str
    media_type: str
    content: bytes
    label: str


@dataclass
class CheckResult:
    report_html: str
    errors: list[RunError]
    downloads: list[Download] = field(default_factory=list)


@dataclass
class CompareResult:
    diff: Diff | None
    errors: list[RunError]
    downloads: list[Download] = field(default_factory=list)


def check_uploads(uploads: list[Upload], settings: FileSettings, temp_root: Path | None = None) -> CheckResult:
    """Lint the uploads with `settings`; the HTML report plus the reviewed Word copies, CSV, JSON and SARIF."""
    from linter.report import ReportOptions, render

    started = time.monotonic()
    with _saved(uploads, temp_root) as files:
        run = lint_paths(list(files), settings.scope, settings_for=lambda _path: settings)
        # The Word copies are made from the uploaded originals, so before the folder goes.
        downloads = _reviewed_copies(run, files)
    _rename(run, files)
    options = ReportOptions()
    report = render("html", run, options)
    downloads += [
        Download(
            "action-plan.csv",
            "text/csv; charset=utf-8",
            render("csv", run, options).encode("utf-8"),
            "Action plan (CSV)",
        ),
        Download(
            "bangkok-lint.json", "application/json", render("json", run, options).encode("utf-8"), "Findings (JSON)"
        ),
        Download(
            "bangkok-lint.sarif",
            "application/sarif+json",
            render("sarif", run, options).encode("utf-8"),
            "Code-scanning results (SARIF)",
        ),
        Download("coverage-report.html", "text/html; charset=utf-8", report.encode("utf-8"), "This report (HTML file)"),
    ]
    log.info(
        "checked %d document(s), %d unreadable, in %.1f s",
        len(run.documents),
        len(run.errors),
        time.monotonic() - started,
    )
    return CheckResult(report, run.errors, downloads)


def compare_uploads(old: Upload, new: Upload, scope: tuple[str, ...], temp_root: Path | None = None) -> CompareResult:
    """What NEW changes against OLD, rule by rule (the `diff` command), or why either could not be read."""
    started = time.monotonic()
    with _saved([old, new], temp_root) as files:
        run = lint_paths(list(files), scope)
    _rename(run, files)
    log.info("compared 2 documents, %d unreadable, in %.1f s", len(run.errors), time.monotonic() - started)
    if run.errors:
        return CompareResult(None, run.errors)
    diff = diff_documents(run.documents[0], run.documents[1])
    payload = json.dumps(diff.to_json(), indent=2, ensure_ascii=False) + "\n"
    return CompareResult(
        diff, [], [Download("bangkok-lint-diff.json", "application/json", payload.encode("utf-8"), "Changes (JSON)")]
    )


@contextmanager
def _saved(uploads: list[Upload], temp_root: Path | None) -> Iterator[dict[str, str]]:
    """{temporary path: display name} for the uploads; the folder is removed on leaving, whatever happened."""
    folder = Path(tempfile.mkdtemp(prefix="bangkok-lint-web-", dir=temp_root))
    try:
        files = {}
        for n, (upload, name) in enumerate(zip(uploads, display_names(u.name for u in uploads)), 1):
            # One sub-folder per upload keeps the user's file name without any clash.
            target = folder / str(n) / safe_name(upload.name)
            target.parent.mkdir()
            with target.open("wb") as out:
                shutil.copyfileobj(upload.file, out)
            files[str(target)] = name
        yield files
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def safe_name(name: str) -> str:
    """The last component of a browser-sent file name, without control characters; never empty."""
    base = PurePosixPath(name.replace("\\", "/")).name
    base = _UNSAFE.sub("", base).strip()[-_MAX_NAME:]
    return base if base not in ("", ".", "..") else "document"


def display_names(names: Iterable[str]) -> list[str]:
    """Safe names, made unique by " (2)", " (3)" before the suffix when the user sent the same name twice."""
    out: list[str] = []
    for name in map(safe_name, names):
        candidate, n = name, 1
        while candidate in out:
            n += 1
            stem, dot, suffix = name.rpartition(".")
            candidate = f"{stem} ({n}).{suffix}" if dot and stem else f"{name} ({n})"
        out.append(candidate)
    return out


def _reviewed_copies(run: Run, files: dict[str, str]) -> list[Download]:
    """The `docx` report format's reviewed copy of each Word upload, read back into memory."""
    from linter.report import ReportOptions, render
    from linter.report.docx_comments import SUFFIX

    downloads = []
    for doc in run.documents:
        if doc.format != "docx":
            continue
        # Beside the upload's own sub-folder, so no uploaded name can collide with it; one
        # document per run, so the format writes exactly the file named in `output`.
        upload_folder = Path(doc.path).parent
        target = upload_folder.with_name(upload_folder.name + "-reviewed.docx")
        render(
            "docx", Run(documents=[doc], sources={doc.path: run.sources[doc.path]}), ReportOptions(output=str(target))
        )
        name = Path(files[doc.path]).stem + SUFFIX
        downloads.append(
            Download(
                name,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                target.read_bytes(),
                f"Reviewed Word copy of {files[doc.path]}",
            )
        )
    return downloads


def _rename(run: Run, names: dict[str, str]) -> None:
    """Name documents and errors by the user's file names instead of the temporary paths."""
    for doc in run.documents:
        doc.path = names[doc.path]
    for source in run.sources.values():
        source.path = names.get(source.path, source.path)
    run.sources = {names.get(path, path): source for path, source in run.sources.items()}
    for error in run.errors:
        error.path = names.get(error.path, error.path)
