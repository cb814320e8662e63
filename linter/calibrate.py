"""Calibrate the similarity layer's thresholds on labelled documents (`python -m linter.calibrate`).

For each kind of check (element, conflict) the threshold is swept over a grid while the
other kind's layer is off. Every document is checked once per threshold; the figures are
then pooled two ways:

- in-sample: one threshold for all documents, chosen on all of them (optimistic);
- cross-validated by document: each document is scored with the threshold chosen on all
  the *other* documents (leave one document out), so no document is used both to fit a
  threshold and to score it.

An element threshold is chosen for the best addressed F1 (covered/partial/conflict vs
silent); a conflict threshold for the best conflict F1 among those that keep conflict
precision at least as high as with the layer off. `--write` stores the thresholds chosen
on all documents in patterns/similarity.yaml.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from linter.engine.checks import Evaluator
from linter.engine.recall import KINDS, Proposer, Recall, Thresholds, thresholds_path
from linter.engine.verdicts import judge_rule
from linter.evaluate import Evaluation, evaluate
from linter.extract import read_document
from linter.findings import DocumentResult
from linter.nlp.pipeline import build_pipeline
from linter.patterns import load_patterns
from linter.policy import load_policy

OFF = math.inf  # a threshold no cosine reaches: the layer is off for that kind
GRID = (OFF, 0.9, 0.85, 0.8, 0.77, 0.75, 0.72, 0.7, 0.67, 0.65, 0.62, 0.6, 0.55, 0.5)
_REPO = Path(__file__).resolve().parents[1]
DEV_SETS = (
    (_REPO.parent / "shared" / "corpus-real" / "docs", _REPO.parent / "shared" / "corpus-real" / "labels"),
    (_REPO / "corpus" / "docs", _REPO / "corpus" / "labels"),
)


@dataclass
class Prepared:
    """One labelled document, parsed and embedded once."""

    path: str
    labels: Path
    evaluator: Evaluator
    recall: Recall


def prepare(sets: tuple[tuple[Path, Path], ...], listed_groups: int) -> list[Prepared]:
    policy, patterns = load_policy(), load_patterns()
    nlp = build_pipeline("", True)
    out = []
    for docs, labels in sets:
        for path in sorted(docs.glob("*.txt")):
            proposer = Proposer.for_patterns(policy, patterns, nlp)
            evaluator = Evaluator.for_document(read_document(str(path)), patterns, nlp, proposer)
            recall = Recall(evaluator, Thresholds(OFF, OFF, listed_groups))
            evaluator.recall = recall
            out.append(Prepared(str(path), labels, evaluator, recall))
    return out


def confusion(doc: Prepared, thresholds: Thresholds) -> Counter:
    """The (expected, got) counts of one document judged with `thresholds`."""
    policy, patterns = load_policy(), load_patterns()
    doc.recall.thresholds = thresholds
    rules = [judge_rule(r, patterns.rules.get(r.number), doc.evaluator, r.code) for r in policy.rules]
    result = DocumentResult(doc.path, "text", ["all"], rules)
    return evaluate([result], doc.labels).confusion


def metrics(counts: Counter) -> dict:
    ev = Evaluation(confusion=counts)
    return {
        name: ev.prf(positive)
        for name, positive in (
            ("addressed", {"covered", "partial", "conflict"}),
            ("partial", {"partial"}),
            ("conflict", {"conflict"}),
        )
    }


def objective(kind: str, floor: float) -> Callable[[dict], tuple]:
    if kind == "element":
        return lambda m: (m["addressed"]["f1"], m["partial"]["f1"])
    # Conflicts: never trade precision away; among the thresholds that keep it, best F1.
    return lambda m: (m["conflict"]["precision"] >= floor, m["conflict"]["f1"])


def sweep(docs: list[Prepared], kind: str, fixed: Thresholds) -> dict:
    """Curve, in-sample and cross-validated figures for one kind of check."""
    table = {t: [confusion(d, _with(fixed, kind, t)) for d in docs] for t in GRID}
    pooled = {t: metrics(sum(rows, Counter())) for t, rows in table.items()}
    score = objective(kind, pooled[OFF]["conflict"]["precision"])
    # Among equally good thresholds the highest (fewest proposals) wins.
    best = max(GRID, key=lambda t: (score(pooled[t]), _finite(t)))
    held_out: Counter[tuple[str, str]] = Counter()  # (expected, got) -> count
    chosen = []
    for i in range(len(docs)):
        rest = {t: metrics(sum((rows[j] for j in range(len(docs)) if j != i), Counter())) for t, rows in table.items()}
        rest_score = objective(kind, rest[OFF]["conflict"]["precision"])
        t_i = max(GRID, key=lambda t: (rest_score(rest[t]), _finite(t)))
        chosen.append(t_i)
        held_out += table[t_i][i]
    return {
        "curve": pooled,
        "best": best,
        "in_sample": pooled[best],
        "cross_validated": metrics(held_out),
        "fold_choices": chosen,
    }


def _with(fixed: Thresholds, kind: str, value: float) -> Thresholds:
    values = {k: getattr(fixed, k) for k in KINDS}
    values[kind] = value
    return Thresholds(**values, listed_groups=fixed.listed_groups)


def _finite(t: float) -> float:
    return 9.0 if t == OFF else t


def _fmt(t: float) -> str:
    return "off" if t == OFF else f"{t:.2f}"


def _line(label: str, m: dict) -> str:
    a, p, c = m["addressed"], m["partial"], m["conflict"]
    return (
        f"{label:>16}  addressed P {a['precision']:.3f} R {a['recall']:.3f} F1 {a['f1']:.3f}  "
        f"partial F1 {p['f1']:.3f}  conflict P {c['precision']:.3f} R {c['recall']:.3f}"
    )


def write_thresholds(thresholds: Thresholds, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    head = text.split("\nthresholds:\n")[0]
    # 1.01 is above any cosine: "off" written as a number a reader of the YAML understands.
    values = "".join(f"  {k}: {1.01 if getattr(thresholds, k) == OFF else getattr(thresholds, k)}\n" for k in KINDS)
    head = "\n".join(line for line in head.splitlines() if not line.startswith("listed_groups:")) + "\n"
    path.write_text(head + f"listed_groups: {thresholds.listed_groups}\nthresholds:\n" + values, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m linter.calibrate", description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="Store the thresholds chosen on all documents.")
    parser.add_argument(
        "--listed-groups", type=int, default=1, help="Act/circumstance groups the listed terms must find (default 1)."
    )
    args = parser.parse_args(argv)
    sets = tuple((d, lab) for d, lab in DEV_SETS if d.is_dir() and lab.is_dir())
    docs = prepare(sets, args.listed_groups)
    print(f"{len(docs)} labelled documents from {', '.join(str(d) for d, _ in sets)}")
    chosen = Thresholds(OFF, OFF, args.listed_groups)
    for kind in KINDS:
        result = sweep(docs, kind, chosen)
        print(
            f"\n{kind} threshold (other kinds: {', '.join(f'{k} {_fmt(getattr(chosen, k))}' for k in KINDS if k != kind)}):"
        )
        for t in GRID:
            print(_line(_fmt(t), result["curve"][t]))
        print(_line(f"in-sample {_fmt(result['best'])}", result["in_sample"]))
        print(_line("cross-validated", result["cross_validated"]))
        print(f"{'':>16}  per-fold choices: {', '.join(_fmt(t) for t in result['fold_choices'])}")
        chosen = _with(chosen, kind, result["best"])
    if args.write:
        write_thresholds(chosen, thresholds_path())
        print(f"\nwrote {thresholds_path()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
