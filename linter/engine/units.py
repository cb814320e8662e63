"""Read each provision with the context a lawyer reads it in.

A provision's own words are tagged once by the pipeline. Around them the engine adds
what the law says elsewhere about the same clause: the lead-in of the provision it is a
sub-item of, the headings above it, the definitions of terms it uses, and provisions
linked to it by an exception cross-reference. Every inherited concept remembers where it
came from, so a finding can say why it matched.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import InitVar, dataclass, field

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from linter.engine.crossref import ExceptionLink, descendants, find_exception_links, find_mentions
from linter.model import Document, Provision
from linter.nlp.concepts import ConceptHit
from linter.nlp.deontic import Clause

_DEFINITION = re.compile(
    r"[\"“‘'](?P<term>[^\"”’'“]{2,60})[\"”’']\s*(?:\([^)]*\)\s*)?(?:means|includes|shall mean|shall include|refers to|has the meaning)\b",
    re.IGNORECASE,
)


@dataclass(eq=False)
class Unit:
    """A provision ready for rule checks: its parsed text plus inherited concepts."""

    provision: Provision
    # The parsed Doc is read here and not kept: a law's Docs together would hold memory in
    # proportion to the whole law (~5 KB per provision), the units only what the checks use.
    doc: InitVar[Doc]
    # Tokenizes the provision again, identically, for the rare reader of its tokens.
    make_doc: Callable[[str], Doc]
    lead_ins: list["Unit"] = field(default_factory=list)
    context: dict[str, str] = field(default_factory=dict)  # concept -> where it came from
    links: list[ExceptionLink] = field(default_factory=list)

    def __post_init__(self, doc: Doc) -> None:
        # Read once: the checks consult these thousands of times, and `doc._` is slow.
        self.hits: tuple[ConceptHit, ...] = doc._.concepts
        self.clauses: tuple[Clause, ...] = doc._.clauses
        self.first_hit: dict[str, ConceptHit] = {}
        for hit in self.hits:
            self.first_hit.setdefault(hit.concept, hit)

    def tokens(self) -> Doc:
        """The provision's tokens (same tokenizer, so token indices match `hits` and `clauses`)."""
        return self.make_doc(self.provision.text)

    def own_concepts(self) -> set[str]:
        return set(self.first_hit)


def _definitions(units: list[Unit]) -> dict[str, set[str]]:
    """Defined term -> concepts named in its definition ('"restraint" means handcuffs ...')."""
    defined: dict[str, set[str]] = {}
    for unit in units:
        text = unit.provision.text
        found = list(_DEFINITION.finditer(text))
        for i, m in enumerate(found):
            body_end = found[i + 1].start() if i + 1 < len(found) else len(text)
            concepts = {h.concept for h in unit.hits if m.end() <= h.idx < body_end}
            if concepts:
                defined[m.group("term").strip().lower()] = concepts
    return defined


def _operative(provision: Provision, non_operative: tuple[str, ...]) -> bool:
    # A definition obliges no one: it lends its meaning to the provisions that use the term.
    if provision.kind in ("toc", "definition"):
        return False
    return not any(h.strip(" .:").lower() in non_operative for h in provision.headings)


def build_units(document: Document, nlp: Language, non_operative_headings: tuple[str, ...] = ()) -> list[Unit]:
    """Units for the operative provisions of `document` (not contents, findings or purposes)."""
    provisions = document.provisions
    units = [Unit(p, d, nlp.make_doc) for p, d in zip(provisions, nlp.pipe(p.text for p in provisions))]
    by_index = {u.provision.index: u for u in units}

    for unit in units:
        parent = unit.provision.parent
        while parent is not None and parent in by_index:
            unit.lead_ins.append(by_index[parent])
            parent = by_index[parent].provision.parent

    _add_heading_context(units, nlp)
    _add_definition_context(units, nlp)
    _add_exception_context(units, provisions, by_index)
    for citing, cited in find_mentions(provisions):
        if citing in by_index and cited in by_index:
            # "The sanction referred to in paragraph (1)(d) shall not be imposed on ...": the
            # cited provision's words are read as if they stood in the citing one.
            by_index[citing].lead_ins.append(by_index[cited])
    return [u for u in units if _operative(u.provision, non_operative_headings)]


def _add_heading_context(units: list[Unit], nlp: Language) -> None:
    headings = sorted({h for u in units for h in u.provision.headings})
    tagged = {h: {c.concept for c in d._.concepts} for h, d in zip(headings, nlp.pipe(headings))}
    for unit in units:
        for heading in unit.provision.headings:
            for concept in tagged[heading]:
                unit.context.setdefault(concept, f"heading \u201c{heading}\u201d")


def _add_definition_context(units: list[Unit], nlp: Language) -> None:
    defined = _definitions(units)
    if not defined:
        return
    matcher = PhraseMatcher(nlp.vocab, attr="NORM")
    for term in defined:
        matcher.add(term, [nlp.make_doc(term)])
    for unit in units:
        for match_id, _, _ in matcher(unit.tokens()):
            term = nlp.vocab.strings[match_id]
            for concept in defined[term]:
                unit.context.setdefault(concept, f"definition of \u201c{term}\u201d")


def _add_exception_context(units: list[Unit], provisions: list[Provision], by_index: dict[int, Unit]) -> None:
    for link in find_exception_links(provisions):
        qualified = by_index.get(link.qualified)
        if qualified is None:
            continue
        qualified.links.append(link)
        for idx in descendants(provisions, link.exception):
            exception = by_index.get(idx)
            if exception is None or exception is qualified:
                continue
            exception.links.append(link)
            # The exception is about what the qualified provision governs.
            for concept in qualified.own_concepts() | {c for lead in qualified.lead_ins for c in lead.own_concepts()}:
                exception.context.setdefault(concept, f"exception to {qualified.provision.label}")
