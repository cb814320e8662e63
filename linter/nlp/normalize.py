"""Token normalisation so one vocabulary entry matches every inflection and spelling.

Each word is lower-cased, its British spelling mapped to the US one, a few irregular
plurals mapped to the singular, and the result stemmed (Snowball English). The same
function normalises the vocabulary and the document, so "Restraints", "restrained"
and "restraint" all meet, as do "labour"/"labor" and "authorised"/"authorized".
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

_IRREGULAR = {
    "women": "woman",
    "men": "man",
    "children": "child",
    "wives": "wife",
    "feet": "foot",
    "gaols": "jail",
    "gaol": "jail",
    "fetus": "fetus",
    "foetus": "fetus",
    "mothers-to-be": "mother",
    "cannot": "cannot",
}

_SPELLING = [
    (re.compile(r"(?<=\w\w\w)our(s|ed|ing|er|ers)?$"), r"or\1"),  # labour, behaviour, neighbour
    (re.compile(r"(?<=\w\w)is(e|es|ed|ing|ation|ations)$"), r"iz\1"),  # authorise, organisation
    (re.compile(r"(?<=\w\w)ys(e|es|ed|ing)$"), r"yz\1"),  # analyse
    (re.compile(r"ae(?=\w)"), "e"),  # paediatric, gynaecology
    (re.compile(r"oe(?=st|tus|soph)"), "e"),  # oestrogen, foetus
    (re.compile(r"(?<=\w\w)tre(s)?$"), r"ter\1"),  # centre
    (re.compile(r"ogue(s)?$"), r"og\1"),  # catalogue
    (re.compile(r"^(def|lic|off|pret)ence(s)?$"), r"\1ense\2"),  # defence, licence, offence
    (re.compile(r"programme(s)?$"), r"program\1"),
    (re.compile(r"judgement"), "judgment"),
]

_stemmer = snowballstemmer.stemmer("english")


@lru_cache(maxsize=200_000)
def normalize(word: str) -> str:
    """Return the matching key for one token's text."""
    w = word.lower().replace("\u2019", "'")
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if not w[:1].isalpha():
        return w
    for pattern, repl in _SPELLING:
        w = pattern.sub(repl, w)
    return _stemmer.stemWord(w)
