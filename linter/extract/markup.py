"""What the HTML and legislation-XML readers share: safe parsing and turning a walk of
an element tree into paragraph Blocks.

Markup is refused the way the DOCX reader refuses it: no DTD, no entity declarations,
no network, no huge-tree mode, and caps on size and nesting depth, each with a
one-line error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from lxml import etree

from linter.errors import CorruptDocumentError, DocumentTooLargeError
from linter.extract.sniff import declares_entities, prolog
from linter.model import Block, SourceRef

_MB = 1024 * 1024
MAX_BYTES = 50 * _MB
# Real legislation nests a dozen levels or so (Part > Chapter > section > ... > subclause,
# wrapped in a page layout); far deeper trees are hostile or broken.
MAX_DEPTH = 200


def read_capped(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise DocumentTooLargeError(str(path), f"is {size // _MB} MB (limit {MAX_BYTES // _MB} MB for HTML and XML)")
    return path.read_bytes()


def parse_xml(path: Path, what: str) -> etree._Element:
    """Parse a legislation XML file safely; `what` names the format in error messages."""
    data = read_capped(path)
    if declares_entities(prolog([data])):
        raise CorruptDocumentError(
            str(path), f"{what} file contains XML entity declarations (DOCTYPE); refusing to parse it"
        )
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        if "depth" in str(exc).lower():
            raise DocumentTooLargeError(str(path), f"{what} nests deeper than the parser allows ({exc})") from exc
        raise CorruptDocumentError(str(path), f"malformed {what} XML ({exc})") from exc
    check_depth(path, root)
    return root


def check_depth(path: Path, root: etree._Element) -> None:
    """Refuse a tree nested deeper than MAX_DEPTH before any recursive walk starts."""
    depth = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth > MAX_DEPTH:
            raise DocumentTooLargeError(str(path), f"elements nest more than {MAX_DEPTH} levels deep")


def local_name(el: etree._Element) -> str:
    """The tag without its namespace; "" for comments and processing instructions."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def table_rows(
    table: etree._Element, cell_text: Callable[[etree._Element], str]
) -> Iterator[tuple[etree._Element, str]]:
    """(row, "cell | cell") for each row of a table, as a pipe table row reads in text."""
    for row in table.iter():
        if local_name(row) != "tr":
            continue
        cells = [cell_text(cell) for cell in row if local_name(cell) in ("td", "th")]
        text = " | ".join(c for c in cells if c)
        if text:
            yield row, text


class Walker:
    """A reader's walk over an element tree: `element` reads one element (subclasses say
    how); `inline` reads mixed content, each child where it stands between text runs."""

    def __init__(self) -> None:
        self.out = BlockWriter()

    def element(self, el: etree._Element) -> None:
        raise NotImplementedError

    def inline(self, el: etree._Element, children: list[etree._Element] | None = None) -> None:
        self.out.text(el.text, el.sourceline)
        for child in el if children is None else children:
            self.element(child)
            self.out.text(child.tail, el.sourceline)


class BlockWriter:
    """Collects the text of a walk into paragraph Blocks.

    Inline text accumulates until a block boundary flushes it. A provision number read
    from its own element (`num`, `Pnumber`) waits for the first text of its provision;
    if another provision starts first, the number is written as a paragraph of its own
    (the structure parser reads "12." then "(1) ..." as it reads "12.—(1) ...").
    """

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.identifier: str | None = None
        self._parts: list[str] = []
        self._line: int | None = None
        self._changed = False
        self._definition = False
        self._pending: tuple[str, str, str | None, int | None] | None = None  # number, lead text, id, line
        self._tables = 0

    def text(self, text: str | None, line: int | None = None) -> None:
        if text and text.strip():
            if self._line is None:
                self._line = line
            self._parts.append(text)
        elif text:
            self._parts.append(" ")

    def mark_changed(self) -> None:
        self._changed = True

    def mark_definition(self) -> None:
        self._definition = True

    def number(self, number: str, lead: str = "", line: int | None = None) -> None:
        """A provision number (and a heading that runs into its text, as US subsections have)."""
        self.flush()
        self.flush_number()
        self._pending = (number, lead, self.identifier, line)

    def flush_number(self) -> None:
        if self._pending is not None:
            number, lead, identifier, line = self._pending
            self._pending = None
            self._append(lead, line, number=number, identifier=identifier)

    def flush(self) -> None:
        text = " ".join("".join(self._parts).split())
        line = self._line
        self._parts, self._line = [], None
        if not text:
            return
        if self._pending is not None:
            number, lead, _, pending_line = self._pending
            self._pending = None
            self._append(_run_in(lead, text), pending_line or line, number=number)
        else:
            self._append(text, line)

    def heading(self, text: str, level: int, line: int | None) -> None:
        self.flush()
        self.flush_number()
        text = " ".join(text.split())
        if text:
            self.blocks.append(
                Block(text=text, ref=SourceRef(line=line), heading_level=level, identifier=self.identifier)
            )

    def paragraph(self, text: str, line: int | None) -> None:
        """A paragraph known whole (a document title)."""
        self.flush()
        self.flush_number()
        self._append(" ".join(text.split()), line)

    def table(self, rows: Iterator[tuple[etree._Element, str]]) -> None:
        """Each row a unit of its own, numbered as the text reader numbers a pipe table's rows
        (row 1 is the header), so the structure parser reads the header as the rows' lead-in."""
        self.flush()
        self.flush_number()
        self._tables += 1
        for number, (row, text) in enumerate(rows, 1):
            self._append(" ".join(text.split()), row.sourceline, table=(self._tables, number))

    def _append(
        self,
        text: str,
        line: int | None,
        number: str | None = None,
        identifier: str | None = None,
        table: tuple[int, int] | None = None,
    ) -> None:
        if text or number:
            table_no, row = table or (None, None)
            self.blocks.append(
                Block(
                    text=text,
                    ref=SourceRef(line=line, table=table_no, row=row),
                    number=number,
                    changed=self._changed,
                    identifier=identifier or self.identifier,
                    definition=self._definition,
                )
            )
        self._changed = self._definition = False


def _run_in(heading: str, text: str) -> str:
    """A sub-unit's heading run into its text the way US laws print it: "Prohibition.—No ..."."""
    heading = heading.rstrip(".—–-: ")
    return f"{heading}.\u2014{text}" if heading else text
