"""Read structured legislation XML (Akoma Ntoso, USLM, legislation.gov.uk CLML) as Blocks.

The three vocabularies share one shape: hierarchical containers (Part, Chapter, section,
subsection, ...) each holding a number element, an optional heading and text blocks, with
inline mark-up for insertions, deletions, defined terms and editorial notes. Each format
module describes its element names in a `Schema`; this module walks any of them.

Numbers become `Block.number` and go through the same structure parser as every other
format, so an act reads to the same labels whether it came as XML or as text; the
publisher's identifier of each provision rides along on its Blocks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from linter.errors import EmptyDocumentError
from linter.extract.markup import Walker, local_name, parse_xml, table_rows
from linter.model import Block


@dataclass(frozen=True)
class Schema:
    """Element names of one legislation vocabulary (local names, namespace ignored)."""

    name: str  # for error messages: "Akoma Ntoso"
    groups: frozenset[str]  # Part, Chapter, ...: number and heading become a heading
    sections: frozenset[str]  # the cited unit: section, article, regulation
    items: frozenset[str]  # numbered sub-units: subsection, paragraph, point
    num: frozenset[str]
    heading: frozenset[str]
    blocks: frozenset[str]  # elements that hold one paragraph of text each
    skip: frozenset[str]  # metadata, tables of contents, editorial notes and remarks
    inserted: frozenset[str]
    removed: frozenset[str]
    defining: frozenset[str]  # inline marks of a term being defined
    quoted: frozenset[str]  # text quoted from another law: read as text, never as provisions
    prelims: frozenset[str]  # front matter: only its title is read
    titles: frozenset[str]  # the document title inside the front matter
    id_attributes: tuple[str, ...]
    # Containers whose title names the one section inside them (CLML P1group).
    titled_wrappers: frozenset[str] = frozenset()
    # Containers whose title is a cross-heading above several sections (CLML Pblock).
    cross_headings: frozenset[str] = frozenset()
    group_words: dict[str, str] = field(default_factory=dict)  # "part" -> "Part" when a num is bare
    # Generic containers that name what they are in a `name` attribute (Akoma Ntoso
    # <hcontainer name="regulation">); read as the element they name when that is known.
    generic: frozenset[str] = frozenset()


def read_legal_xml(path: Path, schema: Schema) -> tuple[list[Block], int | None]:
    root = parse_xml(path, schema.name)
    walker = _Walker(schema)
    walker.element(root)
    walker.out.flush()
    walker.out.flush_number()
    if not walker.out.blocks:
        raise EmptyDocumentError(str(path), f"the {schema.name} document's body contains no text")
    return walker.out.blocks, None


def section_number(num: str) -> str:
    """ "12" -> "12." (the dotted form the structure parser reads as a section); others unchanged."""
    num = num.strip()
    if num and num[0].isdigit() and num.isalnum():
        return f"{num}."
    return num


def item_number(num: str) -> str:
    """ "1", "1.", "a)" -> "(1)", "(a)": a sub-unit's number in brackets, as laws print them."""
    num = num.strip()
    token = num.strip("().")
    if num.startswith("(") or not token.isalnum():
        return num
    return f"({token})"


class _Walker(Walker):
    def __init__(self, schema: Schema) -> None:
        super().__init__()
        self.schema = schema
        self._group_depth = 0
        self._inherited_heading = ""

    def element(self, el: etree._Element) -> None:
        name = self._role_name(el)
        s = self.schema
        if not name or name in s.skip:
            return
        if name in s.removed:
            self.out.mark_changed()
        elif name in s.prelims:
            self._prelims(el)
        elif name in s.groups:
            self._group(el, name)
        elif name in s.sections or name in s.items:
            self._provision(el, name in s.sections)
        elif name in s.titled_wrappers:
            self._titled_wrapper(el)
        elif name in s.cross_headings:
            self._cross_heading(el)
        elif name == "table":
            self.out.table(table_rows(el, self.inline_text))
        elif name in s.blocks:
            self.out.flush()
            self.inline(el)
            self.out.flush()
        elif name in s.quoted:
            self.out.text(f" {self.inline_text(el)}", el.sourceline)
        else:
            if name in s.inserted:
                self.out.mark_changed()
            if name in s.defining:
                self.out.mark_definition()
            self.inline(el)

    def _role_name(self, el: etree._Element) -> str:
        name = local_name(el)
        if name in self.schema.generic:
            named = el.get("name") or ""
            s = self.schema
            if named in s.groups or named in s.sections or named in s.items or named in s.cross_headings:
                return named
        return name

    def inline_text(self, el: etree._Element) -> str:
        """All visible text of an element as one line (headings, table cells, quotations)."""
        parts: list[str] = []
        s = self.schema

        def visit(node: etree._Element) -> None:
            name = local_name(node)
            if name in s.skip or name in s.removed:
                return
            if name in s.inserted:
                self.out.mark_changed()
            parts.append(node.text or "")
            for child in node:
                if local_name(child):
                    visit(child)
                parts.append(child.tail or "")

        visit(el)
        return " ".join("".join(parts).split())

    # -- structure -------------------------------------------------------------------

    def _parts(self, el: etree._Element) -> tuple[str, str, list[etree._Element]]:
        """(number, heading, other children) of a hierarchical container."""
        num = heading = ""
        rest = []
        for child in el:
            name = local_name(child)
            if name in self.schema.num and not num:
                num = self.inline_text(child)
            elif name in self.schema.heading and not heading:
                heading = self.inline_text(child)
            elif name:
                rest.append(child)
        return num, heading, rest

    def _identified(self, el: etree._Element) -> str | None:
        return next((el.get(a) for a in self.schema.id_attributes if el.get(a)), None)

    def _group(self, el: etree._Element, name: str) -> None:
        num, heading, rest = self._parts(el)
        num = num.rstrip("—–-: ")  # "Title 18—" in the US Code
        word = self.schema.group_words.get(name.lower(), "")
        if num and word and not num[0].isalpha():
            num = f"{word} {num}"
        saved = self.out.identifier
        self.out.identifier = self._identified(el) or saved
        self._group_depth += 1
        self.out.heading(" — ".join(p for p in (num, heading) if p), self._group_depth, el.sourceline)
        self.inline(el, rest)
        self.out.flush()
        self._group_depth -= 1
        self.out.identifier = saved

    def _provision(self, el: etree._Element, is_section: bool) -> None:
        num, heading, rest = self._parts(el)
        if is_section and not heading:
            heading, self._inherited_heading = self._inherited_heading, ""
        self.out.flush()
        saved = self.out.identifier
        self.out.identifier = self._identified(el) or saved
        if num and is_section:
            self.out.number(section_number(num), heading, el.sourceline)
            if heading:  # "12. Searches" stands on its own line above the text
                self.out.flush_number()
        elif num:
            # A sub-unit's heading runs into its text: "(a) In general.—The Bureau shall ..."
            self.out.number(item_number(num), heading, el.sourceline)
        elif heading:
            self.out.paragraph(heading, el.sourceline)
        self.inline(el, rest)
        self.out.flush()
        self.out.flush_number()
        self.out.identifier = saved

    def _titled_wrapper(self, el: etree._Element) -> None:
        _, title, rest = self._parts(el)
        sections = [c for c in rest if local_name(c) in self.schema.sections]
        if len(sections) == 1:
            self._inherited_heading = title
        elif title:
            self.out.paragraph(title, el.sourceline)
        self.inline(el, rest)
        self._inherited_heading = ""

    def _cross_heading(self, el: etree._Element) -> None:
        _, title, rest = self._parts(el)
        if title:
            self.out.paragraph(title, el.sourceline)
        self.inline(el, rest)

    def _prelims(self, el: etree._Element) -> None:
        title = next((t for t in el.iter() if local_name(t) in self.schema.titles), None)
        if title is not None:
            self.out.paragraph(self.inline_text(title), title.sourceline)
