"""Evaluate one check (an element or a conflict of a rule's pattern file) on one unit.

A check matches a unit when every concept group of its condition is present — the first
group (the act the clause governs) in the provision's own words or its lead-in, the others
anywhere in its context — none of its `none` concepts is, and the clause's stance toward
the act is one the check accepts.
"""

from __future__ import annotations

from dataclasses import dataclass

from linter.engine.crossref import ExceptionLink, descendants
from linter.engine.units import Unit, build_units
from linter.model import Document
from linter.nlp.concepts import ConceptHit
from linter.nlp.deontic import Stance, doc_stance, stance_at
from linter.patterns import Check, Concept, Condition, PatternSet

FULL, WEAK = "full", "weak"
_CARVE_OUT = ("except", "unless", "other than", "save", "excluding")

# For an element: which stances implement it fully, and which only partly.
_ELEMENT_STANCES = {
    "require": ({"obligation", "statement"}, {"qualified-obligation", "permission"}),
    "forbid": ({"prohibition"}, {"excepted-prohibition"}),
    "mention": (
        {"obligation", "statement", "qualified-obligation", "permission", "prohibition", "excepted-prohibition"},
        set(),
    ),
}


@dataclass(frozen=True)
class Match:
    check: Check
    unit: Unit
    stance: Stance
    strength: str
    matched: tuple[str, ...]
    action: ConceptHit | None
    layer: str = "vocabulary"  # or "similarity": found by the recall layer, confirmed here
    score: float | None = None  # the cosine similarity, for a similarity match

    @property
    def why(self) -> str:
        markers = f" ({', '.join(dict.fromkeys(self.stance.markers))})" if self.stance.markers else ""
        stance = f"stance {self.stance.kind}{markers}"
        if self.layer == "similarity":
            found = f" (listed terms found only: {', '.join(self.matched)})" if self.matched else ""
            return f"similar to {self.check.kind} \u201c{self.check.description}\u201d ({self.score:.2f}); no listed term matched the element{found}; {stance}"
        return f"{self.check.description}: matched {', '.join(self.matched)}; {stance}"


class Evaluator:
    """Evaluates checks over the units of one document."""

    def __init__(self, units: list[Unit], concepts: dict[str, Concept]) -> None:
        self.units = units
        self.concepts = concepts
        self.provisions = [u.provision for u in units]
        self.recall = None  # the similarity layer's Recall, when it is on (linter.engine.recall)
        self._by_index = {u.provision.index: u for u in units}
        # Concept -> units having it in their own words or lead-in: a check only visits the
        # units that contain its act, which keeps 70 rules over a long law fast.
        self._local: dict[int, set[str]] = {}
        self._units_with: dict[str, list[Unit]] = {}
        for unit in units:
            local = unit.own_concepts().union(*(lead.own_concepts() for lead in unit.lead_ins))
            self._local[unit.provision.index] = local
            for concept in local:
                self._units_with.setdefault(concept, []).append(unit)

    @classmethod
    def for_document(cls, document: Document, patterns: PatternSet, nlp) -> "Evaluator":
        units = build_units(document, nlp, patterns.deontic.non_operative_headings)
        return cls(units, patterns.concepts)

    # -- locating concepts -------------------------------------------------------------

    def _locate(self, unit: Unit, concept: str, allow_context: bool) -> tuple[Unit, ConceptHit | None, str] | None:
        hit = unit.first_hit.get(concept)
        if hit is not None:
            return unit, hit, hit.text
        for lead in unit.lead_ins:
            hit = lead.first_hit.get(concept)
            if hit is not None:
                return lead, hit, f"{hit.text} (lead-in {lead.provision.label})"
        if allow_context and concept in unit.context:
            return unit, None, f"{concept} ({unit.context[concept]})"
        return None

    def _condition_holds(self, unit: Unit, cond: Condition) -> tuple[tuple, list[str]] | None:
        action = None
        for concept in cond.action:
            action = self._locate(unit, concept, allow_context=False)
            if action:
                break
        if action is None:
            return None
        matched = [action[2]]
        others = []
        for group in cond.all[1:]:
            found = next((f for c in group if (f := self._locate(unit, c, allow_context=True))), None)
            if found is None:
                return None
            matched.append(found[2])
            others.append(found)
        if any(self._locate(unit, c, allow_context=True) for c in cond.none):
            return None
        return action, matched, others

    # -- stance --------------------------------------------------------------------------

    def _stance(self, unit: Unit, where: Unit, hit: ConceptHit) -> Stance:
        if where is unit:
            # A caption ("Placement in segregated housing units.") states nothing: take the
            # first mention of the act that stands in a clause with a modal.
            same = [h.start for h in unit.hits if h.concept == hit.concept and h.start >= hit.start]
            stance = next((s for start in same if (s := stance_at(unit.clauses, start))), None)
        else:
            stance = doc_stance(unit.clauses) or stance_at(where.clauses, hit.start)
        if stance is None:
            stance = next((s for lead in unit.lead_ins if (s := doc_stance(lead.clauses))), None)
        stance = stance or Stance("statement")
        return self._apply_exception_links(unit, stance, hit.concept)

    def _apply_exception_links(self, unit: Unit, stance: Stance, action: str) -> Stance:
        links = [l for l in unit.links if l.qualified == unit.provision.index]
        if stance.kind not in ("prohibition", "excepted-prohibition") or not links:
            return stance
        inline = [
            at for at in stance.exception_at if not any(l.source == unit.provision.index and l.span[0] <= at < l.span[1] for l in links)
        ]
        repermitted = [l for l in links if self._repermits(l, unit, action)]
        if inline or repermitted:
            markers = stance.markers + tuple(f"exception in {self._by_index[l.exception].provision.label}" for l in repermitted if l.exception in self._by_index)
            return Stance("excepted-prohibition", markers, True, stance.qualified, stance.exception_at)
        return Stance("prohibition", stance.markers, False, stance.qualified)

    def _actions(self, unit: Unit) -> set[str]:
        return {c for c in unit.first_hit if self.concepts[c].kind == "action"}

    def _repermits(self, link: ExceptionLink, qualified: Unit, action: str) -> bool:
        """Does the exception provision of `link` allow again the act `action` that `qualified` forbids?

        An exception that names some of the acts the qualified provision governs re-permits
        only those ("the prohibition relating to restrictive housing shall not apply ...");
        one that names none of them re-permits them all.
        """
        exception_units = [self._by_index[i] for i in descendants(self.provisions, link.exception) if i in self._by_index]
        named = set().union(*(self._actions(u) for u in exception_units)) if exception_units else set()
        governed = self._actions(qualified) | {c for lead in qualified.lead_ins for c in self._actions(lead)}
        overlap = named & governed
        return action in overlap if overlap else True

    # -- public ---------------------------------------------------------------------------

    def match(self, check: Check, unit: Unit, lenient: bool = False) -> Match | None:
        """Match `check` on `unit`; `lenient` when the rule itself is qualified ("where possible")."""
        found = self._condition_holds(unit, check.condition)
        if found is None:
            return None
        (where, hit, _), matched, others = found
        stance = self._stance(unit, where, hit)
        if self._exempted(unit, stance, hit if where is unit else None, others):
            # "may be placed in segregation unless she is pregnant": the exception protects
            # the very people the check is about, so the clause forbids the act for them.
            stance = Stance("prohibition", stance.markers + ("exemption",))
        strength = self._strength(check, stance, lenient)
        if strength is None:
            return None
        return Match(check, unit, stance, strength, tuple(matched), hit if where is unit else None)

    @staticmethod
    def _exempted(unit: Unit, stance: Stance, action: ConceptHit | None, others: list) -> bool:
        """Do the provision's own words put the check's people inside an exception ("unless she is pregnant")?"""
        if stance.kind not in ("permission", "excepted-prohibition", "obligation", "statement"):
            return False
        own = [hit for where, hit, _ in others if where is unit and hit is not None]
        for clause in unit.clauses:
            # Only words that carve people or acts out ("unless", "other than") exempt them;
            # "in an emergency" or "where necessary" are conditions of the permission itself.
            exceptions = [m.start for m in clause.markers if m.category == "exception" and m.text.startswith(_CARVE_OUT)]
            if not exceptions:
                continue
            first = min(exceptions)
            if action is not None and clause.start <= action.start < clause.end and action.start > first:
                return True  # "loss of privileges other than family visits"
            hits = [h for h in own if clause.start <= h.start < clause.end]
            if hits and all(h.start > first for h in hits):
                return True  # "may be segregated unless she is pregnant"
        return False

    def _strength(self, check: Check, stance: Stance, lenient: bool) -> str | None:
        if check.kind == "conflict":
            return FULL if stance.kind in check.stance else None
        wanted = check.stance[0]
        full, weak = _ELEMENT_STANCES[wanted]
        hollowed = stance.qualified and wanted != "mention" and not lenient
        if (stance.kind in full and not hollowed) or (lenient and stance.kind == "qualified-obligation"):
            return FULL
        if stance.kind in full | weak:
            return WEAK
        return None

    def confirm(self, check: Check, unit: Unit, lenient: bool, score: float, listed_groups: int) -> Match | None:
        """Confirm a similarity proposal: the check's structure and stance must agree.

        The similarity stands in for some of the words of the act and its circumstances
        only: who the clause is about (each group of `subject` concepts) must still be named
        in listed words, and so must `listed_groups` of the other groups (the act or a
        circumstance); no `none` concept may be present, and the clause (or its lead-in) must
        itself oblige, forbid or permit, in a stance the check accepts: a caption or a
        preamble states nothing.
        """
        cond = check.condition
        matched = []
        for group in cond.all:
            found = next((f for c in group if (f := self._locate(unit, c, allow_context=True))), None)
            if found is not None:
                matched.append(found[2])
            elif all(self.concepts[c].kind == "subject" for c in group):
                return None
        topical = [g for g in cond.all if not all(self.concepts[c].kind == "subject" for c in g)]
        if topical and len(matched) - (len(cond.all) - len(topical)) < min(listed_groups, len(topical)):
            return None
        if any(self._locate(unit, c, allow_context=True) for c in cond.none):
            return None
        stance = doc_stance(unit.clauses) or next((s for lead in unit.lead_ins if (s := doc_stance(lead.clauses))), None)
        if stance is None:
            return None
        stance = self._apply_exception_links(unit, stance, cond.action[0])
        strength = self._strength(check, stance, lenient)
        if strength is None:
            return None
        return Match(check, unit, stance, strength, tuple(matched), None, "similarity", score)

    def candidates(self, cond: Condition) -> list[Unit]:
        """Units that contain the act of `cond`, in document order."""
        found = {u.provision.index: u for c in cond.action for u in self._units_with.get(c, ())}
        return [found[i] for i in sorted(found)]

    def holds_anywhere(self, cond: Condition, stances: tuple[str, ...]) -> Unit | None:
        """The first unit where `cond` holds with one of `stances` (any stance if empty)."""
        for unit in self.candidates(cond):
            found = self._condition_holds(unit, cond)
            if found is None:
                continue
            (where, hit, _), _, _ = found
            if not stances or self._stance(unit, where, hit).kind in stances:
                return unit
        return None
