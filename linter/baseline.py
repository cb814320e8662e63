"""Accepted findings, so CI fails only on new ones.

A finding is one clause: each conflicting clause of a rule, each clause a partial cites,
is accepted on its own, so accepting one conflict never hides a second clause that
conflicts with the same rule. Its identity is its rule, its verdict and a hash of the
clause text with case, punctuation and spacing normalised away, so renumbering, moved
lines and inserted paragraphs leave it unchanged. A gap cites no clause; its identity is
rule, verdict and document, the document's path taken relative to the baseline file so
the identity does not depend on the directory the linter runs in. Every baseline entry
must give a reason; entries that match nothing are reported so the file does not rot.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from linter.errors import ConfigError
from linter.findings import DocumentResult, Finding, RuleResult, display_path, fingerprint, normalise  # noqa: F401 (normalise: used by diff, evaluate)
from linter.runner import Run, clause_findings

FORMAT_VERSION = 1


@dataclass(frozen=True)
class Entry:
    fingerprint: str
    rule: str
    verdict: str
    path: str
    clause: str
    reason: str

    def to_json(self) -> dict:
        return asdict(self)


def clause_of(result: RuleResult) -> str:
    """The clause a rule's verdict rests on: its first conflicting clause if any, else the first cited; "" for none."""
    cited = [e for e in result.evidence if e.relation == "conflicts"] or result.evidence
    return cited[0].quote if cited else ""


def entries_for(run: Run, reasons: dict[str, str], base: Path) -> list[Entry]:
    """One entry per current finding, keeping the reason already recorded for its fingerprint.

    `base` is the baseline file's folder: entry paths and gap identities are relative to it."""
    out: dict[str, Entry] = {}
    for doc in run.documents:
        for finding in clause_findings(doc):
            fp = fingerprint(doc.path, finding, base)
            clause = finding.clause.quote if finding.clause else ""
            out.setdefault(
                fp, Entry(fp, finding.code, finding.verdict, display_path(doc.path, base), clause, reasons.get(fp, ""))
            )
    return list(out.values())


def write_baseline(path: Path, entries: list[Entry]) -> None:
    payload = {"bangkok-lint-baseline": FORMAT_VERSION, "findings": [e.to_json() for e in entries]}
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def load_baseline(path: Path, require_reasons: bool = True) -> list[Entry]:
    """The entries of a baseline file; every entry without a reason is named in one error."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read baseline: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise ConfigError(f"{path}: not a bangkok-lint baseline (expected an object with a 'findings' list)")
    entries = []
    problems = []
    for i, item in enumerate(data["findings"], 1):
        where = f"{path}: findings[{i}]"
        if not isinstance(item, dict) or not isinstance(item.get("fingerprint"), str):
            problems.append(f"{where}: key 'fingerprint' is missing")
            continue
        reason = item.get("reason")
        if not isinstance(reason, str) or (require_reasons and not reason.strip()):
            problems.append(
                f"{where} ({item.get('rule', '?')} {item.get('verdict', '?')} in {item.get('path', '?')}): key 'reason' must say why the finding is accepted"
            )
            continue
        fields = {k: str(item.get(k, "")) for k in ("rule", "verdict", "path", "clause")}
        entries.append(Entry(item["fingerprint"], reason=reason, **fields))
    if problems:
        raise ConfigError(
            f"{len(problems)} baseline entr{'y' if len(problems) == 1 else 'ies'} to fix:\n" + "\n".join(problems)
        )
    return entries


def apply_baseline(run: Run, entries: list[Entry], source: Path) -> None:
    """Drop accepted findings from the run and record what was suppressed and what matched nothing.

    A rule whose findings are all accepted leaves the report; a rule with a new clause stays,
    citing only the clauses not accepted, so every reporter shows just what is new."""
    base = source.resolve().parent
    accepted = {e.fingerprint for e in entries}
    used: set[str] = set()
    suppressed = 0
    for doc in run.documents:
        kept = []
        for result in doc.rules:
            found = result.findings()
            hits = {fingerprint(doc.path, f, base) for f in found} & accepted
            used |= hits
            suppressed += len(hits)
            if not hits:
                kept.append(result)
            elif len(hits) < len(found):
                kept.append(_without(result, [f for f in found if fingerprint(doc.path, f, base) in hits]))
        doc.rules = kept
    unmatched = [e.to_json() for e in entries if e.fingerprint not in used and _is_stale(run.documents, e, base)]
    run.baseline = {"path": str(source), "suppressed": suppressed, "unmatched": unmatched}


def _without(result: RuleResult, accepted: list[Finding]) -> RuleResult:
    gone = {normalise(f.clause.quote) for f in accepted if f.clause is not None}
    if not gone:
        return result
    relation = "conflicts" if result.verdict == "conflict" else "supports"
    evidence = [e for e in result.evidence if not (e.relation == relation and normalise(e.quote) in gone)]
    first = next((e for e in evidence if e.relation == relation), None)
    message = first.message if result.verdict == "conflict" and first is not None and first.message else result.message
    return dataclasses.replace(result, evidence=evidence, message=message)


def _is_stale(documents: list[DocumentResult], entry: Entry, base: Path) -> bool:
    # An entry for a document outside this run is not stale, just not looked at; one whose
    # document no longer exists (renamed or deleted) is.
    return any(display_path(d.path, base) == entry.path for d in documents) or not (base / entry.path).exists()
