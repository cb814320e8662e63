"""`linter.evaluate` and `bangkok-lint eval` on small hand-made verdicts and label files.

Every expected count and score below is worked out by hand from the inputs built here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli import main
from linter.errors import UsageError
from linter.evaluate import Evaluation, evaluate, load_labels, render_evaluation
from linter.findings import DocumentResult, Evidence, RuleResult

LABELS = """\
document: a
findings:
  - rule: 1
    label: conflict
    section: "12(2)"
    evidence: "Restraints may be applied to a woman in labour where the governor so directs."
    why: "re-permits restraint during labour"
  - rule: 2
    label: conflict
    section: "30(1)"
    evidence: "Cellular confinement may be imposed on any prisoner, including a pregnant woman."
    why: "no exemption for pregnant women"
  - rule: 3
    label: covered
    section: "8"
    evidence: "Women prisoners shall be searched only by female officers."
    why: "implements the rule"
  - rule: 4
    label: partial
    section: "11(4)"
    evidence: "Sanitary towels shall be issued in such quantity as the governor considers reasonable."
    why: "quantity left to the governor"
  - rule: 5
    label: covered
    section: "6"
    evidence: "Every woman shall be screened for cervical cancer on admission."
    why: "implements the rule"
"""


def _evidence(relation: str, label: str, quote: str) -> Evidence:
    return Evidence(relation=relation, label=label, quote=quote, page=None, line=None, provision=0, check="c")


def _rule(number: int, verdict: str, *evidence: Evidence) -> RuleResult:
    return RuleResult(number, verdict, f"Rule {number}", f"Rule {number}", "", f"BR{number}", evidence=list(evidence))


def _document() -> DocumentResult:
    rules = [
        # labelled conflict, found, citing the labelled clause (quote truncated with an ellipsis)
        _rule(1, "conflict", _evidence("conflicts", "12(2)", "Restraints may be applied to a woman in lab\u2026")),
        # labelled conflict, found, but citing another clause; the matching quote is only a supporting one
        _rule(
            2,
            "conflict",
            _evidence("conflicts", "31", "A prisoner may be kept apart from others for the maintenance of good order."),
            _evidence(
                "supports", "30(1)", "Cellular confinement may be imposed on any prisoner, including a pregnant woman."
            ),
        ),
        # labelled covered, reported as a conflict: a false conflict
        _rule(3, "conflict", _evidence("conflicts", "9", "A male officer may search a woman in an emergency.")),
        # labelled partial, missed
        _rule(4, "gap"),
        # labelled covered, found
        _rule(
            5, "covered", _evidence("supports", "6", "Every woman shall be screened for cervical cancer on admission.")
        ),
        # unlabelled (silent) and not applicable: agreement
        _rule(6, "not-applicable"),
        # unlabelled, reported partial: a false partial
        _rule(7, "partial", _evidence("supports", "40", "Visits may be allowed.")),
    ]
    return DocumentResult("docs/a.txt", "text", ["all"], rules)


@pytest.fixture
def labels_dir(tmp_path: Path) -> Path:
    (tmp_path / "a.yaml").write_text(LABELS, encoding="utf-8")
    return tmp_path


def test_confusion_counts(labels_dir: Path) -> None:
    ev = evaluate([_document()], labels_dir)
    assert ev.documents == 1
    assert dict(ev.confusion) == {
        ("conflict", "conflict"): 2,
        ("covered", "conflict"): 1,
        ("partial", "silent"): 1,
        ("covered", "covered"): 1,
        ("silent", "silent"): 1,
        ("silent", "partial"): 1,
    }


def test_precision_recall_f1(labels_dir: Path) -> None:
    m = evaluate([_document()], labels_dir).metrics()
    assert m["pairs"] == 7
    # conflict: tp rules 1, 2; fp rule 3; no conflict missed
    assert m["conflict"] == {"precision": 0.667, "recall": 1.0, "f1": 0.8, "tp": 2, "fp": 1, "fn": 0}
    # partial: rule 7 is a false partial, rule 4 a missed one, none right
    assert m["partial"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "fp": 1, "fn": 1}
    # covered: rule 5 right, rule 3 (labelled covered) reported as something else
    assert m["covered"] == {"precision": 1.0, "recall": 0.5, "f1": 0.667, "tp": 1, "fp": 0, "fn": 1}
    # addressed vs silent: rules 1, 2, 3, 5 both addressed; 7 false; 4 missed -> 4/5 each way
    assert m["addressed"] == {"precision": 0.8, "recall": 0.8, "f1": 0.8, "tp": 4, "fp": 1, "fn": 1}


def test_evidence_accuracy_counts_only_true_conflicts_and_their_conflict_clauses(labels_dir: Path) -> None:
    m = evaluate([_document()], labels_dir).metrics()
    # rules 1 and 2 are true conflicts; only rule 1 cites the labelled clause as the conflicting one
    assert m["evidence_checked"] == 2
    assert m["evidence_accuracy"] == 0.5


def test_disagreements_list_every_mismatch_with_clause_and_label(labels_dir: Path) -> None:
    ev = evaluate([_document()], labels_dir)
    got = [(d.document, d.rule, d.expected, d.got, d.clause, d.label) for d in ev.disagreements]
    assert got == [
        (
            "a",
            3,
            "covered",
            "conflict",
            "9: A male officer may search a woman in an emergency.",
            "8: Women prisoners shall be searched only by female officers.",
        ),
        (
            "a",
            4,
            "partial",
            "silent",
            "",
            "11(4): Sanitary towels shall be issued in such quantity as the governor considers reasonable.",
        ),
        ("a", 7, "silent", "partial", "40: Visits may be allowed.", ""),
    ]


def test_strongest_label_wins_when_a_rule_has_several(tmp_path: Path) -> None:
    (tmp_path / "b.yml").write_text(
        "findings:\n"
        "  - {rule: 1, label: covered, section: '3', evidence: 'x'}\n"
        "  - {rule: 1, label: conflict, section: '4', evidence: 'y'}\n"
        "  - {rule: 2, label: covered, section: '5', evidence: 'z'}\n"
        "  - {rule: 2, label: partial, section: '6', evidence: 'w'}\n",
        encoding="utf-8",
    )
    doc = DocumentResult("b.pdf", "pdf", ["all"], [_rule(1, "partial"), _rule(2, "partial")])
    ev = evaluate([doc], tmp_path)
    assert dict(ev.confusion) == {("conflict", "partial"): 1, ("partial", "partial"): 1}


def test_documents_accumulate_into_one_evaluation(labels_dir: Path) -> None:
    ev = evaluate([_document()], labels_dir)
    evaluate([_document()], labels_dir, ev)
    assert ev.documents == 2
    assert ev.confusion[("conflict", "conflict")] == 4
    assert len(ev.disagreements) == 6


def test_json_confusion_has_every_class_pair(labels_dir: Path) -> None:
    data = evaluate([_document()], labels_dir).to_json()
    assert data["confusion"]["conflict"] == {"covered": 0, "partial": 0, "conflict": 2, "silent": 0}
    assert data["confusion"]["silent"] == {"covered": 0, "partial": 1, "conflict": 0, "silent": 1}
    assert [d["rule"] for d in data["disagreements"]] == [3, 4, 7]


def test_text_report_shows_scores(labels_dir: Path) -> None:
    text = render_evaluation(evaluate([_document()], labels_dir))
    assert "1 documents, 7 (document, rule) pairs" in text
    assert "conflict: precision 0.667  recall 1.000  F1 0.800  (tp 2, fp 1, fn 0)" in text
    assert "evidence: 0.500 of 2 true conflicts" in text
    assert "a BR4: expected partial, got silent" in text


def test_missing_label_file_is_a_usage_error(tmp_path: Path) -> None:
    doc = DocumentResult("docs/unlabelled.txt", "text", ["all"], [_rule(1, "gap")])
    with pytest.raises(UsageError, match="no label file unlabelled.yaml"):
        evaluate([doc], tmp_path)


def test_unknown_label_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("findings:\n  - {rule: 1, label: gap, section: '1', evidence: 'x'}\n", encoding="utf-8")
    with pytest.raises(UsageError, match="unknown label 'gap'"):
        load_labels(path)


def test_no_pairs_gives_no_evidence_accuracy() -> None:
    assert Evaluation().metrics()["evidence_accuracy"] is None


# A clause the rule-24 pattern file lists as a conflict example, and a document silent on rule 5.
CLI_DOCUMENT = """\
1. Handcuffs may be applied to a prisoner in labour where there is a risk of escape.

2. Every prisoner shall be allowed to take exercise in the open air daily.
"""
CLI_LABELS = """\
findings:
  - rule: 24
    label: conflict
    section: "1"
    evidence: "Handcuffs may be applied to a prisoner in labour where there is a risk of escape."
  - rule: 5
    label: covered
    section: "2"
    evidence: "Sanitary towels shall be provided free of charge."
"""


def test_eval_command_end_to_end(tmp_path: Path) -> None:
    from linter.policy import load_policy

    doc = tmp_path / "tiny.txt"
    doc.write_text(CLI_DOCUMENT, encoding="utf-8")
    labels = tmp_path / "labels"
    labels.mkdir()
    (labels / "tiny.yaml").write_text(CLI_LABELS, encoding="utf-8")

    result = CliRunner().invoke(main, ["eval", "--labels", str(labels), "--scope", "all", "--format", "json", str(doc)])

    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    rules = len(load_policy().rules)
    assert data["metrics"]["pairs"] == rules
    assert data["confusion"]["conflict"]["conflict"] == 1
    assert data["confusion"]["covered"]["silent"] == 1
    assert data["confusion"]["silent"]["silent"] == rules - 2
    assert data["metrics"]["evidence_accuracy"] == 1.0
    assert [(d["rule"], d["expected"], d["got"]) for d in data["disagreements"]] == [(5, "covered", "silent")]


def test_eval_command_without_label_file_exits_2(tmp_path: Path) -> None:
    doc = tmp_path / "tiny.txt"
    doc.write_text(CLI_DOCUMENT, encoding="utf-8")
    labels = tmp_path / "labels"
    labels.mkdir()

    result = CliRunner().invoke(main, ["eval", "--labels", str(labels), "--scope", "all", str(doc)])

    assert result.exit_code == 2
    assert "no label file tiny.yaml" in result.stderr
