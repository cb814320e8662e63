"""`bangkok-lint diff OLD NEW`: what an amendment changes, rule by rule.

Each rule whose verdict differs between the two versions is one change. A change quotes
the clauses its verdicts rest on, sorted by what the amendment did to them: `removed`
(cited for the old verdict, no longer in the new text), `added` (cited for the new verdict,
not in the old text, or the new wording of a removed clause's label) and `unchanged`
(cited for the new verdict, in both texts). A rule that stays in conflict through a
different clause is reported too: the amendment moved the problem rather than fixed it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from linter.baseline import normalise
from linter.findings import DocumentResult, Evidence, RuleResult
from linter.model import Document

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


@dataclass(frozen=True)
class Quote:
    label: str
    text: str

    def to_json(self) -> dict:
        return {"label": self.label, "quote": self.text}


@dataclass
class Change:
    kind: str
    rule: RuleResult
    old_verdict: str
    new_verdict: str
    removed: list[Quote] = field(default_factory=list)
    added: list[Quote] = field(default_factory=list)
    unchanged: list[Quote] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "kind": self.kind,
            "rule": self.rule.rule,
            "code": self.rule.code,
            "title": self.rule.title,
            "old": {"verdict": self.old_verdict},
            "new": {"verdict": self.new_verdict},
            "removed": [q.to_json() for q in self.removed],
            "added": [q.to_json() for q in self.added],
            "unchanged": [q.to_json() for q in self.unchanged],
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


def diff_documents(
    old: DocumentResult,
    new: DocumentResult,
    old_source: Document | None = None,
    new_source: Document | None = None,
    rules: frozenset[int] | None = None,
) -> Diff:
    """The changes from `old` to `new` (only `rules`, when given). The parsed documents let a
    change tell clauses the amendment touched from clauses it left alone."""
    before = {r.rule: r for r in old.rules}
    old_text, new_text = _text(old_source, old), _text(new_source, new)
    by_label = {p.label: p.text for p in new_source.provisions if p.label} if new_source else {}
    changes = []
    for after in new.rules:
        prior = before.get(after.rule)
        if prior is None or (rules is not None and after.rule not in rules):
            continue
        kind = _kind(prior, after)
        if kind:
            changes.append(_change(kind, prior, after, old_text, new_text, by_label))
    order = list(KINDS)
    changes.sort(key=lambda c: (order.index(c.kind), c.rule.rule))
    return Diff(old.path, new.path, changes)


def _text(source: Document | None, result: DocumentResult) -> str:
    """The whole document, normalised, to ask whether a clause is still in it. Without the
    parsed document, the cited clauses are all that is known of its text."""
    texts = [p.text for p in source.provisions] if source else [e.quote for r in result.rules for e in r.evidence]
    return " " + " ".join(normalise(t) for t in texts) + " "


def _change(
    kind: str, old: RuleResult, new: RuleResult, old_text: str, new_text: str, by_label: dict[str, str]
) -> Change:
    def kept(ev: Evidence, text: str) -> bool:
        return f" {normalise(ev.quote)} " in text

    removed = [_quote(e) for e in _basis(old) if not kept(e, new_text)]
    added = [_quote(e) for e in _basis(new) if not kept(e, old_text)]
    unchanged = [_quote(e) for e in _basis(new) if kept(e, old_text)]
    # A removed clause whose label the new version still has was reworded: show the new wording.
    for q in removed:
        wording = by_label.get(q.label)
        if wording and f" {normalise(wording)} " not in old_text and all(a.label != q.label for a in added):
            added.append(Quote(q.label, wording))
    return Change(kind, new, old.verdict, new.verdict, _unique(removed), _unique(added), _unique(unchanged))


def _basis(result: RuleResult) -> list[Evidence]:
    """The clauses a verdict rests on: the conflicting ones for a conflict, else every cited one."""
    return [e for e in result.evidence if e.relation == "conflicts"] or result.evidence


def _quote(ev: Evidence) -> Quote:
    return Quote(ev.label, ev.quote)


def _unique(quotes: list[Quote]) -> list[Quote]:
    return list(dict.fromkeys(quotes))


def _kind(old: RuleResult, new: RuleResult) -> str | None:
    if new.verdict == "conflict":
        if old.verdict != "conflict":
            return "new-conflict"
        same = {normalise(e.quote) for e in _basis(old)} == {normalise(e.quote) for e in _basis(new)}
        return None if same else "conflict-moved"
    if old.verdict == "conflict":
        return "resolved"
    if old.verdict not in _RANK or new.verdict not in _RANK or old.verdict == new.verdict:
        return None
    if new.verdict == "covered":
        return "newly-covered"
    if new.verdict == "gap":
        return "newly-silent"
    return "improved" if _RANK[new.verdict] > _RANK[old.verdict] else "weakened"


def summary(diff: Diff) -> str:
    conflicts = len(diff.new_conflicts)
    return (
        f"{len(diff.changes)} rule(s) changed; {conflicts} new conflict(s)"
        if diff.changes
        else "no rule changed verdict"
    )


def render_diff(diff: Diff) -> str:
    out = [f"--- {diff.old}", f"+++ {diff.new}"]
    for c in diff.changes:
        out.append(f"{c.rule.code} {KINDS[c.kind]}: {c.old_verdict} -> {c.new_verdict} ({c.rule.title})")
        out += [f"  - {_quoted(q)}" for q in c.removed]
        out += [f"  + {_quoted(q)}" for q in c.added]
        out += [f"  = {_quoted(q)} (unchanged)" for q in c.unchanged]
        if not (c.removed or c.added):
            out.append("  (no clause the verdicts cite changed; the change lies elsewhere in the text)")
    out.append(summary(diff))
    return "\n".join(out) + "\n"


def _quoted(q: Quote) -> str:
    return f"{q.label or 'unnumbered'}: \u201c{q.text}\u201d"
