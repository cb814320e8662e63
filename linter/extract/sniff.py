"""Decide a file's format from its bytes, never from its extension alone."""

from __future__ import annotations

import zipfile
from pathlib import Path

from linter.errors import CorruptDocumentError, EmptyDocumentError, UnsupportedFormatError

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff_format(path: Path) -> str:
    """Return "pdf", "docx" or "text" for `path`, or raise an InputError naming the problem."""
    with path.open("rb") as fh:
        head = fh.read(4096)
    name = str(path)
    if not head.strip():
        raise EmptyDocumentError(name, "file is empty")
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(_OLE_MAGIC):
        raise UnsupportedFormatError(
            name, "legacy Word .doc (or other OLE) file; save it as .docx and lint that"
        )
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(path)
    if head.startswith(b"{\\rtf"):
        raise UnsupportedFormatError(name, "RTF is not supported; save it as .docx")
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnsupportedFormatError(name, "binary file, not a DOCX, PDF or text document")
    return "text"


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
