"""Token attributes as rows of integers, read once per Doc and shared by the components.

The components read these instead of Token or Span objects, which cost more to build
than all the work the components do with them; one `Doc.to_array` call serves them all
(the array is kept in `doc.user_data` while the Doc lives).
"""

from __future__ import annotations

import sys

import numpy as np
from spacy.attrs import IDX, IS_PUNCT, IS_TITLE, IS_UPPER, LIKE_NUM, LOWER, NORM, ORTH, SPACY
from spacy.strings import StringStore
from spacy.tokens import Doc

COLUMNS = (ORTH, LOWER, IS_TITLE, LIKE_NUM, IS_PUNCT, SPACY, IDX, IS_UPPER, NORM)
# The position of each attribute in a row.
WORD, LOWERED, TITLE, NUMBER, PUNCT, SPACE, OFFSET, UPPER, NORMED = range(len(COLUMNS))
_ARRAY, _ROWS = "bangkok_lint.token_array", "bangkok_lint.token_rows"


def token_array(doc: Doc) -> np.ndarray:
    """tokens x COLUMNS, as unsigned 64-bit integers."""
    array = doc.user_data.get(_ARRAY)
    if array is None:
        array = doc.user_data[_ARRAY] = doc.to_array(list(COLUMNS)).reshape(len(doc), len(COLUMNS))
    return array


def token_rows(doc: Doc) -> list[list[int]]:
    """`token_array(doc)` as Python lists: indexing these is faster than indexing the array."""
    rows = doc.user_data.get(_ROWS)
    if rows is None:
        rows = doc.user_data[_ROWS] = token_array(doc).tolist()
    return rows


def span_text(strings: StringStore, rows: list[list[int]], start: int, end: int, word: int = WORD) -> str:
    """Text of tokens start..end as spaCy joins them: each but the last followed by its space.

    `word` is the column holding the token's string hash (WORD or LOWERED).
    """
    last = end - 1
    # Interned: the same few words are quoted by hits all through a law, and a new string
    # per hit would be a tenth of the memory a long law's units take.
    if start == last:
        return sys.intern(strings[rows[start][word]])  # most hits are one word
    return sys.intern(
        "".join(strings[rows[i][word]] + (" " if rows[i][SPACE] and i < last else "") for i in range(start, end))
    )
