"""The document model every stage shares: extractors make Blocks, the structure
parser turns Blocks into Provisions, and the rule engine reads Provisions."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)  # slots: one per paragraph of a long law
class SourceRef:
    """Where a piece of text stands in the original file, precise enough to annotate it.

    For DOCX, `paragraph` is the ordinal of the body paragraph in reading order (tables
    included, cell by cell) and `table` is set when the paragraph sits in a table cell.
    For PDF, `bbox` is (x0, top, x1, bottom) in PDF points with the origin at the top left.
    For text, `line` is the 1-based line number. `row` is the 1-based row of a table the
    text stands in (row 1 is the header), where the format says so.
    """

    page: int | None = None
    line: int | None = None
    paragraph: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    table: int | None = None
    row: int | None = None


@dataclass(slots=True)
class Block:
    """One paragraph of body text as an extractor found it, before structure parsing.

    `number` is a provision number the format supplies outside the text (Word automatic
    numbering renders "12." or "(a)" that is not in the paragraph's runs); the structure
    parser treats it as if it stood at the start of `text`. `heading_level` is set when the
    format marks the paragraph as a heading (Word Heading 1-9 styles). `identifier` is the
    publisher's own id for the provision the paragraph belongs to (Akoma Ntoso eId, USLM
    identifier, legislation.gov.uk id, an HTML anchor); `definition` is set when the format
    marks the paragraph as defining a term.
    """

    text: str
    ref: SourceRef
    number: str | None = None
    heading_level: int | None = None
    changed: bool = False
    identifier: str | None = None
    definition: bool = False


@dataclass(slots=True)
class Provision:
    """One citable unit of a regulation: a section, paragraph or lettered item.

    `label` is the citation as the document numbers it ("41(3)(b)", "Article 12(2)",
    "§ 20-902(2)(a)", "Rule 313"). `headings` is the path of Part / Chapter / heading
    titles above it. `parent` is the index (in Document.provisions) of the provision it
    is a sub-item of, so a sub-item "(b) during labour" can be read with its lead-in.
    `kind` marks table-of-contents entries (which never count as covering a rule) and
    entries of a definitions section. `identifier` is the publisher's id for the provision
    when the source format has one ("sec_12__subsec_3", "/us/usc/t18/s4042/a").
    """

    label: str
    text: str
    headings: tuple[str, ...] = ()
    page: int | None = None
    line: int | None = None
    ref: SourceRef = field(default_factory=SourceRef)
    parent: int | None = None
    changed: bool = False
    index: int = 0
    kind: str = "body"  # "body", "toc" (table-of-contents entry), "definition" or "table-header"
    identifier: str | None = None


@dataclass
class Document:
    path: str
    format: str
    pages: int | None
    provisions: list[Provision] = field(default_factory=list)
    # The document's own name as its first line gives it ("Prison Rules 2024"), for reports.
    title: str = ""
    # SHA-256 of the file as it was read, so a report can cite exactly what was checked even
    # when the file is gone by the time the report is written (the web app deletes uploads).
    sha256: str = ""

    def to_json(self) -> dict:
        return {
            "path": self.path,
            "format": self.format,
            "pages": self.pages,
            "provisions": [
                {
                    "label": p.label,
                    "headings": list(p.headings),
                    "text": p.text,
                    "page": p.page,
                    "line": p.line,
                    **({"identifier": p.identifier} if p.identifier else {}),
                }
                for p in self.provisions
            ],
        }
