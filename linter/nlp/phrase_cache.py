"""Pattern phrases as the matchers' keys, tokenised once per installation rather than once per run.

Building the pipeline turns every vocabulary term and deontic marker (~4,600 strings) into
match keys for the PhraseMatchers: the hashes of each token's NORM (concepts) or LOWER
(deontic markers), which `PhraseMatcher.add` takes in place of Docs. Tokenizing the phrases,
or even building Docs from their words, is a fifth of the start-up of `check` on a small
file; reading the keys is not. So each phrase's keys are kept in the user cache
(linter.user_cache), in a file named for everything that decides them: the spaCy version,
the tokenizer's affix patterns and special cases, and the normaliser's source. A phrase the
file lacks (a new or edited pattern) is tokenised and the file rewritten when the process ends.

The keys are read from the tokenizer's own Doc, so a token-level norm a tokenizer special
case sets ("n't" -> "not") is kept as the tokenizer sets it.
"""

from __future__ import annotations

import atexit
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

import spacy
from spacy.attrs import LOWER, NORM
from spacy.language import Language
from spacy.matcher import PhraseMatcher

from linter import user_cache
from linter.nlp import normalize
from linter.nlp.tokenizer import special_cases, tokenizer

# The attributes phrases are matched on, in the order their keys are stored.
ATTRIBUTES = {"NORM": NORM, "LOWER": LOWER}

# Per cache file name: text -> [its keys for each of ATTRIBUTES].
_tables: dict[str, dict[str, list[list[int]]]] = {}
_unsaved: set[str] = set()
# id(tokenizer) -> (tokenizer, key): the key is asked for once per phrase list. The
# tokenizer is held so that its id is not reused while the entry lives.
_names: dict[int, tuple[object, str]] = {}
_MAX_NAMES = 8


def phrase_keys(nlp: Language, texts: Iterable[str], attribute: str) -> list[list[int]]:
    """Each text's token hashes for `attribute` ("NORM" or "LOWER"), as the tokenizer gives them."""
    column = list(ATTRIBUTES).index(attribute)
    name = _file_name(nlp)
    table = _table(name)
    texts = list(texts)
    missing = [t for t in dict.fromkeys(texts) if t not in table]
    for text, doc in zip(missing, tokenizer(nlp).pipe(missing)):
        table[text] = [doc.to_array(attr).tolist() for attr in ATTRIBUTES.values()]
    if missing:
        _save_at_exit(name)
    return [table[text][column] for text in texts]


def add_phrases(matcher: PhraseMatcher, label: str, keys: list[list[int]]) -> None:
    """Add phrases given by their keys (from `phrase_keys`) to `matcher` under `label`."""
    # PhraseMatcher.add takes a phrase as its token keys as well as a Doc (it is how a pickled
    # matcher is rebuilt); spaCy's stub only declares Docs. tests/test_startup.py checks that
    # both find the same matches.
    matcher.add(label, keys)  # type: ignore[arg-type]


def _file_name(nlp: Language) -> str:
    return f"phrase-keys-{tokenizer_key(nlp)}.json"


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
    rules = json.dumps(special_cases(tokenizer), sort_keys=True)  # one call: per rule was a hundredth of a start
    key = json.dumps([spacy.__version__, patterns, rules], ensure_ascii=False).encode("utf-8")
    key += Path(normalize.__file__).read_bytes()
    return hashlib.sha256(key).hexdigest()[:20]


def _table(name: str) -> dict[str, list[list[int]]]:
    if name not in _tables:
        _tables[name] = _read(name)
    return _tables[name]


def _read(name: str) -> dict[str, list[list[int]]]:
    """The stored table. The file is the JSON table after a line with its SHA-256: a table whose
    digest matches is as this module wrote it and is read without checking its thousands of
    entries (that check was a tenth of a small file's start); any other is checked entry by
    entry, and entries of the wrong shape (a file edited by hand) are tokenised again."""
    data = user_cache.read_bytes(name)
    if data is None:
        return {}
    seal, _, body = data.partition(b"\n")
    try:
        stored = json.loads(body)
    except ValueError:
        return {}
    if not isinstance(stored, dict):
        return {}
    if seal == hashlib.sha256(body).hexdigest().encode():
        return stored
    return {t: e for t, e in stored.items() if _well_formed(e)}


def _well_formed(entry: object) -> bool:
    return (
        isinstance(entry, list)
        and len(entry) == len(ATTRIBUTES)
        and all(isinstance(keys, list) and all(type(k) is int for k in keys) for keys in entry)
    )


def _save_at_exit(name: str) -> None:
    if not _unsaved:
        atexit.register(_save)
    _unsaved.add(name)


def _save() -> None:
    for name in sorted(_unsaved):
        body = json.dumps(_tables[name], ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        user_cache.write_bytes(name, hashlib.sha256(body).hexdigest().encode() + b"\n" + body)
    _unsaved.clear()
