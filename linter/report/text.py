"""Compiler-style text report: one finding per line, grouped by file, worst first."""

from __future__ import annotations

from linter.findings import SEVERITY
from linter.runner import Run

_SHOWN = ("conflict", "partial", "gap")


def render_text(run: Run) -> str:
    out = []
    for doc in run.documents:
        findings = sorted((r for r in doc.rules if r.verdict in _SHOWN), key=lambda r: (-SEVERITY[r.verdict], r.rule))
        for r in findings:
            ev = next((e for e in r.evidence if e.relation == "conflicts"), r.evidence[0] if r.evidence else None)
            where = f"{ev.label}" + (f" (p. {ev.page})" if ev.page else f" (line {ev.line})" if ev.line else "") if ev else "-"
            line = f"{doc.path}:{where}: {r.verdict} {r.code} {r.message}"
            if ev and r.verdict != "gap":
                line += f" \u2014 \u201c{ev.quote}\u201d"
            out.append(line)
        s = doc.summary()
        out.append(
            f"{doc.path}: {s['conflict']} conflict, {s['partial']} partial, {s['gap']} gap, {s['covered']} covered, {s['not-applicable']} not applicable"
        )
    for err in run.errors:
        out.append(f"{err.path}: error [{err.code}] {err.message}")
    return "\n".join(out) + "\n"
