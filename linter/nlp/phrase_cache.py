"""Pattern phrases as spaCy Docs, tokenised once per installation rather than once per run.

Building the pipeline turns every vocabulary term and deontic marker (~4,000 strings) into a
Doc for the PhraseMatchers. Running spaCy's tokenizer over them is a fifth of the start-up of
`check` on a small file; building the same Docs from their words is ~5x faster. So the words,
spaces and token norms of each phrase are kept in the user cache (linter.user_cache), in a
file named for everything that decides them: the spaCy version, the tokenizer's affix
patterns and special cases, and the normaliser's source. A phrase the file lacks (a new or
edited pattern) is tokenised and the file rewritten when the process ends.

A Doc built from words has the same lexemes (so the same NORM and LOWER) as the tokenizer's;
a token-level norm a tokenizer special case sets ("n't" -> "not") is stored and restored.
"""

from __future__ import annotations

import atexit
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from linter import user_cache
from linter.nlp import normalize
from linter.nlp.tokenizer import tokenizer

# Per cache file name: text -> [words, spaces, norms or None when every norm is the lexeme's].
_tables: dict[str, dict[str, list]] = {}
_unsaved: set[str] = set()
# id(tokenizer) -> (tokenizer, key): the key is asked for once per phrase list. The
# tokenizer is held so that its id is not reused while the entry lives.
_names: dict[int, tuple[object, str]] = {}
_MAX_NAMES = 8


def phrase_docs(nlp: Language, texts: Iterable[str]) -> list[Doc]:
    """A Doc per text, as `nlp.tokenizer.pipe(texts)` makes them."""
    name = _file_name(nlp)
    table = _table(name)
    texts = list(texts)
    missing = [t for t in dict.fromkeys(texts) if t not in table]
    for text, doc in zip(missing, tokenizer(nlp).pipe(missing)):
        table[text] = _entry(doc)
    if missing:
        _save_at_exit(name)
    return [_doc(nlp, *table[text]) for text in texts]


def _entry(doc: Doc) -> list:
    norms = [t.norm_ for t in doc]
    own = any(t.norm != t.lex.norm for t in doc)
    return [[t.text for t in doc], [bool(t.whitespace_) for t in doc], norms if own else None]


def _doc(nlp: Language, words: list[str], spaces: list[bool], norms: list[str] | None) -> Doc:
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    if norms is not None:
        for token, norm in zip(doc, norms):
            token.norm_ = norm
    return doc


def _file_name(nlp: Language) -> str:
    return f"phrases-{tokenizer_key(nlp)}.json"


def tokenizer_key(nlp: Language) -> str:
    """A digest of everything that decides how `nlp` splits and normalises a text."""
    tokenizer = nlp.tokenizer
    known = _names.get(id(tokenizer))
    if known is not None and known[0] is tokenizer:
        return known[1]
    if len(_names) >= _MAX_NAMES:
        _names.clear()
    key = _tokenizer_digest(tokenizer)
    _names[id(tokenizer)] = (tokenizer, key)
    return key


def _tokenizer_digest(tokenizer) -> str:
    patterns = [
        getattr(getattr(fn, "__self__", None), "pattern", None)
        for fn in (
            tokenizer.prefix_search,
            tokenizer.suffix_search,
            tokenizer.infix_finditer,
            tokenizer.token_match,
            tokenizer.url_match,
        )
    ]
    rules = sorted((k, json.dumps(v, sort_keys=True)) for k, v in (tokenizer.rules or {}).items())
    key = json.dumps([spacy.__version__, patterns, rules], ensure_ascii=False).encode("utf-8")
    key += Path(normalize.__file__).read_bytes()
    return hashlib.sha256(key).hexdigest()[:20]


def _table(name: str) -> dict[str, list]:
    if name not in _tables:
        stored = user_cache.read_json(name)
        _tables[name] = stored if isinstance(stored, dict) else {}
    return _tables[name]


def _save_at_exit(name: str) -> None:
    if not _unsaved:
        atexit.register(_save)
    _unsaved.add(name)


def _save() -> None:
    for name in sorted(_unsaved):
        user_cache.write_json(name, _tables[name])
    _unsaved.clear()
