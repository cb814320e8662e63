"""Every rule's pattern file is complete and its examples behave (what `bangkok-lint test-patterns` runs)."""

import pytest

from linter.nlp.pipeline import build_pipeline
from linter.pattern_tests import completeness_problems, run_concept_examples, run_rule_examples
from linter.patterns import load_patterns
from linter.policy import load_policy

POLICY = load_policy()
PATTERNS = load_patterns()


def test_every_rule_has_a_complete_pattern_file():
    assert completeness_problems(POLICY, PATTERNS) == []


@pytest.mark.parametrize("rule", [r.number for r in POLICY.rules if r.number in PATTERNS.rules])
def test_rule_examples(rule):
    failures = [
        f"{r.check} {'match' if r.expected else 'no_match'}: {r.text.strip()[:80]} ({r.detail})"
        for r in run_rule_examples(PATTERNS.rules[rule], PATTERNS, POLICY.rule(rule).is_qualified)
        if not r.passed
    ]
    assert failures == []


def test_examples_catch_a_broken_pattern():
    # A rule file whose conflict check lost its stance list must fail its own examples.
    from dataclasses import replace

    rp = PATTERNS.rules[24]
    broken = replace(rp, conflicts=tuple(replace(c, stance=("prohibition",)) for c in rp.conflicts))
    assert any(not r.passed for r in run_rule_examples(broken, PATTERNS, False))


def test_vocabulary_examples():
    """Each harvested variant is proven by a clause in its concept file (and sense checks by a no_match)."""
    results = run_concept_examples(PATTERNS)
    assert len(results) >= 40
    assert [r.text for r in results if not r.passed] == []


def test_vocabulary_examples_catch_a_lost_term(tmp_path):
    import shutil

    from linter.patterns import load_patterns_from
    from linter.resources import data_path

    root = tmp_path / "patterns"
    shutil.copytree(data_path("patterns"), root)
    security = root / "vocabulary" / "security.yaml"
    security.write_text(security.read_text().replace("      - special means\n", ""))
    results = run_concept_examples(load_patterns_from(root), build_pipeline(str(root)))
    assert any("special means" in r.text for r in results if not r.passed)
