"""Read United States Legislative Markup (the US Code on uscode.house.gov, bills and laws on
govinfo) as Blocks.

Every provision keeps its `identifier` ("/us/usc/t18/s4042/a"); `term`/`def` mark defined
terms; `ins`/`del` read as accepted changes; notes, source credits, tables of contents and
metadata are left out. Text an amending bill quotes from another law (`quotedContent`) is
read as text, never as provisions of this one.
"""

from __future__ import annotations

from pathlib import Path

from linter.extract.legal_xml import Schema, read_legal_xml
from linter.model import Block

SCHEMA = Schema(
    name="USLM",
    groups=frozenset({"title", "subtitle", "chapter", "subchapter", "part", "subpart", "division", "subdivision"}),
    sections=frozenset({"section"}),
    items=frozenset(
        {"subsection", "paragraph", "subparagraph", "clause", "subclause", "item", "subitem", "subsubitem"}
    ),
    num=frozenset({"num"}),
    heading=frozenset({"heading"}),
    blocks=frozenset(
        {
            "chapeau",
            "content",
            "continuation",
            "p",
            "proviso",
            "docTitle",
            "officialTitle",
            "enactingFormula",
            "subheading",
        }
    ),
    skip=frozenset({"meta", "notes", "note", "sourceCredit", "toc", "footnote", "page", "editorialNote"}),
    inserted=frozenset({"ins"}),
    removed=frozenset({"del"}),
    defining=frozenset({"term", "def"}),
    quoted=frozenset({"quotedContent"}),
    prelims=frozenset({"preface"}),
    titles=frozenset({"docTitle"}),  # a bill's preface dc:title repeats its officialTitle
    id_attributes=("identifier",),
    group_words={
        "title": "Title",
        "subtitle": "Subtitle",
        "chapter": "Chapter",
        "subchapter": "Subchapter",
        "part": "Part",
        "subpart": "Subpart",
        "division": "Division",
        "subdivision": "Subdivision",
    },
)


def read_blocks(path: Path) -> tuple[list[Block], int | None]:
    return read_legal_xml(path, SCHEMA)
