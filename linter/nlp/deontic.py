"""Deontic analysis: what stance a clause takes toward the act it governs.

The component splits each provision into clauses (sentence ends, semicolons, colons) and
records the deontic markers of `patterns/deontic.yaml` found in each. `stance_at` then
answers, for a token (the act a rule check is about), whether the clause obliges, forbids
or permits it, and whether an exception, condition or qualifier weakens that.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from linter.patterns import Deontic

MODAL_CATEGORIES = ("prohibition", "obligation", "permission", "aspiration", "disapplication")

# Abbreviations after which a full stop does not end a sentence ("s. 12", "No. 4").
_ABBREVIATIONS = frozenset(
    "s ss no nos art arts sec secs para paras reg regs r rr cl u.s.c c.f.r e.g i.e etc viz ch pt sch cf vol p pp st mr mrs ms dr".split()
)


@dataclass(frozen=True)
class Marker:
    category: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    markers: tuple[Marker, ...]

    def has(self, category: str) -> bool:
        return any(m.category == category for m in self.markers)


@dataclass(frozen=True)
class Stance:
    """The stance of a clause toward one act.

    `kind` is one of the STANCES of linter.patterns ("obligation", "prohibition",
    "excepted-prohibition", "permission", "qualified-obligation", "statement");
    `markers` are the words that decided it, for explaining a finding.
    """

    kind: str
    markers: tuple[str, ...] = ()
    excepted: bool = False
    qualified: bool = False
    # Character offsets of the exception words, so the engine can tell an inline exception
    # ("unless necessary") from a cross-reference it resolves ("except as provided in (b)").
    exception_at: tuple[int, ...] = ()


def _clause_bounds(doc: Doc) -> list[tuple[int, int]]:
    bounds = []
    start = 0
    n = len(doc)
    for i, tok in enumerate(doc):
        text = tok.text
        end_here = text in (";", ":") or (
            text in (".", "?", "!")
            and i + 1 < n
            and (doc[i + 1].is_title or doc[i + 1].text in ("(", "\u201c", '"'))
            and (i == 0 or doc[i - 1].lower_.rstrip(".") not in _ABBREVIATIONS)
            and not (i > 0 and doc[i - 1].like_num and i + 1 < n and doc[i + 1].like_num)
        )
        if end_here:
            bounds.append((start, i + 1))
            start = i + 1
    if start < n:
        bounds.append((start, n))
    return bounds


class DeonticTagger:
    """spaCy component: sets `doc._.clauses` (tuple of Clause)."""

    def __init__(self, nlp: Language, deontic: Deontic) -> None:
        self.deontic = deontic
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for category, phrases in deontic.markers.items():
            self.matcher.add(category, list(nlp.tokenizer.pipe(phrases)))
        if not Doc.has_extension("clauses"):
            Doc.set_extension("clauses", default=())

    def __call__(self, doc: Doc) -> Doc:
        spans = filter_spans(self.matcher(doc, as_spans=True))
        markers = sorted(
            (Marker(doc.vocab.strings[s.label], s.start, s.end, s.text.lower()) for s in spans),
            key=lambda m: m.start,
        )
        clauses = []
        k = 0
        for start, end in _clause_bounds(doc):
            mine = []
            while k < len(markers) and markers[k].start < end:
                mine.append(markers[k])
                k += 1
            clauses.append(Clause(start, end, tuple(mine)))
        doc._.clauses = tuple(clauses)
        return doc


def clause_index(doc: Doc, token: int) -> int:
    for i, clause in enumerate(doc._.clauses):
        if clause.start <= token < clause.end:
            return i
    return len(doc._.clauses) - 1


def _opens_with(doc: Doc, clause: Clause, words: tuple[str, ...]) -> bool:
    # Skip list numbering and punctuation at the start: "(b) No prisoner shall ..."
    for tok in doc[clause.start : clause.end]:
        if tok.is_punct or tok.like_num or (len(tok.text) <= 4 and tok.text.strip("()").isalpha() and tok.i + 1 < len(doc) and doc[tok.i + 1].text == ")"):
            continue
        return tok.lower_ in words
    return False


def _starts_with_exception(clause: Clause) -> bool:
    first = clause.markers[0] if clause.markers else None
    return first is not None and first.category in ("exception", "condition") and first.start <= clause.start + 2


def stance_of_clause(doc: Doc, ci: int, token: int | None, negative_openers: tuple[str, ...]) -> Stance | None:
    """Stance of clause `ci` toward the act at `token`, or None when the clause has no modal."""
    clauses = doc._.clauses
    clause = clauses[ci]
    modals = [m for m in clause.markers if m.category in MODAL_CATEGORIES]
    if not modals:
        return None
    anchor = token if token is not None and clause.start <= token < clause.end else clause.start
    nearest = min(modals, key=lambda m: (min(abs(m.start - anchor), abs(m.end - 1 - anchor)), MODAL_CATEGORIES.index(m.category)))
    words = [m.text for m in clause.markers]
    category = nearest.category
    # "No prisoner shall ...", "Under no circumstances shall ...": the negation governs the modal.
    negated = _opens_with(doc, clause, negative_openers) or any(
        m.category == "prohibition" and m.start < nearest.start for m in modals
    )
    if category == "obligation" and negated:
        category = "prohibition"
    if category == "disapplication":
        return Stance("permission", tuple(words), excepted=True)
    provisos = [c for c in clauses[ci + 1 :] if _starts_with_exception(c) and c.has("permission")]
    exception_at = tuple(
        doc[m.start].idx for c in (clause, *provisos) for m in c.markers if m.category in ("exception", "condition")
    )
    excepted = bool(exception_at)
    qualified = clause.has("qualifier")
    if category == "prohibition":
        kind = "excepted-prohibition" if excepted else "prohibition"
        return Stance(kind, tuple(words), excepted, qualified, exception_at)
    if category == "obligation":
        if clause.has("condition") and not clause.has("exception"):
            # "Restraints shall be used only where necessary": allowed in those cases.
            conditional = [m for m in clause.markers if m.category == "condition" and m.text != "only for"]
            if conditional:
                return Stance("permission", tuple(words), True, qualified, exception_at)
        kind = "qualified-obligation" if qualified else "obligation"
        return Stance(kind, tuple(words), excepted, qualified, exception_at)
    if category == "aspiration":
        return Stance("qualified-obligation", tuple(words), excepted, True, exception_at)
    return Stance("permission", tuple(words), excepted, qualified, exception_at)


def stance_at(doc: Doc, token: int, negative_openers: tuple[str, ...]) -> Stance | None:
    """Stance toward the act at `token`; None when its clause states no duty, ban or permission."""
    return stance_of_clause(doc, clause_index(doc, token), token, negative_openers)


def doc_stance(doc: Doc, negative_openers: tuple[str, ...]) -> Stance | None:
    """Stance of a lead-in (the last clause with a modal), for sub-items that have none."""
    for ci in range(len(doc._.clauses) - 1, -1, -1):
        stance = stance_of_clause(doc, ci, None, negative_openers)
        if stance is not None:
            return stance
    return None
