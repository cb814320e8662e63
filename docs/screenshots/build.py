"""Rebuild the two screenshots in this folder from a sample draft written for them.

    python docs/screenshots/build.py

Needs LibreOffice (`soffice`), headless Chromium and poppler-utils (`pdftoppm`) on the PATH.
The reviewed Word copy is rendered by LibreOffice with its comments in the margin, the
HTML report by Chromium; each PNG is kept under 300 KB.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import docx

HERE = Path(__file__).resolve().parent
# A short ASEAN-style ministerial regulation, written for this screenshot.
DRAFT = [
    ("Ministerial Regulation on Correctional Institutions for Women, B.E. 2568", "Title"),
    ("Chapter 3 Discipline and Security", "Heading 1"),
    ("Clause 21 Use of restraints", None),
    (
        "Instruments of restraint shall not be used on a woman prisoner during labour, except where the officer in charge considers it necessary for security.",
        None,
    ),
    ("Clause 22 Disciplinary punishments", None),
    (
        "A prisoner who commits a disciplinary offence may be placed in disciplinary segregation for up to fifteen days, including while pregnant.",
        None,
    ),
    ("Chapter 4 Health Care", "Heading 1"),
    (
        "Clause 30 On admission every woman prisoner shall be examined by a medical officer, who shall record any pregnancy.",
        None,
    ),
]


def main() -> int:
    for tool in ("soffice", "chromium", "pdftoppm"):
        if not shutil.which(tool):
            print(f"{tool} is not installed", file=sys.stderr)
            return 1
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        word = docx.Document()
        for text, style in DRAFT:
            word.add_paragraph(text, style=style)
        word.save(str(work / "regulation.docx"))
        lint = [
            sys.executable,
            "-m",
            "linter.cli",
            "check",
            "regulation.docx",
            "--select",
            "22-24",
            "--fail-on",
            "never",
        ]
        subprocess.run([*lint, "--format", "docx", "-o", "reviewed.docx"], cwd=work, check=True)
        subprocess.run([*lint, "--format", "html", "-o", "report.html"], cwd=work, check=True)
        margin = 'pdf:writer_pdf_Export:{"ExportNotesInMargin":{"type":"boolean","value":"true"},"ExportNotes":{"type":"boolean","value":"false"}}'
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={(work / 'profile').as_uri()}",
                "--headless",
                "--convert-to",
                margin,
                "--outdir",
                str(work),
                str(work / "reviewed.docx"),
            ],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "80",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(work / "reviewed.pdf"),
                str(HERE / "reviewed-docx"),
            ],
            check=True,
        )
        subprocess.run(
            [
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--window-size=1000,1400",
                f"--screenshot={HERE / 'html-report.png'}",
                (work / "report.html").as_uri(),
            ],
            check=True,
            capture_output=True,
        )
    for png in ("reviewed-docx.png", "html-report.png"):
        size = (HERE / png).stat().st_size
        print(f"{png}: {size // 1024} KB")
        if size > 300_000:
            print(f"{png} is over 300 KB", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
