"""Load the pattern data: the shared concept vocabulary, the deontic markers and one
pattern file per rule (elements, conflict checks and their examples).

Nothing here knows any particular rule: a rule file is a list of checks, each a
combination of vocabulary concepts with the stance the clause must take.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

# libyaml's loader is ~15x faster; fall back to the pure-Python safe loader without it.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

from linter import user_cache
from linter.errors import PolicyError
from linter.resources import data_path

# Stances a clause can take toward the act it governs (see linter/nlp/deontic.py).
STANCES = (
    "obligation",
    "qualified-obligation",
    "prohibition",
    "excepted-prohibition",
    "permission",
    "statement",
)
# What an element asks of a clause: a duty to do something, a ban, or only a mention.
ELEMENT_STANCES = ("require", "forbid", "mention")


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


# Conflict checks are written narrowly and measured at precision 0.96-1.0; elements feed
# "partial", whose F1 is about 0.75. A check's `precision` key overrides its kind's default.
PRECISIONS = ("very-high", "high", "medium", "low")
DEFAULT_PRECISION = {"conflict": "high", "element": "medium"}


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


@dataclass(frozen=True)
class PatternSet:
    concepts: dict[str, Concept]
    deontic: Deontic
    rules: dict[int, RulePatterns] = field(default_factory=dict)


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except yaml.YAMLError as exc:
        raise PolicyError(f"{path}: invalid YAML ({exc})") from exc


def _tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _load_concepts(folder: Path) -> dict[str, Concept]:
    concepts: dict[str, Concept] = {}
    for path in sorted(folder.glob("*.yaml")):
        for concept in _concepts_in(path):
            if concept.id in concepts:
                raise PolicyError(f"{path}: concept {concept.id!r} is already defined in another vocabulary file")
            concepts[concept.id] = concept
    return concepts


def _concepts_in(path: Path) -> list[Concept]:
    data = _read_yaml(path) or {}
    concepts = []
    for cid, spec in (data.get("concepts") or {}).items():
        if not spec or not spec.get("terms"):
            raise PolicyError(f"{path}: concept {cid!r} has no terms")
        kind = spec.get("kind", "circumstance")
        if kind not in ("action", "subject", "circumstance"):
            raise PolicyError(f"{path}: concept {cid!r} has unknown kind {kind!r}")
        examples = spec.get("examples") or {}
        concepts.append(
            Concept(
                id=cid,
                kind=kind,
                description=spec.get("description", ""),
                terms=_tuple(spec["terms"]),
                exclude=_tuple(spec.get("exclude")),
                examples_match=_tuple(examples.get("match")),
                examples_no_match=_tuple(examples.get("no_match")),
            )
        )
    return concepts


def _load_deontic(path: Path) -> Deontic:
    data = _read_yaml(path) or {}
    markers = {k: _tuple(v) for k, v in (data.get("markers") or {}).items()}
    return Deontic(
        markers=markers,
        negative_openers=_tuple(data.get("negative_openers")),
        non_operative_headings=tuple(h.lower() for h in _tuple(data.get("non_operative_headings"))),
    )


def _condition(spec: dict, where: str, concepts: dict[str, Concept]) -> Condition:
    groups = []
    for entry in spec.get("all") or []:
        groups.append(_tuple(entry))
    if not groups:
        raise PolicyError(f"{where}: needs 'all' with at least one concept")
    cond = Condition(all=tuple(groups), none=_tuple(spec.get("none")))
    unknown = cond.concepts() - concepts.keys()
    if unknown:
        raise PolicyError(f"{where}: unknown concept(s) {sorted(unknown)}")
    return cond


def _check(spec: dict, kind: str, where: str, concepts: dict[str, Concept]) -> Check:
    cid = spec.get("id")
    if not cid:
        raise PolicyError(f"{where}: a check has no id")
    where = f"{where} {kind} {cid!r}"
    stance = _tuple(spec.get("stance"))
    allowed = ELEMENT_STANCES if kind == "element" else STANCES
    if kind == "element" and len(stance) != 1:
        raise PolicyError(f"{where}: an element's stance is one of {ELEMENT_STANCES}")
    if not stance or set(stance) - set(allowed):
        raise PolicyError(f"{where}: stance must be from {allowed}, got {list(stance)}")
    unless = spec.get("unless")
    examples = spec.get("examples") or {}
    precision = spec.get("precision", DEFAULT_PRECISION[kind])
    if precision not in PRECISIONS:
        raise PolicyError(f"{where}: precision must be one of {PRECISIONS}, got {precision!r}")
    return Check(
        id=cid,
        kind=kind,
        description=spec.get("description", ""),
        condition=_condition(spec, where, concepts),
        stance=stance,
        message=spec.get("message", ""),
        key=bool(spec.get("key", True)),
        unless=_condition(unless, f"{where} unless", concepts) if unless else None,
        unless_stance=_tuple((unless or {}).get("stance")),
        examples_match=_tuple(examples.get("match")),
        examples_no_match=_tuple(examples.get("no_match")),
        precision=precision,
        gender_neutral=bool(spec.get("gender_neutral", False)),
    )


def load_rule_file(path: Path, concepts: dict[str, Concept]) -> RulePatterns:
    data = _read_yaml(path) or {}
    where = str(path)
    if "rule" not in data:
        raise PolicyError(f"{where}: missing 'rule'")
    rp = RulePatterns(
        rule=int(data["rule"]),
        name=data.get("name", ""),
        what=(data.get("what") or "").strip(),
        why=(data.get("why") or "").strip(),
        elements=tuple(_check(s, "element", where, concepts) for s in data.get("elements") or []),
        conflicts=tuple(_check(s, "conflict", where, concepts) for s in data.get("conflicts") or []),
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
    sources = [Path(__file__), *sorted(root.rglob("*.yaml"))]
    return user_cache.built_from_files("patterns", sources, lambda: _parse_patterns(root))


def _parse_patterns(root: Path) -> PatternSet:
    concepts = _load_concepts(root / "vocabulary")
    deontic = _load_deontic(root / "deontic.yaml")
    rules: dict[int, RulePatterns] = {}
    for path in sorted((root / "rules").glob("*.yaml")):
        rp = load_rule_file(path, concepts)
        if rp.rule in rules:
            raise PolicyError(f"{path}: rule {rp.rule} already defined in {rules[rp.rule].source}")
        rules[rp.rule] = rp
    return PatternSet(concepts=concepts, deontic=deontic, rules=rules)


@lru_cache(maxsize=4)
def load_patterns() -> PatternSet:
    return load_patterns_from(data_path("patterns"))
