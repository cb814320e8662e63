"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One result per finding, that is per clause: a rule with two conflicting clauses gives two
results, each with its own fingerprint, and the other clauses behind the verdict (the
exception that re-permits the act, the clauses that implement the rule) as
`relatedLocations`. Gaps point at no line and would flood code scanning, so they are left
out unless `--show gap` asks for them.

GitHub drops a result without `startLine`, so every result has one: the clause's line
for text and Markdown, its body paragraph ordinal for DOCX, its line on the page for PDF
(page and paragraph also go in `properties`); a gap points at line 1.
`partialFingerprints` come from the baseline identity, so a result keeps its identity
when lines move.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from urllib.parse import quote

from linter import __version__
from linter.explain import rule_markdown
from linter.findings import DocumentResult, Evidence, Finding, RuleResult, display_path, fingerprint
from linter.model import Document, Provision
from linter.pattern_language import PRECISIONS
from linter.patterns import RulePatterns, load_patterns
from linter.policy import Policy, Rule, load_policy
from linter.report import ReportOptions
from linter.report.cite import paragraph_of, suggestion
from linter.runner import Run, clause_findings

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/bangkok-lint/bangkok-lint"
# The rule pages generated into the repository (docs/rules/BRnn.md), at this version's tag.
RULE_PAGE_URI = INFORMATION_URI + "/blob/v{version}/docs/rules/{code}.md"

# The engine's reasons name the other provision of an exception: a prohibition re-permitted
# elsewhere says "exception in <label>", the re-permitting clause "exception to <label>".
# A label may hold balanced parentheses ("12(2)(b)") and spaces ("Article 5(1)").
_EXCEPTION_MARK = re.compile(r"exception (in|to) ((?:[^(),;]|\([^()]*\))+)")


def rule_page_name(rule: Rule) -> str:
    """BR01.md ... BR70.md: zero-padded so the pages list in rule order."""
    return f"{rule.code_prefix}{rule.number:02d}.md"


def render(run: Run, options: ReportOptions) -> str:
    policy = load_policy()
    payload = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": _driver(policy, options)},
                "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The directory bangkok-lint ran in."}}},
                "results": [
                    _result(doc, f, run.sources.get(doc.path), options)
                    for doc in run.documents
                    for f in clause_findings(doc)
                    if options.shows(f.verdict, default="partial")
                ],
                "invocations": [_invocation(run)],
            }
        ],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _driver(policy: Policy, options: ReportOptions) -> dict:
    patterns = load_patterns().rules
    return {
        "name": "bangkok-lint",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": INFORMATION_URI,
        "rules": [_rule(rule, patterns.get(rule.number), policy, options) for rule in policy.rules],
    }


def _rule(rule: Rule, rp: RulePatterns | None, policy: Policy, options: ReportOptions) -> dict:
    text = " ".join(rule.text.split())
    return {
        "id": rule.code,
        "name": _pascal((rp.name if rp else "") or rule.title),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": text},
        "help": {"text": f"{rule.citation} ({rule.section_path}): {text}", "markdown": rule_markdown(rule.number)},
        "helpUri": RULE_PAGE_URI.format(version=__version__, code=rule_page_name(rule).removesuffix(".md")),
        "defaultConfiguration": {"level": options.levels["conflict"]},
        "properties": {
            "tags": ["bangkok-rules", *rule.scope],
            "citation": rule.citation,
            "source": policy.help_uri,
            "precision": _rule_precision(rp),
        },
    }


def _rule_precision(rp: RulePatterns | None) -> str:
    # The rule's results at its default level are conflicts; the least precise conflict check speaks for it.
    checks = (rp.conflicts or rp.elements) if rp else ()
    return max((c.precision for c in checks), key=PRECISIONS.index, default="medium")


def _result(doc: DocumentResult, finding: Finding, source: Document | None, options: ReportOptions) -> dict:
    r, ev = finding.result, finding.clause
    region: dict = {"startLine": 1}
    properties: dict = {"verdict": r.verdict, "missing": list(r.missing)}
    if ev is not None:
        region = _region(doc, ev, source)
        properties.update(
            {"page": ev.page, "paragraph": paragraph_of(ev, source), "label": ev.label, "check": ev.check}
        )
        properties["precision"] = _check_precision(r.rule, ev.check)
        if ev.identifier:  # the publisher's id, so the finding links back to the official provision
            properties["identifier"] = ev.identifier
    location: dict = {"physicalLocation": {"artifactLocation": _artifact(doc.path), "region": region}}
    if ev is not None:
        location["logicalLocations"] = [
            {"name": ev.label, "fullyQualifiedName": f"{display_path(doc.path)}:{ev.label}", "kind": "section"}
        ]
    text = f"{r.verdict}: {finding.message}" + (f" \u2014 \u201c{ev.quote}\u201d" if ev else f" ({r.title})")
    result = {
        "ruleId": r.code,
        "ruleIndex": r.rule - 1,
        "level": options.levels[r.verdict],
        "message": {"text": f"{text}\n{suggestion(_about_own_clause(finding))}"},
        "locations": [location],
        "partialFingerprints": {"bangkokLint/v1": fingerprint(doc.path, finding)},
        "properties": properties,
    }
    related = _related(doc, finding, source)
    if related:
        result["relatedLocations"] = related
    return result


def _about_own_clause(finding: Finding) -> RuleResult:
    # A conflict's advice names the clause of this result; the others have results of their own.
    if finding.verdict != "conflict" or finding.clause is None:
        return finding.result
    return dataclasses.replace(finding.result, evidence=[finding.clause])


def _region(doc: DocumentResult, ev: Evidence, source: Document | None) -> dict:
    line = paragraph_of(ev, source) if doc.format == "docx" else ev.line
    return {"startLine": line or 1, "snippet": {"text": ev.quote}}


def _related(doc: DocumentResult, finding: Finding, source: Document | None) -> list[dict]:
    """The exception provisions that re-permit the act, then the rule's other cited clauses."""
    out: list[dict] = []
    seen: set[int] = set()
    for provision, what in _exceptions(finding.clause, source):
        if provision.index not in seen:
            seen.add(provision.index)
            region = {
                "startLine": (provision.ref.paragraph if doc.format == "docx" else provision.line) or 1,
                "snippet": {"text": provision.text},
            }
            out.append(_related_location(len(out), doc, region, f"{provision.label}: {what}"))
    for ev in finding.related:
        if ev.provision not in seen:
            seen.add(ev.provision)
            what = "also conflicts with the rule" if ev.relation == "conflicts" else "implements part of the rule"
            out.append(_related_location(len(out), doc, _region(doc, ev, source), f"{ev.label} {what}"))
    return out


def _exceptions(ev: Evidence | None, source: Document | None) -> list[tuple[Provision, str]]:
    if ev is None or source is None:
        return []
    by_label: dict[str, Provision] = {}
    for p in source.provisions:
        by_label.setdefault(p.label, p)
    what = {"in": "the exception that re-permits the act", "to": "the prohibition this clause makes an exception to"}
    marks = [(kind, label.strip()) for kind, label in _EXCEPTION_MARK.findall(ev.why)]
    return [(by_label[label], what[kind]) for kind, label in marks if label in by_label]


def _related_location(i: int, doc: DocumentResult, region: dict, text: str) -> dict:
    return {
        "id": i,
        "physicalLocation": {"artifactLocation": _artifact(doc.path), "region": region},
        "message": {"text": text},
    }


def _check_precision(rule: int, check_id: str) -> str:
    rp = load_patterns().rules.get(rule)
    check = next((c for c in rp.checks if c.id == check_id), None) if rp else None
    return check.precision if check else "medium"


def _invocation(run: Run) -> dict:
    return {
        "executionSuccessful": not run.errors,
        "toolExecutionNotifications": [
            {
                "level": "error",
                "message": {"text": f"{e.path}: {e.message}"},
                "descriptor": {"id": e.code},
                "locations": [{"physicalLocation": {"artifactLocation": _artifact(e.path)}}],
            }
            for e in run.errors
        ],
    }


def _artifact(path: str) -> dict:
    """A URI relative to the checkout (what code scanning needs); absolute only for files outside it."""
    shown = display_path(path)
    if Path(shown).is_absolute():
        return {"uri": Path(shown).as_uri()}
    return {"uri": quote(shown), "uriBaseId": "%SRCROOT%"}


def _pascal(text: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in re.split(r"[^0-9A-Za-z]+", text) if w)
