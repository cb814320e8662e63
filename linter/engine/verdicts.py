"""Turn the matches of one rule's checks into its verdict and cited evidence.

conflict  any conflict check fires (cite the conflicting clause and any supporting ones)
covered   every key element is implemented in full
partial   some element is implemented, fully or weakly; the rest are listed as missing
gap       no element is implemented
"""

from __future__ import annotations

from linter.engine.checks import FULL, Evaluator, Match
from linter.findings import Evidence, RuleResult
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
        return text[:_QUOTE_LIMIT] + "\u2026"
    span = match.unit.tokens()[clause.start : clause.end].text
    return span if len(span) <= _QUOTE_LIMIT else span[:_QUOTE_LIMIT] + "\u2026"


def _evidence(match: Match, relation: str) -> Evidence:
    p = match.unit.provision
    return Evidence(
        relation=relation,
        label=p.label,
        quote=_quote(match),
        page=p.page,
        line=p.line,
        provision=p.index,
        check=match.check.id,
        matched=match.matched,
        why=match.why,
    )


def _first_matches(evaluator: Evaluator, patterns: RulePatterns, kind: str, lenient: bool) -> dict[str, list[Match]]:
    found: dict[str, list[Match]] = {}
    checks = patterns.conflicts if kind == "conflict" else patterns.elements
    for check in checks:
        for unit in evaluator.candidates(check.condition):
            m = evaluator.match(check, unit, lenient)
            if m is not None:
                found.setdefault(check.id, []).append(m)
    return found


def judge_rule(rule: Rule, patterns: RulePatterns | None, evaluator: Evaluator, code: str) -> RuleResult:
    base = dict(rule=rule.number, title=rule.title, citation=rule.citation, code=code)
    if patterns is None:
        return RuleResult(verdict="gap", message="no patterns defined for this rule", **base)
    lenient = rule.is_qualified
    conflicts = _first_matches(evaluator, patterns, "conflict", lenient)
    conflicts = {
        cid: ms
        for cid, ms in conflicts.items()
        if not (ms[0].check.unless and evaluator.holds_anywhere(ms[0].check.unless, ms[0].check.unless_stance))
    }
    elements = _first_matches(evaluator, patterns, "element", lenient)

    supports = []
    for check in patterns.elements:
        ms = elements.get(check.id, [])
        best = next((m for m in ms if m.strength == FULL), ms[0] if ms else None)
        if best is not None:
            supports.append(best)
    full_ids = {m.check.id for m in supports if m.strength == FULL}
    missing = [
        c.description + ("" if c.id not in elements else " (only weakly: qualified or with exceptions)")
        for c in patterns.elements
        if c.key and c.id not in full_ids
    ]
    support_evidence = _dedupe(_evidence(m, "supports") for m in supports)

    if conflicts:
        conflict_matches = [m for ms in conflicts.values() for m in ms]
        evidence = _dedupe(_evidence(m, "conflicts") for m in conflict_matches) + support_evidence
        first = conflict_matches[0]
        message = f"{first.check.message or first.check.description} ({first.unit.provision.label})"
        return RuleResult(verdict="conflict", message=message, missing=missing, evidence=evidence, **base)
    if not supports:
        return RuleResult(verdict="gap", message="no clause addresses this rule", missing=missing, **base)
    labels = ", ".join(dict.fromkeys(e.label for e in support_evidence))
    if not missing:
        return RuleResult(verdict="covered", message=f"implemented by {labels}", evidence=support_evidence, **base)
    return RuleResult(
        verdict="partial",
        message=f"partly implemented by {labels}; missing: {'; '.join(missing)}",
        missing=missing,
        evidence=support_evidence,
        **base,
    )


def _dedupe(evidence) -> list[Evidence]:
    seen: set[tuple[int, str]] = set()
    out = []
    for e in evidence:
        key = (e.provision, e.relation)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out
