"""Token attributes as rows of integers (`Doc.to_array(...).tolist()`).

The components read these instead of Token or Span objects, which cost more to build
than all the work the components do with them.
"""

from __future__ import annotations

from spacy.strings import StringStore


def span_text(strings: StringStore, rows: list[list[int]], start: int, end: int, word: int, space: int) -> str:
    """Text of tokens start..end as spaCy joins them: each but the last followed by its space.

    `word` and `space` are the row columns holding the token's string hash (ORTH or LOWER)
    and its SPACY flag.
    """
    last = end - 1
    return "".join(strings[rows[i][word]] + (" " if rows[i][space] and i < last else "") for i in range(start, end))
