"""`bangkok-lint diff OLD NEW`: what an amendment changes, rule by rule.

Each rule whose verdict differs between the two versions is one change, with the clause
each version cites quoted side by side. A rule that stays in conflict but through a
different clause is reported too: the amendment moved the problem rather than fixed it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from linter.baseline import clause_of, normalise
from linter.findings import Evidence, RuleResult, DocumentResult

# Change kinds, in the order a reader needs them.
KINDS = {
    "new-conflict": "newly in conflict",
    "conflict-moved": "still in conflict, through a different clause",
    "resolved": "conflict resolved",
    "newly-covered": "newly covered",
    "improved": "more fully implemented",
    "weakened": "less fully implemented",
    "newly-silent": "newly silent (no clause addresses the rule any more)",
}

_RANK = {"gap": 0, "partial": 1, "covered": 2}


@dataclass
class Change:
    kind: str
    rule: RuleResult
    old_verdict: str
    new_verdict: str
    old_clause: Evidence | None
    new_clause: Evidence | None

    def to_json(self) -> dict:
        return {
            "kind": self.kind,
            "rule": self.rule.rule,
            "code": self.rule.code,
            "title": self.rule.title,
            "old": {"verdict": self.old_verdict, "clause": self.old_clause.to_json() if self.old_clause else None},
            "new": {"verdict": self.new_verdict, "clause": self.new_clause.to_json() if self.new_clause else None},
        }


@dataclass
class Diff:
    old: str
    new: str
    changes: list[Change] = field(default_factory=list)

    @property
    def new_conflicts(self) -> list[Change]:
        return [c for c in self.changes if c.kind in ("new-conflict", "conflict-moved")]

    def to_json(self) -> dict:
        return {"old": self.old, "new": self.new, "changes": [c.to_json() for c in self.changes]}


def diff_documents(old: DocumentResult, new: DocumentResult) -> Diff:
    before = {r.rule: r for r in old.rules}
    changes = []
    for after in new.rules:
        prior = before.get(after.rule)
        if prior is None:
            continue
        kind = _kind(prior, after)
        if kind:
            changes.append(Change(kind, after, prior.verdict, after.verdict, _cited(prior), _cited(after)))
    order = list(KINDS)
    changes.sort(key=lambda c: (order.index(c.kind), c.rule.rule))
    return Diff(old.path, new.path, changes)


def _kind(old: RuleResult, new: RuleResult) -> str | None:
    if new.verdict == "conflict":
        if old.verdict != "conflict":
            return "new-conflict"
        return "conflict-moved" if normalise(clause_of(old)) != normalise(clause_of(new)) else None
    if old.verdict == "conflict":
        return "resolved"
    if old.verdict not in _RANK or new.verdict not in _RANK or old.verdict == new.verdict:
        return None
    if new.verdict == "covered":
        return "newly-covered"
    if new.verdict == "gap":
        return "newly-silent"
    return "improved" if _RANK[new.verdict] > _RANK[old.verdict] else "weakened"


def _cited(result: RuleResult) -> Evidence | None:
    cited = [e for e in result.evidence if e.relation == "conflicts"] or result.evidence
    return cited[0] if cited else None


def render_diff(diff: Diff) -> str:
    out = [f"--- {diff.old}", f"+++ {diff.new}"]
    for c in diff.changes:
        out.append(f"{c.rule.code} {KINDS[c.kind]}: {c.old_verdict} -> {c.new_verdict} ({c.rule.title})")
        out.append(f"  - {_quoted(c.old_clause)}")
        out.append(f"  + {_quoted(c.new_clause)}")
    conflicts = len(diff.new_conflicts)
    out.append(f"{len(diff.changes)} rule(s) changed; {conflicts} new conflict(s)" if diff.changes else "no rule changed verdict")
    return "\n".join(out) + "\n"


def _quoted(ev: Evidence | None) -> str:
    return f"{ev.label}: \u201c{ev.quote}\u201d" if ev else "(no clause)"
