"""Read each provision with the context a lawyer reads it in.

A provision's own words are tagged once by the pipeline. Around them the engine adds
what the law says elsewhere about the same clause: the lead-in of the provision it is a
sub-item of, the headings above it, the definitions of terms it uses, and provisions
linked to it by an exception cross-reference. Every inherited concept remembers where it
came from, so a finding can say why it matched.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import InitVar, dataclass, field
from functools import lru_cache

import numpy as np
from spacy.attrs import NORM
from spacy.language import Language
from spacy.tokens import Doc

from linter.definitions import DefinitionGrammar, definition_grammar
from linter.engine.crossref import (
    CrossReferenceGrammar,
    ExceptionLink,
    Labels,
    cross_reference_grammar,
    descendants,
    find_exception_links,
    find_mentions,
    find_savings,
)
from linter.model import Document, Provision
from linter.nlp.concepts import ConceptHit, pending_concept, settle
from linter.nlp.deontic import Clause, doc_stance, opening_proviso
from linter.nlp.doc_values import value
from linter.nlp.token_rows import NORMED, token_array
from linter.pattern_language import phrases_regex
from linter.patterns import Concept, Drafting, load_patterns

# Concept kinds a definition can narrow: who a clause is about and when it applies. What a
# clause does (its act) is never taken away by a definition ("separation" defined without the
# word segregation still names a segregation).
_NARROWABLE = ("subject", "circumstance")
# The longest heading a finding quotes when it says where a concept came from.
_CAPTION = 120


@lru_cache(maxsize=4)
def _exception_lead_in(words: tuple[str, ...]) -> re.Pattern[str]:
    """A lead-in that opens a list of exceptions ("... except:", "... unless—", "does not apply to—"):
    its items finish its sentence and carve people or cases out of it. Compiled once per pattern set."""
    return re.compile(rf"\b(?:{phrases_regex(words)})\b[^.;]{{0,60}}[:—–-]\s*$", re.IGNORECASE)


@dataclass(eq=False)
class Unit:
    """A provision ready for rule checks: its parsed text plus inherited concepts."""

    provision: Provision
    # The parsed Doc is read here and not kept: a law's Docs together would hold memory in
    # proportion to the whole law (~5 KB per provision), the units only what the checks use.
    doc: InitVar[Doc]
    # Tokenizes the provision again, identically, for the rare reader of its tokens.
    make_doc: Callable[[str], Doc]
    lead_ins: list[Unit] = field(default_factory=list)
    context: dict[str, str] = field(default_factory=dict)  # concept -> where it came from
    links: list[ExceptionLink] = field(default_factory=list)
    exceptions: list[Unit] = field(default_factory=list)  # items of an exception lead-in ("except:")
    saved_by: list[Unit] = field(default_factory=list)  # "Nothing in <this> authorises ..." clauses
    cited: list[Unit] = field(default_factory=list)  # provisions it names ("the sanction in paragraph (1)(d)")
    # Concept -> the definition that lends it ('"infant" means a child under eighteen months'):
    # a conflict resting on a definition cites it too.
    definitions: dict[str, Provision] = field(default_factory=dict)

    def __post_init__(self, doc: Doc) -> None:
        # Read once: the checks consult these thousands of times, and `doc._` is slow.
        self.hits: tuple[ConceptHit, ...] = value(doc, "concepts")
        self.clauses: tuple[Clause, ...] = value(doc, "clauses")
        # The similarity layer's sentence vector, when that component ran (None otherwise).
        self.vector = value(doc, "sentence_vector")
        # Token norms, 8 bytes a token: defined terms are found with these, without tokenizing again.
        self.norms: np.ndarray = token_array(doc)[:, NORMED].copy()
        self.first_hit: dict[str, ConceptHit] = {}
        for hit in self.hits:
            self.first_hit.setdefault(hit.concept, hit)

    def tokens(self) -> Doc:
        """The provision's tokens (same tokenizer, so token indices match `hits` and `clauses`)."""
        return self.make_doc(self.provision.text)

    def own_concepts(self) -> set[str]:
        return set(self.first_hit)

    def drop_hits(self, dropped: set[ConceptHit]) -> None:
        """Forget concept hits the document's own definitions rule out."""
        self._set_hits(tuple(h for h in self.hits if h not in dropped))

    def add_hits(self, added: list[ConceptHit]) -> None:
        """Read more concepts in the provision's words (an act a reference stands for)."""
        self._set_hits(tuple(sorted((*self.hits, *added), key=lambda h: h.start)))

    def _set_hits(self, hits: tuple[ConceptHit, ...]) -> None:
        self.hits = hits
        self.first_hit = {}
        for hit in self.hits:
            self.first_hit.setdefault(hit.concept, hit)


@dataclass(frozen=True)
class Meaning:
    """What the document says a defined term means: the concepts of its defining words."""

    term: str
    concepts: frozenset[str]
    source: int  # index of the defining provision


def _definitions(units: list[Unit], nlp: Language, grammar: DefinitionGrammar) -> dict[str, Meaning]:
    """Defined term -> its meaning ('"restraint" means handcuffs ...', 'convict – a person ...').

    A definition that uses another defined term means what that term means too ("detainee"
    means a child detained in a centre, where "child" means a person under 18).
    """
    raw: dict[str, tuple[frozenset[str], Unit, int, int]] = {}
    for unit in units:
        for d in grammar.definitions_in(unit.provision.text):
            found = frozenset(h.concept for h in unit.hits if d.body_start <= h.idx < d.body_end)
            if found:
                raw[d.term] = (found, unit, d.body_start, d.body_end)
    if not raw:
        return {}
    matcher = _TermMatcher(nlp, raw)
    defined = {}
    for term, (found, unit, body_start, body_end) in raw.items():
        meaning = set(found)
        doc = unit.tokens()
        for used, start, _ in matcher(unit.norms):
            if used != term and body_start <= doc[start].idx < body_end:
                meaning |= raw[used][0]
        defined[term] = Meaning(term, frozenset(meaning), unit.provision.index)
    return defined


class _TermMatcher:
    """Finds defined terms by their token norms, as a PhraseMatcher on NORM would: every
    occurrence of every term, inflections and spellings included."""

    def __init__(self, nlp: Language, terms: Iterable[str]) -> None:
        self._by_first: dict[int, list[tuple[str, list[int]]]] = {}
        for term in terms:
            norms = nlp.make_doc(term).to_array(NORM).tolist()
            if norms:
                self._by_first.setdefault(norms[0], []).append((term, norms))

    def __call__(self, norms: np.ndarray) -> list[tuple[str, int, int]]:
        found: list[tuple[str, int, int]] = []
        sequence = norms.tolist()
        if self._by_first.keys().isdisjoint(sequence):
            return found  # most provisions use no defined term: one C-level pass says so
        for i, norm in enumerate(sequence):
            for term, term_norms in self._by_first.get(norm, ()):
                end = i + len(term_norms)
                if sequence[i:end] == term_norms:
                    found.append((term, i, end))
        return found


def _operative(provision: Provision, non_operative: tuple[str, ...]) -> bool:
    # A definition obliges no one: it lends its meaning to the provisions that use the term.
    if provision.kind in ("toc", "definition", "table-header"):
        return False
    return not any(h.strip(" .:").lower() in non_operative for h in provision.headings)


def build_units(
    document: Document,
    nlp: Language,
    non_operative_headings: tuple[str, ...] = (),
    concepts: dict[str, Concept] | None = None,
    drafting: Drafting | None = None,
) -> list[Unit]:
    """Units for the operative provisions of `document` (not contents, findings or purposes).

    `drafting` is the pattern set's wording of cross-references, exceptions and definitions
    (default: the installed patterns').
    """
    drafting = drafting or load_patterns().drafting
    exception_lead_in = _exception_lead_in(drafting.exception_lead_ins)
    references = cross_reference_grammar(drafting.cross_references)
    provisions = document.provisions
    make_doc = nlp.make_doc  # one bound method for all units, not one each
    # Empty provisions (a label or caption with no words of its own, a seventh of a long law)
    # share one parsed empty text: the pipeline's cost per provision is mostly per call.
    parsed = nlp.pipe(p.text for p in provisions if p.text)
    empty = nlp("")
    units = [Unit(p, next(parsed) if p.text else empty, make_doc) for p in provisions]
    by_index = {u.provision.index: u for u in units}

    for unit in units:
        parent = unit.provision.parent
        while parent is not None and parent in by_index:
            lead_in = by_index[parent]
            unit.lead_ins.append(lead_in)
            if exception_lead_in.search(lead_in.provision.text):
                lead_in.exceptions.append(unit)
            parent = lead_in.provision.parent

    _add_heading_lead_ins(units, nlp)
    _add_heading_context(units, nlp)
    _settle_cued_terms(units, concepts or {})
    _add_back_references(units, concepts or {}, drafting.back_references)
    _resolve_act_references(units, concepts or {})
    _apply_definitions(units, nlp, concepts or {}, definition_grammar(drafting.definitions))
    labels = Labels(provisions)
    _add_exception_context(units, provisions, by_index, labels, references)
    for saving, saved in find_savings(provisions, references, labels):
        if saving in by_index and saved in by_index:
            by_index[saved].saved_by.append(by_index[saving])
    for citing, cited in find_mentions(provisions, references, labels):
        if citing in by_index and cited in by_index:
            # "The sanction referred to in paragraph (1)(d) shall not be imposed on ...": the
            # cited provision's words are read as if they stood in the citing one.
            by_index[citing].lead_ins.append(by_index[cited])
            by_index[citing].cited.append(by_index[cited])
    return [u for u in units if _operative(u.provision, non_operative_headings)]


def _caption(heading: str) -> str:
    return heading if len(heading) <= _CAPTION else heading[: _CAPTION - 1] + "\u2026"


def _resolve_act_references(units: list[Unit], concepts: dict[str, Concept]) -> None:
    """Read the act a reference stands for where the reference stands.

    "Separate confinement may be awarded; but no woman who is pregnant shall be so punished",
    "(2) No such punishment shall be awarded to a nursing mother": the words of an `anaphor`
    marker (patterns/deontic.yaml) name no act of their own, so the act they refer back to is
    the one named last before the reference's clause ("… may be awarded; but no woman who is
    nursing shall be so punished": not the "nursing" beside it), else earlier in the same
    clause, else in the provision just before.
    """
    actions = {c.id for c in concepts.values() if c.kind == "action"}
    previous: Unit | None = None
    for unit in units:
        for clause in unit.clauses:
            for marker in clause.markers:
                if marker.category != "anaphor":
                    continue
                acts = _last_acts(unit, actions, clause.start) or _last_acts(unit, actions, marker.start)
                if not acts and previous is not None:
                    acts = _last_acts(previous, actions)
                unit.add_hits([ConceptHit(a.concept, marker.start, marker.end, marker.text, marker.idx) for a in acts])
        previous = unit


def _last_acts(unit: Unit, actions: set[str], before: int | None = None) -> list[ConceptHit]:
    """The act named last in `unit` (before token `before`), with every act concept its words carry."""
    acts = [h for h in unit.hits if h.concept in actions and (before is None or h.end <= before)]
    if not acts:
        return []
    last = max(acts, key=lambda h: (h.end, h.start))
    return [h for h in acts if (h.start, h.end) == (last.start, last.end)]


def _add_heading_lead_ins(units: list[Unit], nlp: Language) -> None:
    """A numbered list with no lead-in sentence reads its heading as its lead-in.

    Schedules of punishments and jail manuals list items under a heading alone ("SECOND
    SCHEDULE — PUNISHMENTS" / "(c) stoppage of visits and letters for one month"): the
    heading says what the items are, as "The following punishments may be awarded:" would.
    Only for a labelled item with no modal of its own and no lead-in with words; its heading
    lends the act and, if it has one, the modal ("Punishments which may be awarded").
    """
    lead_ins: dict[tuple[str, ...], Unit] = {}
    for unit in units:
        provision = unit.provision
        if not (provision.headings and provision.label and provision.text) or provision.kind != "body":
            continue
        if any(lead.provision.text for lead in unit.lead_ins) or doc_stance(unit.clauses) is not None:
            continue
        path = provision.headings
        if path not in lead_ins:
            heading = Provision(f"heading \u201c{_caption(path[-1])}\u201d", path[-1], path[:-1], index=-1)
            lead_ins[path] = Unit(heading, nlp(path[-1]), unit.make_doc)
        unit.lead_ins.append(lead_ins[path])


def _add_heading_context(units: list[Unit], nlp: Language) -> None:
    headings = sorted({h for u in units for h in u.provision.headings})
    # Only the concepts of a heading are read: its clauses and vector would be thrown away.
    # (The component is called directly: disabling the others on the shared pipeline would
    # race with another thread's check.)
    concepts = nlp.get_pipe("bangkok_concepts")
    tagged = {h: {c.concept for c in value(concepts(nlp.make_doc(h)), "concepts")} for h in headings}
    # One description per heading, shared by every unit under it, and cut to a caption's
    # length: a "heading" that is really a whole run-on text must not be copied per concept.
    where = {h: f"heading \u201c{_caption(h)}\u201d" for h in headings}
    for unit in units:
        for heading in unit.provision.headings:
            for concept in tagged[heading]:
                if pending_concept(concept) is None:
                    unit.context.setdefault(concept, where[heading])


def _settle_cued_terms(units: list[Unit], concepts: dict[str, Concept]) -> None:
    """An ambiguous term the tagger left pending ("her confinement") names its concept when a
    cue is near: in the provision's lead-in or headings, or in the provision just before or after
    it under the same lead-in ("(1) A pregnant prisoner shall be taken to hospital for her
    confinement. (2) During her confinement she may be handcuffed ..."). Elsewhere it is dropped."""
    for i, unit in enumerate(units):
        pending = [h for h in unit.hits if pending_concept(h.concept) is not None]
        if not pending:
            continue
        near = set(unit.context).union(*(lead.own_concepts() for lead in unit.lead_ins))
        for j in (i - 1, i + 1):
            if 0 <= j < len(units) and _neighbours(unit.provision, units[j].provision):
                near |= units[j].own_concepts()
        settled = [settle(h) for h in pending]
        unit.drop_hits(set(pending))
        unit.add_hits([h for h in settled if h.concept in concepts and not near.isdisjoint(concepts[h.concept].cues)])


def _add_back_references(units: list[Unit], concepts: dict[str, Concept], openings: tuple[str, ...]) -> None:
    """A subsection that opens by pointing back ("(2) While so removed, she may be kept in irons")
    is read in the circumstances of the one before it under the same lead-in: who and when that
    one is about ("a prisoner in labour … removed to a hospital for her confinement")."""
    if not openings:
        return
    lowered = tuple(o.lower() for o in openings)
    reach = max(len(o) for o in lowered)
    for previous, unit in zip(units, units[1:]):
        if not unit.provision.text[:reach].lower().startswith(lowered):
            continue
        if not _neighbours(previous.provision, unit.provision):
            continue
        where = f"{previous.provision.label} (\u201c{_caption(unit.provision.text.split(',')[0])}\u201d)"
        for concept in previous.own_concepts():
            if concept in concepts and concepts[concept].kind in _NARROWABLE:
                unit.context.setdefault(concept, where)


def _neighbours(a: Provision, b: Provision) -> bool:
    """Parts of one provision: siblings under a lead-in, or a lead-in and its first or last item."""
    return (a.parent is not None and a.parent == b.parent) or a.parent == b.index or b.parent == a.index


def _apply_definitions(
    units: list[Unit], nlp: Language, concepts: dict[str, Concept], grammar: DefinitionGrammar
) -> None:
    """A defined term means what its definition says, wherever the document uses it.

    The definition lends its concepts to every provision using the term, and it narrows
    the term: a who-or-when concept the vocabulary reads into part of the term's words but
    the definition replaces with another of the same kind is dropped (if "post-delivery
    period" means the three days after birth, a clause about women in that period is not
    about breastfeeding mothers). A concept whose own name is the whole term stays.
    """
    defined = _definitions(units, nlp, grammar)
    if not defined:
        return
    matcher = _TermMatcher(nlp, defined)
    # One description per term, shared by every unit using it (not a string per unit and concept).
    where = {term: f"definition of \u201c{meaning.term}\u201d" for term, meaning in defined.items()}
    provisions = {u.provision.index: u.provision for u in units}
    for unit in units:
        dropped: set[ConceptHit] = set()
        for term, start, end in matcher(unit.norms):
            meaning = defined[term]
            if meaning.source != unit.provision.index:
                dropped |= _narrowed(unit, start, end, meaning, concepts)
            for concept in meaning.concepts:
                unit.context.setdefault(concept, where[term])
                unit.definitions.setdefault(concept, provisions[meaning.source])
        if dropped:
            unit.drop_hits(dropped)


def _narrowed(unit: Unit, start: int, end: int, meaning: Meaning, concepts: dict[str, Concept]) -> set[ConceptHit]:
    kinds = {concepts[c].kind for c in meaning.concepts if c in concepts}
    out = set()
    for hit in unit.hits:
        if not (start <= hit.start and hit.end <= end) or hit.concept in meaning.concepts:
            continue
        if (hit.start, hit.end) == (start, end):
            continue  # the whole term is that concept's own name ("postpartum period")
        kind = concepts[hit.concept].kind if hit.concept in concepts else ""
        if kind in _NARROWABLE and kind in kinds:
            out.add(hit)
    return out


def _add_exception_context(
    units: list[Unit],
    provisions: list[Provision],
    by_index: dict[int, Unit],
    labels: Labels,
    references: CrossReferenceGrammar,
) -> None:
    for link in find_exception_links(provisions, references, labels) + _proviso_links(units):
        qualified = by_index.get(link.qualified)
        if qualified is None:
            continue
        qualified.links.append(link)
        where = f"exception to {qualified.provision.label}"  # shared by the exception's units
        for idx in descendants(provisions, link.exception):
            exception = by_index.get(idx)
            if exception is None or exception is qualified:
                continue
            exception.links.append(link)
            # The exception is about what the qualified provision governs.
            for concept in qualified.own_concepts() | {c for lead in qualified.lead_ins for c in lead.own_concepts()}:
                exception.context.setdefault(concept, where)


def _proviso_links(units: list[Unit]) -> list[ExceptionLink]:
    """A paragraph that opens "Provided that …" is an exception to the provision before it."""
    links = []
    for previous, unit in zip(units, units[1:]):
        marker = opening_proviso(unit.clauses)
        if marker is not None:
            span = (marker.idx, marker.idx + len(marker.text))
            links.append(
                ExceptionLink(previous.provision.index, unit.provision.index, unit.provision.index, span, marker.text)
            )
    return links
