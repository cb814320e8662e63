"""The values the components leave on a Doc (`concepts`, `clauses`, `sentence_vector`).

They are spaCy Doc extensions, so `doc._.concepts` reads them; the components and the
engine read and write them here instead. Each `doc._` access builds an Underscore object
(about 2 µs), and a long law's provisions were read and written six times each: a
twentieth of the whole check. The values are kept where spaCy's Underscore keeps a Doc
extension's value, in `doc.user_data` under `("._.", name, None, None)` (spacy/tokens/
underscore.py); tests/test_doc_values.py fails if a spaCy release moves them.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

_DEFAULTS: dict[str, Any] = {}


def register(name: str, default: Any) -> None:
    """Declare the Doc extension `name` (once per process)."""
    if not Doc.has_extension(name):
        Doc.set_extension(name, default=default)
    _DEFAULTS[name] = default


def set_value(doc: Doc, name: str, value: Any) -> None:
    _data(doc)[("._.", name, None, None)] = value


def value(doc: Doc, name: str) -> Any:
    """The value set on `doc`, else the extension's default (None if it was never registered)."""
    return _data(doc).get(("._.", name, None, None), _DEFAULTS.get(name))


def _data(doc: Doc) -> dict[Any, Any]:
    return doc.user_data  # typed dict[str, Any] in spaCy's stubs, but its keys are any hashable
