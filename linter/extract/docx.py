"""Read the body of a Word .docx as Blocks, the way Word shows it with changes accepted.

The package is opened here (its relationships say which parts are the document, its styles
and its numbering) and the body XML is walked directly, which is both simpler and faster
than the python-docx object layer for tracked changes, content controls and numbering.
The body is streamed: each paragraph is freed once it is read, so memory does not grow
with a tree of the whole document (a 200,000-paragraph body as a tree is ~300 MB). No
parser here resolves entities, and a part that declares any is refused before parsing.
Headers, footers, footnotes, endnotes and comments live in other parts and are never read.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import count
from pathlib import Path
from typing import IO

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

_P, _TBL, _R, _BODY = f"{W}p", f"{W}tbl", f"{W}r", f"{W}body"
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
# Package relationships and content types (ECMA-376 Part 2, Open Packaging Conventions).
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_RT_DOCUMENT, _RT_STYLES, _RT_NUMBERING = f"{_RT}officeDocument", f"{_RT}styles", f"{_RT}numbering"
_RT_APP = f"{_RT}extended-properties"
_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."
_CT_DOCUMENT, _CT_STYLES, _CT_NUMBERING = f"{_CT}document.main+xml", f"{_CT}styles+xml", f"{_CT}numbering+xml"
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
    try:
        with zipfile.ZipFile(path) as zf:
            package = _Package(name, zf)
            styles = _Styles(package.related_root(_RT_STYLES, _CT_STYLES))
            numbering = Numbering(package.related_root(_RT_NUMBERING, _CT_NUMBERING), styles.num_ids())
            with zf.open(package.main) as body:
                blocks = list(_blocks(_streamed_paragraphs(body), styles, numbering))
            pages = _page_count(package)
    except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise CorruptDocumentError(name, f"damaged Word document: missing or unreadable part ({exc})") from exc
    if not blocks:
        raise EmptyDocumentError(name, "the Word document's body contains no text")
    return blocks, pages


def iter_body_paragraphs(body: etree._Element) -> Iterator[tuple[int, etree._Element, int | None]]:
    """Yield (ordinal, w:p, table ordinal or None) for every body paragraph in reading order.

    The walk visits the children of `w:body` in order; a `w:tbl` is entered row by row,
    cell by cell (nested tables depth-first, where they stand in their cell); block-level
    content controls (`w:sdt`/`w:sdtContent`) and `w:customXml` are entered in place.
    Paragraphs inside text boxes, headers, footers, notes and comments are not visited.
    Ordinals start at 1 for paragraphs and for tables (tables are numbered in the order
    the walk enters them). To find paragraph N again, run this same walk.
    """
    return _walk(etree.iterwalk(body, events=("start", "end"), tag=(_P, _TBL)))


def _streamed_paragraphs(source: IO[bytes]) -> Iterator[tuple[int, etree._Element, int | None]]:
    """`iter_body_paragraphs` over a document.xml being parsed, each paragraph freed once read."""
    # Parsed as python-docx parses parts (the annotator reads the same file with it): text
    # between elements dropped, no entities resolved, nothing fetched.
    events = etree.iterparse(
        source,
        events=("start", "end"),
        tag=(_P, _TBL),
        remove_blank_text=True,
        resolve_entities=False,
        no_network=True,
    )
    for found in _walk(events):
        yield found
        _forget(found[1])


def _walk(events: Iterable[tuple[str, etree._Element]]) -> Iterator[tuple[int, etree._Element, int | None]]:
    """The walk of `iter_body_paragraphs`, over the start and end events of w:p and w:tbl.

    A paragraph or table is on the walk when every element between it and the body is a
    table or a block-level container; a paragraph is yielded at its end, when it is whole.
    """
    paragraphs = count(1)
    tables = count(1)
    entered: dict[etree._Element, int] = {}  # open tables on the walk -> their ordinal
    for event, element in events:
        if event == "start":
            if element.tag == _TBL and _holder(element) is not _OFF_WALK:
                entered[element] = next(tables)
        elif element.tag == _TBL:
            entered.pop(element, None)
        else:
            holder = _holder(element)
            if holder is not _OFF_WALK:
                yield next(paragraphs), element, None if holder is None else entered[holder]


_OFF_WALK = etree.Element("off-walk")  # what `_holder` says of an element the walk never reaches


def _holder(element: etree._Element) -> etree._Element | None:
    """The innermost table holding `element` (None in the body itself), or _OFF_WALK."""
    table = None
    parent = element.getparent()
    while parent is not None and parent.tag != _BODY:
        if parent.tag == _TBL:
            table = parent if table is None else table
        elif parent.tag not in _BLOCK_CONTAINERS:
            return _OFF_WALK
        parent = parent.getparent()
    # The document's body is a child of the root w:document (not a w:body nested deeper).
    document = parent.getparent() if parent is not None else None
    if document is None or document.getparent() is not None:
        return _OFF_WALK
    return table


def _forget(paragraph: etree._Element) -> None:
    """Free a paragraph that has been read, and everything the parse left before it."""
    paragraph.clear()
    element, parent = paragraph, paragraph.getparent()
    while parent is not None:
        while element.getprevious() is not None:
            del parent[0]
        element, parent = parent, parent.getparent()


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


class _Package:
    """The parts of a Word package this reader needs, found the way Word finds them: the
    package's relationships name the main document part, whose relationships name its
    styles and numbering parts."""

    def __init__(self, name: str, zf: zipfile.ZipFile) -> None:
        self._zf = zf
        self._overrides: dict[str, str] = {}
        self._defaults: dict[str, str] = {}
        for entry in _parse(zf.read("[Content_Types].xml")):
            if entry.tag == f"{_TYPES}Override":
                self._overrides[entry.get("PartName", "").lower()] = entry.get("ContentType", "")
            elif entry.tag == f"{_TYPES}Default":
                self._defaults[entry.get("Extension", "").lower()] = entry.get("ContentType", "")
        self._package_rels = self._relationships("/")
        main = self._package_rels.get(_RT_DOCUMENT)
        if main is None:
            raise KeyError("the package names no main document part")
        content_type = self.content_type(main)
        if content_type != _CT_DOCUMENT:  # a template, a macro-enabled document, another kind of package
            raise UnsupportedFormatError(
                name, f"not a Word .docx document (its main part is of content type '{content_type}')"
            )
        self.main = main
        self._main_rels = self._relationships(main)

    def content_type(self, member: str) -> str:
        partname = "/" + member
        found = self._overrides.get(partname.lower()) or self._defaults.get(posixpath.splitext(partname)[1][1:].lower())
        if found is None:
            raise KeyError(f"no content type for part {partname}")
        return found

    def related_root(self, reltype: str, content_type: str) -> etree._Element | None:
        """The parsed part the main document relates to by `reltype`, if it has the content type."""
        member = self._main_rels.get(reltype)
        if member is None or self.content_type(member) != content_type:
            return None
        return _parse(self._zf.read(member))

    def related_blob(self, reltype: str) -> bytes | None:
        """The bytes of the part the package relates to by `reltype`, if there is one."""
        member = self._package_rels.get(reltype)
        return self._zf.read(member) if member is not None else None

    def _relationships(self, source: str) -> dict[str, str]:
        """Relationship type -> zip member of its (first, internal) target, for the part `source`."""
        folder, base = posixpath.split(source)
        try:
            xml = self._zf.read(posixpath.join(folder, "_rels", base + ".rels").lstrip("/"))
        except KeyError:  # a part without relationships
            return {}
        out: dict[str, str] = {}
        for rel in _parse(xml).iter(_RELS):
            target = rel.get("Target")
            if target is None or rel.get("TargetMode") == "External":
                continue
            member = posixpath.normpath(posixpath.join("/", folder, target)).lstrip("/")
            out.setdefault(rel.get("Type", ""), member)
        return out


def _parse(xml: bytes) -> etree._Element:
    return etree.fromstring(xml, etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True))


def _page_count(package: _Package) -> int | None:
    """Pages from docProps/app.xml, unless those statistics were never filled in."""
    blob = package.related_blob(_RT_APP)
    if blob is None:
        return None
    try:
        props = _parse(blob)
    except etree.XMLSyntaxError:
        return None
    # (A comment or processing instruction has no name: its tag is not a string.)
    stats = {el.tag.rsplit("}", 1)[-1]: (el.text or "").strip() for el in props if isinstance(el.tag, str)}
    # A template's app.xml (python-docx's own says Pages=1, Words=0) describes no real layout.
    if stats.get("Words") == "0" or not stats.get("Pages", "").isdigit():
        return None
    return int(stats["Pages"]) or None


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


def _blocks(
    paragraphs: Iterable[tuple[int, etree._Element, int | None]], styles: _Styles, numbering: Numbering
) -> Iterator[Block]:
    pending: tuple[int, int | None, str] | None = None  # (ordinal, table, text) of a paragraph whose mark was deleted
    for ordinal, paragraph, table in paragraphs:
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
    changed = _visible_text(paragraph, parts)
    return "".join(parts), changed


def _visible_text(container: etree._Element, parts: list[str]) -> bool:
    """Append the visible text of `container`'s runs to `parts`; True if a change was tracked.

    (A function of its own, not a closure: a recursive closure is a reference cycle, which
    the paused collector would leave in memory once per paragraph.)
    """
    changed = False
    for child in container:
        tag = child.tag
        if tag == _R:
            for item in child:
                if item.tag in _RUN_TEXT:
                    parts.append(_RUN_TEXT[item.tag] or item.text or "")
        elif tag in _REMOVED:
            changed = True
        elif tag in _INSERTED:
            _visible_text(child, parts)
            changed = True
        elif tag in _INLINE_CONTAINERS:
            changed = _visible_text(child, parts) or changed
    return changed
