"""What the rule engine concludes about a document: one RuleResult per rule.

These dataclasses are the contract between the engine and every reporter; `to_json`
produces the documented JSON shape of `bangkok-lint check --format json`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

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
    # The DOCX body paragraph ordinal of the clause (None for other formats).
    paragraph: int | None = None
    # What the check that cited this clause says about it, with the clause's label.
    message: str = ""
    identifier: str | None = None  # the publisher's id of the provision (Akoma Ntoso eId, USLM identifier)
    layer: str = "vocabulary"
    similarity: float | None = None

    def to_json(self) -> dict:
        return {
            "relation": self.relation,
            "label": self.label,
            "page": self.page,
            "line": self.line,
            "paragraph": self.paragraph,
            "quote": self.quote,
            "check": self.check,
            "matched": list(self.matched),
            "why": self.why,
            **({"identifier": self.identifier} if self.identifier else {}),
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

    def findings(self) -> list[Finding]:
        """What to act on, one per clause: each distinct conflicting clause of a conflict, each
        distinct clause a partial cites; a gap (or a finding citing nothing) is one finding."""
        if self.verdict not in ("conflict", "partial"):
            return [Finding(self, None)] if self.verdict == "gap" else []
        cited = [e for e in self.evidence if e.relation == "conflicts"] if self.verdict == "conflict" else self.evidence
        by_text = {normalise(e.quote): e for e in reversed(cited)}  # the first of equal clauses wins
        clauses = [e for e in cited if by_text.get(normalise(e.quote)) is e]
        return [Finding(self, e) for e in clauses] or [Finding(self, None)]


_NON_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """A clause's text with case, punctuation and spacing removed: what its identity rests on."""
    return _NON_WORD.sub(" ", text.casefold()).strip()


@dataclass(frozen=True)
class Finding:
    """One thing to act on: a clause in conflict with a rule or implementing it in part, or a
    rule's gap (`clause` None). The rule's RuleResult stays the summary; `related` are the
    other clauses behind its verdict."""

    result: RuleResult
    clause: Evidence | None

    @property
    def code(self) -> str:
        return self.result.code

    @property
    def verdict(self) -> str:
        return self.result.verdict

    @property
    def message(self) -> str:
        if self.verdict == "conflict" and self.clause is not None and self.clause.message:
            return self.clause.message
        return self.result.message

    @property
    def related(self) -> list[Evidence]:
        own = normalise(self.clause.quote) if self.clause else None
        return [e for e in self.result.evidence if normalise(e.quote) != own]


def display_path(path: str, base: Path | None = None) -> str:
    """The path relative to `base` (default: the current directory) when it lies below it, with forward slashes."""
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to((base or Path.cwd()).resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def fingerprint(doc_path: str, finding: Finding, base: Path | None = None) -> str:
    """A finding's identity: rule, verdict and its clause's normalised text, so renumbering and
    moved lines leave it unchanged; a finding citing no clause (a gap) is anchored on its
    document's path relative to `base` (the baseline's folder; default the current directory)."""
    anchor = normalise(finding.clause.quote) if finding.clause else "document:" + display_path(doc_path, base)
    return hashlib.sha256(f"{finding.code}|{finding.verdict}|{anchor}".encode()).hexdigest()[:20]


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
            "findings": [self._finding_json(f) for r in self.rules for f in r.findings()],
            "summary": self.summary(),
        }

    def _finding_json(self, finding: Finding) -> dict:
        ev = finding.clause
        return {
            "rule": finding.code,
            "verdict": finding.verdict,
            "fingerprint": fingerprint(self.path, finding),
            "message": finding.message,
            "label": ev.label if ev else None,
            "page": ev.page if ev else None,
            "line": ev.line if ev else None,
            "paragraph": ev.paragraph if ev else None,
            "quote": ev.quote if ev else None,
        }
