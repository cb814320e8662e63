"""Accepted findings, so CI fails only on new ones.

A finding's identity is its rule, its verdict and a hash of its clause text with case,
punctuation and spacing normalised away, so renumbering, moved lines and inserted
paragraphs leave it unchanged. A gap cites no clause; its identity is rule, verdict and
document. Every baseline entry must give a reason; entries that match nothing are
reported so the file does not rot.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from linter.errors import ConfigError
from linter.findings import DocumentResult, RuleResult
from linter.runner import FINDING_VERDICTS, Run, findings

_NON_WORD = re.compile(r"[\W_]+")
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


def normalise(text: str) -> str:
    return _NON_WORD.sub(" ", text.casefold()).strip()


def clause_of(result: RuleResult) -> str:
    """The clause a finding is about: the conflicting one if any, else the first cited; "" for none."""
    cited = [e for e in result.evidence if e.relation == "conflicts"] or result.evidence
    return cited[0].quote if cited else ""


def fingerprint(doc_path: str, result: RuleResult) -> str:
    clause = clause_of(result)
    anchor = normalise(clause) if clause else "document:" + display_path(doc_path)
    return hashlib.sha256(f"{result.code}|{result.verdict}|{anchor}".encode()).hexdigest()[:20]


def display_path(path: str) -> str:
    """The path relative to the current directory when it lies below it, with forward slashes."""
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def entries_for(run: Run, reasons: dict[str, str]) -> list[Entry]:
    """One entry per current finding, keeping the reason already recorded for its fingerprint."""
    out: dict[str, Entry] = {}
    for doc in run.documents:
        for result in findings(doc):
            fp = fingerprint(doc.path, result)
            out.setdefault(
                fp,
                Entry(fp, result.code, result.verdict, display_path(doc.path), clause_of(result), reasons.get(fp, "")),
            )
    return list(out.values())


def write_baseline(path: Path, entries: list[Entry]) -> None:
    payload = {"bangkok-lint-baseline": FORMAT_VERSION, "findings": [e.to_json() for e in entries]}
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def load_baseline(path: Path, require_reasons: bool = True) -> list[Entry]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read baseline: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise ConfigError(f"{path}: not a bangkok-lint baseline (expected an object with a 'findings' list)")
    entries = []
    for i, item in enumerate(data["findings"], 1):
        where = f"{path}: findings[{i}]"
        if not isinstance(item, dict) or not isinstance(item.get("fingerprint"), str):
            raise ConfigError(f"{where}: key 'fingerprint' is missing")
        reason = item.get("reason")
        if not isinstance(reason, str) or (require_reasons and not reason.strip()):
            raise ConfigError(f"{where} ({item.get('rule', '?')} {item.get('verdict', '?')}): key 'reason' must say why the finding is accepted")
        fields = {k: str(item.get(k, "")) for k in ("rule", "verdict", "path", "clause")}
        entries.append(Entry(item["fingerprint"], reason=reason, **fields))
    return entries


def apply_baseline(run: Run, entries: list[Entry], source: Path) -> None:
    """Drop accepted findings from the run and record what was suppressed and what matched nothing."""
    accepted = {e.fingerprint for e in entries}
    used: set[str] = set()
    suppressed = 0
    for doc in run.documents:
        kept = []
        for result in doc.rules:
            fp = fingerprint(doc.path, result) if result.verdict in FINDING_VERDICTS else None
            if fp in accepted:
                used.add(fp)
                suppressed += 1
            else:
                kept.append(result)
        doc.rules = kept
    unmatched = [e.to_json() for e in entries if e.fingerprint not in used and _was_checked(run.documents, e)]
    run.baseline = {"path": str(source), "suppressed": suppressed, "unmatched": unmatched}


def _was_checked(documents: list[DocumentResult], entry: Entry) -> bool:
    # An entry for a document outside this run is not stale, just not looked at.
    return any(display_path(d.path) == entry.path for d in documents)
