"""Load the pattern data: the shared concept vocabulary, the deontic markers, the words of
legal drafting and one pattern file per rule (elements, conflict checks and their examples).

Nothing here knows any particular rule: a rule file is a list of checks, each a
combination of vocabulary concepts with the stance the clause must take.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from linter import pattern_language, user_cache
from linter.errors import PolicyError
from linter.pattern_language import DEFAULT_PRECISION, concept_ids, expand_stances, read_pattern_file
from linter.resources import data_path


@dataclass(frozen=True)
class Concept:
    id: str
    kind: str  # "action", "subject" or "circumstance"
    description: str
    terms: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    # Clauses that must (and must not) contain the concept: each harvested variant is
    # proven by one, so a stemming collision or a lost term fails `test-patterns`.
    examples_match: tuple[str, ...] = ()
    examples_no_match: tuple[str, ...] = ()
    # Ambiguous terms that name the concept only where a cue concept is near (linter/engine/units.py).
    cued_terms: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()


@dataclass(frozen=True)
class Condition:
    """Concept groups that must all appear in one clause; each group is a set of alternatives."""

    all: tuple[tuple[str, ...], ...]
    none: tuple[str, ...] = ()

    @property
    def action(self) -> tuple[str, ...]:
        # The first group names the act the clause governs; its stance is the clause's stance.
        return self.all[0]

    def concepts(self) -> set[str]:
        return {c for group in self.all for c in group} | set(self.none)


@dataclass(frozen=True)
class Check:
    id: str
    kind: str  # "element" or "conflict"
    description: str
    condition: Condition
    stance: tuple[str, ...]
    message: str = ""
    key: bool = True
    unless: Condition | None = None
    unless_stance: tuple[str, ...] = ()
    examples_match: tuple[str, ...] = ()
    examples_no_match: tuple[str, ...] = ()
    # How often a match is right, in code scanning's terms (very-high, high, medium, low).
    precision: str = "medium"
    # An element a clause for all prisoners can put into effect (see RulePatterns.gender_neutral).
    gender_neutral: bool = False
    # Other ways a clause puts the element into effect: the same check with another condition and stance.
    alternatives: tuple[Check, ...] = ()

    def ways(self) -> tuple[Check, ...]:
        """This check and its alternatives: a clause matching any of them matches the check."""
        return (self, *self.alternatives)


@dataclass(frozen=True)
class RulePatterns:
    rule: int
    name: str
    what: str
    why: str
    elements: tuple[Check, ...]
    conflicts: tuple[Check, ...]
    source: str
    # The labelling convention on gender-neutral clauses applies to this rule: its core duty
    # is not itself about sex, pregnancy or children, so a clause that applies to all
    # prisoners and puts one of its `gender_neutral` elements into effect makes it partial.
    gender_neutral: bool = False

    @property
    def checks(self) -> tuple[Check, ...]:
        return self.elements + self.conflicts


@dataclass(frozen=True)
class Deontic:
    """Marker phrases for the deontic analysis, by category (see patterns/deontic.yaml)."""

    markers: dict[str, tuple[str, ...]]
    negative_openers: tuple[str, ...]
    non_operative_headings: tuple[str, ...] = ()
    exemption_words: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    continuations: tuple[str, ...] = ()
    coordinators: tuple[str, ...] = ()


@dataclass(frozen=True)
class CrossReferences:
    """How a provision cites another, in the phrase notation (see patterns/drafting.yaml)."""

    provision_names: tuple[str, ...]
    item_names: tuple[str, ...]
    paragraph_names: tuple[str, ...]
    qualified_by: tuple[str, ...]
    exception_to: tuple[str, ...]
    disapplied_by: tuple[str, ...]
    mentions: tuple[str, ...]
    saving_openers: tuple[str, ...]
    saving_links: tuple[str, ...]
    saving_verbs: tuple[str, ...]


@dataclass(frozen=True)
class DefinitionWording:
    """How a provision defines a term, in the phrase notation (see patterns/drafting.yaml)."""

    verbs: tuple[str, ...]
    bare_verbs: tuple[str, ...]
    noun_cues: tuple[str, ...]
    term_nouns: tuple[str, ...]
    scopes: tuple[str, ...]
    body_openers: tuple[str, ...]


@dataclass(frozen=True)
class InterposedHolders:
    """Whose act a phrase names between a word and its `with` (see patterns/drafting.yaml)."""

    leads: tuple[str, ...] = ()
    holders: tuple[str, ...] = ()
    joiners: tuple[str, ...] = ()
    before: tuple[str, ...] = ()


@dataclass(frozen=True)
class InterposedObjects:
    """The person a verb acts on, named between the verb and its particle (see patterns/drafting.yaml)."""

    verbs: tuple[str, ...] = ()
    determiners: tuple[str, ...] = ()
    objects: tuple[str, ...] = ()
    after: tuple[str, ...] = ()


@dataclass(frozen=True)
class Drafting:
    """The words of legal drafting the engine reads structure by (patterns/drafting.yaml)."""

    cross_references: CrossReferences
    statute_words: frozenset[str]
    statute_name_joiners: frozenset[str]
    exception_lead_ins: tuple[str, ...]
    definitions: DefinitionWording
    # (modifiers, the nouns they may stand before): both normalised by the tagger.
    person_modifiers: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()
    interposed_holders: InterposedHolders = InterposedHolders()
    interposed_objects: InterposedObjects = InterposedObjects()
    # Openings of a subsection that points back at the one before ("while so", "during such").
    back_references: tuple[str, ...] = ()


@dataclass(frozen=True)
class PatternSet:
    concepts: dict[str, Concept]
    deontic: Deontic
    drafting: Drafting
    rules: dict[int, RulePatterns] = field(default_factory=dict)


def _tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _load_concepts(folder: Path) -> dict[str, Concept]:
    concepts: dict[str, Concept] = {}
    where: dict[str, str] = {}
    paths = sorted(folder.glob("*.yaml"))
    for path in paths:
        for cid, line in concept_ids(path):
            if cid in where:
                raise PolicyError(f"{path}:{line}: concept {cid!r} is already defined in {where[cid]}")
            where[cid] = f"{path}:{line}"
    for path in paths:  # a concept's cues may be defined in another file
        for concept in _concepts_in(path, where):
            concepts[concept.id] = concept
    return concepts


def _concepts_in(path: Path, known: Iterable[str]) -> list[Concept]:
    data = read_pattern_file(path, "vocabulary file", known)
    concepts = []
    for cid, spec in (data.get("concepts") or {}).items():
        kind = spec.get("kind", "circumstance")
        examples = spec.get("examples") or {}
        cued = spec.get("cued") or {}
        concepts.append(
            Concept(
                id=cid,
                kind=kind,
                description=spec.get("description", ""),
                terms=_tuple(spec["terms"]),
                exclude=_tuple(spec.get("exclude")),
                examples_match=_tuple(examples.get("match")),
                examples_no_match=_tuple(examples.get("no_match")),
                cued_terms=_tuple(cued.get("terms")),
                cues=_tuple(cued.get("cues")),
            )
        )
    return concepts


def _load_deontic(path: Path) -> Deontic:
    data = read_pattern_file(path, "deontic file")
    markers = {k: _tuple(v) for k, v in (data.get("markers") or {}).items()}
    return Deontic(
        markers=markers,
        negative_openers=_tuple(data.get("negative_openers")),
        non_operative_headings=tuple(h.lower() for h in _tuple(data.get("non_operative_headings"))),
        exemption_words=_tuple(data.get("exemption_words")),
        abbreviations=_tuple(data.get("abbreviations")),
        continuations=_tuple(data.get("continuations")),
        coordinators=_tuple(data.get("coordinators")),
    )


def _load_drafting(path: Path) -> Drafting:
    data = read_pattern_file(path, "drafting file")
    refs, statutes, wording = data["cross_references"], data["statute_names"], data["definitions"]
    saving = refs["saving"]
    return Drafting(
        cross_references=CrossReferences(
            provision_names=_tuple(refs["provision_names"]),
            item_names=_tuple(refs["item_names"]),
            paragraph_names=_tuple(refs.get("paragraph_names")),
            qualified_by=_tuple(refs["qualified_by"]),
            exception_to=_tuple(refs["exception_to"]),
            disapplied_by=_tuple(refs["disapplied_by"]),
            mentions=_tuple(refs["mentions"]),
            saving_openers=_tuple(saving["openers"]),
            saving_links=_tuple(saving["links"]),
            saving_verbs=_tuple(saving["verbs"]),
        ),
        statute_words=frozenset(_tuple(statutes["words"])),
        statute_name_joiners=frozenset(_tuple(statutes["joiners"])),
        exception_lead_ins=_tuple(data["exception_lead_ins"]),
        definitions=DefinitionWording(**{key: _tuple(value) for key, value in wording.items()}),
        person_modifiers=tuple(
            (_tuple(group["words"]), _tuple(group["before"])) for group in data.get("person_modifiers") or ()
        ),
        back_references=_tuple(data.get("back_references")),
        interposed_holders=InterposedHolders(
            **{key: _tuple(value) for key, value in (data.get("interposed_holders") or {}).items()}
        ),
        interposed_objects=InterposedObjects(
            **{key: _tuple(value) for key, value in (data.get("interposed_objects") or {}).items()}
        ),
    )


def _condition(spec: dict) -> Condition:
    # Shape, concepts and stances were validated when the file was read.
    return Condition(all=tuple(_tuple(entry) for entry in spec["all"]), none=_tuple(spec.get("none")))


def _check(spec: dict, kind: str) -> Check:
    unless = spec.get("unless")
    examples = spec.get("examples") or {}
    stance = _tuple(spec["stance"])
    precision = spec.get("precision", DEFAULT_PRECISION[kind])
    check = Check(
        id=str(spec["id"]),
        kind=kind,
        description=spec.get("description", ""),
        condition=_condition(spec),
        stance=stance if kind == "element" else expand_stances(stance),
        message=spec.get("message", ""),
        key=bool(spec.get("key", True)),
        unless=_condition(unless) if unless else None,
        unless_stance=expand_stances(_tuple((unless or {}).get("stance"))),
        examples_match=_tuple(examples.get("match")),
        examples_no_match=_tuple(examples.get("no_match")),
        precision=precision,
        gender_neutral=bool(spec.get("gender_neutral", False)),
    )
    # An element's other ways: the same check (id, description, weight) with another condition
    # and stance; its examples stay with the element.
    alternatives = tuple(
        replace(
            check,
            condition=_condition(alt),
            stance=_tuple(alt["stance"]),
            examples_match=(),
            examples_no_match=(),
        )
        for alt in spec.get("alternatives") or ()
    )
    return replace(check, alternatives=alternatives)


def load_rule_file(path: Path, concepts: dict[str, Concept]) -> RulePatterns:
    data = read_pattern_file(path, "rule file", concepts)
    where = str(path)
    if not data:
        raise PolicyError(f"{where}: empty rule file")
    rp = RulePatterns(
        rule=int(data["rule"]),
        name=data.get("name", ""),
        what=(data.get("what") or "").strip(),
        why=(data.get("why") or "").strip(),
        elements=tuple(_check(s, "element") for s in data.get("elements") or []),
        conflicts=tuple(_check(s, "conflict") for s in data.get("conflicts") or []),
        source=where,
        gender_neutral=bool(data.get("gender_neutral", False)),
    )
    if not rp.gender_neutral and any(c.gender_neutral for c in rp.checks):
        raise PolicyError(f"{where}: a check is marked gender_neutral but the rule is not (add 'gender_neutral: true')")
    if any(c.gender_neutral for c in rp.conflicts):
        raise PolicyError(f"{where}: only elements can be gender_neutral, not conflict checks")
    return rp


def load_patterns_from(root: Path) -> PatternSet:
    """The pattern set in `root`; parsed again only when a file in it (or this reader) changed."""
    # Parsing ~80 YAML files is a fifth of the start-up of a small file's check.
    readers = [Path(__file__), Path(pattern_language.__file__)]
    sources = [*readers, *sorted(root.rglob("*.yaml"))]
    return user_cache.built_from_files("patterns", sources, lambda: _parse_patterns(root))


def _parse_patterns(root: Path) -> PatternSet:
    concepts = _load_concepts(root / "vocabulary")
    deontic = _load_deontic(root / "deontic.yaml")
    drafting = _load_drafting(root / "drafting.yaml")
    rules: dict[int, RulePatterns] = {}
    for path in sorted((root / "rules").glob("*.yaml")):
        rp = load_rule_file(path, concepts)
        if rp.rule in rules:
            raise PolicyError(f"{path}: rule {rp.rule} already defined in {rules[rp.rule].source}")
        rules[rp.rule] = rp
    return PatternSet(concepts=concepts, deontic=deontic, drafting=drafting, rules=rules)


@lru_cache(maxsize=4)
def load_patterns() -> PatternSet:
    return load_patterns_from(data_path("patterns"))
