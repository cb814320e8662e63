"""A policy pack: a set of numbered rules (the Bangkok Rules, or another) read from YAML.

The pack is the only source of rule numbers, titles and official text; findings cite
rules through `Rule.code`, `Rule.citation` and `Rule.text`. Nothing here knows which rule
set it is reading, so a second pack (e.g. the Mandela Rules) loads with the same code.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Literal, overload

import yaml

from linter.errors import PolicyError, UsageError
from linter.resources import data_path

# libyaml's loader is ~15x faster; fall back to the pure-Python safe loader without it.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Ordered from strongest to weakest operative wording.
NORMS = ("absolute-prohibition", "prohibition", "obligation", "qualified-obligation", "aspirational")

_POLICY_TEXT_FIELDS = ("id", "name", "short_name", "source", "code_prefix", "citation", "help_uri")
_POLICY_FIELDS = (*_POLICY_TEXT_FIELDS, "scopes", "default_scope")
_RULE_REQUIRED = ("number", "title", "section", "norm", "scope", "paragraphs")
_RULE_OPTIONAL = ("subsection", "subheading", "supplements", "norm_note")


@dataclass(frozen=True)
class Item:
    label: str
    text: str


@dataclass(frozen=True)
class Paragraph:
    label: str | None
    text: str
    items: tuple[Item, ...] = ()

    @property
    def full_text(self) -> str:
        """The paragraph as printed: "1. " before a numbered one, each item on its own line."""
        lead = f"{self.label}. {self.text}" if self.label else self.text
        return "\n".join([lead, *(f"({item.label}) {item.text}" for item in self.items)])


@dataclass(frozen=True)
class Rule:
    number: int
    title: str
    section: str
    subsection: str | None
    subheading: str | None
    supplements: str | None
    norm: str
    scope: tuple[str, ...]
    paragraphs: tuple[Paragraph, ...]
    code_prefix: str
    citation_format: str
    norm_note: str = ""

    @property
    def code(self) -> str:
        return f"{self.code_prefix}{self.number}"

    @property
    def citation(self) -> str:
        return self.citation_format.format(number=self.number)

    @property
    def text(self) -> str:
        return "\n".join(paragraph.full_text for paragraph in self.paragraphs)

    @property
    def section_path(self) -> str:
        return " / ".join(h for h in (self.section, self.subsection, self.subheading) if h)

    @property
    def is_qualified(self) -> bool:
        """True when the rule itself only asks "where possible" or "efforts shall be made"."""
        return self.norm in ("qualified-obligation", "aspirational")


@dataclass(frozen=True)
class Policy:
    id: str
    name: str
    short_name: str
    source: str
    code_prefix: str
    citation: str
    help_uri: str
    scopes: dict[str, str]
    default_scope: tuple[str, ...]
    rules: tuple[Rule, ...]

    def rule(self, number: int) -> Rule:
        if not isinstance(number, int) or not 1 <= number <= len(self.rules):
            raise PolicyError(f"{self.short_name} has no rule {number} (rules run 1-{len(self.rules)})")
        return self.rules[number - 1]


@functools.cache
def load_policy(name: str = "bangkok-rules") -> Policy:
    """The policy pack `<name>.yaml` from the policies data folder, parsed once per process."""
    folder = data_path("policies")
    path = folder / f"{name}.yaml"
    if not path.is_file():
        available = sorted(
            p.name.removesuffix(".yaml")
            for p in folder.iterdir()
            if p.name.endswith(".yaml") and p.stem != MODEL_CLAUSES
        )
        raise PolicyError(f"no policy pack named {name!r} (available: {', '.join(available) or 'none'})")
    return load_policy_file(path)


def load_policy_file(path: Path | Traversable) -> Policy:
    """Parse and validate one policy pack file; every defect is a PolicyError naming where it is."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise PolicyError(f"{path}: cannot read policy pack: {exc}") from exc
    where = str(path)
    pack = _mapping(data, where, ("policy", "rules"), ())
    header = _mapping(pack["policy"], f"{where}: policy", _POLICY_FIELDS, ())
    scopes = _scopes(header["scopes"], f"{where}: policy.scopes")
    default_scope = _scope_list(header["default_scope"], scopes, f"{where}: policy.default_scope")
    strings = {key: _text(header[key], f"{where}: policy.{key}") for key in _POLICY_TEXT_FIELDS}
    if not isinstance(pack["rules"], list) or not pack["rules"]:
        raise PolicyError(f"{where}: 'rules' must be a non-empty list")
    rules = [_rule(entry, index, strings, scopes, where) for index, entry in enumerate(pack["rules"], 1)]
    _check_numbering(rules, where)
    return Policy(
        **strings, scopes=scopes, default_scope=default_scope, rules=tuple(sorted(rules, key=lambda r: r.number))
    )


def _rule(entry: object, index: int, policy: dict[str, str], scopes: dict[str, str], where: str) -> Rule:
    number = entry.get("number") if isinstance(entry, dict) else None
    where = f"{where}: rule {number}" if isinstance(number, int) else f"{where}: rules entry {index}"
    fields = _mapping(entry, where, _RULE_REQUIRED, _RULE_OPTIONAL)
    if not isinstance(number, int) or isinstance(number, bool):
        raise PolicyError(f"{where}: 'number' must be a whole number, not {number!r}")
    if fields["norm"] not in NORMS:
        raise PolicyError(f"{where}: norm {fields['norm']!r} is not one of {', '.join(NORMS)}")
    if not isinstance(fields["paragraphs"], list) or not fields["paragraphs"]:
        raise PolicyError(f"{where}: 'paragraphs' must be a non-empty list")
    return Rule(
        number=number,
        title=_text(fields["title"], f"{where}: title"),
        section=_text(fields["section"], f"{where}: section"),
        subsection=_optional_text(fields, "subsection", where),
        subheading=_optional_text(fields, "subheading", where),
        supplements=_optional_text(fields, "supplements", where),
        norm=fields["norm"],
        scope=_scope_list(fields["scope"], scopes, f"{where}: scope"),
        paragraphs=tuple(_paragraph(p, f"{where}: paragraph {i}") for i, p in enumerate(fields["paragraphs"], 1)),
        code_prefix=policy["code_prefix"],
        citation_format=policy["citation"],
        norm_note=_optional_text(fields, "norm_note", where) or "",
    )


def _paragraph(entry: object, where: str) -> Paragraph:
    fields = _mapping(entry, where, ("label", "text"), ("items",))
    items = fields.get("items") or []
    if not isinstance(items, list):
        raise PolicyError(f"{where}: 'items' must be a list")
    return Paragraph(
        label=_label(fields["label"], where, optional=True),
        text=_text(fields["text"], f"{where}: text"),
        items=tuple(_item(item, f"{where}: item {i}") for i, item in enumerate(items, 1)),
    )


def _item(entry: object, where: str) -> Item:
    fields = _mapping(entry, where, ("label", "text"), ())
    return Item(label=_label(fields["label"], where, optional=False), text=_text(fields["text"], f"{where}: text"))


def _check_numbering(rules: list[Rule], where: str) -> None:
    seen: set[int] = set()
    for rule in rules:
        if rule.number in seen:
            raise PolicyError(f"{where}: rule {rule.number} appears more than once")
        seen.add(rule.number)
    missing = sorted(set(range(1, len(rules) + 1)) - seen)
    if missing:
        raise PolicyError(f"{where}: rules must be numbered 1-{len(rules)} without gaps; rule {missing[0]} is missing")


def _mapping(data: object, where: str, required: tuple[str, ...], optional: tuple[str, ...]) -> dict:
    if not isinstance(data, dict):
        raise PolicyError(f"{where}: expected a mapping of fields, found {type(data).__name__}")
    missing = [key for key in required if key not in data]
    if missing:
        raise PolicyError(f"{where}: missing required field '{missing[0]}'")
    unknown = sorted(set(data) - set(required) - set(optional))
    if unknown:
        raise PolicyError(f"{where}: unknown field '{unknown[0]}'")
    return data


def _scopes(data: object, where: str) -> dict[str, str]:
    if not isinstance(data, dict) or not data:
        raise PolicyError(f"{where}: must map each scope id to a description")
    return {_text(key, where): _text(value, f"{where}.{key}") for key, value in data.items()}


def _scope_list(data: object, scopes: dict[str, str], where: str) -> tuple[str, ...]:
    if not isinstance(data, list) or not data:
        raise PolicyError(f"{where}: must be a non-empty list of scope ids")
    unknown = [s for s in data if s not in scopes]
    if unknown:
        raise PolicyError(f"{where}: unknown scope {unknown[0]!r} (known: {', '.join(scopes)})")
    return tuple(data)


def _text(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise PolicyError(f"{where}: must be non-empty text, not {value!r}")
    return value


def _optional_text(fields: dict, key: str, where: str) -> str | None:
    return None if fields.get(key) is None else _text(fields[key], f"{where}: {key}")


@overload
def _label(value: object, where: str, optional: Literal[False]) -> str: ...


@overload
def _label(value: object, where: str, optional: bool) -> str | None: ...


def _label(value: object, where: str, optional: bool) -> str | None:
    # A hand editor may write `label: 2` for "2"; bool is excluded because YAML reads `yes` as True.
    if value is None and optional:
        return None
    if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
        return str(value)
    raise PolicyError(f"{where}: label must be text{' or null' if optional else ''}, not {value!r}")


def resolve_scope(policy: Policy, scope: Iterable[str] | None) -> tuple[str, ...]:
    """The scopes to check: the policy default, every scope for "all", or the named ones."""
    chosen = tuple(scope or ()) or tuple(policy.default_scope)
    if "all" in chosen:
        return tuple(policy.scopes)
    unknown = [s for s in chosen if s not in policy.scopes]
    if unknown:
        raise UsageError(f"unknown scope {', '.join(unknown)}; choose from all, {', '.join(policy.scopes)}")
    return chosen


# -- model clauses: the wording the reviewed Word copy proposes ---------------------------

MODEL_CLAUSES = "model-clauses"


@dataclass(frozen=True)
class ModelClauses:
    """Suggested wording for one rule: `clauses` (the first is proposed) and the words of
    the heading (`part`) under which a missing clause belongs."""

    rule: int
    part: tuple[str, ...]
    clauses: tuple[str, ...]


@functools.cache
def load_model_clauses() -> dict[int, ModelClauses]:
    """`policies/model-clauses.yaml`, keyed by rule number, parsed and checked once per process."""
    return load_model_clauses_file(data_path("policies") / f"{MODEL_CLAUSES}.yaml", len(load_policy().rules))


def load_model_clauses_file(path: Path | Traversable, rule_count: int) -> dict[int, ModelClauses]:
    """Parse and validate a model-clauses file for a pack of `rule_count` rules; every
    defect (unknown rule, missing part, empty clause, rule without a clause) is a PolicyError."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise PolicyError(f"{path}: cannot read model clauses: {exc}") from exc
    if not isinstance(data, dict):
        raise PolicyError(f"{path}: expected a mapping of rule numbers to model clauses")
    out: dict[int, ModelClauses] = {}
    for number, entry in data.items():
        where = f"{path}: rule {number}"
        if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= rule_count:
            raise PolicyError(f"{where}: not a rule number 1-{rule_count}")
        fields = _mapping(entry, where, ("part", "clauses"), ())
        part, clauses = fields["part"], fields["clauses"]
        if not isinstance(part, list) or not part:
            raise PolicyError(f"{where}: 'part' must be a non-empty list of heading words")
        if not isinstance(clauses, list) or not clauses:
            raise PolicyError(f"{where}: 'clauses' must be a non-empty list")
        out[number] = ModelClauses(
            rule=number,
            part=tuple(_text(w, f"{where}: part").lower() for w in part),
            clauses=tuple(" ".join(_text(c, f"{where}: clause {i}").split()) for i, c in enumerate(clauses, 1)),
        )
    missing = sorted(set(range(1, rule_count + 1)) - set(out))
    if missing:
        raise PolicyError(f"{path}: rule {missing[0]} has no model clause")
    return out
