"""How large an input may be, and how long one paragraph may grow before it is cut.

A limit turns a document that would exhaust memory or time into a `too-large` error
that names the limit and the option (or config key) to raise it. Long paragraphs are not
an error: they are cut into bounded pieces so no later stage (spaCy's 1,000,000-character
`max_length`, the clause analysis) ever sees one unbounded string.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from linter.errors import DocumentTooLargeError
from linter.model import Block

# A regulation's longest real provisions run to a few thousand characters.
MAX_BLOCK_CHARS = 20_000
# Prefer to cut after a sentence or clause, else at a space, within this last stretch.
_CUT_WINDOW = 2_000
_SENTENCE_END = re.compile(r"[.;:!?]\s")


@dataclass(frozen=True)
class Limits:
    """The largest input accepted; each field is an option and a config key (see OPTIONS)."""

    pages: int = 5_000
    characters: int = 50_000_000
    provisions: int = 200_000


# Field -> (command-line option, config key) that raises it.
OPTIONS = {
    "pages": ("--max-pages", "max-pages"),
    "characters": ("--max-characters", "max-characters"),
    "provisions": ("--max-provisions", "max-provisions"),
}


def enforce(limits: Limits, path: str, field: str, value: int) -> None:
    """Raise `too-large` when `value` exceeds the limit `field`."""
    limit = getattr(limits, field)
    if value > limit:
        option, key = OPTIONS[field]
        raise DocumentTooLargeError(
            path,
            f"{value:,} {field} is more than the limit of {limit:,} (raise it with {option} or the config key '{key}')",
        )


def bounded_blocks(blocks: Iterable[Block], max_chars: int = MAX_BLOCK_CHARS) -> Iterator[Block]:
    """The blocks with any longer than `max_chars` cut into consecutive pieces, each at most that long."""
    for block in blocks:
        if len(block.text) <= max_chars:
            yield block
            continue
        for i, piece in enumerate(_pieces(block.text, max_chars)):
            # The first piece keeps the paragraph's number; the rest continue it.
            yield replace(block, text=piece, number=block.number if i == 0 else None)


def _pieces(text: str, max_chars: int) -> Iterator[str]:
    start = 0
    while len(text) - start > max_chars:
        end = start + max_chars
        window_start = max(start + 1, end - _CUT_WINDOW)
        cut = _last_cut(text, window_start, end)
        piece = text[start:cut].strip()
        if piece:
            yield piece
        start = cut
    rest = text[start:].strip()
    if rest:
        yield rest


def _last_cut(text: str, lo: int, hi: int) -> int:
    """Where to cut in text[lo:hi]: after the last sentence end, else the last space, else at hi."""
    last = None
    for m in _SENTENCE_END.finditer(text, lo, hi):
        last = m.end()
    if last is not None:
        return last
    space = text.rfind(" ", lo, hi)
    return space + 1 if space > 0 else hi
