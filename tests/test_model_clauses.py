"""policies/model-clauses.yaml: suggested wording for every rule, our own, and faithful enough
that the linter reads each clause as addressing its rule without conflict."""

import re
from pathlib import Path

import pytest

from linter.errors import PolicyError
from linter.policy import load_model_clauses, load_model_clauses_file, load_policy
from linter.runner import lint_paths

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
_SHINGLE = 8  # eight words in a row shared with another text is copying, not coincidence


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {tuple(words[i : i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1)}


def test_every_rule_has_a_model_clause_and_a_part():
    clauses = load_model_clauses()
    assert sorted(clauses) == list(range(1, len(load_policy().rules) + 1)) == list(range(1, 71))
    for number, entry in clauses.items():
        assert entry.clauses and all(len(c.split()) >= 8 for c in entry.clauses), number
        assert entry.part and all(w == w.lower() for w in entry.part), number


@pytest.mark.parametrize(
    "text, message",
    [
        ("1:\n  part: [general]\n  clauses: [A clause.]\n", "rule 2 has no model clause"),
        ("0:\n  part: [general]\n  clauses: [A clause.]\n", "not a rule number"),
        ("1:\n  part: [general]\n  clauses: []\n", "'clauses' must be a non-empty list"),
        ("1:\n  part: []\n  clauses: [A clause.]\n", "'part' must be a non-empty list"),
        ("1:\n  part: [general]\n  clauses: [A clause.]\n  note: x\n", "unknown field 'note'"),
        ("1:\n  part: [general]\n  clauses: ['  ']\n", "clause 1: must be non-empty text"),
    ],
)
def test_defects_are_reported_with_their_place(tmp_path, text, message):
    path = tmp_path / "model-clauses.yaml"
    path.write_text(text)
    with pytest.raises(PolicyError, match=re.escape(message)):
        load_model_clauses_file(path, 2)


def test_no_model_clause_copies_the_rules_or_a_real_law():
    sources = [
        SHARED / "bangkok-rules" / "resolution-65-229-en.txt",
        *sorted((SHARED / "corpus-real" / "docs").glob("*.txt")),
    ]
    sources = [p for p in sources if p.is_file()]
    if not sources:
        pytest.skip("../shared is not present")
    theirs = set().union(*(_shingles(p.read_text(encoding="utf-8", errors="replace")) for p in sources))
    for number, entry in load_model_clauses().items():
        for clause in entry.clauses:
            copied = _shingles(clause) & theirs
            assert not copied, f"rule {number} copies: {' '.join(sorted(copied)[0])}"


def test_a_law_made_of_the_model_clauses_addresses_every_rule_without_conflict(tmp_path):
    numbered = [c for entry in load_model_clauses().values() for c in entry.clauses]
    law = tmp_path / "model-law.txt"
    law.write_text("Model Regulations\n\n" + "\n\n".join(f"{n}. {c}" for n, c in enumerate(numbered, 1)) + "\n")
    [doc] = lint_paths([str(law)], ["all"]).documents
    verdicts = {r.rule: r.verdict for r in doc.rules}
    assert [n for n, v in verdicts.items() if v == "conflict"] == []
    assert [n for n, v in verdicts.items() if v == "gap"] == []
