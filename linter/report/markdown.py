"""The coverage report an NGO publishes, as Markdown: summary, coverage chart, then rule by rule.

Document text is HTML- and Markdown-escaped (linter.sanitise): Markdown viewers pass raw HTML
through, and a clause quoting `[x](javascript:...)` must not become a link.
"""

from __future__ import annotations

from linter import __version__
from linter.findings import DocumentResult, RuleResult
from linter.policy import Policy, load_policy
from linter.report import ReportOptions
from linter.report.cite import place, suggestion
from linter.report.coverage import by_section
from linter.runner import Run
from linter.sanitise import markdown_escape as escape

_BAR_WIDTH = 20
_RELATION = {"conflicts": "conflicts with the rule", "supports": "implements the rule"}


def render(run: Run, options: ReportOptions) -> str:
    policy = load_policy()
    parts = [_document(doc, policy) for doc in run.documents]
    if run.errors:
        parts.append("## Documents that could not be read\n\n" + "\n".join(f"- {escape(e.path)}: {escape(e.message)}" for e in run.errors) + "\n")
    return "\n".join(parts)


def _document(doc: DocumentResult, policy: Policy) -> str:
    s = doc.summary()
    out = [
        f"# {policy.short_name} coverage: {escape(doc.path)}",
        "",
        f"Checked with bangkok-lint {__version__} against the {escape(policy.name)} "
        f"(scope: {', '.join(doc.scope)}).",
        "",
        "## Summary",
        "",
        "| Verdict | Rules |",
        "|---|---:|",
        *(f"| {v} | {s[v]} |" for v in ("conflict", "partial", "gap", "covered", "not-applicable")),
        "",
        "## Coverage by section of the Rules",
        "",
        "| Section | Covered | Partial | Conflict | Gap | Coverage |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for sec in by_section(doc, policy):
        filled = round(sec.score * _BAR_WIDTH)
        bar = "\u2588" * filled + "\u2591" * (_BAR_WIDTH - filled)
        c = sec.counts
        out.append(f"| {escape(sec.section)} | {c['covered']} | {c['partial']} | {c['conflict']} | {c['gap']} | `{bar}` {sec.score:.0%} |")
    out += ["", "## Rule by rule", ""]
    for r in doc.rules:
        if r.verdict != "not-applicable":
            out += _rule(r, policy)
    skipped = [r.code for r in doc.rules if r.verdict == "not-applicable"]
    if skipped:
        out += [f"Not checked (outside the scope): {', '.join(skipped)}.", ""]
    return "\n".join(out)


def _rule(r: RuleResult, policy: Policy) -> list[str]:
    rule = policy.rule(r.rule)
    out = [f"### {r.code} {escape(r.title)}: **{r.verdict}**", ""]
    out += [f"> {escape(line)}  " for line in rule.text.splitlines()]
    out += ["", f"*{r.citation}, {escape(rule.section_path)}*", ""]
    if r.evidence:
        out.append("Clauses:")
        out += [f"- {escape(place(e))}, {_RELATION.get(e.relation, e.relation)}: \u201c{escape(e.quote)}\u201d" for e in r.evidence]
        out.append("")
    if r.missing:
        out.append("Missing:")
        out += [f"- {escape(m)}" for m in r.missing]
        out.append("")
    advice = suggestion(r)
    if advice:
        out += [f"**Suggested direction:** {escape(advice)}", ""]
    return out
