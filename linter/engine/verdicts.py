"""Turn the matches of one rule's checks into its verdict and cited evidence.

conflict  any conflict check fires (cite the conflicting clause and any supporting ones)
covered   every key element is implemented in full
partial   some element is implemented, fully or weakly; the rest are listed as missing
gap       no element is implemented
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, TypedDict

from linter.engine import gender_neutral
from linter.engine.checks import FULL, WEAK, Evaluator, Match
from linter.findings import Evidence, RuleResult
from linter.model import Provision
from linter.patterns import RulePatterns
from linter.policy import Rule

_QUOTE_LIMIT = 320


def _quote(match: Match) -> str:
    """The sentence around the matched act, or the whole provision when it is short."""
    text = match.unit.provision.text
    if len(text) <= _QUOTE_LIMIT:
        return text
    anchor = match.action.start if match.action else 0
    clause = next((c for c in match.unit.clauses if c.start <= anchor < c.end), None)
    if clause is None:
        return _clipped(text)
    return _clipped(match.unit.tokens()[clause.start : clause.end].text)


def _clipped(text: str) -> str:
    return text if len(text) <= _QUOTE_LIMIT else text[:_QUOTE_LIMIT] + "\u2026"


def _evidence(match: Match, relation: str, neutral: bool = False) -> Evidence:
    return _cited(
        match,
        match.unit.provision,
        relation,
        quote=_quote(match),
        matched=match.matched,
        why=f"{match.why}; {gender_neutral.NOTE}" if neutral else match.why,
        layer=match.layer,
        similarity=match.score,
    )


def _definition_evidence(match: Match) -> list[Evidence]:
    """The definitions a conflicting clause relies on ('"infant" means a child under eighteen months')."""
    why = f"the definition {_cited_as(match.unit.provision)} relies on"
    return [_cited(match, p, "conflicts", quote=_clipped(p.text), why=why) for p in match.definitions]


def _cited(match: Match, p: Provision, relation: str, **found: Any) -> Evidence:
    """Evidence that provision `p` bears on `match`'s check; `found` says what it shows."""
    return Evidence(
        relation=relation,
        label=p.label,
        page=p.page,
        line=p.line,
        provision=p.index,
        check=match.check.id,
        paragraph=p.ref.paragraph,
        message=f"{match.check.message or match.check.description} ({_cited_as(p)})",
        identifier=p.identifier,
        **found,
    )


def _first_matches(evaluator: Evaluator, patterns: RulePatterns, kind: str, lenient: bool) -> dict[str, list[Match]]:
    found: dict[str, list[Match]] = {}
    checks = patterns.conflicts if kind == "conflict" else patterns.elements
    for check in checks:
        for m in evaluator.matches(check, lenient):
            found.setdefault(check.id, []).append(m)
        if evaluator.recall is not None:
            listed = {m.unit.provision.index for m in found.get(check.id, ())}
            for m in evaluator.recall.matches(patterns.rule, check, lenient, listed):
                found.setdefault(check.id, []).append(m)
    return found


class _Heading(TypedDict):
    """The fields of a RuleResult that name the rule, whatever the verdict."""

    rule: int
    title: str
    citation: str
    code: str


def judge_rule(rule: Rule, patterns: RulePatterns | None, evaluator: Evaluator, code: str) -> RuleResult:
    base = _Heading(rule=rule.number, title=rule.title, citation=rule.citation, code=code)
    if patterns is None:
        return RuleResult(verdict="gap", message="no patterns defined for this rule", **base)
    lenient = rule.is_qualified
    conflicts = _first_matches(evaluator, patterns, "conflict", lenient)
    # A conflict its `unless` answers elsewhere ("Children leave at four" ... "the director may
    # let a child stay six months more") is a default qualified by another clause: the rule is
    # addressed, but only partly.
    qualified = []
    for cid, ms in list(conflicts.items()):
        check = ms[0].check
        if check.unless is None:
            continue
        open_ = evaluator.unanswered(check, ms)
        if open_:
            conflicts[cid] = open_  # an exemption that names some items leaves the others in conflict
        else:
            qualified.append(ms[0])
            del conflicts[cid]
    elements = _first_matches(evaluator, patterns, "element", lenient)

    supports = []
    for check in patterns.elements:
        ms = elements.get(check.id, [])
        best = next((m for m in ms if m.strength == FULL), ms[0] if ms else None)
        if best is not None:
            supports.append(best)
    supports += [replace(m, strength=WEAK) for m in qualified]
    full_ids = {m.check.id for m in supports if m.strength == FULL}
    missing = [
        c.description + ("" if c.id not in elements else " (only weakly: qualified or with exceptions)")
        for c in patterns.elements
        if c.key and c.id not in full_ids
    ]
    gendered = (
        gender_neutral.gendered_subjects(patterns, evaluator.concepts) if patterns.gender_neutral else frozenset()
    )
    neutral = [patterns.gender_neutral and gender_neutral.is_gender_neutral(m, gendered) for m in supports]
    if supports and all(neutral) and not missing:
        missing = [gender_neutral.MISSING]  # clauses for all prisoners never cover a rule for women
    support_evidence = _dedupe(_evidence(m, "supports", n) for m, n in zip(supports, neutral))

    if conflicts:
        conflict_matches = [m for ms in conflicts.values() for m in ms]
        cited = [e for m in conflict_matches for e in (_evidence(m, "conflicts"), *_definition_evidence(m))]
        evidence = _dedupe(cited) + support_evidence
        return RuleResult(verdict="conflict", message=evidence[0].message, missing=missing, evidence=evidence, **base)
    if not supports:
        return RuleResult(verdict="gap", message="no clause addresses this rule", missing=missing, **base)
    labels = ", ".join(dict.fromkeys(_cited_as(m.unit.provision) for m in supports))
    if not missing:
        return RuleResult(verdict="covered", message=f"implemented by {labels}", evidence=support_evidence, **base)
    return RuleResult(
        verdict="partial",
        message=f"partly implemented by {labels}; missing: {'; '.join(missing)}",
        missing=missing,
        evidence=support_evidence,
        **base,
    )


def _cited_as(provision: Provision) -> str:
    """How a message names a clause: its label, or where an unnumbered one (a table cell, a
    paragraph before the first section) stands, so a message never cites an empty label."""
    if provision.label:
        return provision.label
    ref = provision.ref
    where = (
        f"page {provision.page}"
        if provision.page
        else f"line {provision.line}"
        if provision.line
        else f"paragraph {ref.paragraph}"
        if ref.paragraph
        else ""
    )
    return f"the unnumbered clause at {where}" if where else "an unnumbered clause"


def _dedupe(evidence) -> list[Evidence]:
    seen: set[tuple[int, str]] = set()
    out = []
    for e in evidence:
        key = (e.provision, e.relation)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out
