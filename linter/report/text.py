"""Compiler-style text report: one finding per line, grouped by file, conflicts first.

One line per finding, that is per clause: a rule two clauses conflict with gets two lines.
Each conflict and partial is followed by the rule's own words; gaps are listed after
them and a summary line closes each file. Colour only when the caller asks (a terminal).
"""

from __future__ import annotations

import textwrap

import click

from linter.engine.gender_neutral import NOTE
from linter.policy import load_policy
from linter.report import ReportOptions
from linter.report.cite import place
from linter.runner import Run, clause_findings

_COLOURS = {"conflict": "red", "partial": "yellow", "gap": "cyan"}


def render(run: Run, options: ReportOptions) -> str:
    policy = load_policy()
    out = []
    for doc in run.documents:
        for finding in clause_findings(doc):
            # -q is for CI logs and hooks: gaps, which point at no line, only when asked for.
            if not options.shows(finding.verdict, default="partial" if options.quiet else "gap"):
                continue
            r, ev = finding.result, finding.clause
            verdict = click.style(r.verdict, fg=_COLOURS[r.verdict], bold=True) if options.color else r.verdict
            if ev is None:
                out.append(f"{doc.path}: {verdict} {r.code} {r.title}: {r.message}")
                continue
            out.append(f"{doc.path}:{place(ev)}: {verdict} {r.code} {finding.message} \u2014 \u201c{ev.quote}\u201d")
            if not options.quiet:
                words = textwrap.shorten(" ".join(policy.rule(r.rule).text.split()), 300, placeholder=" \u2026")
                out.append(f"    {r.citation}: {words}")
                # A clause the lists did not find, or one for all prisoners, says why it counts.
                out += [f"    {e.label}: {e.why}" for e in r.evidence if e.layer == "similarity" or NOTE in e.why]
        if not options.quiet:
            s = doc.summary()
            out.append(
                f"{doc.path}: {s['conflict']} conflict, {s['partial']} partial, {s['gap']} gap, "
                f"{s['covered']} covered, {s['not-applicable']} not applicable"
            )
    if run.baseline and run.baseline["suppressed"] and not options.quiet:
        out.append(f"{run.baseline['path']}: {run.baseline['suppressed']} accepted findings not shown")
    for err in run.errors:
        out.append(f"{err.path}: error [{err.code}] {err.message}")
    return "\n".join(out) + "\n" if out else ""
