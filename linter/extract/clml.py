"""Read legislation.gov.uk's Crown Legislation Markup Language (CLML, the `data.xml` of
every UK act and instrument) as Blocks.

Every provision keeps its `id` ("section-12-3"); `Term`/`Definition` mark defined terms;
`Addition`/`Substitution` read as accepted changes and `Repeal` as removed text;
commentaries (the "F1" annotations), footnotes, the table of contents and metadata are
left out. `BlockAmendment` text (words one law inserts into another) is read as text.
"""

from __future__ import annotations

from pathlib import Path

from linter.extract.legal_xml import Schema, read_legal_xml
from linter.model import Block

SCHEMA = Schema(
    name="CLML",
    groups=frozenset({"Part", "Chapter", "Schedule"}),
    sections=frozenset({"P1"}),
    items=frozenset({"P2", "P3", "P4", "P5", "P6", "P7"}),
    num=frozenset({"Pnumber", "Number"}),
    heading=frozenset({"Title", "TitleBlock"}),
    blocks=frozenset({"Text"}),
    skip=frozenset(
        {
            "Metadata",
            "Contents",
            "Commentaries",
            "Footnotes",
            "CommentaryRef",
            "FootnoteRef",
            "MarginNotes",
            "Reference",
            "Image",
        }
    ),
    inserted=frozenset({"Addition", "Substitution"}),
    removed=frozenset({"Repeal"}),
    defining=frozenset({"Term", "Definition"}),
    quoted=frozenset({"BlockAmendment", "BlockExtract"}),
    prelims=frozenset({"PrimaryPrelims", "SecondaryPrelims"}),
    titles=frozenset({"Title"}),
    id_attributes=("id",),
    titled_wrappers=frozenset({"P1group"}),
    cross_headings=frozenset({"Pblock", "PsubBlock"}),
    group_words={"part": "Part", "chapter": "Chapter", "schedule": "Schedule"},
)


def read_blocks(path: Path) -> tuple[list[Block], int | None]:
    return read_legal_xml(path, SCHEMA)
