"""The coverage report an NGO publishes, as Markdown: the same content and order as the HTML
report (what was checked, counts, contents, conflicts, partials, gaps, covered, coverage by
section), with explicit anchors so the contents links work on any Markdown renderer.

Document text is HTML- and Markdown-escaped (linter.sanitise): Markdown viewers pass raw HTML
through, and a clause quoting `[x](javascript:...)` must not become a link.
"""

from __future__ import annotations

from linter.findings import DocumentResult, RuleResult
from linter.own_outputs import markdown_comment
from linter.policy import Policy, load_model_clauses, load_policy
from linter.report import ReportOptions
from linter.report.about import about
from linter.report.cite import RELATION, clauses, place, plain_reason, suggestion
from linter.report.coverage import by_section
from linter.report.html import PARTS
from linter.runner import Run
from linter.sanitise import markdown_escape as escape

_BAR_WIDTH = 20


def render(run: Run, options: ReportOptions) -> str:
    policy = load_policy()
    parts = [_document(doc, n, run, policy) for n, doc in enumerate(run.documents, 1)]
    if run.errors:
        parts.append(
            "## Documents that could not be read\n\n"
            + "\n".join(f"- {escape(e.path)}: {escape(e.message)}" for e in run.errors)
            + "\n"
        )
    # The marker lets a later folder walk recognise this report and leave it out.
    return "\n".join([markdown_comment(), *parts])


def _anchor(n: int, name: str) -> str:
    return f"d{n}-{name}"


def _document(doc: DocumentResult, n: int, run: Run, policy: Policy) -> str:
    facts = about(doc, run.sources.get(doc.path))
    groups = {verdict: [r for r in doc.rules if r.verdict == verdict] for verdict, _ in PARTS}
    s = doc.summary()
    out = [
        f'<a id="{_anchor(n, "doc")}"></a>',
        "",
        f"# {escape(facts.title)}",
        "",
        f"{policy.short_name} coverage report for `{facts.file_name}`.",
        "",
        "| About this check | |",
        "|---|---|",
        *(f"| {label} | {_cell(value)} |" for label, value in facts.rows()),
        "",
        "| Verdict | Rules |",
        "|---|---:|",
        *(f"| [{v}](#{_anchor(n, v)}) | {s[v]} |" for v, _ in PARTS),
        f"| not checked | {s['not-applicable']} |",
        "",
        "## Contents",
        "",
    ]
    for i, (verdict, heading) in enumerate(PARTS, 1):
        rules = groups[verdict]
        out.append(f"{i}. [{heading} ({len(rules)})](#{_anchor(n, verdict)})")
        out += [f"   - [{r.code} {escape(r.title)}](#{_anchor(n, r.code)})" for r in rules]
    out += [f"{len(PARTS) + 1}. [Coverage by section of the Rules](#{_anchor(n, 'sections')})", ""]
    for verdict, heading in PARTS:
        rules = groups[verdict]
        out += [f'<a id="{_anchor(n, verdict)}"></a>', "", f"## {heading} ({len(rules)})", ""]
        if not rules:
            out += ["None.", ""]
        for r in rules:
            out += _entry(r, n, policy) if verdict in ("conflict", "partial") else _line(r, n)
        out.append("")
    out += [f'<a id="{_anchor(n, "sections")}"></a>', "", "## Coverage by section of the Rules", ""]
    out += ["| Section | Covered | Partial | Conflict | Gap | Coverage |", "|---|---:|---:|---:|---:|---|"]
    for sec in by_section(doc, policy):
        filled = round(sec.score * _BAR_WIDTH)
        bar = "\u2588" * filled + "\u2591" * (_BAR_WIDTH - filled)
        c = sec.counts
        out.append(
            f"| {escape(sec.section)} | {c['covered']} | {c['partial']} | {c['conflict']} | {c['gap']} | `{bar}` {sec.score:.0%} |"
        )
    out.append("")
    skipped = [r.code for r in doc.rules if r.verdict == "not-applicable"]
    if skipped:
        out += [f"Not checked (outside the scope {escape(facts.scope)}): {', '.join(skipped)}.", ""]
    return "\n".join(out)


def _cell(text: str) -> str:
    # A pipe in a document's title would end the table cell.
    return escape(text).replace("|", "\\|")


def _entry(r: RuleResult, n: int, policy: Policy) -> list[str]:
    rule = policy.rule(r.rule)
    out = [f'<a id="{_anchor(n, r.code)}"></a>', "", f"### {r.code} {escape(r.title)}: **{r.verdict}**", ""]
    quoted = clauses(r)
    if quoted:
        out.append("Clauses:")
        for e in quoted:
            out.append(f"- **{escape(place(e))}**, {RELATION.get(e.relation, e.relation)}: {escape(plain_reason(e))}.")
            out.append(f"  \u201c{escape(e.quote)}\u201d")
        out.append("")
    if r.missing:
        out.append("Missing:")
        out += [f"- {escape(m)}" for m in r.missing]
        out.append("")
    out += [f"**Suggested direction:** {escape(suggestion(r))}", ""]
    out += [
        f"**Model clause** (adapt to the law\u2019s own terms): {escape(load_model_clauses()[r.rule].clauses[0])}",
        "",
    ]
    out += [f"*{r.citation} ({escape(rule.section_path)}):*", ""]
    out += [f"> {escape(line)}  " for line in rule.text.splitlines()]
    out.append("")
    return out


def _line(r: RuleResult, n: int) -> list[str]:
    if r.verdict == "gap":
        detail = "; ".join(r.missing) or "a provision implementing the rule"
        return [f'- <a id="{_anchor(n, r.code)}"></a>**{r.code}** {escape(r.title)} \u2014 missing: {escape(detail)}']
    cited = "; ".join(dict.fromkeys(place(e) for e in r.evidence))
    return [f'- <a id="{_anchor(n, r.code)}"></a>**{r.code}** {escape(r.title)} \u2014 implemented by {escape(cited)}']
