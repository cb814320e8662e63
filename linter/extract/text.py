"""Read plain-text and Markdown regulations into paragraph Blocks.

The file is streamed line by line so a very large text never sits in memory twice.
Wrapped lines are joined into paragraphs; a blank line ends a paragraph, and so does a
line that opens with a provision number or a heading keyword, because many sources put
each item on its own line without blank lines in between.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from linter.errors import EmptyDocumentError, UnsupportedFormatError
from linter.model import Block, SourceRef

# A line opening like this starts a new block even without a blank line before it.
_NEW_BLOCK = re.compile(
    r"""\s*(?:
        \(\w{1,5}\)                                   # (a) (1) (ii) (1A)
      | \[?§                                          # § 3  [§ 3400]
      | \d+[A-Za-z]?(?:[.\-]\d+[A-Za-z]?)*\.(?:\s|$|[—–-])  # 12.  20-902.  541.22.
      | (?:Article|ARTICLE|Art\.|Section|SECTION|Sec\.|SEC\.|Rule|RULE|Regulation|Reg\.|Para\.?|PARA\.?|Clause|CLAUSE
          |Part|PART|Chapter|CHAPTER|Subpart|SUBPART|Subchapter|SUBCHAPTER|Division|DIVISION
          |Subdivision|Title|TITLE|Schedule|SCHEDULE)\s+[\w'’]
      | (?:[IVXL]{1,6}|[A-Z])\.\s+(?=[A-Z“"])           # I. II. (Mexican fractions)  A. B.
      | [IVXL]{1,6}\s+[-–—]\s+(?=\w)                    # I - II - (Brazilian items)
      | [a-z0-9]{1,3}\)\s                                # a) 1) (civil-law and post-Soviet items)
      | [a-z]\.\s                                       # a. b. (ASEAN regulations, US directives)
      | [-–•]\s                                        # bullet rules (Indian gazette style)
      | \#{1,6}\s                                      # Markdown heading
    )""",
    re.VERBOSE,
)
_MD_HEADING = re.compile(r"(#{1,6})\s+(.*\S)")
# A Markdown or plain pipe table: each row is read on its own, as a Word table's cells are,
# so a header row's "may" does not lend its stance to every row below it.
_TABLE_ROW = re.compile(r"\|.*\||.+\s\|\s.+")
_TABLE_RULE = re.compile(r"\|?(?:\s*:?-{3,}:?\s*\|?)+")
_METADATA_LINE = re.compile(r"# [\w-]+:\s")
_BINARY_PROBE = 8192


def read_blocks(path: Path) -> tuple[list[Block], int | None]:
    """Return the paragraphs of a text file and its page count (form feeds), or None."""
    encoding = _detect_encoding(path)
    try:
        blocks, form_feeds = _read_with(path, encoding)
    except UnicodeDecodeError:
        if encoding != "utf-8-sig":
            raise UnsupportedFormatError(str(path), f"text is not valid {encoding}") from None
        # Not UTF-8 after all: legacy Windows text is by far the commonest alternative.
        try:
            blocks, form_feeds = _read_with(path, "cp1252")
        except UnicodeDecodeError:
            raise UnsupportedFormatError(
                str(path), "text is neither UTF-8 nor Windows-1252; re-save it as UTF-8"
            ) from None
    if not blocks:
        raise EmptyDocumentError(str(path), "contains no text")
    if not form_feeds:
        # Without form feeds the file has no pages; say so rather than claim page 1.
        for block in blocks:
            block.ref = SourceRef(line=block.ref.line, table=block.ref.table, row=block.ref.row)
        return blocks, None
    return blocks, form_feeds + 1


def _detect_encoding(path: Path) -> str:
    with path.open("rb") as fh:
        head = fh.read(_BINARY_PROBE)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in head:
        raise UnsupportedFormatError(str(path), "binary file, not a text document")
    return "utf-8-sig"


def _read_with(path: Path, encoding: str) -> tuple[list[Block], int]:
    with path.open(encoding=encoding, newline=None) as fh:
        builder = _ParagraphBuilder()
        for number, line in _body_lines(fh):
            builder.feed(number, line)
        builder.flush()
        return builder.blocks, builder.form_feeds


def _body_lines(fh: TextIO) -> Iterator[tuple[int, str]]:
    """Yield (1-based line number, line) after dropping the corpus metadata header.

    The header is the run of "# key: value" lines at the very top ended by a blank
    line; a lone Markdown title at the top is not metadata and is kept.
    """
    header: list[tuple[int, str]] = []
    lines = enumerate(fh, start=1)
    for number, raw in lines:
        line = raw.rstrip("\n")
        if line.startswith("# "):
            header.append((number, line))
            continue
        is_metadata = any(_METADATA_LINE.match(text) for _, text in header)
        if not (header and is_metadata and not line.strip()):
            yield from header
            yield number, line
        break
    else:
        yield from header
        return
    for number, raw in lines:
        yield number, raw.rstrip("\n")


class _ParagraphBuilder:
    """Accumulate lines into Blocks, tracking pages by form feeds."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.form_feeds = 0
        self._parts: list[str] = []
        self._first_line = 0
        self._page = 1
        self._tables = 0
        self._row = 0  # rows of the current table so far; 0 outside a table

    def feed(self, number: int, line: str) -> None:
        if "\f" in line:
            self._emit_pieces(number, line)
            return
        self._feed_text(number, line)

    def _emit_pieces(self, number: int, line: str) -> None:
        # A form feed ends the paragraph; text either side belongs to different pages.
        pieces = line.split("\f")
        for i, piece in enumerate(pieces):
            if i:
                self.flush()
                self.form_feeds += 1
            self._feed_text(number, piece)

    def _feed_text(self, number: int, line: str) -> None:
        text = line.strip()
        if not text:
            self.flush()
            self._row = 0
            return
        heading = _MD_HEADING.fullmatch(text)
        if heading:
            self.flush()
            self._row = 0
            self._append(heading.group(2), number, len(heading.group(1)), self.form_feeds + 1)
            return
        if _TABLE_ROW.fullmatch(text):
            self.flush()
            if not _TABLE_RULE.fullmatch(text):
                if not self._row:
                    self._tables += 1
                self._row += 1
                self._append(text.strip("| "), number, None, self.form_feeds + 1, (self._tables, self._row))
            return
        self._row = 0
        if self._parts and _NEW_BLOCK.match(text):
            self.flush()
        if not self._parts:
            self._first_line = number
            self._page = self.form_feeds + 1
        self._parts.append(text)

    def flush(self) -> None:
        if self._parts:
            self._append(" ".join(self._parts), self._first_line, None, self._page)
            self._parts = []

    def _append(self, text: str, line: int, level: int | None, page: int, cell: tuple[int, int] | None = None) -> None:
        table, row = cell or (None, None)
        ref = SourceRef(page=page, line=line, table=table, row=row)
        self.blocks.append(Block(text=text, ref=ref, heading_level=level))
