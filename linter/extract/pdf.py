"""Read a PDF's text layer into paragraph Blocks.

pypdfium2 gives each run of text (one text object, usually one line or part of one)
with its box in well under a second for a 300-page regulation, where pdfminer-based
tools take tens of seconds; the layout work on those runs lives in `pdf_layout`, and
the joining of lines into paragraphs in `pdf_paragraphs`.
"""

from __future__ import annotations

import ctypes
import os
from collections.abc import Sequence
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium_c

from linter import forked
from linter.errors import (
    CorruptDocumentError,
    EmptyDocumentError,
    EncryptedDocumentError,
    ScannedDocumentError,
)
from linter.extract.limits import Limits, enforce
from linter.extract.pdf_layout import PageText, Segment, clean_text, layout_pages
from linter.extract.pdf_paragraphs import build_blocks
from linter.model import Block

_RUN_BUFFER = 4096
# Pages a forked reader must have to be worth its start (see _shares).
_MIN_PAGES_PER_PROCESS = 25
_LOAD_ERRORS = {
    pdfium_c.FPDF_ERR_FILE: "file cannot be opened",
    pdfium_c.FPDF_ERR_FORMAT: "not a valid PDF structure",
}


def read_blocks(path: Path, workers: int = 1, limits: Limits = Limits()) -> tuple[list[Block], int | None]:
    """Return the body paragraphs of the PDF at `path` in reading order, and its page count.

    With `workers` > 1 a long document's pages are read by that many processes (this one
    included); the layout work across pages is done here on all of them, as before. A
    document over `limits.pages` is refused before any page is read.
    """
    name = str(path)
    document = _open(path)
    try:
        page_count = len(document)
        if page_count == 0:
            raise EmptyDocumentError(name, "PDF has no pages")
        enforce(limits, name, "pages", page_count)
        # A share must have _MIN_PAGES_PER_PROCESS pages: below that the fork and the transfer
        # of the pages' text cost more than reading them here.
        parts = forked.shares(range(page_count), workers, _MIN_PAGES_PER_PROCESS)
        if len(parts) == 1:
            pages = _read_pages(document, range(page_count), name)
    finally:
        # Closed before any fork: a child must not share this document's open file.
        document.close()
    if len(parts) > 1:
        pages = _read_in_processes(path, parts)
    if not any(page.segments for page in pages):
        raise ScannedDocumentError(name, "has no text layer (scanned?); run OCR first, e.g. ocrmypdf")
    return build_blocks(layout_pages(pages)), page_count


def _read_in_processes(path: Path, parts: list[Sequence[int]]) -> list[PageText]:
    """The pages of every share, read by this process and forked children at once, in page order.

    Each process opens the document for itself: pdfium's state is per process, and a file
    position shared across a fork would interleave the processes' reads.
    """
    try:
        return forked.map_shares(parts, lambda share: _read_share(path, share))
    except forked.ChildDied:
        raise CorruptDocumentError(str(path), "damaged PDF: the process reading its pages died") from None


def _read_share(path: Path, share: Sequence[int]) -> list[PageText]:
    document = _open(path)
    try:
        return _read_pages(document, share, str(path))
    finally:
        document.close()


def _read_pages(document: pypdfium2.PdfDocument, indexes: Sequence[int], name: str) -> list[PageText]:
    return [_read_page(document, index, name) for index in indexes]


def _open(path: Path) -> pypdfium2.PdfDocument:
    # Loaded through the raw call so the error code read next belongs to this load:
    # pypdfium2's wrapper reads pdfium's last error even for a document that loaded
    # fine with no pages, and would then report a stale error of an earlier file.
    raw = pdfium_c.FPDF_LoadDocument(os.fsencode(path), None)
    if raw:
        return pypdfium2.PdfDocument(raw)
    name = str(path)
    code = pdfium_c.FPDF_GetLastError()
    if code == pdfium_c.FPDF_ERR_PASSWORD:
        raise EncryptedDocumentError(name, "is password-protected; save an unprotected copy and lint that")
    if code == pdfium_c.FPDF_ERR_SECURITY:
        raise EncryptedDocumentError(
            name, "is encrypted with an unsupported security handler; save an unprotected copy"
        )
    reason = _LOAD_ERRORS.get(code, "unknown error")
    raise CorruptDocumentError(name, f"damaged or truncated PDF (pdfium: {reason})")


def _read_page(document: pypdfium2.PdfDocument, index: int, name: str) -> PageText:
    # Each page and text page is closed at once so memory stays bounded on huge files.
    # Raw calls: the helpers' page objects (finalizers, links to their parents) add about
    # 5% to the load of a page and its text. A failure is worded as the helpers word it.
    try:
        page = pdfium_c.FPDF_LoadPage(document, index)
        if not page:
            raise pypdfium2.PdfiumError("Failed to load page.")
        try:
            box = pdfium_c.FS_RECTF()
            if not pdfium_c.FPDF_GetPageBoundingBox(page, box):
                raise pypdfium2.PdfiumError("Failed to get page bounding box.")
            textpage = pdfium_c.FPDFText_LoadPage(page)
            if not textpage:
                raise pypdfium2.PdfiumError("Failed to load text page.")
            try:
                segments = _segments(textpage, box.left, box.top)
            finally:
                pdfium_c.FPDFText_ClosePage(textpage)
        finally:
            pdfium_c.FPDF_ClosePage(page)
    except pypdfium2.PdfiumError as exc:
        raise CorruptDocumentError(name, f"damaged PDF: page {index + 1} cannot be read ({exc})") from exc
    width, height = box.right - box.left, box.top - box.bottom
    return PageText(number=index + 1, width=width, height=height, segments=segments)


def _segments(textpage: pdfium_c.FPDF_TEXTPAGE, left: float, top: float) -> list[Segment]:
    """Text runs of the page with boxes in top-left-origin points."""
    # The raw calls with one reused buffer take half the time of the helpers, which size
    # and allocate a buffer for every run; after pdfium's page loading this loop is most
    # of the reading time, nearly all of it inside FPDFText_GetBoundedText.
    x0, y0, x1, y1 = (ctypes.c_double() for _ in range(4))
    size = _RUN_BUFFER
    buffer = (ctypes.c_ushort * size)()
    octets = memoryview(buffer).cast("B")
    count = pdfium_c.FPDFText_CountRects(textpage, 0, -1)
    if count < 0:
        raise pypdfium2.PdfiumError("Failed to count rectangles.")
    segments = []
    for index in range(count):
        pdfium_c.FPDFText_GetRect(textpage, index, x0, y1, x1, y0)
        box = (x0.value, y1.value, x1.value, y0.value)
        written = pdfium_c.FPDFText_GetBoundedText(textpage, *box, buffer, size)
        if written >= size:
            size = pdfium_c.FPDFText_GetBoundedText(textpage, *box, None, 0) + 1
            buffer = (ctypes.c_ushort * size)()
            octets = memoryview(buffer).cast("B")
            written = pdfium_c.FPDFText_GetBoundedText(textpage, *box, buffer, size)
        # The count includes the terminating NUL, which is not text.
        text = clean_text(str(octets[: 2 * written], "utf-16-le", "ignore").rstrip("\x00"))
        if text:
            segments.append(Segment(box[0] - left, top - box[1], box[2] - left, top - box[3], text))
    return segments
