"""Turn a file into a Document of cited provisions.

Each input format is one module exposing `read_blocks(path) -> (blocks, page_count)`;
adding a format means adding a module and one entry in `READERS`.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from linter.errors import EmptyDocumentError, InputError, MissingFileError
from linter.extract.limits import Limits, bounded_blocks, enforce
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
# What a path that is neither a file nor a folder is, for the error message.
_SPECIAL = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
# A UTF-8 or UTF-16 character takes at most four bytes.
_MAX_BYTES_PER_CHAR = 4


def _reader(fmt: str) -> Reader:
    return import_module(READERS[fmt]).read_blocks


def _read_blocks(fmt: str, path: Path, workers: int, limits: Limits) -> tuple[list[Block], int | None]:
    if fmt == "pdf":
        # The one reader that splits a file across processes, and that knows the page count
        # before reading any page: a PDF over --max-pages is refused before it is read.
        from linter.extract.pdf import read_blocks

        return read_blocks(path, workers, limits)
    return _reader(fmt)(path)


def read_document(path: str | Path, limits: Limits = Limits(), workers: int = 1) -> Document:
    """Read any supported file into a Document; raise an InputError subclass if it cannot be read.

    `workers` > 1 lets a reader split one long file across that many processes; only the
    PDF reader does (see linter.extract.pdf), the others read a long law in a fraction of
    the time a process takes to start.
    """
    path = Path(path)
    size = _regular_file_size(path)
    try:
        fmt = sniff_format(path)
        if fmt == "text":
            enforce(limits, str(path), "characters", size // _MAX_BYTES_PER_CHAR)
        from linter.structure import build_provisions

        with gc_paused():
            blocks, pages = _read_blocks(fmt, path, workers, limits)
            if pages:
                enforce(limits, str(path), "pages", pages)
            enforce(limits, str(path), "characters", sum(len(b.text) for b in blocks))
            provisions = build_provisions(list(bounded_blocks(blocks)))
        sha256 = file_sha256(path)
    except OSError as exc:  # permission denied, an I/O error, a file removed while being read
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from exc
    if not provisions:
        raise EmptyDocumentError(str(path), "contains no text")
    enforce(limits, str(path), "provisions", len(provisions))
    return Document(path=str(path), format=fmt, pages=pages, provisions=provisions, title=_title(blocks), sha256=sha256)


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


def _regular_file_size(path: Path) -> int:
    """The size of `path`, checked to be a regular file before anything opens it.

    Opening a named pipe blocks until something writes to it, and a device may never end,
    so anything that is not a regular file is refused from its `stat` alone.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        raise MissingFileError(str(path), "dangling symbolic link" if path.is_symlink() else "no such file") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from exc
    if stat.S_ISDIR(info.st_mode):
        if not os.access(path, os.R_OK | os.X_OK):
            raise InputError(str(path), "cannot read this folder: permission denied")
        raise MissingFileError(str(path), "is a directory, not a document")
    kind = next((name for test, name in _SPECIAL if test(info.st_mode)), None)
    if kind or not stat.S_ISREG(info.st_mode):
        raise InputError(str(path), f"not a regular file ({kind or 'special file'})")
    return info.st_size
