"""Evaluate one check (an element or a conflict of a rule's pattern file) on one unit.

A check matches a unit when every concept group of its condition is present — the first
group (the act the clause governs) in the provision's own words or its lead-in, the others
anywhere in its context — none of its `none` concepts is, and the clause's stance toward
the act is one the check accepts.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal, overload

from linter.engine.crossref import ExceptionLink, descendants
from linter.engine.units import Unit, build_units
from linter.model import Document, Provision
from linter.nlp.concepts import ConceptHit
from linter.nlp.deontic import (
    Clause,
    Stance,
    clause_index,
    doc_stance,
    item_stance,
    opens_conditions,
    presupposed_at,
    restricted_at,
    stance_at,
    withheld_at,
)
from linter.pattern_language import ELEMENT_STANCES, EXCEPTION_CATEGORIES, accepts
from linter.patterns import Check, Concept, Condition, PatternSet

if TYPE_CHECKING:
    from linter.engine.recall import Proposer, Recall  # imports this module

# Where a concept of a check was found: the unit holding it (the provision or its lead-in), the
# mention (None when the concept comes from the unit's context), and how the report quotes it.
Located = tuple[Unit, ConceptHit | None, str]
# The act of a check is never taken from context, so it always has its mention.
Act = tuple[Unit, ConceptHit, str]
# A check's condition holding on a unit: its act, the concepts matched, the other groups located.
Holding = tuple[Act, list[str], list[Located]]

FULL, WEAK = "full", "weak"


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
    definitions: tuple[Provision, ...] = ()  # definitions lending a concept the clause does not name

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

    def __init__(self, units: list[Unit], concepts: dict[str, Concept], exemption_words: tuple[str, ...] = ()) -> None:
        self.units = units
        self.concepts = concepts
        self.exemption_words = exemption_words
        self._explicit_bans: dict[Condition, bool] = {}
        self.provisions = [u.provision for u in units]
        self.recall: Recall | None = None  # the similarity layer's Recall, when it is on (linter.engine.recall)
        self._by_index = {u.provision.index: u for u in units}
        # Concept -> units having it in their own words or lead-in: a check only visits the
        # units that contain its act, which keeps 70 rules over a long law fast.
        self._units_with: dict[str, list[Unit]] = {}
        for unit in units:
            local = unit.own_concepts().union(*(lead.own_concepts() for lead in unit.lead_ins))
            for concept in local:
                self._units_with.setdefault(concept, []).append(unit)

    @classmethod
    def for_document(cls, document: Document, patterns: PatternSet, nlp, proposer: Proposer | None = None) -> Evaluator:
        """The evaluator of `document`'s units; `proposer` (linter.engine.recall) scores them for the similarity layer."""
        units = build_units(
            document, nlp, patterns.deontic.non_operative_headings, patterns.concepts, patterns.drafting, proposer
        )
        return cls(units, patterns.concepts, patterns.deontic.exemption_words)

    # -- locating concepts -------------------------------------------------------------

    @overload
    def _locate(self, unit: Unit, concept: str, allow_context: Literal[False]) -> Act | None: ...

    @overload
    def _locate(self, unit: Unit, concept: str, allow_context: bool) -> Located | None: ...

    def _locate(self, unit: Unit, concept: str, allow_context: bool) -> Located | None:
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

    def _condition_holds(self, unit: Unit, cond: Condition) -> Holding | None:
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
        # "... shall be tested, except: (1) a woman who declines": an exception in the items
        # that finish the sentence, its own or its lead-in's, rules the check out too.
        items = [*unit.exceptions, *(item for lead in unit.lead_ins for item in lead.exceptions)]
        if any(c in item.first_hit for item in items for c in cond.none):
            return None
        return action, matched, others

    # -- stance --------------------------------------------------------------------------

    def _stance(self, unit: Unit, found: Holding, cond: Condition) -> tuple[Stance, ConceptHit]:
        """The stance of `unit` toward the act of `cond` (as `_condition_holds` found it), and the
        mention of the act it was read at. The one place the engine decides a stance: the clause's
        own reading (nlp/deontic.py), then what the rest of the law does to it."""
        (where, hit, _), _, others = found
        stance = None
        if where is unit:
            # A caption ("Placement in segregated housing units.") states nothing: take the
            # mention of the act that stands with the check's other concepts, in a clause with a modal.
            for mention in _act_mentions(unit, cond):
                stance = stance_at(unit.clauses, mention.start)
                if stance is not None:
                    hit = mention
                    break
        else:
            stance = doc_stance(unit.clauses) or self._item_stance(unit, stance_at(where.clauses, hit.start))
        if stance is None:
            stance = self._lead_in_stance(unit)
        stance = stance or Stance("statement")
        if where is unit and restricted_at(unit.clauses, hit.start):
            stance = _restricted(stance)
        elif where is unit and withheld_at(unit.clauses, hit.start):
            stance = _withheld(stance)
        stance = self._apply_exception_links(unit, stance, hit.concept)
        if where is unit and self._provisos_allow_other_acts(unit, stance, cond):
            stance = replace(stance, kind="prohibition", excepted=False, exception_at=())
        if self._exempted(unit, stance, hit if where is unit else None, others):
            # "may be placed in segregation unless she is pregnant": the exception protects
            # the very people the check is about, so the clause forbids the act for them.
            stance = Stance("prohibition", stance.markers + ("exemption",))
        return stance, hit

    @staticmethod
    def _item_stance(unit: Unit, lead_in: Stance | None) -> Stance | None:
        """`lead_in`, the stance of a lead-in toward the act, as `unit` reads it with its own exceptions."""
        return item_stance(lead_in, unit.clauses) if lead_in is not None else None

    def _lead_in_stance(self, unit: Unit) -> Stance | None:
        """The stance `unit` takes from the nearest lead-in that has one, with its own exceptions."""
        return self._item_stance(unit, next((s for lead in unit.lead_ins if (s := doc_stance(lead.clauses))), None))

    def _apply_exception_links(self, unit: Unit, stance: Stance, action: str) -> Stance:
        links = [link for link in unit.links if link.qualified == unit.provision.index]
        if stance.kind not in ("prohibition", "excepted-prohibition") or not links:
            return stance
        inline = [
            at
            for at in stance.exception_at
            if not any(link.source == unit.provision.index and link.span[0] <= at < link.span[1] for link in links)
        ]
        repermitted = [link for link in links if self._repermits(link, unit, action)]
        if inline or repermitted:
            markers = stance.markers + tuple(
                f"exception in {self._by_index[link.exception].provision.label}"
                for link in repermitted
                if link.exception in self._by_index
            )
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
        exception_units = [
            self._by_index[i] for i in descendants(self.provisions, link.exception) if i in self._by_index
        ]
        named = set().union(*(self._actions(u) for u in exception_units)) if exception_units else set()
        governed = self._actions(qualified) | {c for lead in qualified.lead_ins for c in self._actions(lead)}
        overlap = named & governed
        return action in overlap if overlap else True

    # -- public ---------------------------------------------------------------------------

    def matches(self, check: Check, lenient: bool = False) -> list[Match]:
        """Every match of `check` in the document, by the check itself or one of its alternatives."""
        return [
            m
            for way in check.ways()
            for unit in self.candidates(way.condition)
            if (m := self.match(way, unit, lenient))
        ]

    def match(self, check: Check, unit: Unit, lenient: bool = False) -> Match | None:
        """Match `check` on `unit`; `lenient` when the rule itself is qualified ("where possible")."""
        found = self._condition_holds(unit, check.condition)
        if found is None:
            return None
        (where, action, _), matched, others = found
        if check.kind == "conflict" and any(action.concept in saving.first_hit for saving in unit.saved_by):
            # "Nothing in subsection (2) authorises the use of a restraint ...": whatever (2)
            # allows, it does not allow this act.
            return None
        if check.kind == "element" and where is unit and "mention" not in check.stance and _states_condition(unit):
            # "… may grant an application if— (c) the child is immunised …" (Australian acts, US
            # statutes): the item names a condition of the lead-in's act, which the law does not
            # oblige anyone to bring about.
            return None
        stance, hit = self._stance(unit, found, check.condition)
        if check.kind == "conflict" and not self._reads_together(unit, check.condition, where, hit, others):
            return None
        if check.kind == "conflict" and where is unit and presupposed_at(unit.clauses, hit.start):
            # "When restraints are used on a woman in labour, …": the law contemplates the act.
            stance = Stance("permission", (*stance.markers, "presupposed"))
        strength = self._strength(check, stance, lenient)
        if strength is None:
            return None
        act = hit if where is unit else None
        lent = self._lent(unit, check.condition) if check.kind == "conflict" else ()
        return Match(check, unit, stance, strength, tuple(matched), act, definitions=lent)

    def _lent(self, unit: Unit, cond: Condition) -> tuple[Provision, ...]:
        """The definitions that lend a concept group the unit's own words and lead-ins do not name."""
        lent = {
            unit.definitions[c].index: unit.definitions[c]
            for group in cond.all[1:]
            if not any(self._locate(unit, c, allow_context=False) for c in group)
            for c in group
            if c in unit.definitions
        }
        return tuple(lent.values())

    def _reads_together(self, unit: Unit, cond: Condition, where: Unit, act: ConceptHit, others: list) -> bool:
        """Does the clause that conflicts say what the check is about, in one reading?

        The concepts the provision names only in its own words must stand in the sentence of
        the act ("Restraints may be used to prevent escape. A woman in labour shall be escorted
        by a female officer." permits no restraint in labour). A concept it inherits (heading,
        lead-in, definition) is read with every sentence — unless the document elsewhere forbids
        the act for those people in so many words: the special rule prevails over the general one.
        """
        if where is unit:
            clauses = unit.clauses
            act_clause = clauses[clause_index(clauses, act.start)]

            def with_act(h: ConceptHit) -> bool:
                # In the act's sentence, and not across a coordinated clause with a modal of its own
                # ("A woman may be searched only by a female officer, and a male officer may not be
                # present"); "…, in which case detention shall be ordered" still reads with what precedes.
                clause = clauses[clause_index(clauses, h.start)]
                if clause.sentence != act_clause.sentence:
                    return False
                if clause is act_clause and clause.part(h.start) == clause.part(act.start):
                    return True
                return not (clause.independent(h.start) or act_clause.independent(act.start))

            for group, (found_in, hit, _) in zip(cond.all[1:], others):
                if hit is None or found_in is not unit or self._inherited(unit, group):
                    continue
                if not any(h.concept in group and with_act(h) for h in unit.hits):
                    return False
        if unit.links or not any(hit is None for _, hit, _ in others):
            return True  # an exception provision is itself the special rule
        return not self._forbidden_explicitly(cond)

    def _provisos_allow_other_acts(self, unit: Unit, stance: Stance, cond: Condition) -> bool:
        """Is a ban excepted only by provisos that re-permit other acts ("shall not be placed in
        separate confinement; but where she is violent, she may be restrained")?"""
        if stance.kind != "excepted-prohibition" or not stance.provisos:
            return False
        doc = unit.tokens()
        proviso_chars = [(doc[a].idx, doc[b - 1].idx + len(doc[b - 1])) for a, b in stance.provisos]
        if any(not any(a <= at < b for a, b in proviso_chars) for at in stance.exception_at):
            return False  # the clause itself has an exception
        for a, b in stance.provisos:
            named = {h.concept for h in unit.hits if a <= h.start < b and self.concepts[h.concept].kind == "action"}
            if not named or named & set(cond.action):
                return False
        return True

    @staticmethod
    def _inherited(unit: Unit, group: tuple[str, ...]) -> bool:
        return any(c in unit.context or any(c in lead.first_hit for lead in unit.lead_ins) for c in group)

    def _forbidden_explicitly(self, cond: Condition) -> bool:
        """Does some provision forbid the act of `cond`, naming all its concepts in its own words or lead-in?"""
        if cond not in self._explicit_bans:
            self._explicit_bans[cond] = False
            for unit in self.candidates(cond):
                found = self._condition_holds(unit, cond)
                if found is None or any(hit is None for _, hit, _ in found[2]):
                    continue
                if self._stance(unit, found, cond)[0].kind == "prohibition":
                    self._explicit_bans[cond] = True
                    break
        return self._explicit_bans[cond]

    def _exempted(self, unit: Unit, stance: Stance, action: ConceptHit | None, others: list) -> bool:
        """Do the provision's own words put the check's people inside an exception ("unless she is pregnant")?"""
        if stance.kind not in ("permission", "excepted-prohibition", "limited", "obligation", "statement"):
            return False
        own = [hit for where, hit, _ in others if where is unit and hit is not None]
        for clause in unit.clauses:
            # Only words that carve people or acts out ("unless", "other than") exempt them;
            # "in an emergency" or "where necessary" are conditions of the permission itself.
            exceptions = [
                m.start
                for m in clause.markers
                if m.category in EXCEPTION_CATEGORIES and m.text.startswith(self.exemption_words)
            ]
            if not exceptions:
                continue
            first = min(exceptions)
            if stance.kind == "excepted-prohibition" and action is not None and _allowed_again(clause, first, action):
                # A ban's exception names the case that allows the act again ("No prisoner shall undergo
                # cellular confinement unless certified fit for that punishment", "whipping shall not be
                # combined with any punishment except cellular confinement"): it carves nothing out.
                continue
            if (
                action is not None
                and clause.start <= action.start < clause.end
                and _in_exception(clause, first, action)
            ):
                return True  # "loss of privileges other than family visits"
            hits = [h for h in own if clause.start <= h.start < clause.end]
            if hits and all(_in_exception(clause, first, h) for h in hits):
                return True  # "may be segregated unless she is pregnant"
        return False

    def _strength(self, check: Check, stance: Stance, lenient: bool) -> str | None:
        if check.kind == "conflict":
            return FULL if accepts(check.stance, stance.kind) else None
        wanted = check.stance[0]
        if stance.restricted and wanted == "require":
            return None  # "restrictions on visits" does not provide visits
        full, weak = ELEMENT_STANCES[wanted]
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
        stance = doc_stance(unit.clauses) or self._lead_in_stance(unit)
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

    def unanswered(self, check: Check, matches: list[Match]) -> list[Match]:
        """The matches of conflict `check` that its `unless` exemption does not answer.

        A provision where the exemption holds answers the matches it reaches: one that names
        provisions, only those and what lies under them ("The punishment in paragraph (1)(b)
        shall not be awarded to a pregnant prisoner" leaves (1)(c)'s solitary confinement
        open); one that names none, every match.
        """
        if check.unless is None:
            return matches
        holding = [
            unit
            for unit in self.candidates(check.unless)
            if (found := self._condition_holds(unit, check.unless)) is not None
            and (
                not check.unless_stance or accepts(check.unless_stance, self._stance(unit, found, check.unless)[0].kind)
            )
        ]
        return [m for m in matches if not any(_reaches(unit, m.unit) for unit in holding)]


def _allowed_again(clause: Clause, first: int, act: ConceptHit) -> bool:
    """Does the ban's exception that opens at token `first` leave the act allowed: the act stands
    before it, or in the exception itself (its comma part)? A fronted exception ("Except as provided
    in (b), a pregnant prisoner shall not be restrained") keeps the act after it banned."""
    if not clause.start <= act.start < clause.end:
        return False
    return act.start < first or clause.part(act.start) == clause.part(first)


def _in_exception(clause: Clause, first: int, hit: ConceptHit) -> bool:
    """Does `hit` stand in the exception that opens at token `first` of `clause`?

    The exception runs on to the end of the clause, but not into a later coordinated part with a
    modal of its own ("No cell shall be used for solitary confinement unless it has a bell, and a
    prisoner so confined shall be visited by her family"): that part states its own duty."""
    if hit.start <= first:
        return False
    return not (clause.independent(hit.start) and clause.part(hit.start)[0] > first)


def _reaches(exemption: Unit, unit: Unit) -> bool:
    return not exemption.cited or any(c is unit or c in unit.lead_ins for c in exemption.cited)


def _act_mentions(unit: Unit, cond: Condition) -> list[ConceptHit]:
    """Mentions of the check's act in `unit`, those sharing a clause, a sentence, then a comma part, with most
    of its other concept groups first ("Restraints may be used to prevent escape. Restraints
    shall not be used on a woman in labour." reads the act of a labour check in the second)."""
    clauses = unit.clauses
    acts = [h for h in unit.hits if h.concept in cond.action]
    if not acts or len(cond.all) == 1:
        return acts
    where = {h.start: clause_index(clauses, h.start) for h in unit.hits}
    groups = [set(g) for g in cond.all[1:]]

    def together(act: ConceptHit) -> tuple[int, int, int, int]:
        ci = where[act.start]
        part = clauses[ci].part(act.start)
        in_part = in_clause = in_sentence = 0
        for group in groups:
            near = [h for h in unit.hits if h.concept in group]
            in_part += any(where[h.start] == ci and clauses[ci].part(h.start) == part for h in near)
            in_clause += any(where[h.start] == ci for h in near)
            in_sentence += any(clauses[where[h.start]].sentence == clauses[ci].sentence for h in near)
        return (-in_clause, -in_sentence, -in_part, act.start)

    return sorted(acts, key=together)


def _withheld(stance: Stance) -> Stance:
    """The stance toward an act the clause does without: a duty to act without it ("shall be
    escorted without handcuffs") forbids it; leave to act without it permits nothing about it;
    a ban on acting without it ("shall not be moved without an escort") requires it."""
    markers = stance.markers + ("without",)
    if stance.kind in ("obligation", "right"):
        # "Restraints shall be removed unless she is violent": the exception puts them back on.
        return replace(stance, kind="excepted-prohibition" if stance.excepted else "prohibition", markers=markers)
    if stance.kind == "qualified-obligation":
        return replace(stance, kind="excepted-prohibition", markers=markers)
    if stance.kind in ("prohibition", "excepted-prohibition"):
        return replace(stance, kind="obligation", markers=markers)
    return replace(stance, kind="statement", markers=markers)


def _states_condition(unit: Unit) -> bool:
    """Is `unit` an item, with no modal of its own, of a lead-in that opens a list of conditions?"""
    return doc_stance(unit.clauses) is None and any(opens_conditions(lead.clauses) for lead in unit.lead_ins)


def _restricted(stance: Stance) -> Stance:
    """The stance toward a good the clause restricts: a ban on restricting it ("shall not be
    denied visits", "No restriction on letters shall be imposed") is a duty to provide it; any
    other restriction limits it."""
    if stance.kind == "prohibition":
        return replace(stance, kind="obligation", markers=stance.markers + ("ban on restricting",))
    if stance.kind == "excepted-prohibition":
        return replace(
            stance, kind="qualified-obligation", qualified=True, markers=stance.markers + ("ban on restricting",)
        )
    return replace(stance, restricted=True)
