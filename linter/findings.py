"""What the rule engine concludes about a document: one RuleResult per rule.

These dataclasses are the contract between the engine and every reporter; `to_json`
produces the documented JSON shape of `bangkok-lint check --format json`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

VERDICTS = ("conflict", "partial", "gap", "covered", "not-applicable")

# How severe each verdict is for --fail-on and for ordering findings: higher is worse.
SEVERITY = {"conflict": 3, "partial": 2, "gap": 1, "covered": 0, "not-applicable": 0}


@dataclass(frozen=True)
class Evidence:
    """A clause of the document cited for a verdict.

    `relation` is "conflicts" for a clause that contradicts the rule and "supports" for
    one that implements (part of) it. `matched` lists the words that triggered the match
    and `check` names the element or conflict check (from the rule's pattern file) it satisfied.
    `layer` says what found the clause: "vocabulary" (listed terms) or "similarity" (the
    recall layer, with the cosine `similarity`; the check's structure and stance still agreed).
    """

    relation: str
    label: str
    quote: str
    page: int | None
    line: int | None
    provision: int
    check: str
    matched: tuple[str, ...] = ()
    why: str = ""
    layer: str = "vocabulary"
    similarity: float | None = None

    def to_json(self) -> dict:
        return {
            "relation": self.relation,
            "label": self.label,
            "page": self.page,
            "line": self.line,
            "quote": self.quote,
            "check": self.check,
            "matched": list(self.matched),
            "why": self.why,
            "layer": self.layer,
            "similarity": self.similarity,
        }


@dataclass
class RuleResult:
    rule: int
    verdict: str
    title: str
    citation: str
    message: str
    code: str
    missing: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "rule": self.rule,
            "code": self.code,
            "verdict": self.verdict,
            "title": self.title,
            "citation": self.citation,
            "message": self.message,
            "missing": list(self.missing),
            "evidence": [e.to_json() for e in self.evidence],
        }


@dataclass
class DocumentResult:
    path: str
    format: str
    scope: list[str]
    rules: list[RuleResult]
    pages: int | None = None

    def summary(self) -> dict[str, int]:
        counts = {v: 0 for v in ("covered", "partial", "gap", "conflict", "not-applicable")}
        for r in self.rules:
            counts[r.verdict] += 1
        return counts

    def to_json(self) -> dict:
        return {
            "path": self.path,
            "format": self.format,
            "pages": self.pages,
            "scope": list(self.scope),
            "rules": [r.to_json() for r in self.rules],
            "summary": self.summary(),
        }
