"""The self-assessment and action-plan worksheet of Bangkok Rules trainings, as CSV.

One row per rule and document; the responsible authority and timeline columns are left
empty for the prison administration to fill in. The file starts with a UTF-8 byte-order
mark by default: without it Excel and LibreOffice read it in the local code page and "§"
becomes "Â§" (`--no-bom` for tools that want plain UTF-8).
"""

from __future__ import annotations

import csv
import io

from linter.report import ReportOptions
from linter.report.cite import place, suggestion
from linter.runner import Run

COLUMNS = (
    "document",
    "rule",
    "title",
    "verdict",
    "section",
    "quote",
    "missing elements",
    "suggested action",
    "responsible authority",
    "timeline",
)


def render(run: Run, options: ReportOptions) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for doc in run.documents:
        for r in doc.rules:
            cited = [e for e in r.evidence if e.relation == "conflicts"] or r.evidence
            writer.writerow(
                _cell(value)
                for value in [
                    doc.path,
                    r.code,
                    r.title,
                    r.verdict,
                    "; ".join(place(e) for e in cited),
                    " | ".join(e.quote for e in cited),
                    "; ".join(r.missing),
                    suggestion(r),
                    "",
                    "",
                ]
            )
    return ("\ufeff" if options.bom else "") + buffer.getvalue()


def _cell(value: str) -> str:
    # A spreadsheet runs a cell starting with = + - @ as a formula; document text must stay text.
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value
