"""Coverage of a document by section of the Rules, for the published reports' chart."""

from __future__ import annotations

from dataclasses import dataclass

from linter.findings import DocumentResult
from linter.policy import Policy

CHART_VERDICTS = ("covered", "partial", "conflict", "gap")


@dataclass
class SectionCoverage:
    section: str
    counts: dict[str, int]

    @property
    def applicable(self) -> int:
        return sum(self.counts.values())

    @property
    def score(self) -> float:
        """Share of applicable rules implemented, a partial counting half."""
        if not self.applicable:
            return 0.0
        return (self.counts["covered"] + 0.5 * self.counts["partial"]) / self.applicable


def by_section(doc: DocumentResult, policy: Policy) -> list[SectionCoverage]:
    sections: dict[str, SectionCoverage] = {}
    for r in doc.rules:
        if r.verdict not in CHART_VERDICTS:
            continue
        name = policy.rule(r.rule).section
        entry = sections.setdefault(name, SectionCoverage(name, {v: 0 for v in CHART_VERDICTS}))
        entry.counts[r.verdict] += 1
    return list(sections.values())
