"""Deontic analysis: what stance a clause takes toward the act it governs.

The component splits each provision into clauses (sentence ends, semicolons, colons) and
records the deontic markers of `patterns/deontic.yaml` found in each. `stance_at` then
answers, for a token (the act a rule check is about), whether the clause obliges, forbids
or permits it, and whether an exception, condition or qualifier weakens that.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import IDX, IS_PUNCT, IS_TITLE, LIKE_NUM, LOWER, ORTH, SPACY
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from linter.nlp.phrase_cache import phrase_docs
from linter.nlp.token_rows import span_text
from linter.patterns import Deontic

MODAL_CATEGORIES = ("prohibition", "obligation", "permission", "aspiration", "disapplication")

# Abbreviations after which a full stop does not end a sentence ("s. 12", "No. 4").
_ABBREVIATIONS = frozenset(
    "s ss no nos art arts sec secs para paras reg regs r rr cl u.s.c c.f.r e.g i.e etc viz ch pt sch cf vol p pp st mr mrs ms dr".split()
)
_CLAUSE_ENDS = (";", ":")
_SENTENCE_ENDS = (".", "?", "!")
_OPENING_MARKS = ("(", "\u201c", '"')


@dataclass(frozen=True)
class Marker:
    category: str
    start: int
    end: int
    text: str
    idx: int  # character offset in the provision


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    markers: tuple[Marker, ...]
    # Opens with a negative word of `negative_openers` ("No prisoner shall ...").
    negative_opening: bool = False

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


class DeonticTagger:
    """spaCy component: sets `doc._.clauses` (tuple of Clause)."""

    def __init__(self, nlp: Language, deontic: Deontic) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for category, phrases in deontic.markers.items():
            self.matcher.add(category, phrase_docs(nlp, phrases))
        strings = nlp.vocab.strings
        self._clause_ends = {strings.add(s) for s in _CLAUSE_ENDS}
        self._sentence_ends = {strings.add(s) for s in _SENTENCE_ENDS}
        self._openings = {strings.add(s) for s in _OPENING_MARKS}
        self._dashes = {strings.add(s) for s in ("\u2014", "\u2013", "--")}
        self._abbreviations = {strings.add(a + dot) for a in _ABBREVIATIONS for dot in ("", ".")}
        self._negative_openers = {strings.add(w) for w in deontic.negative_openers}
        if not Doc.has_extension("clauses"):
            Doc.set_extension("clauses", default=())

    def __call__(self, doc: Doc) -> Doc:
        # Token attributes as plain integers: reading them from Token or Span objects costs
        # more than everything else this component does.
        rows = doc.to_array([ORTH, LOWER, IS_TITLE, LIKE_NUM, IS_PUNCT, SPACY, IDX]).tolist()
        strings = doc.vocab.strings
        markers = [
            Marker(strings[label], start, end, span_text(strings, rows, start, end, word=1, space=5), rows[start][6])
            for label, start, end in _longest_first(self.matcher(doc))
        ]
        clauses = []
        k = 0
        for start, end in self._bounds(rows):
            mine = []
            while k < len(markers) and markers[k].start < end:
                mine.append(markers[k])
                k += 1
            clauses.append(Clause(start, end, tuple(mine), self._opens_negative(doc, rows, start, end)))
        doc._.clauses = tuple(clauses)
        return doc

    def _bounds(self, rows: list[list[int]]) -> list[tuple[int, int]]:
        bounds = []
        start = 0
        n = len(rows)
        for i, row in enumerate(rows):
            orth = row[0]
            if orth in self._clause_ends or (orth in self._sentence_ends and self._ends_sentence(rows, i)):
                bounds.append((start, i + 1))
                start = i + 1
        if start < n:
            bounds.append((start, n))
        return bounds

    def _ends_sentence(self, rows: list[list[int]], i: int) -> bool:
        after = i + 1
        while after + 1 < len(rows) and rows[after][0] in self._dashes:  # "In general.—The Bureau"
            after += 1
        if after >= len(rows):
            return False
        following = rows[after]
        if not (following[2] or following[0] in self._openings):
            return False
        if i == 0:
            return True
        previous = rows[i - 1]
        if previous[1] in self._abbreviations:
            return False
        return not (previous[3] and following[3])  # "3.4" split by the tokenizer is one number

    def _opens_negative(self, doc: Doc, rows: list[list[int]], start: int, end: int) -> bool:
        # Skip list numbering and punctuation at the start: "(b) No prisoner shall ..."
        i = start
        while i < end and (rows[i][4] or rows[i][3] or self._is_item_label(doc, rows, i)):
            i += 1
        return i < end and rows[i][1] in self._negative_openers

    @staticmethod
    def _is_item_label(doc: Doc, rows: list[list[int]], i: int) -> bool:
        if i + 1 >= len(rows) or doc.vocab.strings[rows[i + 1][0]] != ")":
            return False
        text = doc.vocab.strings[rows[i][0]]
        return len(text) <= 4 and text.strip("()").isalpha()


def _longest_first(matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Non-overlapping matches in text order, a longer one winning ("shall not" over "shall")."""
    taken: set[int] = set()
    kept = []
    for label, start, end in sorted(matches, key=lambda m: (m[1] - m[2], m[1])):
        if not taken.intersection(range(start, end)):
            kept.append((label, start, end))
            taken.update(range(start, end))
    return sorted(kept, key=lambda m: m[1])


def clause_index(clauses: tuple[Clause, ...], token: int) -> int:
    for i, clause in enumerate(clauses):
        if clause.start <= token < clause.end:
            return i
    return len(clauses) - 1


def _starts_with_exception(clause: Clause) -> bool:
    first = clause.markers[0] if clause.markers else None
    return first is not None and first.category in ("exception", "condition") and first.start <= clause.start + 2


def stance_of_clause(clauses: tuple[Clause, ...], ci: int, token: int | None) -> Stance | None:
    """Stance of clause `ci` toward the act at `token`, or None when the clause has no modal."""
    clause = clauses[ci]
    modals = [m for m in clause.markers if m.category in MODAL_CATEGORIES]
    if not modals:
        return None
    # Without an act, the modal nearest the end governs: a lead-in's items continue it there
    # ("Prisoners shall attend programmes, and such programmes may—").
    anchor = token if token is not None and clause.start <= token < clause.end else clause.end - 1
    nearest = min(modals, key=lambda m: (min(abs(m.start - anchor), abs(m.end - 1 - anchor)), MODAL_CATEGORIES.index(m.category)))
    words = [m.text for m in clause.markers]
    category = nearest.category
    # "No prisoner shall ...", "Under no circumstances shall ...": the negation governs the modal.
    negated = clause.negative_opening or any(m.category == "prohibition" and m.start < nearest.start for m in modals)
    if category == "obligation" and negated:
        category = "prohibition"
    elif category == "permission" and clause.negative_opening:
        category = "prohibition"  # "No inmate shall be permitted a visit", "No prisoner may be ..."
    if category == "disapplication":
        return Stance("permission", tuple(words), excepted=True)
    provisos = [c for c in clauses[ci + 1 :] if _starts_with_exception(c) and c.has("permission")]
    exception_at = tuple(m.idx for c in (clause, *provisos) for m in c.markers if m.category in ("exception", "condition"))
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


def stance_at(clauses: tuple[Clause, ...], token: int) -> Stance | None:
    """Stance toward the act at `token`; None when its clause states no duty, ban or permission."""
    return stance_of_clause(clauses, clause_index(clauses, token), token)


def doc_stance(clauses: tuple[Clause, ...]) -> Stance | None:
    """Stance of a lead-in (the last clause with a modal), for sub-items that have none."""
    for ci in range(len(clauses) - 1, -1, -1):
        stance = stance_of_clause(clauses, ci, None)
        if stance is not None:
            return stance
    return None
