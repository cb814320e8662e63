"""Turn a file into a Document of cited provisions.

Each input format is one module exposing `read_blocks(path) -> (blocks, page_count)`;
adding a format means adding a module and one entry in `READERS`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from linter.errors import EmptyDocumentError, MissingFileError
from linter.extract.sniff import sniff_format
from linter.gc_pause import gc_paused
from linter.model import Block, Document

Reader = Callable[[Path], tuple[list[Block], int | None]]

# Format (as sniff_format names it) -> reader module, imported on demand: the pdf and
# docx readers pull in heavy libraries.
READERS = {
    "pdf": "linter.extract.pdf",
    "docx": "linter.extract.docx",
    "text": "linter.extract.text",
    "html": "linter.extract.html",
    "akn": "linter.extract.akn",
    "uslm": "linter.extract.uslm",
    "clml": "linter.extract.clml",
}


def _reader(fmt: str) -> Reader:
    return import_module(READERS[fmt]).read_blocks


def read_document(path: str | Path) -> Document:
    """Read any supported file into a Document; raise an InputError subclass if it cannot be read."""
    path = Path(path)
    if not path.exists():
        raise MissingFileError(str(path), "no such file")
    if path.is_dir():
        raise MissingFileError(str(path), "is a directory, not a document")
    fmt = sniff_format(path)
    from linter.structure import build_provisions

    with gc_paused():
        blocks, pages = _reader(fmt)(path)
        provisions = build_provisions(blocks)
    if not provisions:
        raise EmptyDocumentError(str(path), "contains no text")
    return Document(
        path=str(path), format=fmt, pages=pages, provisions=provisions, title=_title(blocks), sha256=file_sha256(path)
    )


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _title(blocks: list[Block]) -> str:
    """The first line with words in it, without Markdown's heading marks, cut to a title's length."""
    first = next((b.text for b in blocks if any(c.isalpha() for c in b.text)), "")
    title = " ".join(first.lstrip("#").split())
    return title if len(title) <= 120 else title[:119].rsplit(" ", 1)[0] + "\u2026"
