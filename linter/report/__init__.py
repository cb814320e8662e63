"""Report formats. Each format is one module exposing `render(run, options) -> str`;
adding a format means adding a module and one entry in `FORMATS`."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field, replace

from linter.findings import SEVERITY
from linter.runner import Run

FORMATS = {
    "text": "linter.report.text",
    "json": "linter.report.json_report",
    "sarif": "linter.report.sarif",
    "markdown": "linter.report.markdown",
    "html": "linter.report.html",
    "csv": "linter.report.csv_report",
    "docx": "linter.report.docx_comments",
}

SARIF_LEVELS = {"conflict": "error", "partial": "warning", "gap": "note"}

# --show: the least severe verdict listed; "fail-on": only what can fail the run.
SHOW_LEVELS = ("conflict", "partial", "gap", "fail-on")


@dataclass(frozen=True)
class ReportOptions:
    color: bool = False
    quiet: bool = False
    # Where the report goes; the docx format writes annotated copies there instead of printing.
    output: str | None = None
    levels: dict[str, str] = field(default_factory=lambda: dict(SARIF_LEVELS))
    # The least severe verdict listed (conflict, partial or gap); None: the format's default
    # (SARIF and quiet text leave gaps out, since a gap points at no line).
    show: str | None = None

    def shows(self, verdict: str, default: str = "gap") -> bool:
        """Is a finding of this verdict listed? show "none" lists nothing (--show fail-on with --fail-on never)."""
        return self.show != "none" and SEVERITY[verdict] >= SEVERITY[self.show or default]

    # docx: list the gaps in a comment and insert their model clauses.
    gap_comments: bool = True
    # csv: start with a byte-order mark so spreadsheets read the file as UTF-8.
    bom: bool = True


# Formats read by programs, which escape control characters themselves.
MACHINE_FORMATS = ("json", "sarif")


def render(fmt: str, run: Run, options: ReportOptions) -> str:
    # Imported on demand so a text run never loads python-docx or the HTML templates.
    return importlib.import_module(FORMATS[fmt]).render(_safe(run, fmt), options)


def _safe(run: Run, fmt: str) -> Run:
    """The run with every string a report prints made safe for `fmt` (see linter.sanitise)."""
    from linter.sanitise import clean_text, cleaned, printable_path, valid_unicode

    text = valid_unicode if fmt in MACHINE_FORMATS else clean_text
    return replace(
        run,
        documents=cleaned(run.documents, text),
        errors=cleaned(run.errors, text),
        baseline=cleaned(run.baseline, text),
        # Keyed by the shown path, as the documents are; each Document keeps its real path
        # (the docx format reads it) and shows only its title.
        sources={printable_path(path): replace(doc, title=text(doc.title)) for path, doc in run.sources.items()},
    )
