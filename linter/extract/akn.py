"""Read Akoma Ntoso 3.0 legislation (act, bill, doc) as Blocks.

Used by Laws.Africa and many African, European and Latin American parliaments and the
UN. Every provision keeps its `eId` ("sec_12__subsec_3"); `def` marks a defined term;
`ins`/`del` read as accepted changes; `remark`, `authorialNote` and metadata are not text
of the law and are left out, as Word comments are.
"""

from __future__ import annotations

from pathlib import Path

from linter.extract.legal_xml import Schema, read_legal_xml
from linter.model import Block

SCHEMA = Schema(
    name="Akoma Ntoso",
    groups=frozenset(
        {
            "book",
            "tome",
            "part",
            "subpart",
            "title",
            "subtitle",
            "chapter",
            "subchapter",
            "division",
            "subdivision",
            "hcontainer",
            "attachment",
        }
    ),
    sections=frozenset({"section", "article", "rule", "regulation"}),
    items=frozenset(
        {
            "subsection",
            "paragraph",
            "subparagraph",
            "clause",
            "subclause",
            "point",
            "indent",
            "alinea",
            "subrule",
            "level",
            "item",
            "proviso",
            "transitional",
        }
    ),
    num=frozenset({"num"}),
    heading=frozenset({"heading"}),
    blocks=frozenset({"p", "listIntroduction", "listWrapUp", "crossHeading", "subheading", "tblock", "block"}),
    skip=frozenset(
        {
            "meta",
            "coverPage",
            "toc",
            "remark",
            "authorialNote",
            "noteRef",
            "note",
            "notes",
            "eol",
            "eop",
            "img",
            "componentRef",
        }
    ),
    inserted=frozenset({"ins"}),
    removed=frozenset({"del"}),
    defining=frozenset({"def", "definition"}),
    quoted=frozenset({"quotedStructure", "embeddedStructure"}),
    prelims=frozenset({"preface"}),
    titles=frozenset({"docTitle", "shortTitle"}),
    id_attributes=("eId", "id"),
    generic=frozenset({"hcontainer"}),
    cross_headings=frozenset({"crossheading"}),
    group_words={
        "part": "Part",
        "subpart": "Subpart",
        "chapter": "Chapter",
        "subchapter": "Subchapter",
        "title": "Title",
        "division": "Division",
        "subdivision": "Subdivision",
        "book": "Book",
    },
)


def read_blocks(path: Path) -> tuple[list[Block], int | None]:
    return read_legal_xml(path, SCHEMA)
