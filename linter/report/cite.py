"""What several reports say the same way: where a clause is, and what a drafter should do."""

from __future__ import annotations

from linter.findings import Evidence, RuleResult
from linter.model import Document


def place(ev: Evidence) -> str:
    """"§12(3) (p. 4)" or "12 (line 30)": the clause's own label, then where to find it."""
    where = f" (p. {ev.page})" if ev.page else f" (line {ev.line})" if ev.line else ""
    return f"{ev.label or '-'}{where}"


def paragraph_of(ev: Evidence, source: Document | None) -> int | None:
    """The DOCX body paragraph ordinal of the cited clause, when the document is a Word file."""
    if source is None or not 0 <= ev.provision < len(source.provisions):
        return None
    return source.provisions[ev.provision].ref.paragraph


def suggestion(result: RuleResult) -> str:
    """A direction for the drafter; the rule's own text says what the provision must achieve."""
    conflicting = [_named(e.label) for e in result.evidence if e.relation == "conflicts"]
    if result.verdict == "conflict":
        return f"Amend or repeal {', '.join(dict.fromkeys(conflicting))} so that it no longer contradicts {result.citation}."
    if result.verdict == "partial":
        return f"Extend the provision to cover: {'; '.join(result.missing)}." if result.missing else f"Complete the implementation of {result.citation}."
    if result.verdict == "gap":
        return f"Add a provision implementing {result.citation} ({result.title})."
    return ""


def _named(label: str) -> str:
    # A bare number reads as a count in a sentence; "provision 12(3)" does not.
    return f"provision {label}" if label[:1].isdigit() or label[:1] == "(" else label
