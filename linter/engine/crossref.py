"""Resolve cross-references that carve exceptions out of other provisions.

Laws put exceptions far from the rule they qualify: "Except as provided in subsection (b)",
"Subject to paragraph (2)", "Notwithstanding regulation 12", "the prohibition under
subsection (a) shall not apply", "Paragraph (3) does not apply where". Each such phrase
links a *qualified* provision to an *exception* provision; the engine reads the two together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from linter.model import Provision

_UNIT = r"(?:sub-?section|section|sub-?paragraph|paragraph|sub-?rule|rule|sub-?regulation|regulation|article|clause|item|point|§)s?"
_REF = r"(?P<num>\d+[A-Za-z]?(?:[.\-]\d+[A-Za-z]?)*)?\s*(?P<parts>(?:\(\s*[A-Za-z0-9]+\s*\)\s*)*)"
_FORWARD = re.compile(  # the provision containing the phrase is qualified by the one it names
    r"\b(?P<kw>except as (?:otherwise )?(?:provided|permitted|authori[sz]ed|specified) (?:in|by|under)|subject to|save as (?:provided|permitted) (?:in|by|under)|other than as provided in)\s+"
    + _UNIT
    + r"\s*"
    + _REF,
    re.IGNORECASE,
)
_BACKWARD = re.compile(  # the provision containing the phrase is an exception to the one it names
    r"\b(?P<kw>notwithstanding|despite|(?:prohibition|requirement|restriction)s?\s+(?:under|in|of))\s+(?:anything in\s+)?(?:the\s+)?"
    + _UNIT
    + r"\s*"
    + _REF,
    re.IGNORECASE,
)
_DISAPPLYING = re.compile(  # also an exception to the one it names: "Paragraph (3) does not apply where ..."
    r"\b(?P<kw>" + _UNIT + r")\s*" + _REF + r"\s*(?:shall|does|do|is|are|will)\s+not\s+apply\b",
    re.IGNORECASE,
)
_MENTION = re.compile(  # the provision containing the phrase is about what the one it names provides
    r"\b(?:(?:referred to|mentioned|specified|described|listed|set out|imposed|provided for|prescribed|awarded)\s+(?:in|under)"
    # "No punishment under subsection (1)(c) ...", "a penalty pursuant to article 58(2)(b)"
    r"|(?:punishment|penalty|sanction|award|measure|order)s?\s+(?:under|pursuant to|in terms of))\s+"
    + _UNIT
    + r"\s*"
    + _REF
    # "clauses (c) and (d)", "paragraphs (b), (c) or (e)": more items of the same level
    + r"(?P<more>(?:(?:,|and|or|,\s*and|,\s*or)\s*\(\s*[A-Za-z0-9]+\s*\)\s*)*)"
    + r"(?:\s*(?:letter|point|item)\s+(?P<letter>[a-z]{1,3})\b|\s*(?P<closed>[a-z]{1,3})\)(?!\w))?"
    # "clause (c) of rule 12", "paragraph (c) of subsection (1)": the item comes first, its provision after
    + r"(?:\s*of\s+(?:the\s+|this\s+)?"
    + _UNIT
    + r"\s*(?P<outer>\d+[A-Za-z]?(?:[.\-]\d+[A-Za-z]?)*)?\s*(?P<outer_parts>(?:\(\s*[A-Za-z0-9]+\s*\)\s*)*))?",
    re.IGNORECASE,
)
# "Nothing in subsection (2) or (3) authorises ...", "Nothing in paragraph (b) shall be construed
# to permit ...": a saving clause; the provisions it names permit nothing it rules out.
_SAVING = re.compile(
    r"\bnothing in\s+(?P<refs>(?:" + _UNIT + r")\s*[^;:]{0,60}?)\s+"
    r"(?:shall\s+be\s+construed\s+(?:as|to)\s+|is\s+to\s+be\s+read\s+as\s+|shall\s+|is\s+)?"
    r"(?:authori[sz]|permit|allow|justif)",
    re.IGNORECASE,
)
_SAVED_REF = re.compile(
    r"(?:" + _UNIT + r"\s*)?(?P<num>\b\d+[A-Za-z]?(?:[.\-]\d+[A-Za-z]?)*)?\s*(?P<parts>(?:\(\s*[A-Za-z0-9]+\s*\)\s*)*)",
    re.IGNORECASE,
)
# Each pattern, whether the provision saying it is the qualified one, and words one of
# which the phrase must contain.
_LINK_PATTERNS = (
    (_FORWARD, True, ("except", "subject to", "save as", "other than")),
    (_BACKWARD, False, ("notwithstanding", "despite", "prohibition", "requirement", "restriction")),
    (_DISAPPLYING, False, ("apply",)),
)
# A mention needs one of these words and one of a provision's names: substring tests far
# cheaper than running _MENTION on every provision.
_MENTION_WORDS = (
    "referred to",
    "mentioned",
    "specified",
    "described",
    "listed",
    "set out",
    "imposed",
    "provided for",
    "prescribed",
    "awarded",
    "punishment",
    "penalt",
    "sanction",
    "award",
    "measure",
    "order",
)
_UNIT_WORDS = ("section", "paragraph", "rule", "regulation", "article", "clause", "item", "point", "§")
_PREFIX = re.compile(
    r"^(?:§+\s*|(?:article|art\.|section|sec\.|s\.|rule|regulation|reg\.|paragraph|para\.)\s+)", re.IGNORECASE
)


@dataclass(frozen=True)
class ExceptionLink:
    """`qualified` is read subject to `exception`; `span` is where the phrase stands in `source`."""

    qualified: int
    exception: int
    source: int
    span: tuple[int, int]
    phrase: str


def _core(label: str) -> str:
    return _PREFIX.sub("", label).replace(" ", "")


_LAST_PART = re.compile(r"\([^()]*\)$")
_ITEM = re.compile(r"\(\s*[A-Za-z0-9]+\s*\)")


class Labels:
    """Find provisions by the label a cross-reference cites (a provision's index is its position).

    Built once per document and shared by the finders below.
    """

    def __init__(self, provisions: list[Provision]) -> None:
        self.cores = [_core(p.label) for p in provisions]
        # Label -> provisions so labelled, in document order (a label may repeat: one per Part).
        self.by_core: dict[str, list[int]] = {}
        for p, core in zip(provisions, self.cores):
            self.by_core.setdefault(core, []).append(p.index)

    def resolve(self, num: str | None, parts: str, here: Provision) -> int | None:
        parts = re.sub(r"\s+", "", parts or "")
        if num:
            found = self.by_core.get(num + parts)
            return found[0] if found else None
        if not parts:
            return None
        # A bare "(2)" or "(b)(1)" is relative: the provision labelled stem + "(2)" whose stem is
        # the longest prefix of the citing provision's label.
        here_core = self.cores[here.index]
        for length in range(len(here_core), -1, -1):
            for index in self.by_core.get(here_core[:length] + parts, ()):
                if index != here.index:
                    return index
        return None


def find_exception_links(provisions: list[Provision], labels: Labels | None = None) -> list[ExceptionLink]:
    labels = labels or Labels(provisions)
    links = []
    for p in provisions:
        if p.kind == "toc":
            continue
        lowered = p.text.lower()
        for regex, forward, words in _LINK_PATTERNS:
            if not any(w in lowered for w in words):
                continue  # a substring test is far cheaper than running the regex
            for m in regex.finditer(p.text):
                target = labels.resolve(m.group("num"), m.group("parts"), p)
                if target is None or target == p.index:
                    continue
                qualified, exception = (p.index, target) if forward else (target, p.index)
                links.append(ExceptionLink(qualified, exception, p.index, m.span(), m.group(0)))
    return links


def find_savings(provisions: list[Provision], labels: Labels | None = None) -> list[tuple[int, int]]:
    """(saving, saved) pairs: `saving` says nothing in `saved` permits what it names."""
    labels = labels or Labels(provisions)
    pairs = []
    for p in provisions:
        if p.kind == "toc" or "nothing in" not in p.text.lower():
            continue
        for m in _SAVING.finditer(p.text):
            for ref in _SAVED_REF.finditer(m.group("refs")):
                if not (ref.group("num") or ref.group("parts")):
                    continue
                target = labels.resolve(ref.group("num"), ref.group("parts"), p)
                if target is not None and target != p.index:
                    pairs.append((p.index, target))
    return pairs


def find_mentions(provisions: list[Provision], labels: Labels | None = None) -> list[tuple[int, int]]:
    """(citing, cited) pairs for "the sanction referred to in paragraph (1) letter d" style references."""
    labels = labels or Labels(provisions)
    pairs = []
    for p in provisions:
        if p.kind == "toc" or not _may_mention(p.text.lower()):
            continue
        for m in _MENTION.finditer(p.text):
            num, stem, last = m.group("num"), "", m.group("parts") or ""
            if m.group("more"):  # a list of items shares everything before its last "(x)"
                split = _LAST_PART.search(last.strip())
                stem, last = last.strip()[: split.start()] if split else "", split.group(0) if split else last
            if m.group("outer") or m.group("outer_parts"):
                num, stem = m.group("outer"), (m.group("outer_parts") or "") + stem
            # "paragraph (1) letter d", or a civil-law item written "paragraph (1) c)"
            item = m.group("letter") or m.group("closed")
            letter = f"({item})" if item else ""
            for parts in [last] + _ITEM.findall(m.group("more") or ""):
                target = _resolve_item(labels, num, stem + parts, letter, p)
                if target is not None and target != p.index:
                    pairs.append((p.index, target))
    return pairs


def _may_mention(lowered: str) -> bool:
    return any(w in lowered for w in _MENTION_WORDS) and any(w in lowered for w in _UNIT_WORDS)


def _resolve_item(labels: Labels, num: str | None, parts: str, letter: str, here: Provision) -> int | None:
    candidates = [(num, parts + letter), (num, parts)] if letter else [(num, parts)]
    if num and num.isdigit():
        # "point (c) of paragraph 1": a bare number names a paragraph of the citing article.
        candidates += [(None, f"({num})" + cited) for _, cited in candidates]
    # Fall back to the paragraph when its lettered points were not split out.
    for cited_num, cited_parts in candidates:
        target = labels.resolve(cited_num, cited_parts, here)
        if target is not None:
            return target
    return None


def descendants(provisions: list[Provision], index: int) -> list[int]:
    """`index` and every provision nested under it (they follow it in document order)."""
    out = [index]
    members = {index}
    for p in provisions[index + 1 :]:
        if p.parent in members:
            out.append(p.index)
            members.add(p.index)
        elif p.parent is None or p.parent < index:
            break
    return out
