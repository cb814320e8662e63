"""Decide a file's format from its bytes, never from its extension alone."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path

from linter.errors import CorruptDocumentError, EmptyDocumentError, UnsupportedFormatError

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff_format(path: Path) -> str:
    """Return "pdf", "docx", "html", "akn", "uslm", "clml" or "text" for `path`, or raise an
    InputError naming the problem."""
    with path.open("rb") as fh:
        head = fh.read(4096)
    name = str(path)
    if not head.strip():
        raise EmptyDocumentError(name, "file is empty")
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(_OLE_MAGIC):
        raise UnsupportedFormatError(name, "legacy Word .doc (or other OLE) file; save it as .docx and lint that")
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(path)
    if head.startswith(b"{\\rtf"):
        raise UnsupportedFormatError(name, "RTF is not supported; save it as .docx")
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnsupportedFormatError(name, "binary file, not a DOCX, PDF or text document")
    return _sniff_markup(name, head) or "text"


def _sniff_markup(name: str, head: bytes) -> str | None:
    """ "html", or the legislation XML vocabulary named by the root element; None for text."""
    start = prolog([head])
    rest = head.replace(b"\x00", b"")[len(start) :]
    before_root = start.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n")
    if not rest.startswith(b"<") or (before_root and not before_root.startswith(b"<")):
        return None  # text that merely mentions a tag somewhere
    root = rest[1:].split(maxsplit=1)[0].split(b">", 1)[0].split(b"/", 1)[0]
    local = root.rsplit(b":", 1)[-1].decode("ascii", "replace").lower()
    if local == "html" or b"<!doctype html" in start.lower():
        return "html"
    if local in _HTML_FRAGMENT_ROOTS and name.lower().endswith((".html", ".htm")):
        return "html"  # a saved fragment of a page; a Markdown file may open with <div> too, so the name decides
    if local in _XML_ROOTS:
        return _XML_ROOTS[local]
    if local in _USLM_ROOTS and b"uslm" in rest:
        return "uslm"
    if before_root.startswith(b"<?xml"):
        raise UnsupportedFormatError(
            name, f"XML with root element <{local}> is not Akoma Ntoso, USLM or legislation.gov.uk CLML"
        )
    return None


_HTML_FRAGMENT_ROOTS = {"body", "main", "article", "section", "div", "p", "table", "h1", "h2", "h3", "ol", "ul"}
# Root element (local name, lower case) -> format; each XML reader registers here.
_XML_ROOTS = {"akomantoso": "akn", "legislation": "clml", "uscdoc": "uslm", "lawdoc": "uslm"}
# Root names USLM shares with other vocabularies: USLM only when its namespace is declared.
_USLM_ROOTS = {"bill", "resolution", "amendment", "statutescompilation", "pluralsaddress"}


def _sniff_zip(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except zipfile.BadZipFile as exc:
        raise CorruptDocumentError(str(path), f"damaged or truncated ZIP/DOCX container ({exc})") from exc
    if "word/document.xml" in names:
        return "docx"
    if "content.xml" in names:
        raise UnsupportedFormatError(str(path), "OpenDocument file; save it as .docx")
    raise UnsupportedFormatError(str(path), "ZIP archive that is not a Word document")


def prolog(chunks: Iterable[bytes]) -> bytes:
    """Everything before the root element (XML declaration, comments, DOCTYPE), NULs dropped
    so one ASCII search covers UTF-16 files too."""
    head = b""
    for chunk in chunks:
        head += chunk.replace(b"\x00", b"")
        end = _root_start(head)
        if end is not None:
            return head[:end]
    return head


def _root_start(head: bytes) -> int | None:
    """Offset of the `<` that opens the root element, stepping over comments, processing
    instructions and the DOCTYPE (whose internal subset may hold `<!ENTITY ...>`); None
    when `head` ends before it."""
    pos = head.find(b"<")
    while pos != -1:
        if head.startswith(b"<!--", pos):
            close = head.find(b"-->", pos + 4)
            pos = close + 3 if close != -1 else -1
        elif head.startswith(b"<?", pos):
            close = head.find(b"?>", pos + 2)
            pos = close + 2 if close != -1 else -1
        elif head.startswith(b"<!", pos):
            subset = head.find(b"[", pos)
            close = head.find(b">", pos)
            if subset != -1 and (close == -1 or subset < close):
                close = head.find(b"]", subset)
                close = head.find(b">", close) if close != -1 else -1
            pos = close + 1 if close != -1 else -1
        elif pos + 1 < len(head) and (head[pos + 1 : pos + 2].isalpha() or head[pos + 1 : pos + 2] == b"_"):
            return pos
        elif pos + 1 >= len(head):
            return None
        else:
            pos += 1
        if pos == -1:
            return None
        pos = head.find(b"<", pos)
    return None


def declares_entities(head: bytes) -> bool:
    return b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper()
