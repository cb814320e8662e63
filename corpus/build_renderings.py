"""Build DOCX and PDF renderings of corpus documents from their .txt sources.

    python corpus/build_renderings.py            # (re)write corpus/renderings/
    python corpus/build_renderings.py --check    # exit 1 if a committed rendering is stale

The renderings exercise the extractors on the features real files have: Word heading
styles, Word automatic numbering (numbers live in numbering.xml, not in the text), a
tracked change, a table, and A4 PDFs with running headers, "Page N of M" footers, two
columns and hyphenated line breaks. Output is byte-for-byte reproducible: every date in
the files and every ZIP timestamp is fixed.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.shared import Pt
from fpdf import FPDF
from lxml import etree

CORPUS = Path(__file__).resolve().parent
DOCS = CORPUS / "docs"
RENDERINGS = CORPUS / "renderings"
FIXED_DATE = datetime(2024, 1, 1, tzinfo=UTC)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
SOFT_HYPHEN = "\u00ad"


@dataclass(frozen=True)
class NumberingScheme:
    """How typed provision numbers map onto Word list levels.

    `patterns[i]` matches a paragraph whose number belongs at list level i; group 1 is
    the number, group 2 (optional) the text that stays in the paragraph.
    """

    level_texts: tuple[str, ...]
    level_formats: tuple[str, ...]
    patterns: tuple[str, ...]


SECTION_SCHEME = NumberingScheme(
    level_texts=("%1.", "(%2)", "(%3)"),
    level_formats=("decimal", "decimal", "lowerLetter"),
    patterns=(r"^(\d+)\. (.+)$", r"^\((\d+)\) (.+)$", r"^\(([a-z])\) (.+)$"),
)
ARTICLE_SCHEME = NumberingScheme(
    level_texts=("Article %1", "(%2)", "(%3)"),
    level_formats=("decimal", "decimal", "lowerLetter"),
    patterns=(r"^Article (\d+)()$", r"^\((\d+)\) (.+)$", r"^\(([a-z])\) (.+)$"),
)


@dataclass(frozen=True)
class TrackedChange:
    """A clause shown as deleted-then-inserted text; accepting it gives the .txt line."""

    line: str  # the line of the .txt as it reads after the change
    deleted: str
    inserted: str
    author: str = "Drafting Office"
    date: str = "2023-09-01T09:00:00Z"


@dataclass(frozen=True)
class DocxSpec:
    slug: str
    numbering: NumberingScheme | None = None
    tracked_change: TrackedChange | None = None
    typed_heading: str | None = None  # regex for numbered headings typed in the text


@dataclass(frozen=True)
class PdfSpec:
    slug: str
    columns: int = 1
    hyphenate: bool = False


@dataclass
class Source:
    title: str
    lines: list[str] = field(default_factory=list)


DOCX_SPECS = (
    DocxSpec("07_prison-service-instruction", typed_heading=r"^\d+\. [A-Z][^.]*$"),
    DocxSpec("10_sentencing-criminal-procedure-law", numbering=ARTICLE_SCHEME),
    DocxSpec("12_strong-womens-corrections-act", numbering=SECTION_SCHEME),
    DocxSpec(
        "13_amended-prison-rules-v2",
        tracked_change=TrackedChange(
            line="(7) [Revoked by S.I. 2023/112, r. 4.]",
            deleted=(
                "Notwithstanding paragraph (2), where an officer escorting a prisoner to "
                "hospital for childbirth considers that there is an immediate risk of "
                "escape, a single wrist restraint may be used until that risk has passed."
            ),
            inserted="[Revoked by S.I. 2023/112, r. 4.]",
        ),
    ),
)
PDF_SPECS = (
    PdfSpec("08_pretrial-detention-regulation", hyphenate=True),
    PdfSpec("09_juvenile-detention-regulation", columns=2),
    PdfSpec("11_weak-colonial-prisons-act"),
    PdfSpec("12_strong-womens-corrections-act"),
)


def read_source(slug: str) -> Source:
    """The body paragraphs of a corpus document: one non-empty line is one paragraph."""
    text = (DOCS / f"{slug}.txt").read_text(encoding="utf-8")
    source = Source(title=slug)
    for line in text.splitlines():
        if line.startswith("# "):
            if line.startswith("# title:"):
                source.title = line.removeprefix("# title:").strip()
            continue
        if line.strip():
            source.lines.append(line.strip())
    return source


def heading_level(line: str, previous: str, spec: DocxSpec | None) -> int | None:
    """Which Word heading a line is, by the drafting conventions the corpus uses."""
    if " | " in line:
        return None
    if re.match(r"^(PART|Part|CHAPTER|ANNEX|Annex)\b", line):
        return 1
    if re.search(r"[A-Za-z]", line) and not re.search(r"[a-z]", line):
        return 1
    if spec is not None and spec.typed_heading and re.match(spec.typed_heading, line):
        return 1
    if re.match(r"^Article \d+$", previous):
        return 3
    is_short = len(line.split()) <= 8 and not re.search(r"[\d.;:,\u2014-]$", line)
    if is_short and line[0].isupper() and not re.search(r"\d", line):
        return 2
    return None


# --- DOCX ---------------------------------------------------------------------------


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


class WordNumbering:
    """Adds one abstract list to numbering.xml and one w:num per top-level provision.

    Each section gets its own w:num whose level 0 starts at the section's own number,
    so gaps in the source numbering (Article 16 then 20) render exactly as typed, and
    every level restarts with the section.
    """

    ABSTRACT_ID = 90
    FIRST_NUM_ID = 200

    def __init__(self, document: docx.document.Document, scheme: NumberingScheme):
        self.scheme = scheme
        self.root = document.part.numbering_part.element
        self.next_num_id = self.FIRST_NUM_ID
        self.counters: list[int] = [0] * len(scheme.level_texts)
        self.current_num: int | None = None
        self._add_abstract()

    def _add_abstract(self) -> None:
        abstract = etree.Element(w("abstractNum"), {w("abstractNumId"): str(self.ABSTRACT_ID)})
        etree.SubElement(abstract, w("multiLevelType"), {w("val"): "multilevel"})
        for level, (text, fmt) in enumerate(zip(self.scheme.level_texts, self.scheme.level_formats)):
            lvl = etree.SubElement(abstract, w("lvl"), {w("ilvl"): str(level)})
            etree.SubElement(lvl, w("start"), {w("val"): "1"})
            etree.SubElement(lvl, w("numFmt"), {w("val"): fmt})
            etree.SubElement(lvl, w("lvlText"), {w("val"): text})
            etree.SubElement(lvl, w("lvlJc"), {w("val"): "left"})
            ppr = etree.SubElement(lvl, w("pPr"))
            indent = 360 + 360 * level
            etree.SubElement(ppr, w("ind"), {w("left"): str(indent + 360), w("hanging"): "720"})
        # abstractNum elements must come before every w:num in numbering.xml.
        first_num = self.root.find(w("num"))
        if first_num is None:
            self.root.append(abstract)
        else:
            first_num.addprevious(abstract)

    def start_section(self, number: int) -> int:
        num_id = self.next_num_id
        self.next_num_id += 1
        num = etree.SubElement(self.root, w("num"), {w("numId"): str(num_id)})
        etree.SubElement(num, w("abstractNumId"), {w("val"): str(self.ABSTRACT_ID)})
        for level in range(len(self.scheme.level_texts)):
            override = etree.SubElement(num, w("lvlOverride"), {w("ilvl"): str(level)})
            start = number if level == 0 else 1
            etree.SubElement(override, w("startOverride"), {w("val"): str(start)})
        self.current_num = num_id
        self.counters = [number - 1] + [0] * (len(self.scheme.level_texts) - 1)
        return num_id

    def rendered_number(self, level: int) -> str:
        """Advance the counters as Word does and return the number Word will display."""
        self.counters[level] += 1
        for deeper in range(level + 1, len(self.counters)):
            self.counters[deeper] = 0
        value = self.counters[level]
        shown = chr(ord("a") + value - 1) if self.scheme.level_formats[level] == "lowerLetter" else str(value)
        return self.scheme.level_texts[level].replace(f"%{level + 1}", shown)

    def match(self, line: str) -> tuple[int, str, str] | None:
        for level, pattern in enumerate(self.scheme.patterns):
            found = re.match(pattern, line)
            if found:
                return level, found.group(1), found.group(2)
        return None


def attach_number(paragraph, num_id: int, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = etree.SubElement(ppr, qn("w:numPr"))
    etree.SubElement(num_pr, qn("w:ilvl"), {qn("w:val"): str(level)})
    etree.SubElement(num_pr, qn("w:numId"), {qn("w:val"): str(num_id)})


def add_tracked_change(paragraph, change: TrackedChange) -> None:
    prefix = change.line.removesuffix(change.inserted)
    paragraph.add_run(prefix)
    common = {qn("w:author"): change.author, qn("w:date"): change.date}
    deletion = etree.SubElement(paragraph._p, qn("w:del"), {qn("w:id"): "1", **common})
    del_text = etree.SubElement(etree.SubElement(deletion, qn("w:r")), qn("w:delText"))
    del_text.text = change.deleted
    del_text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    insertion = etree.SubElement(paragraph._p, qn("w:ins"), {qn("w:id"): "2", **common})
    ins_text = etree.SubElement(etree.SubElement(insertion, qn("w:r")), qn("w:t"))
    ins_text.text = change.inserted


def add_table(document, rows: list[str]) -> None:
    cells = [row.split(" | ") for row in rows]
    table = document.add_table(rows=len(cells), cols=len(cells[0]))
    table.style = "Table Grid"
    for r, row in enumerate(cells):
        for c, value in enumerate(row):
            run = table.cell(r, c).paragraphs[0].add_run(value)
            run.bold = r == 0


def build_docx(spec: DocxSpec, out_dir: Path) -> Path:
    source = read_source(spec.slug)
    document = docx.Document()
    document.styles["Normal"].font.size = Pt(11)
    numbering = WordNumbering(document, spec.numbering) if spec.numbering else None
    previous = ""
    table_rows: list[str] = []
    for line in source.lines + [""]:
        if " | " in line:
            table_rows.append(line)
            continue
        if table_rows:
            add_table(document, table_rows)
            table_rows = []
        if not line:
            break
        add_docx_paragraph(document, line, previous, spec, numbering)
        previous = line
    set_fixed_properties(document, source.title)
    buffer = io.BytesIO()
    document.save(buffer)
    path = out_dir / f"{spec.slug}.docx"
    path.write_bytes(normalise_zip(buffer.getvalue()))
    return path


def add_docx_paragraph(document, line: str, previous: str, spec: DocxSpec, numbering) -> None:
    level = heading_level(line, previous, spec)
    style = f"Heading {level}" if level else None
    if spec.tracked_change and line == spec.tracked_change.line:
        add_tracked_change(document.add_paragraph(style=style), spec.tracked_change)
        return
    found = numbering.match(line) if numbering else None
    if found is None:
        document.add_paragraph(line, style=style)
        return
    list_level, typed, text = found
    if list_level == 0:
        numbering.start_section(int(typed))
        style = "Heading 2"
    elif numbering.current_num is None:
        raise ValueError(f"{spec.slug}: numbered paragraph before any section: {line!r}")
    shown = numbering.rendered_number(list_level)
    expected = numbering.scheme.level_texts[list_level].replace(f"%{list_level + 1}", typed)
    if shown != expected:
        raise ValueError(f"{spec.slug}: Word would show {shown!r} where the text has {expected!r}")
    paragraph = document.add_paragraph(text, style=style)
    attach_number(paragraph, numbering.current_num, list_level)


def set_fixed_properties(document, title: str) -> None:
    props = document.core_properties
    props.title = title
    props.author = "bangkok-lint corpus"
    props.last_modified_by = "bangkok-lint corpus"
    props.created = FIXED_DATE.replace(tzinfo=None)
    props.modified = FIXED_DATE.replace(tzinfo=None)
    props.last_printed = FIXED_DATE.replace(tzinfo=None)
    props.revision = 1


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a ZIP with fixed timestamps and attributes so equal content gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            target.writestr(info, source.read(item.filename))
    return out.getvalue()


# --- PDF ----------------------------------------------------------------------------


class RenderedPdf(FPDF):
    """A4 page with the document title as running header and "Page N of M" footer."""

    def __init__(self, title: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.running_title = title
        self.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSerif.ttf"))
        self.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSerif-Bold.ttf"))
        self.set_margins(20, 22, 20)
        self.set_auto_page_break(auto=True, margin=20)
        self.set_creation_date(FIXED_DATE)
        self.set_title(title)
        self.set_author("bangkok-lint corpus")

    def header(self) -> None:
        self.set_font("DejaVu", "", 8)
        self.set_y(10)
        self.cell(0, 5, self.running_title, align="C")
        self.set_y(22)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font("DejaVu", "", 8)
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="C")


def soft_hyphenate(text: str) -> str:
    """Mark break points in long words so the PDF can hyphenate across line ends."""
    suffixes = ("ation", "ment", "ance", "ence", "ible", "able", "ings", "ised", "ties")

    def mark(match: re.Match) -> str:
        word = match.group(0)
        for suffix in suffixes:
            cut = len(word) - len(suffix)
            if word.endswith(suffix) and cut >= 5:
                return word[:cut] + SOFT_HYPHEN + word[cut:]
        return word

    return re.sub(r"[A-Za-z]{11,}", mark, text)


def build_pdf(spec: PdfSpec, out_dir: Path) -> Path:
    source = read_source(spec.slug)
    pdf = RenderedPdf(source.title)
    pdf.add_page()
    if spec.columns > 1:
        write_columns(pdf, source, spec)
    else:
        write_single_column(pdf, source, spec)
    path = out_dir / f"{spec.slug}.pdf"
    pdf.output(str(path))
    return path


def write_single_column(pdf: RenderedPdf, source: Source, spec: PdfSpec) -> None:
    previous = ""
    for line in source.lines:
        level = heading_level(line, previous, None)
        text = soft_hyphenate(line) if spec.hyphenate else line
        pdf.set_font("DejaVu", "B" if level else "", 12 if level == 1 else 10)
        pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        previous = line


def write_columns(pdf: RenderedPdf, source: Source, spec: PdfSpec) -> None:
    previous = ""
    with pdf.text_columns(ncols=spec.columns, gutter=8, l_margin=20, r_margin=20) as columns:
        for line in source.lines:
            level = heading_level(line, previous, None)
            text = soft_hyphenate(line) if spec.hyphenate else line
            pdf.set_font("DejaVu", "B" if level else "", 10 if level == 1 else 9)
            with columns.paragraph(text_align="L", bottom_margin=1.5) as paragraph:
                paragraph.write(text)
            previous = line


# --- command line -------------------------------------------------------------------


def build_all(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    built = [build_docx(spec, out_dir) for spec in DOCX_SPECS]
    built += [build_pdf(spec, out_dir) for spec in PDF_SPECS]
    return built


def stale_renderings(committed: Path) -> list[str]:
    """Names of renderings whose committed bytes differ from a fresh build."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = build_all(Path(tmp))
        return [
            path.name
            for path in fresh
            if not (committed / path.name).is_file() or (committed / path.name).read_bytes() != path.read_bytes()
        ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if committed renderings are stale")
    parser.add_argument("--out", type=Path, default=RENDERINGS, help="output folder")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_renderings(args.out)
        for name in stale:
            print(f"stale: {name}", file=sys.stderr)
        return 1 if stale else 0
    for path in build_all(args.out):
        print(f"{path.name}  {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
