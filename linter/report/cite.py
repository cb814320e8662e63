"""What several reports say the same way: where a clause is, and what a drafter should do."""

from __future__ import annotations

import re

from linter.findings import Evidence, RuleResult
from linter.model import Document

# How a report names a cited clause's part in the verdict.
RELATION = {"conflicts": "conflicts with the rule", "supports": "implements part of the rule"}


def place(ev: Evidence) -> str:
    """ "§12(3) (p. 4)" or "12 (line 30)": the clause's own label, then where to find it."""
    where = f" (p. {ev.page})" if ev.page else f" (line {ev.line})" if ev.line else ""
    return f"{ev.label or 'unnumbered'}{where}"


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
        return (
            f"Extend the provision to cover: {'; '.join(result.missing)}."
            if result.missing
            else f"Complete the implementation of {result.citation}."
        )
    if result.verdict == "gap":
        return f"Add a provision implementing {result.citation} ({result.title})."
    return ""


def _named(label: str) -> str:
    # A bare number reads as a count in a sentence; "provision 12(3)" does not.
    if not label:
        return "the clause quoted"
    return f"provision {label}" if label[:1].isdigit() or label[:1] == "(" else label


# -- explaining a cited clause in plain words ---------------------------------------------

_WHY = re.compile(r"^(?P<check>.*): matched .*; stance (?P<stance>[\w-]+)(?: \((?P<markers>.*)\))?$", re.S)
_CLAUSE_END = re.compile(r"[;.:]")
_STANCE_WORDS = {
    "permission": "permits",
    "obligation": "requires",
    "qualified-obligation": "asks, only where practicable, for",
    "statement": "provides for",
    "prohibition": "forbids",
}


def stance_of(ev: Evidence) -> tuple[str, tuple[str, ...]]:
    """The stance the clause takes ("permission", "excepted-prohibition", ...) and the words
    that decided it, as the engine recorded them in `why`."""
    m = _WHY.match(ev.why)
    if not m:
        return "", ()
    markers = tuple(w.strip() for w in (m["markers"] or "").split(",") if w.strip())
    return m["stance"], markers


def exception_words(ev: Evidence) -> str:
    """The words of the clause that carve the exception out of its prohibition ("except where
    the officer considers it necessary"), or "" when the clause has none or they sit elsewhere."""
    stance, markers = stance_of(ev)
    if stance != "excepted-prohibition":
        return ""
    from linter.patterns import load_patterns

    words = load_patterns().deontic.markers.get("exception", ())
    lowered = ev.quote.lower()
    starts = [m.start() for w in words for m in re.finditer(rf"\b{re.escape(w)}\b", lowered)]
    if not starts:
        return ""
    start = min(starts)
    end = _CLAUSE_END.search(ev.quote, start)
    return ev.quote[start : end.start() if end else len(ev.quote)].strip(" ,\u2026")


def exceptions_elsewhere(ev: Evidence) -> list[str]:
    """Labels of the clauses whose exception re-permits what this clause forbids ("exception in 3")."""
    return [m.removeprefix("exception in ").strip() for m in stance_of(ev)[1] if m.startswith("exception in")]


def plain_reason(ev: Evidence) -> str:
    """Why the clause was cited, in words a drafter reads: what it does to the act, with the
    matched words ("an exception re-permits instruments of restraint during labour: “except …”")."""
    act = _act(ev.matched)
    stance, markers = stance_of(ev)
    words = [m for m in markers if not m.startswith("exception in")]
    exception = exception_words(ev)
    if exception:
        return f"an exception re-permits {act}: \u201c{exception}\u201d"
    elsewhere = exceptions_elsewhere(ev)
    if stance == "excepted-prohibition" and elsewhere:
        return f"it forbids {act}, but the exception in {', '.join(elsewhere)} permits it again"
    if stance == "excepted-prohibition":
        return f"it forbids {act} but with an exception ({', '.join(words)})"
    verb = _STANCE_WORDS.get(stance, "addresses")
    # The words matter where they weaken the clause: the "may" of a permission, the
    # qualifier ("as appropriate") of a duty.
    said = ""
    if words and stance in ("permission", "qualified-obligation"):
        said = f", saying \u201c{words[-1] if stance == 'qualified-obligation' else words[0]}\u201d"
    return f"it {verb} {act}{said}"


def _act(matched: tuple[str, ...]) -> str:
    """ "instruments of restraint (during labour)": the act, then the other words matched in the
    clause itself; words found in a heading or lead-in are left to the "Matched words" line."""
    own = [m for m in matched if "(" not in m]
    if not matched:
        return "the act"
    first = matched[0].split(" (")[0]
    head = first[:1].lower() + first[1:] if first[1:2].islower() else first
    rest = [m for m in own if m != matched[0]]
    return head + (f" ({', '.join(rest)})" if rest else "")


def clauses(result: RuleResult) -> list[Evidence]:
    """The clauses a report quotes for a finding: the conflicting ones first (else the first
    cited), then the others behind the verdict, each provision once."""
    cited = [e for e in result.evidence if e.relation == "conflicts"] or result.evidence[:1]
    listed = cited + (others(result, cited[0]) if cited else [])
    return [e for i, e in enumerate(listed) if e.provision not in {c.provision for c in listed[:i]}]


def others(result: RuleResult, ev: Evidence) -> list[Evidence]:
    """The other clauses behind the verdict, each once; a clause that conflicts is never also
    listed as implementing the rule."""
    conflicting = {e.provision for e in result.evidence if e.relation == "conflicts"}
    seen = {ev.provision}
    out = []
    for e in result.evidence:
        if e.provision in seen or (e.relation == "supports" and e.provision in conflicting):
            continue
        seen.add(e.provision)
        out.append(e)
    return out
