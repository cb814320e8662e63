"""Recognise the sentences that define a term, in the forms drafting traditions use.

Westminster and US texts quote the term ('"infant" means ...', '“strip search” includes ...');
post-Soviet codes and many translations write it bare with a dash or colon ("convict – a
person sentenced ...", "post-delivery period: means ..."); New Zealand and Australian acts
print it in bold, which plain text loses ("prison manager means ..."). The structure parser
uses this to mark definition provisions, the engine to learn what each term means.

The words ("means", "the term", "In this Part") are data, `definitions:` in
patterns/drafting.yaml; the forms around them (quotation marks, dashes, where the term
stands) are the grammar below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from linter.pattern_language import phrase_anchors, phrase_regex, phrases_regex
from linter.patterns import DefinitionWording, load_patterns

# Every bare form without a defining verb has one of these; a substring test for them and
# the verbs' words spares most provisions the regexes.
_DASHES = ("–", "—", ":")
# Words that make a text a rule rather than a glossary entry's meaning.
_RULE_WORD = re.compile(r"\b(?:shall|may|must|will|should|is to|are to)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Definition:
    """`term` (lower case) is defined by the text from `body_start` to `body_end`."""

    term: str
    body_start: int
    body_end: int


class DefinitionGrammar:
    """The definition finders of one pattern set: its defining words inside the forms above."""

    def __init__(self, wording: DefinitionWording) -> None:
        verbs = phrases_regex(wording.verbs)
        self._quoted = re.compile(
            rf"(?:the\s+(?:{phrases_regex(wording.term_nouns)})\s+)?[\"“‘'](?P<term>[^\"”’'“]{{2,80}})[\"”’']\s*,?\s*(?:\([^)]*\)\s*)?"
            rf"(?:{verbs})\b",
            re.IGNORECASE,
        )
        # Only at the start of a provision: "In this Part, post-delivery period means ..." or
        # (never "Special means may be applied ...": there "means" is a noun, followed by a modal)
        # "convict – a person ...". The dash-and-article form needs a lower-case term, so a caption
        # ("Searches — the governor may ...") is not read as a definition.
        scopes = "|".join(_capital_first(phrase_regex(p)) for p in sorted(wording.scopes, key=len, reverse=True))
        lead = rf"^(?:\(\w+\)\s*)?(?:(?:{scopes})\s+[\w\s]{{1,30}}?,\s*)?(?:(?:a|an|the)\s+)?"
        self._bare = re.compile(
            lead
            + rf"(?:(?P<term>[A-Za-z][\w’'-]*(?:\s+[\w’'-]+){{0,5}}?)(?:\s+|\s*[–—:]\s*)(?:{_bare_verbs(wording)})\b"
            + rf"|(?P<dterm>[a-z][\w’'-]*(?:\s+[\w’'-]+){{0,5}}?)\s*[–—:]\s*(?:{phrases_regex(wording.body_openers)})\b)",
        )
        # US statutes caption each definition and write the term unquoted: "Postpartum recovery The
        # term postpartum recovery means ...".
        self._the_term = re.compile(
            rf"^(?:\(\w+\)\s*)?(?:[^.;:]{{0,80}}?\s)?the\s+(?:{phrases_regex(wording.term_nouns)})\s+(?P<term>[^,;:\"“]{{1,60}}?)\s*[—–-]?\s*"
            rf"(?:\(\w+\)\s*)?(?:{verbs})\b",
            re.IGNORECASE,
        )
        # Glossaries of Pacific and post-Soviet translations capitalise the term: "Infant – a child
        # under the age of three years". A caption is also capitalised ("Searches – a prisoner may
        # be searched ..."), so the body must state no rule: no modal before its end.
        self._capital_bare = re.compile(
            lead + r"(?P<cterm>[A-Z][\w’'-]*(?:\s+[\w’'-]+){0,3}?)\s*[–—]\s*(?:a|an)\s+(?P<body>[^;]*)"
        )
        self._quoted_at_start = re.compile(lead + self._quoted.pattern, re.IGNORECASE)
        self._hints = phrase_anchors(wording.verbs + wording.bare_verbs) + _DASHES

    def _may_define(self, text: str) -> bool:
        lowered = text.lower()
        return any(h in lowered for h in self._hints)

    def is_definition(self, text: str) -> bool:
        """Does the provision open by defining a term?"""
        return self._may_define(text) and bool(
            self._quoted_at_start.search(text)
            or self._bare.search(text)
            or self._the_term.search(text)
            or self._glossary_entry(text)
        )

    def _glossary_entry(self, text: str) -> re.Match | None:
        match = self._capital_bare.search(text)
        return match if match and not _RULE_WORD.search(match.group("body")) else None

    def definitions_in(self, text: str) -> list[Definition]:
        """Every term the provision defines, each with the span of its defining words."""
        if not self._may_define(text):
            return []
        found = [(m.group("term"), m.end()) for m in self._quoted.finditer(text)]
        if not found:
            the_term = self._the_term.search(text)
            bare = self._bare.search(text)
            if the_term:
                found = [(the_term.group("term"), the_term.end())]
            elif bare:
                found = [(bare.group("term") or bare.group("dterm"), bare.end())]
            elif glossary := self._glossary_entry(text):
                found = [(glossary.group("cterm"), glossary.start("body"))]
        out = []
        for i, (term, start) in enumerate(found):
            end = len(text)
            if i + 1 < len(found):
                # The next definition's quoted term starts where this body ends.
                end = text.rfind(found[i + 1][0], start) - 1
            out.append(Definition(term.strip().lower(), start, max(end, start)))
        return out


def _capital_first(regex: str) -> str:
    # A scope opens the sentence: its first letter may be a capital, the rest is as written.
    first = regex[:1]
    return f"[{first.upper()}{first}]{regex[1:]}" if first.isalpha() else regex


def _bare_verbs(wording: DefinitionWording) -> str:
    # A one-word verb can be a noun ("Special means may be applied", "Special means, including
    # handcuffs, shall not be applied"): the word after it, or after a comma, tells.
    cues = phrases_regex(wording.noun_cues)
    verbs = sorted(wording.bare_verbs, key=len, reverse=True)
    return "|".join(phrase_regex(v) + (rf"(?!,?\s+(?:{cues})\b)" if len(v.split()) == 1 else "") for v in verbs)


@lru_cache(maxsize=4)
def definition_grammar(wording: DefinitionWording) -> DefinitionGrammar:
    """Compiled once per pattern set: documents read with the same patterns share it."""
    return DefinitionGrammar(wording)


def is_definition(text: str) -> bool:
    """Does the provision open by defining a term, as the installed patterns word definitions?

    For the structure parser, which reads a document before and apart from any pattern set.
    """
    return definition_grammar(load_patterns().drafting.definitions).is_definition(text)
