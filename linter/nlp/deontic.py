"""Deontic analysis: what stance a clause takes toward the act it governs.

The component splits each provision into clauses (sentence ends, semicolons, colons) and
records the deontic markers of `patterns/deontic.yaml` found in each. `stance_at` then
answers, for a token (the act a rule check is about), whether the clause obliges, forbids
or permits it, and whether an exception, proviso, limit or qualifier weakens that. The
modal that governs the act is the nearest one outside any relative or noun clause the act
is not in; negative openers negate the first modal after them; a later clause that opens a
proviso and permits re-permits. What each marker category does is in
linter/pattern_language.py (MARKER_CATEGORIES), rendered in patterns/README.md.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from typing import NamedTuple

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from linter.nlp.doc_values import register, set_value
from linter.nlp.phrase_cache import add_phrases, phrase_keys
from linter.nlp.token_rows import LOWERED, NUMBER, OFFSET, PUNCT, TITLE, WORD, span_text, token_rows
from linter.pattern_language import EXCEPTION_CATEGORIES, MODAL_CATEGORIES, UNQUOTED_CATEGORIES
from linter.patterns import Deontic

_CLAUSE_ENDS = (";", ":")
_SENTENCE_ENDS = (".", "?", "!")
_OPENING_MARKS = ("(", "\u201c", '"')
_COMMA = ","
# How far after a restriction word ("restrictions on family visits") its object may start.
_RESTRICTION_REACH = 3
# How far into its part a condition word may open it ("(2) When …", "And where …").
_OPENING_REACH = 3
# A restriction word ending so names its good right after it ("deprived of visits").
_OBJECT_AFTER = (" of", " on", " in")


class Marker(NamedTuple):  # a tuple: one per clause or more in every provision, made 3x faster than a frozen dataclass
    category: str
    start: int
    end: int
    text: str
    idx: int  # character offset in the provision


@dataclass(frozen=True, slots=True)
class Clause:
    start: int
    end: int
    markers: tuple[Marker, ...]
    # Starts of the parts of the clause (its start, or just after a comma) that open with a
    # word of `negative_openers` ("No prisoner shall ...", "In labour, no restraint shall ...").
    negative_at: tuple[int, ...] = ()
    commas: tuple[int, ...] = ()
    sentence: int = 0  # index of the sentence the clause belongs to
    # Starts of relative or noun clauses that open negatively ("that no woman is shackled").
    negative_complements: tuple[int, ...] = ()
    # Starts of comma-separated parts that open with a coordinating word (", and …", ", but …").
    coordinated: tuple[int, ...] = ()

    @property
    def negative_opening(self) -> bool:
        return self.start in self.negative_at

    def has(self, category: str) -> bool:
        return any(m.category == category for m in self.markers)

    def part_end(self, token: int) -> int:
        """End of the comma-separated part that contains `token`."""
        return next((c for c in self.commas if c >= token), self.end)

    def part(self, token: int) -> tuple[int, int]:
        """The comma-separated part that contains `token`, as (start, end)."""
        start = max((c + 1 for c in self.commas if c < token), default=self.start)
        return start, self.part_end(token)

    def independent(self, token: int) -> bool:
        """Is the comma-separated part of `token` a coordinated clause with a modal of its own
        (", and a male officer may not be present")?"""
        start, end = self.part(token)
        return start in self.coordinated and any(
            start <= m.start < end and m.category in MODAL_CATEGORIES for m in self.markers
        )


@dataclass(frozen=True)
class Stance:
    """The stance of a clause toward one act.

    `kind` is one of the STANCES of linter.pattern_language;
    `markers` are the words that decided it, for explaining a finding.
    """

    kind: str
    markers: tuple[str, ...] = ()
    excepted: bool = False
    qualified: bool = False
    # Character offsets of the exception words, so the engine can tell an inline exception
    # ("unless necessary") from a cross-reference it resolves ("except as provided in (b)").
    exception_at: tuple[int, ...] = ()
    # The act is the object of a restriction ("restrictions on visits"): the clause limits it.
    restricted: bool = False
    # Token spans of later clauses whose proviso re-permits ("; but where … may …"), so the
    # engine can tell which act they allow again.
    provisos: tuple[tuple[int, int], ...] = ()


class DeonticTagger:
    """spaCy component: sets `doc._.clauses` (tuple of Clause)."""

    def __init__(self, nlp: Language, deontic: Deontic) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for category, phrases in deontic.markers.items():
            add_phrases(self.matcher, category, phrase_keys(nlp, phrases, "LOWER"))
        strings = nlp.vocab.strings
        self._clause_ends = {strings.add(s) for s in _CLAUSE_ENDS}
        self._sentence_ends = {strings.add(s) for s in _SENTENCE_ENDS}
        self._openings = {strings.add(s) for s in _OPENING_MARKS}
        self._dashes = {strings.add(s) for s in ("\u2014", "\u2013", "--")}
        self._abbreviations = {strings.add(a + dot) for a in deontic.abbreviations for dot in ("", ".")}
        self._comma = strings.add(_COMMA)
        self._negative_openers = {strings.add(w) for w in deontic.negative_openers}
        self._continuations = {strings.add(w) for w in deontic.continuations}
        self._coordinators = {strings.add(w) for w in deontic.coordinators}
        register("clauses", ())

    def __call__(self, doc: Doc) -> Doc:
        # Token attributes as plain integers: reading them from Token or Span objects costs
        # more than everything else this component does.
        rows = token_rows(doc)
        strings = doc.vocab.strings
        markers = [
            Marker(
                sys.intern(strings[label]),
                start,
                end,
                span_text(strings, rows, start, end, word=LOWERED),
                rows[start][OFFSET],
            )
            for label, start, end in _longest_first(self.matcher(doc))
        ]
        clauses: list[Clause] = []
        k = 0
        for start, end, sentence in self._bounds(rows):
            mine = []
            while k < len(markers) and markers[k].start < end:
                mine.append(markers[k])
                k += 1
            commas = tuple(i for i in range(start, end) if rows[i][WORD] == self._comma)
            # A capitalised "No" inside a clause opens a sentence after a run-in caption
            # ("(D) Prohibition on confinement No person may be confined ...").
            run_in = tuple(
                i for i in range(start + 1, end) if rows[i][TITLE] and rows[i][LOWERED] in self._negative_openers
            )
            parts = (start, *(c + 1 for c in commas), *run_in)
            negative = tuple(p for p in parts if self._opens_negative(doc, rows, p, end))
            negative += self._negative_provisos(rows, mine, parts, commas, end)
            # "shall ensure that no woman is restrained": a clause within the clause that opens negatively.
            complements = tuple(
                m.start
                for m in mine
                if m.category == "subordinate" and m.end < end and rows[m.end][LOWERED] in self._negative_openers
            )
            # A sentence's opening word coordinates with nothing: "While in the punishment cell, a
            # prisoner shall forfeit …" is one clause, not a part standing on its own.
            opens_sentence = not clauses or clauses[-1].sentence != sentence
            coordinated = tuple(
                p
                for p in parts
                if p < end and rows[p][LOWERED] in self._coordinators and not (p == start and opens_sentence)
            )
            clauses.append(Clause(start, end, tuple(mine), negative, commas, sentence, complements, coordinated))
        set_value(doc, "clauses", tuple(clauses))
        return doc

    def _negative_provisos(
        self, rows: list[list[int]], mine: list[Marker], parts: tuple[int, ...], commas: tuple[int, ...], end: int
    ) -> tuple[int, ...]:
        """ "…, provided that no child shall remain after …": a proviso opening a part with a
        negative opener negates the modal it leads to, when that modal is in the same part
        ("but where no female officer is available, a male officer may …" states a condition:
        its modal is past the comma)."""
        found = []
        for m in mine:
            if m.category != "proviso" or m.end >= end or rows[m.end][LOWERED] not in self._negative_openers:
                continue
            if not any(p <= m.start <= p + 1 for p in parts):
                continue
            part_end = next((c for c in commas if c > m.end), end)
            if any(k.category in MODAL_CATEGORIES and m.end < k.start < part_end for k in mine):
                found.append(m.end)
        return tuple(found)

    def _bounds(self, rows: list[list[int]]) -> list[tuple[int, int, int]]:
        bounds = []
        start = sentence = 0
        n = len(rows)
        for i, row in enumerate(rows):
            orth = row[WORD]
            ends_sentence = orth in self._sentence_ends and self._ends_sentence(rows, i)
            if orth in self._clause_ends or ends_sentence:
                bounds.append((start, i + 1, sentence))
                start = i + 1
                # "This applies to escorts for the birth.": a sentence that opens by pointing
                # back continues the one before it.
                sentence += ends_sentence and not (start < n and rows[start][LOWERED] in self._continuations)
        if start < n:
            bounds.append((start, n, sentence))
        return bounds

    def _ends_sentence(self, rows: list[list[int]], i: int) -> bool:
        after = i + 1
        while after + 1 < len(rows) and rows[after][WORD] in self._dashes:  # "In general.—The Bureau"
            after += 1
        if after >= len(rows):
            return False
        following = rows[after]
        if not (following[TITLE] or following[WORD] in self._openings):
            return False
        if i == 0:
            return True
        previous = rows[i - 1]
        if previous[LOWERED] in self._abbreviations:
            return False
        return not (previous[NUMBER] and following[NUMBER])  # "3.4" split by the tokenizer is one number

    def _opens_negative(self, doc: Doc, rows: list[list[int]], start: int, end: int) -> bool:
        # Skip list labels and punctuation at the start: "(b) No prisoner shall ...", "B. No ...";
        # and a joining word: "…; but no woman who is pregnant shall …", "…, and no physical
        # contact shall be allowed" (the negative governs only the first modal after it).
        i = start
        while i < end and (
            rows[i][PUNCT]
            or rows[i][NUMBER]
            or rows[i][LOWERED] in self._coordinators
            or self._is_item_label(doc, rows, i)
        ):
            i += 1
        return i < end and rows[i][LOWERED] in self._negative_openers

    @staticmethod
    def _is_item_label(doc: Doc, rows: list[list[int]], i: int) -> bool:
        text = doc.vocab.strings[rows[i][WORD]]
        if i == 0 and len(text) == 2 and text[0].isupper() and text[1] == ".":
            return True  # "B." opening a paragraph
        if i + 1 >= len(rows) or doc.vocab.strings[rows[i + 1][WORD]] not in (")", "."):
            return False
        return len(text) <= 4 and text.strip("()").isalpha() and (i == 0 or doc.vocab.strings[rows[i + 1][WORD]] == ")")


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


def _opens_with(clause: Clause, categories: tuple[str, ...]) -> bool:
    first = clause.markers[0] if clause.markers else None
    return first is not None and first.category in categories and first.start <= clause.start + 2


def _governing(clause: Clause, anchor: int) -> list[Marker]:
    """Modals of `clause` that can govern the act at `anchor`.

    A modal inside a relative or noun clause ("…, which shall be removed", "the decision
    that the child should leave") governs only acts inside that clause (see _subordinate_span).
    An `offence` marker governs only the acts before it: "an officer who restrains a woman in
    labour commits a disciplinary offence" forbids the restraint, "a prisoner who commits a
    disciplinary offence shall be liable to cellular confinement" forbids no confinement.
    """
    modals = [
        m
        for m in clause.markers
        if m.category in MODAL_CATEGORIES and not (m.category == "offence" and m.start <= anchor)
    ]
    spans = [_subordinate_span(clause, m.start, modals) for m in clause.markers if m.category == "subordinate"]
    inside = [(a, b) for a, b in spans if a <= anchor < b]
    if inside:
        a, b = max(inside)  # the innermost clause the act stands in
        own = [m for m in modals if a <= m.start < b]
        if own:
            return own
    main = [m for m in modals if not any(a <= m.start < b for a, b in spans)]
    # A clause whose only modals stand in a relative clause ("Women prisoners, who shall be
    # admitted at any hour") is drafted that way: they govern it.
    return main or modals


def _subordinate_span(clause: Clause, start: int, modals: list[Marker]) -> tuple[int, int]:
    """A relative or noun clause runs to the next comma, and holds one verb: a later modal that
    does not touch its own is the main clause's ("the decision that the child should leave the
    prison shall be taken ...")."""
    end = clause.part_end(start)
    own = [m for m in modals if start <= m.start < end]
    for first, later in zip(own, own[1:]):
        if later.start > first.end:
            return start, later.start
    return start, end


def restricted_at(clauses: tuple[Clause, ...], token: int) -> bool:
    """Is the act at `token` the good a restriction limits? Either it follows a restriction
    word closely ("restrictions on family visits", "loss of letters"), or a modal governs a
    restriction verb in its clause ("visits may be restricted", "shall not be denied access")."""
    clause = clauses[clause_index(clauses, token)]
    modal_markers = [m for m in clause.markers if m.category in MODAL_CATEGORIES]
    modals = {m.end: m.start for m in modal_markers}
    # "A prisoner who breaches the rules shall not be deprived of visits": a relative clause
    # describes the subject, it is not the good the verb restricts.
    relative = any(
        a <= token < b
        for a, b in (
            _subordinate_span(clause, m.start, modal_markers) for m in clause.markers if m.category == "subordinate"
        )
    )
    for m in clause.markers:
        if m.category != "restriction" or m.start <= token < m.end:
            continue
        # A marker between them names the act's role, not the good restricted: in "visits shall
        # not be denied as a disciplinary sanction" the sanction is the means, the visits the good.
        if m.end <= token <= m.end + _RESTRICTION_REACH and not any(m.end <= o.start < token for o in clause.markers):
            return True  # "loss of letters", "may restrict visits", "shall not be denied a visit"
        if (
            m.start - 1 in modals
            and token < modals[m.start - 1]
            and not relative
            and not m.text.endswith(_OBJECT_AFTER)
        ):
            # "visits may be restricted": the good is the passive verb's subject. Not after a
            # verb that names its good ("a prisoner undergoing punishment shall not be deprived
            # of visits"): there the subject is the person who keeps it.
            return True
    return False


def withheld_at(clauses: tuple[Clause, ...], token: int) -> bool:
    """Is the act at `token` what the clause does without ("shall be escorted to hospital without
    the use of handcuffs", "searched without removing her clothing")? It follows a `privative`
    marker closely, with no modal between them; or it is what a modal's removal verb takes away,
    named before it ("restraints shall be removed", "her fetters shall be taken off")."""
    clause = clauses[clause_index(clauses, token)]
    modals = {m.end: m.start for m in clause.markers if m.category in MODAL_CATEGORIES}
    for m in clause.markers:
        if m.category == "privative":
            if m.end <= token <= m.end + _RESTRICTION_REACH and not any(m.end <= s <= token for s in modals.values()):
                return True
        elif (
            m.category == "removal"
            and m.start - 1 in modals
            and token < modals[m.start - 1]
            # The passive subject only: "Where handcuffs are applied to her, they shall be removed
            # on arrival" takes off what the first part put on, it does not forbid it.
            and not any(token < c < modals[m.start - 1] for c in clause.commas)
        ):
            return True
    return False


def presupposed_at(clauses: tuple[Clause, ...], token: int) -> bool:
    """Is the act at `token` what a condition opening its part of the sentence takes for granted
    ("When restraints are used on a pregnant inmate during labor, …")? The part opens with a
    `presupposition` marker (a list label or a word before it at most) and has no modal of its own."""
    clause = clauses[clause_index(clauses, token)]
    start, end = clause.part(token)
    opens = any(
        m.category == "presupposition" and start <= m.start <= start + _OPENING_REACH and m.end <= token
        for m in clause.markers
    )
    return opens and not any(start <= m.start < end and m.category in MODAL_CATEGORIES for m in clause.markers)


def _negated(clause: Clause, modal: Marker, modals: list[Marker]) -> bool:
    """ "No prisoner shall …", "In labour, no restraint shall …", "Under no circumstances shall …"."""
    # A negative opener governs the first modal after it, not a later one ("No prisoner shall be
    # punished, but a prisoner may be warned"); modals that touch form one verb ("shall be permitted").
    for start in clause.negative_at:
        if start <= modal.start and not any(start <= m.start and m.end < modal.start for m in modals):
            return True
    # "Under no circumstances may …", "In no case shall …": a negating phrase right before the modal.
    if any(m.category == "prohibition" and m.end == modal.start for m in modals):
        return True
    if modal.category != "obligation":
        return False
    # A ban earlier in the clause negates a later duty ("shall not in any case be required"), but
    # not one in a coordinated part with a modal of its own ("Bail shall not be granted, and she
    # shall be remanded in custody"): that part states a duty of its own.
    since = clause.part(modal.start)[0] if clause.independent(modal.start) else clause.start
    return any(m.category == "prohibition" and since <= m.start < modal.start for m in modals)


def _negative_complement(clause: Clause, anchor: int, modal: Marker) -> bool:
    """Does a duty from outside reach the act through a negative clause ("shall ensure that no
    woman in labour is shackled")?"""
    return any(
        modal.end <= start <= anchor < _subordinate_span(clause, start, [])[1] for start in clause.negative_complements
    )


def _re_permitting_provisos(clauses: tuple[Clause, ...]) -> list[Clause]:
    """The clauses that open a proviso or exception and permit: "; but where … may", "Provided that … may"."""
    found = []
    for later in clauses:
        if not _opens_with(later, (*EXCEPTION_CATEGORIES, "contrast", "limit", "condition")):
            continue
        modals = _governing(later, later.end - 1)
        if any(m.category in ("permission", "sanction", "disapplication") for m in modals):
            found.append(later)
    return found


def stance_of_clause(clauses: tuple[Clause, ...], ci: int, token: int | None) -> Stance | None:
    """Stance of clause `ci` toward the act at `token`, or None when no modal governs it."""
    clause = clauses[ci]
    # Without an act, the modal nearest the end governs: a lead-in's items continue it there
    # ("Prisoners shall attend programmes, and such programmes may—").
    anchor = token if token is not None and clause.start <= token < clause.end else clause.end - 1
    modals = _governing(clause, anchor)
    if not modals:
        return None
    order = MODAL_CATEGORIES.index
    nearest = min(modals, key=lambda m: (min(abs(m.start - anchor), abs(m.end - 1 - anchor)), order(m.category)))
    words = tuple(m.text for m in clause.markers if m.category not in UNQUOTED_CATEGORIES)
    category = "prohibition" if nearest.category == "offence" else nearest.category
    negated = _negated(clause, nearest, modals) or _negative_complement(clause, anchor, nearest)
    if category == "saving":
        if negated and anchor < nearest.end:
            # "No punishment shall restrict visits": what is ruled out is the subject doing the
            # restraining verb, not what the verb would restrain.
            category = "prohibition"
        else:
            # "Nothing in this section shall be construed to prohibit …" keeps the act allowed.
            category = "permission" if negated else "prohibition"
    elif category in ("obligation", "right", "permission", "sanction") and negated:
        category = "prohibition"  # "No inmate shall be permitted a visit", "No prisoner may be ..."
    if category == "disapplication":
        if _act_disapplied(clause, anchor, nearest, token):
            return Stance("prohibition", words)
        return Stance("permission", words, excepted=True)
    provisos = _re_permitting_provisos(clauses[ci + 1 :])
    # "…, provided that no child shall remain …": to the act it negates, that proviso is the ban itself.
    exception_at = tuple(
        m.idx
        for m in clause.markers
        if m.category in EXCEPTION_CATEGORIES
        and not (m.category == "proviso" and m.end in clause.negative_at and m.end <= nearest.start)
    )
    exception_at += tuple(c.markers[0].idx for c in provisos)  # the word that opens each proviso
    excepted = bool(exception_at)
    qualified = clause.has("qualifier")
    spans = tuple((c.start, c.end) for c in provisos)
    if category == "prohibition":
        kind = "excepted-prohibition" if excepted else "prohibition"
        return Stance(kind, words, excepted, qualified, exception_at=exception_at, provisos=spans)
    if clause.has("limit") and not clause.has("exception"):
        # "Restraints shall be used only where necessary", "searched only by a female
        # officer": the act is allowed only in those cases — a protective limit.
        return Stance("limited", words, True, qualified, exception_at=exception_at, provisos=spans)
    if category in ("obligation", "right"):
        kind = "qualified-obligation" if qualified else "obligation"
        return Stance(kind, words, excepted, qualified, exception_at=exception_at, provisos=spans)
    if category == "aspiration":
        return Stance("qualified-obligation", words, excepted, True, exception_at=exception_at, provisos=spans)
    return Stance("permission", words, excepted, qualified, exception_at=exception_at, provisos=spans)


def _act_disapplied(clause: Clause, anchor: int, marker: Marker, token: int | None) -> bool:
    """Is the act itself what "shall not apply" to the people named ("Placement in a punishment
    cell shall not apply to pregnant women"), and not a rule or provision ("The prohibition of
    restraints shall not apply to …", "Section 5 does not apply to …")?"""
    if token is None or not anchor < marker.start:
        return False
    return not any(
        m.category in ("provision_name", "restriction") and clause.start <= m.start < marker.start
        for m in clause.markers
    )


def opening_proviso(clauses: tuple[Clause, ...]) -> Marker | None:
    """The proviso word of a provision that opens with a re-permitting proviso ("Provided that
    the officer may …" set as its own paragraph); None otherwise."""
    if clauses and _opens_with(clauses[0], ("proviso",)) and _re_permitting_provisos(clauses):
        return clauses[0].markers[0]
    return None


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


def opens_conditions(clauses: tuple[Clause, ...]) -> bool:
    """Does a lead-in end by opening a list of conditions ("The chief executive may grant an
    application if—", "A child may stay only if:")? Its items say when its act is allowed."""
    return bool(clauses) and any(
        m.category in ("presupposition", "limit") and m.end >= clauses[-1].end - 1 for m in clauses[-1].markers
    )


def item_stance(lead_in: Stance, item: tuple[Clause, ...]) -> Stance:
    """The stance a list item with no modal of its own takes from its lead-in's.

    An exception in the item's own words excepts the lead-in's ban for that item: "The
    following shall not be imposed as a sanction: … (b) denial of family visits, except where
    visiting was misused" (US state codes), "Restraints shall not be used— … (b) after the
    birth, save where she is violent" (Westminster rules) ban the act with a way round it.
    """
    at = tuple(m.idx for clause in item for m in clause.markers if m.category in EXCEPTION_CATEGORIES)
    if lead_in.kind != "prohibition" or not at:
        return lead_in
    return replace(lead_in, kind="excepted-prohibition", excepted=True, exception_at=lead_in.exception_at + at)
