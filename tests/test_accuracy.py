"""Accuracy floors: a pattern change that makes the linter judge worse than this fails CI.

The floors sit a little under the figures measured when they were set (see README,
"Accuracy"); raise them when the patterns improve.
"""

from pathlib import Path

import pytest

from linter.evaluate import evaluate
from linter.runner import lint_paths

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "corpus-real"


def _metrics(docs: list[Path], labels: Path) -> dict:
    run = lint_paths([str(d) for d in docs], ["all"])
    assert run.errors == []
    return evaluate(run.documents, labels).metrics()


def test_own_corpus_accuracy_floor():
    m = _metrics(sorted((ROOT / "corpus" / "docs").glob("*.txt")), ROOT / "corpus" / "labels")
    assert m["documents"] >= 12
    assert m["conflict"]["precision"] >= CORPUS_FLOORS["conflict_precision"]
    assert m["conflict"]["recall"] >= CORPUS_FLOORS["conflict_recall"]
    assert m["addressed"]["f1"] >= CORPUS_FLOORS["addressed_f1"]
    assert m["evidence_accuracy"] >= CORPUS_FLOORS["evidence"]


def test_held_out_corpus_accuracy_floor():
    """Documents 14-29 were written and labelled before the linter ever ran on them (18-21, 22-25
    and 26-29 on 2026-12-02, measured once on first contact: see corpus/README.md); nothing is
    tuned on them."""
    heldout = ROOT / "corpus" / "heldout"
    m = _metrics(sorted((heldout / "docs").glob("*.txt")), heldout / "labels")
    assert m["documents"] == 16
    assert m["conflict"]["precision"] >= HELDOUT_FLOORS["conflict_precision"]
    assert m["conflict"]["recall"] >= HELDOUT_FLOORS["conflict_recall"]
    assert m["addressed"]["f1"] >= HELDOUT_FLOORS["addressed_f1"]
    assert m["evidence_accuracy"] >= HELDOUT_FLOORS["evidence"]


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/corpus-real is not beside this clone")
def test_real_corpus_accuracy_floor():
    m = _metrics(sorted((REAL / "docs").glob("*.txt")), REAL / "labels")
    assert m["conflict"]["precision"] >= REAL_FLOORS["conflict_precision"]
    assert m["conflict"]["recall"] >= REAL_FLOORS["conflict_recall"]
    assert m["addressed"]["f1"] >= REAL_FLOORS["addressed_f1"]
    assert m["evidence_accuracy"] >= REAL_FLOORS["evidence"]


CORPUS_FLOORS = {"conflict_precision": 0.95, "conflict_recall": 0.95, "addressed_f1": 0.87, "evidence": 0.88}
REAL_FLOORS = {"conflict_precision": 0.95, "conflict_recall": 0.95, "addressed_f1": 0.89, "evidence": 0.78}
# First run on 14-21: conflict P 0.917 R 0.647, addressed F1 0.775, evidence 0.909; 22-25 and 26-29
# were added on first contact. 14-29 measured at the end of the session that added 26-29: conflict
# P 0.951 R 0.629, addressed F1 0.832, evidence 0.821 (26-29 lowered the evidence figure); the
# sixth session's release: P 0.955 R 0.677, addressed F1 0.841, evidence 0.833.
HELDOUT_FLOORS = {"conflict_precision": 0.94, "conflict_recall": 0.66, "addressed_f1": 0.83, "evidence": 0.82}
