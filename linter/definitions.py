"""Recognise the sentences that define a term, in the forms drafting traditions use.

Westminster and US texts quote the term ('"infant" means ...', '“strip search” includes ...');
post-Soviet codes and many translations write it bare with a dash or colon ("convict – a
person sentenced ...", "post-delivery period: means ..."); New Zealand and Australian acts
print it in bold, which plain text loses ("prison manager means ..."). The structure parser
uses this to mark definition provisions, the engine to learn what each term means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_QUOTED = re.compile(
    r"(?:the\s+(?:term|expression|word)s?\s+)?[\"“‘'](?P<term>[^\"”’'“]{2,80})[\"”’']\s*,?\s*(?:\([^)]*\)\s*)?"
    r"(?:means|includes|has the (?:same )?meaning|shall mean|shall include|refers to|does not include)\b",
    re.IGNORECASE,
)
# Only at the start of a provision: "In this Part, post-delivery period means ..." or
# (never "Special means may be applied ...": there "means" is a noun, followed by a modal)
# "convict – a person ...". The dash-and-article form needs a lower-case term, so a caption
# ("Searches — the governor may ...") is not read as a definition.
_LEAD = r"^(?:\(\w+\)\s*)?(?:(?:[Ii]n|[Ff]or the purposes? of)\s+th(?:is|ese)\s+[\w\s]{1,30}?,\s*)?(?:(?:a|an|the)\s+)?"
_BARE = re.compile(
    _LEAD
    + r"(?:(?P<term>[A-Za-z][\w’'-]*(?:\s+[\w’'-]+){0,5}?)(?:\s+|\s*[–—:]\s*)(?:means(?!\s+(?:of|may|shall|must|will|should|can|cannot|are|is|were|and|or|to|for)\b)|shall mean|refers to)\b"
    + r"|(?P<dterm>[a-z][\w’'-]*(?:\s+[\w’'-]+){0,5}?)\s*[–—:]\s*(?:is|are|a|an|the|any)\b)",
)
# US statutes caption each definition and write the term unquoted: "Postpartum recovery The
# term postpartum recovery means ...".
_THE_TERM = re.compile(
    r"^(?:\(\w+\)\s*)?(?:[^.;:]{0,80}?\s)?the\s+(?:term|expression)s?\s+(?P<term>[^,;:\"“]{1,60}?)\s*[—–-]?\s*"
    r"(?:\(\w+\)\s*)?(?:means|includes|has the (?:same )?meaning|shall mean)\b",
    re.IGNORECASE,
)
_QUOTED_AT_START = re.compile(_LEAD + _QUOTED.pattern, re.IGNORECASE)


@dataclass(frozen=True)
class Definition:
    """`term` (lower case) is defined by the text from `body_start` to `body_end`."""

    term: str
    body_start: int
    body_end: int


# Every form above contains one of these; a substring test spares most provisions the regexes.
_HINTS = ("mean", "includ", "refer", "–", "—", ":")


def _may_define(text: str) -> bool:
    lowered = text.lower()
    return any(h in lowered for h in _HINTS)


def is_definition(text: str) -> bool:
    """Does the provision open by defining a term?"""
    return _may_define(text) and bool(_QUOTED_AT_START.search(text) or _BARE.search(text) or _THE_TERM.search(text))


def definitions_in(text: str) -> list[Definition]:
    """Every term the provision defines, each with the span of its defining words."""
    if not _may_define(text):
        return []
    found = [(m.group("term"), m.end()) for m in _QUOTED.finditer(text)]
    if not found:
        the_term = _THE_TERM.search(text)
        bare = _BARE.search(text)
        if the_term:
            found = [(the_term.group("term"), the_term.end())]
        elif bare:
            found = [(bare.group("term") or bare.group("dterm"), bare.end())]
    out = []
    for i, (term, start) in enumerate(found):
        end = len(text)
        if i + 1 < len(found):
            # The next definition's quoted term starts where this body ends.
            end = text.rfind(found[i + 1][0], start) - 1
        out.append(Definition(term.strip().lower(), start, max(end, start)))
    return out
