"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

GitHub drops a result without `startLine`, so every result has one: the clause's line
for text and Markdown, its body paragraph ordinal for DOCX, its line on the page for PDF
(page and paragraph also go in `properties`); a gap, which cites no clause, points at
line 1. `partialFingerprints` come from the baseline identity, so a result keeps its
identity when lines move.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote

from linter import __version__
from linter.baseline import clause_of, display_path, fingerprint
from linter.findings import DocumentResult, RuleResult
from linter.model import Document
from linter.patterns import load_patterns
from linter.policy import Policy, Rule, load_policy
from linter.report import ReportOptions
from linter.report.cite import paragraph_of, suggestion
from linter.runner import Run, findings

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/bangkok-lint/bangkok-lint"


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
                    _result(doc, r, run.sources.get(doc.path), policy, options)
                    for doc in run.documents
                    for r in findings(doc)
                ],
                "invocations": [_invocation(run)],
            }
        ],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _driver(policy: Policy, options: ReportOptions) -> dict:
    names = {n: rp.name for n, rp in load_patterns().rules.items() if rp.name}
    return {
        "name": "bangkok-lint",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": INFORMATION_URI,
        "rules": [_rule(rule, names.get(rule.number), policy, options) for rule in policy.rules],
    }


def _rule(rule: Rule, name: str | None, policy: Policy, options: ReportOptions) -> dict:
    text = " ".join(rule.text.split())
    return {
        "id": rule.code,
        "name": _pascal(name or rule.title),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": text},
        "help": {
            "text": f"{rule.citation} ({rule.section_path}): {text}",
            "markdown": f"**{rule.citation}** \u2014 {rule.section_path}\n\n> {text}",
        },
        "helpUri": policy.help_uri.format(number=rule.number),
        "defaultConfiguration": {"level": options.levels["conflict"]},
        "properties": {"tags": ["bangkok-rules", *rule.scope], "citation": rule.citation},
    }


def _result(doc: DocumentResult, r: RuleResult, source: Document | None, policy: Policy, options: ReportOptions) -> dict:
    cited = [e for e in r.evidence if e.relation == "conflicts"] or r.evidence
    ev = cited[0] if cited else None
    region: dict = {"startLine": 1}
    properties: dict = {"verdict": r.verdict, "missing": list(r.missing)}
    if ev is not None:
        paragraph = paragraph_of(ev, source)
        region = {"startLine": (paragraph if doc.format == "docx" else ev.line) or 1, "snippet": {"text": clause_of(r)}}
        properties.update({"page": ev.page, "paragraph": paragraph, "label": ev.label})
        if ev.identifier:  # the publisher's id, so the finding links back to the official provision
            properties["identifier"] = ev.identifier
    location: dict = {"physicalLocation": {"artifactLocation": _artifact(doc.path), "region": region}}
    if ev is not None:
        location["logicalLocations"] = [{"name": ev.label, "fullyQualifiedName": f"{display_path(doc.path)}:{ev.label}", "kind": "section"}]
    text = f"{r.verdict}: {r.message}" + (f" \u2014 \u201c{ev.quote}\u201d" if ev else f" ({r.title})")
    return {
        "ruleId": r.code,
        "ruleIndex": r.rule - 1,
        "level": options.levels[r.verdict],
        "message": {"text": f"{text}\n{suggestion(r)}"},
        "locations": [location],
        "partialFingerprints": {"bangkokLint/v1": fingerprint(doc.path, r)},
        "properties": properties,
    }


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
