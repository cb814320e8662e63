"""Read the body of a Word .docx as Blocks, the way Word shows it with changes accepted.

python-docx opens the package (its lxml parser never resolves entities); the body XML is
then walked directly, which is both simpler and faster than the python-docx object layer
for tracked changes, content controls and numbering. Headers, footers, footnotes,
endnotes and comments live in other parts and are never read.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import count
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.part import XmlPart
from lxml import etree

from linter.errors import (
    CorruptDocumentError,
    DocumentTooLargeError,
    EmptyDocumentError,
    UnsupportedFormatError,
)
from linter.extract.docx_numbering import Numbering, W
from linter.extract.sniff import declares_entities, prolog
from linter.model import Block, SourceRef

_MB = 1024 * 1024
_MAX_UNPACKED = 200 * _MB
_MAX_RATIO = 100
# Below this size a member cannot hurt whatever its ratio (tiny XML parts compress well).
_BIG_MEMBER = 5 * _MB

_P, _TBL, _R = f"{W}p", f"{W}tbl", f"{W}r"
_SDT_CONTENT = f"{W}sdtContent"
# Block-level wrappers whose children are more paragraphs and tables.
_BLOCK_CONTAINERS = {f"{W}{t}" for t in ("tr", "tc", "sdt", "sdtContent", "customXml")}
# Inline wrappers whose runs are visible text.
_INLINE_CONTAINERS = {
    f"{W}{t}" for t in ("hyperlink", "smartTag", "customXml", "sdt", "sdtContent", "fldSimple", "bdo", "dir")
}
_INSERTED = {f"{W}ins", f"{W}moveTo"}
_REMOVED = {f"{W}del", f"{W}moveFrom"}
_RUN_TEXT = {
    f"{W}t": None,
    f"{W}tab": " ",
    f"{W}br": " ",
    f"{W}cr": " ",
    f"{W}noBreakHyphen": "-",
}
_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_HEADING_ID = re.compile(r"heading\s*([1-9])$", re.IGNORECASE)


def read_blocks(path: Path) -> tuple[list[Block], int | None]:
    """Return the body paragraphs of a .docx as Blocks, and its page count if Word saved one.

    Blocks follow `iter_body_paragraphs`, so `SourceRef.paragraph` is the 1-based ordinal
    in that walk and `SourceRef.table` the 1-based ordinal of the (innermost) table holding
    the paragraph. Empty paragraphs get no Block but still count. Text reads as if every
    tracked change were accepted; a paragraph touched by one has `changed=True`. A
    paragraph whose mark was deleted is merged into the next one, and the Block keeps the
    first paragraph's ordinal. `Block.number` is the rendered Word list number.
    """
    name = str(path)
    _check_container(path)
    document = _open(path)
    body = document.element.body
    styles = _Styles(_part_root(document, RT.STYLES))
    numbering = Numbering(_part_root(document, RT.NUMBERING), styles.num_ids())
    blocks = list(_blocks(body, styles, numbering)) if body is not None else []
    if not blocks:
        raise EmptyDocumentError(name, "the Word document's body contains no text")
    return blocks, _page_count(document)


def iter_body_paragraphs(body: etree._Element) -> Iterator[tuple[int, etree._Element, int | None]]:
    """Yield (ordinal, w:p, table ordinal or None) for every body paragraph in reading order.

    The walk visits the children of `w:body` in order; a `w:tbl` is entered row by row,
    cell by cell (nested tables depth-first, where they stand in their cell); block-level
    content controls (`w:sdt`/`w:sdtContent`) and `w:customXml` are entered in place.
    Paragraphs inside text boxes, headers, footers, notes and comments are not visited.
    Ordinals start at 1 for paragraphs and for tables (tables are numbered in the order
    the walk enters them). To find paragraph N again, run this same walk.
    """
    paragraphs = count(1)
    tables = count(1)

    def walk(container: etree._Element, table: int | None) -> Iterator[tuple[int, etree._Element, int | None]]:
        for child in container:
            if child.tag == _P:
                yield next(paragraphs), child, table
            elif child.tag == _TBL:
                yield from walk(child, next(tables))
            elif child.tag in _BLOCK_CONTAINERS:
                yield from walk(child, table)

    yield from walk(body, None)


# -- safety checks on the raw ZIP, before any XML is parsed ---------------------------


def _check_container(path: Path) -> None:
    name = str(path)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            _check_sizes(name, infos)
            for info in infos:
                if info.filename.endswith((".xml", ".rels")) and _declares_entities(zf, info):
                    raise CorruptDocumentError(
                        name, f"part {info.filename} contains XML entity declarations (DOCTYPE); refusing to parse it"
                    )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError) as exc:
        raise CorruptDocumentError(name, f"damaged or truncated DOCX container ({exc})") from exc


def _check_sizes(name: str, infos: list[zipfile.ZipInfo]) -> None:
    total = sum(info.file_size for info in infos)
    if total > _MAX_UNPACKED:
        raise DocumentTooLargeError(
            name, f"unpacks to {total // _MB} MB (limit {_MAX_UNPACKED // _MB} MB); looks like a ZIP bomb"
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > _BIG_MEMBER and ratio > _MAX_RATIO:
            raise DocumentTooLargeError(
                name, f"looks like a ZIP bomb: part {info.filename} expands {ratio:.0f} times (limit {_MAX_RATIO})"
            )


def _declares_entities(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """True if the XML prolog (everything before the root element) holds a DOCTYPE."""
    with zf.open(info) as fh:
        return declares_entities(prolog(iter(lambda: fh.read(64 * 1024), b"")))


def _open(path: Path) -> docx.document.Document:
    name = str(path)
    try:
        return docx.Document(str(path))
    except ValueError as exc:  # python-docx: main part is not a Word document (e.g. a template)
        raise UnsupportedFormatError(name, f"not a Word .docx document ({exc})") from exc
    except (
        PackageNotFoundError,
        KeyError,
        etree.XMLSyntaxError,
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
    ) as exc:
        raise CorruptDocumentError(name, f"damaged Word document: missing or unreadable part ({exc})") from exc


def _part_root(document: docx.document.Document, reltype: str) -> etree._Element | None:
    try:
        part = document.part.part_related_by(reltype)
    except KeyError:  # part absent
        return None
    return part.element if isinstance(part, XmlPart) else None  # a part that is not XML has no tree


def _page_count(document: docx.document.Document) -> int | None:
    """Pages from docProps/app.xml, unless those statistics were never filled in."""
    for part in document.part.package.iter_parts():
        if str(part.partname) != "/docProps/app.xml":
            continue
        try:
            props = etree.fromstring(part.blob, etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError:
            return None
        # (A comment or processing instruction has no name: its tag is not a string.)
        stats = {el.tag.rsplit("}", 1)[-1]: (el.text or "").strip() for el in props if isinstance(el.tag, str)}
        # A template's app.xml (python-docx's own says Pages=1, Words=0) describes no real layout.
        if stats.get("Words") == "0" or not stats.get("Pages", "").isdigit():
            return None
        return int(stats["Pages"]) or None
    return None


# -- styles ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _StyleInfo:
    num_id: str | None = None
    ilvl: int | None = None
    heading_level: int | None = None


class _Styles:
    """Paragraph styles, resolved through their basedOn chains."""

    def __init__(self, root: etree._Element | None) -> None:
        self._styles: dict[str, etree._Element] = {}
        self._resolved: dict[str, _StyleInfo] = {}
        self.default: str | None = None
        if root is None:
            return
        for style in root.iterfind(f"{W}style"):
            style_id = style.get(f"{W}styleId")
            if style_id is None or style.get(f"{W}type", "paragraph") not in ("paragraph", "numbering"):
                continue
            self._styles[style_id] = style
            if style.get(f"{W}type", "paragraph") == "paragraph" and _on(style.get(f"{W}default")):
                self.default = style_id

    def num_ids(self) -> dict[str, str]:
        """Style id -> numId of its own numPr (numbering styles link abstract lists this way)."""
        out = {}
        for style_id, style in self._styles.items():
            num_id = style.find(f"{W}pPr/{W}numPr/{W}numId")
            value = num_id.get(f"{W}val") if num_id is not None else None
            if value:
                out[style_id] = value
        return out

    def _chain(self, style_id: str | None) -> Iterator[etree._Element]:
        seen: set[str] = set()
        while style_id is not None and style_id in self._styles and style_id not in seen:
            seen.add(style_id)
            style = self._styles[style_id]
            yield style
            based_on = style.find(f"{W}basedOn")
            style_id = based_on.get(f"{W}val") if based_on is not None else None

    def info(self, style_id: str) -> _StyleInfo:
        if style_id not in self._resolved:
            self._resolved[style_id] = self._resolve(style_id)
        return self._resolved[style_id]

    def _resolve(self, style_id: str) -> _StyleInfo:
        num_id = ilvl = outline = None
        for style in self._chain(style_id):
            num_pr = style.find(f"{W}pPr/{W}numPr")
            if num_pr is not None:
                num_id = num_id if num_id is not None else _val(num_pr.find(f"{W}numId"))
                ilvl = ilvl if ilvl is not None else _int_val(num_pr.find(f"{W}ilvl"))
            if outline is None:
                outline = _int_val(style.find(f"{W}pPr/{W}outlineLvl"))
        return _StyleInfo(num_id, ilvl, _heading_level(self._styles.get(style_id), outline))


def _heading_level(style: etree._Element | None, outline: int | None) -> int | None:
    if style is not None:
        name_el = style.find(f"{W}name")
        for label in (style.get(f"{W}styleId", ""), name_el.get(f"{W}val", "") if name_el is not None else ""):
            match = _HEADING_ID.match(label.strip())
            if match:
                return int(match.group(1))
            if label.strip().lower() == "title":
                return 1
    if outline is not None and 0 <= outline <= 8:  # outlineLvl 9 means body text
        return outline + 1
    return None


def _on(value: str | None) -> bool:
    return value is not None and value not in ("0", "false", "off")


def _val(el: etree._Element | None) -> str | None:
    return el.get(f"{W}val") if el is not None else None


def _int_val(el: etree._Element | None) -> int | None:
    value = _val(el)
    return int(value) if value is not None and value.lstrip("-").isdigit() else None


# -- paragraphs -----------------------------------------------------------------------


def _blocks(body: etree._Element, styles: _Styles, numbering: Numbering) -> Iterator[Block]:
    pending: tuple[int, int | None, str] | None = None  # (ordinal, table, text) of a paragraph whose mark was deleted
    for ordinal, paragraph, table in iter_body_paragraphs(body):
        p_pr = paragraph.find(f"{W}pPr")
        text, changed = _paragraph_text(paragraph)
        mark_deleted, mark_inserted = _mark_changes(p_pr)
        if pending is not None and pending[1] == table:
            ordinal, _, head = pending
            text, changed = head + text, True
        elif pending is not None:  # never merge across a table boundary
            yield from _block(pending[2], SourceRef(paragraph=pending[0], table=pending[1]), None, None, True)
        pending = None
        if mark_deleted:
            pending = (ordinal, table, text)
            continue
        number, heading = _paragraph_props(p_pr, styles, numbering)
        ref = SourceRef(paragraph=ordinal, table=table)
        yield from _block(text, ref, number, heading, changed or mark_inserted)
    if pending is not None:
        yield from _block(pending[2], SourceRef(paragraph=pending[0], table=pending[1]), None, None, True)


def _block(text: str, ref: SourceRef, number: str | None, heading: int | None, changed: bool) -> Iterator[Block]:
    text = _SPACES.sub(" ", text).strip()
    if text:
        yield Block(text=text, ref=ref, number=number, heading_level=heading, changed=changed)


def _mark_changes(p_pr: etree._Element | None) -> tuple[bool, bool]:
    """Whether the paragraph mark itself is a tracked deletion / insertion."""
    if p_pr is None:
        return False, False
    r_pr = p_pr.find(f"{W}rPr")
    if r_pr is None:
        return False, False
    return r_pr.find(f"{W}del") is not None, r_pr.find(f"{W}ins") is not None


def _paragraph_props(
    p_pr: etree._Element | None, styles: _Styles, numbering: Numbering
) -> tuple[str | None, int | None]:
    style_el = p_pr.find(f"{W}pStyle") if p_pr is not None else None
    style_id = _val(style_el) or styles.default
    info = styles.info(style_id) if style_id else _StyleInfo()

    num_pr = p_pr.find(f"{W}numPr") if p_pr is not None else None
    num_id = _val(num_pr.find(f"{W}numId")) if num_pr is not None else None
    ilvl = _int_val(num_pr.find(f"{W}ilvl")) if num_pr is not None else None
    from_style = num_id is None
    num_id = num_id if num_id is not None else info.num_id
    number = None
    if num_id is not None and num_id != "0":  # numId 0 switches numbering off
        if ilvl is None:
            ilvl = info.ilvl
        if ilvl is None and from_style and style_id:
            ilvl = numbering.level_for_style(num_id, style_id)
        number = numbering.render(num_id, ilvl or 0)

    outline = _int_val(p_pr.find(f"{W}outlineLvl")) if p_pr is not None else None
    if outline is not None:
        heading = outline + 1 if 0 <= outline <= 8 else None
    else:
        heading = info.heading_level
    return number, heading


def _paragraph_text(paragraph: etree._Element) -> tuple[str, bool]:
    """Visible text with tracked changes accepted, and whether any change was tracked."""
    parts: list[str] = []
    changed = False

    def visit(container: etree._Element) -> None:
        nonlocal changed
        for child in container:
            tag = child.tag
            if tag == _R:
                for item in child:
                    if item.tag in _RUN_TEXT:
                        parts.append(_RUN_TEXT[item.tag] or item.text or "")
            elif tag in _REMOVED:
                changed = True
            elif tag in _INSERTED:
                changed = True
                visit(child)
            elif tag in _INLINE_CONTAINERS:
                visit(child)

    visit(paragraph)
    return "".join(parts), changed
