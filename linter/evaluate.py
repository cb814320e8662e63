"""Compare bangkok-lint's verdicts with expert label files (`bangkok-lint eval`).

A label file lists `findings: [{rule, label, section, evidence, why}]` with label one of
covered / partial / conflict; every rule it does not list is silent. Verdicts are compared
per (document, rule): `gap` and `not-applicable` count as silent.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from linter.baseline import normalise
from linter.errors import UsageError
from linter.findings import DocumentResult

CLASSES = ("covered", "partial", "conflict", "silent")


@dataclass(frozen=True)
class Label:
    rule: int
    label: str
    section: str
    evidence: str


@dataclass(frozen=True)
class Disagreement:
    document: str
    rule: int
    expected: str
    got: str
    clause: str
    label: str

    def to_json(self) -> dict:
        return self.__dict__.copy()


@dataclass
class Evaluation:
    confusion: Counter = field(default_factory=Counter)  # (expected, got) -> count
    disagreements: list[Disagreement] = field(default_factory=list)
    evidence_hits: int = 0
    evidence_total: int = 0
    documents: int = 0

    def prf(self, positive: set[str]) -> dict[str, float]:
        tp = sum(n for (e, g), n in self.confusion.items() if e in positive and g in positive)
        fp = sum(n for (e, g), n in self.confusion.items() if e not in positive and g in positive)
        fn = sum(n for (e, g), n in self.confusion.items() if e in positive and g not in positive)
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "tp": tp, "fp": fp, "fn": fn}

    def metrics(self) -> dict:
        return {
            "documents": self.documents,
            "pairs": sum(self.confusion.values()),
            "conflict": self.prf({"conflict"}),
            "partial": self.prf({"partial"}),
            "covered": self.prf({"covered"}),
            "addressed": self.prf({"covered", "partial", "conflict"}),
            "evidence_accuracy": round(self.evidence_hits / self.evidence_total, 3) if self.evidence_total else None,
            "evidence_checked": self.evidence_total,
        }

    def to_json(self) -> dict:
        return {
            "metrics": self.metrics(),
            "confusion": {e: {g: self.confusion[(e, g)] for g in CLASSES} for e in CLASSES},
            "disagreements": [d.to_json() for d in self.disagreements],
        }


def load_labels(path: Path) -> dict[int, list[Label]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise UsageError(f"{path}: cannot read label file ({exc})") from exc
    labels: dict[int, list[Label]] = {}
    for f in data.get("findings") or []:
        lab = Label(int(f["rule"]), str(f["label"]), str(f.get("section", "")), str(f.get("evidence", "")))
        if lab.label not in ("covered", "partial", "conflict"):
            raise UsageError(f"{path}: rule {lab.rule}: unknown label {lab.label!r}")
        labels.setdefault(lab.rule, []).append(lab)
    return labels


def label_file_for(document: str, labels_dir: Path) -> Path | None:
    stem = Path(document).stem
    for suffix in (".yaml", ".yml"):
        candidate = labels_dir / (stem + suffix)
        if candidate.exists():
            return candidate
    return None


def _expected(labels: list[Label]) -> str:
    kinds = {label.label for label in labels}
    return "conflict" if "conflict" in kinds else "partial" if "partial" in kinds else "covered"


def _evidence_matches(result_quotes: list[tuple[str, str]], labels: list[Label]) -> bool:
    """Does some cited clause overlap a labelled evidence quote (either contains the other)?"""
    for _, quote in result_quotes:
        q = normalise(quote.rstrip("\u2026"))
        for lab in labels:
            e = normalise(lab.evidence)
            if e and q and (e[:80] in q or q[:80] in e):
                return True
    return False


def evaluate(results: list[DocumentResult], labels_dir: Path, evaluation: Evaluation | None = None) -> Evaluation:
    ev = evaluation or Evaluation()
    for doc in results:
        path = label_file_for(doc.path, labels_dir)
        if path is None:
            raise UsageError(f"{doc.path}: no label file {Path(doc.path).stem}.yaml in {labels_dir}")
        labels = load_labels(path)
        ev.documents += 1
        for r in doc.rules:
            expected = _expected(labels[r.rule]) if r.rule in labels else "silent"
            got = r.verdict if r.verdict in ("covered", "partial", "conflict") else "silent"
            ev.confusion[(expected, got)] += 1
            cited = [
                (e.label, e.quote)
                for e in r.evidence
                if e.relation == ("conflicts" if got == "conflict" else "supports")
            ]
            if expected == "conflict" and got == "conflict":
                ev.evidence_total += 1
                ev.evidence_hits += _evidence_matches(cited, labels[r.rule])
            if expected != got:
                clause = f"{cited[0][0]}: {cited[0][1]}" if cited else ""
                label = "; ".join(f"{lab.section}: {lab.evidence}" for lab in labels.get(r.rule, []))
                ev.disagreements.append(Disagreement(Path(doc.path).stem, r.rule, expected, got, clause, label))
    return ev


def render_evaluation(ev: Evaluation) -> str:
    m = ev.metrics()
    lines = [
        f"{m['documents']} documents, {m['pairs']} (document, rule) pairs",
        "",
        "confusion (rows expected, columns got):",
    ]
    lines.append("            " + "".join(f"{c:>10}" for c in CLASSES))
    for e in CLASSES:
        lines.append(f"{e:>10}  " + "".join(f"{ev.confusion[(e, g)]:>10}" for g in CLASSES))
    lines.append("")
    for name in ("conflict", "partial", "covered", "addressed"):
        s = m[name]
        lines.append(
            f"{name:>10}: precision {s['precision']:.3f}  recall {s['recall']:.3f}  F1 {s['f1']:.3f}  (tp {s['tp']}, fp {s['fp']}, fn {s['fn']})"
        )
    acc = m["evidence_accuracy"]
    lines.append(
        f"  evidence: {'n/a' if acc is None else f'{acc:.3f}'} of {m['evidence_checked']} true conflicts cite the labelled clause"
    )
    if ev.disagreements:
        lines += ["", "disagreements:"]
        for d in ev.disagreements:
            lines.append(f"  {d.document} BR{d.rule}: expected {d.expected}, got {d.got}")
            if d.clause:
                lines.append(f"      cited   {d.clause[:200]}")
            if d.label:
                lines.append(f"      labelled {d.label[:200]}")
    return "\n".join(lines) + "\n"
