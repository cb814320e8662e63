"""Resolve cross-references that carve exceptions out of other provisions.

Laws put exceptions far from the rule they qualify: "Except as provided in subsection (b)",
"Subject to paragraph (2)", "Notwithstanding regulation 12", "the prohibition under
subsection (a) shall not apply", "Paragraph (3) does not apply where". Each such phrase
links a *qualified* provision to an *exception* provision; the engine reads the two together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from linter.model import Provision
from linter.pattern_language import phrase_anchors, phrases_regex
from linter.patterns import CrossReferences

# The grammar of a reference; the words around it are data (patterns/drafting.yaml).
_REF = r"(?P<num>\d+[A-Za-z]?(?:[.\-]\d+[A-Za-z]?)*)?\s*(?P<parts>(?:\(\s*[A-Za-z0-9]+\s*\)\s*)*)"
_PREFIX = re.compile(
    r"^(?:§+\s*|(?:article|art\.|section|sec\.|s\.|rule|regulation|reg\.|paragraph|para\.)\s+)", re.IGNORECASE
)


# An item label closed by a bracket only ("letter d)") or quoted ('item "d"'): a letter, or a
# Roman numeral in quotes.
_CLOSED_ITEM = re.compile(r"(?<![\w(])([a-z]{1,3})\)(?!\w)")
_QUOTED_ITEM = re.compile(r"[\"“'‘]([a-z]|[ivx]{1,5})[\"”'’]")
# A capital Roman numeral standing alone ("fraction III"); only in a run after a provision's name.
_ROMAN = r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})"
_BARE_ROMAN = re.compile(rf"\b({_ROMAN})\b")
_ROMAN_WORD = re.compile(r"\s[IVX]{1,5}\b")
# A paragraph's number written as a word ("part one of this article").
_NUMBER_WORDS = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
}


@dataclass(frozen=True)
class ExceptionLink:
    """`qualified` is read subject to `exception`; `span` is where the phrase stands in `source`."""

    qualified: int
    exception: int
    source: int
    span: tuple[int, int]
    phrase: str


class CrossReferenceGrammar:
    """The cross-reference finders of one pattern set: its phrases around a reference's grammar."""

    def __init__(self, refs: CrossReferences) -> None:
        unit = f"(?:{phrases_regex(refs.provision_names)})s?"
        ref = unit + r"\s*" + _REF
        # The provision containing the phrase is qualified by the one it names.
        forward = re.compile(rf"\b(?P<kw>{phrases_regex(refs.qualified_by)})\s+" + ref, re.IGNORECASE)
        # The provision containing the phrase is an exception to the one it names.
        backward = re.compile(rf"\b(?P<kw>{phrases_regex(refs.exception_to)})\s+(?:the\s+)?" + ref, re.IGNORECASE)
        # Also an exception to the one it names: "Paragraph (3) does not apply where ...".
        disapplying = re.compile(
            rf"\b(?P<kw>{unit})\s*{_REF}\s*(?:{phrases_regex(refs.disapplied_by)})\b", re.IGNORECASE
        )
        # Each pattern, whether the provision saying it is the qualified one, and words one of
        # which the phrase contains: a substring test is far cheaper than running the regex.
        self.links = (
            (forward, True, phrase_anchors(refs.qualified_by)),
            (backward, False, phrase_anchors(refs.exception_to)),
            (disapplying, False, phrase_anchors(refs.disapplied_by)),
        )
        # An item's provision may also be a paragraph named as some traditions name it ("part one").
        paragraphs = f"|(?:{phrases_regex(refs.paragraph_names)})s?" if refs.paragraph_names else ""
        outer_unit = f"(?:{unit}{paragraphs})"
        # The provision containing the phrase is about what the one it names provides.
        self.mention = re.compile(
            rf"\b(?:{phrases_regex(refs.mentions)})\s+"
            + ref
            # "clauses (c) and (d)", "paragraphs (b), (c) or (e)": more items of the same level
            + r"(?P<more>(?:(?:,|and|or|,\s*and|,\s*or)\s*\(\s*[A-Za-z0-9]+\s*\)\s*)*)"
            + rf"(?:\s*(?:{phrases_regex(refs.item_names)})\s+(?P<letter>[a-z]{{1,3}})\b)?"
            # "clause (c) of rule 12", "paragraph (c) of subsection (1)", "items (d) and (e) of part
            # one of this article": the item comes first, its provision after
            + r"(?:\s*of\s+(?:the\s+|this\s+)?"
            + outer_unit
            + rf"\s*(?P<outer>\d+[A-Za-z]?(?:[.\-]\d+[A-Za-z]?)*|{'|'.join(_NUMBER_WORDS)})?\s*(?P<outer_parts>(?:\(\s*[A-Za-z0-9]+\s*\)\s*)*))?",
            re.IGNORECASE,
        )
        # A mention needs one of these words and one of a provision's names.
        self.mention_words = phrase_anchors(refs.mentions)
        self.unit_words = phrase_anchors(refs.provision_names)
        # "Nothing in subsection (2) or (3) authorises ...", "Nothing in paragraph (b) shall be
        # construed to permit ...": a saving clause; the provisions it names permit nothing it rules out.
        self.saving = re.compile(
            rf"\b(?:{phrases_regex(refs.saving_openers)})\s+(?P<refs>{unit}\s*[^;:]{{0,60}}?)\s+"
            rf"(?:(?:{phrases_regex(refs.saving_links)})\s+)?(?:{phrases_regex(refs.saving_verbs)})",
            re.IGNORECASE,
        )
        self.saving_words = phrase_anchors(refs.saving_openers)
        # Latin American codes number an article's items in capital Roman numerals and cite them
        # bare: "fraction III of Article 50", "items II and III".
        names = phrases_regex(refs.provision_names + refs.item_names)
        self.roman_items = re.compile(
            rf"\b(?i:{names})s?\s+(?P<run>{_ROMAN}(?:\s*(?:,|and|or|,\s*and|,\s*or)\s*{_ROMAN})*)\b"
        )
        self.saved_ref = re.compile(
            rf"(?:{unit}\s*)?(?P<num>\b\d+[A-Za-z]?(?:[.\-]\d+[A-Za-z]?)*)?\s*(?P<parts>(?:\(\s*[A-Za-z0-9]+\s*\)\s*)*)",
            re.IGNORECASE,
        )

    def bracketed(self, text: str) -> str:
        """`text` with its item labels written "(d)": civil-law translations cite "letters d) and e)",
        post-Soviet ones 'items "d" and "e"', Latin American ones "fractions II and III"."""
        text = _QUOTED_ITEM.sub(r"(\1)", _CLOSED_ITEM.sub(r"(\1)", text))
        if not _ROMAN_WORD.search(text):
            return text  # most provisions: the names' long alternation is not run
        return self.roman_items.sub(
            lambda m: m.group(0)[: m.start("run") - m.start()] + _BARE_ROMAN.sub(r"(\1)", m.group("run")), text
        )

    def may_mention(self, lowered: str) -> bool:
        return any(w in lowered for w in self.mention_words) and any(w in lowered for w in self.unit_words)


@lru_cache(maxsize=4)
def cross_reference_grammar(refs: CrossReferences) -> CrossReferenceGrammar:
    """Compiled once per pattern set: documents checked with the same patterns share it."""
    return CrossReferenceGrammar(refs)


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


def find_exception_links(
    provisions: list[Provision], grammar: CrossReferenceGrammar, labels: Labels | None = None
) -> list[ExceptionLink]:
    labels = labels or Labels(provisions)
    links = []
    for p in provisions:
        if p.kind == "toc":
            continue
        lowered = p.text.lower()
        for regex, forward, words in grammar.links:
            if not any(w in lowered for w in words):
                continue  # a substring test is far cheaper than running the regex
            for m in regex.finditer(p.text):
                target = labels.resolve(m.group("num"), m.group("parts"), p)
                if target is None or target == p.index:
                    continue
                qualified, exception = (p.index, target) if forward else (target, p.index)
                links.append(ExceptionLink(qualified, exception, p.index, m.span(), m.group(0)))
    return links


def find_savings(
    provisions: list[Provision], grammar: CrossReferenceGrammar, labels: Labels | None = None
) -> list[tuple[int, int]]:
    """(saving, saved) pairs: `saving` says nothing in `saved` permits what it names."""
    labels = labels or Labels(provisions)
    pairs = []
    for p in provisions:
        lowered = p.text.lower()
        if p.kind == "toc" or not any(w in lowered for w in grammar.saving_words):
            continue
        for m in grammar.saving.finditer(p.text):
            for ref in grammar.saved_ref.finditer(m.group("refs")):
                if not (ref.group("num") or ref.group("parts")):
                    continue
                target = labels.resolve(ref.group("num"), ref.group("parts"), p)
                if target is not None and target != p.index:
                    pairs.append((p.index, target))
    return pairs


def find_mentions(
    provisions: list[Provision], grammar: CrossReferenceGrammar, labels: Labels | None = None
) -> list[tuple[int, int]]:
    """(citing, cited) pairs for "the sanction referred to in paragraph (1) letter d" style references."""
    labels = labels or Labels(provisions)
    pairs = []
    for p in provisions:
        if p.kind == "toc" or not grammar.may_mention(p.text.lower()):
            continue
        for m in grammar.mention.finditer(grammar.bracketed(p.text)):
            num, stem, last = m.group("num"), "", m.group("parts") or ""
            if m.group("more"):  # a list of items shares everything before its last "(x)"
                split = _LAST_PART.search(last.strip())
                stem, last = last.strip()[: split.start()] if split else "", split.group(0) if split else last
            if m.group("outer") or m.group("outer_parts"):
                outer = m.group("outer")
                num, stem = (
                    _NUMBER_WORDS.get(outer.lower(), outer) if outer else None,
                    (m.group("outer_parts") or "") + stem,
                )
            # "paragraph (1) letter d" (a civil-law item written "paragraph (1) c)" was bracketed above)
            letter = f"({m.group('letter')})" if m.group("letter") else ""
            for parts in [last] + _ITEM.findall(m.group("more") or ""):
                target = _resolve_item(labels, num, stem + parts, letter, p)
                if target is not None and target != p.index:
                    pairs.append((p.index, target))
    return pairs


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
    # By position, not over a slice: a copy of the rest of the law for every exception link
    # made a long law's exception links take time in proportion to its length squared.
    for position in range(index + 1, len(provisions)):
        p = provisions[position]
        if p.parent in members:
            out.append(p.index)
            members.add(p.index)
        elif p.parent is None or p.parent < index:
            break
    return out
