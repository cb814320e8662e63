"""Gender-neutral clauses, judged the way the expert labelling convention judges them.

A clause for all prisoners that puts part of a rule into effect is partial when the rule's
core duty is not itself about sex, pregnancy or children, and the finding says the clause
is gender-neutral; a clause that only shares a word with the rule is silent. The clauses
are written for these tests, in several drafting traditions.
"""

from pathlib import Path

import pytest

from linter.engine import check_document
from linter.engine.gender_neutral import MISSING
from linter.errors import PolicyError
from linter.pattern_tests import example_document
from linter.patterns import load_patterns, load_rule_file


def _rule(text: str, rule: int):
    result = check_document(example_document(text), ["all"], similarity=False)
    return next(r for r in result.rules if r.rule == rule)


@pytest.mark.parametrize(
    "text, rule",
    [
        # Westminster prison rules: education and training for every prisoner (Rule 42).
        ("31.—(1) Every prisoner shall be offered education and vocational training programmes during the day.", 42),
        # US state code: mental health treatment for every person in custody (Rule 12).
        (
            "§ 9-114. The Department shall provide mental health treatment to each person in its custody who is diagnosed with a mental illness.",
            12,
        ),
        # Post-Soviet penal enforcement code: allocation near the family (Rule 4).
        ("Article 73. Convicted persons shall be allocated to a correctional institution close to the family.", 4),
        # Commonwealth (Pacific) corrections act: throughcare before release (Rule 46).
        (
            "27. The Commissioner shall ensure that every prisoner takes part in a pre-release programme before discharge.",
            46,
        ),
    ],
)
def test_clause_for_all_prisoners_is_partial_and_called_gender_neutral(text, rule):
    r = _rule(text, rule)
    assert r.verdict == "partial"
    assert "gender-neutral clause" in r.evidence[0].why


@pytest.mark.parametrize(
    "text, rule",
    [
        ("§ 9-115. No fee shall be charged for mental health treatment.", 12),  # a fee rule, not care
        ("Rule 52. A prisoner may be removed from activities as a punishment.", 42),  # a sanction
        ("Article 12. A person serving a community sentence shall report to the probation office nearest to home.", 4),
    ],
)
def test_clause_that_only_shares_a_word_is_silent(text, rule):
    assert _rule(text, rule).verdict == "gap"


def test_clause_about_women_is_not_called_gender_neutral():
    r = _rule("Rule 31. Every woman prisoner shall be offered education and vocational training programmes.", 42)
    assert r.verdict == "partial"
    assert all("gender-neutral" not in e.why for e in r.evidence)


def test_gender_neutral_clauses_never_cover_a_rule():
    # Rule 61's two key elements (caretaking and a minor record as mitigation) are both met,
    # but by a sentencing clause for every offender: partial, with what is missing said.
    text = "Article 22. In sentencing, the court shall treat as mitigating the offender's care of children and the absence of previous convictions."
    r = _rule(text, 61)
    assert r.verdict == "partial"
    assert r.missing == [MISSING]


def test_rules_outside_the_convention_have_no_gender_neutral_elements():
    # Rule 24's duty is about childbirth: a general restraint power is silent, never partial.
    patterns = load_patterns()
    assert not patterns.rules[24].gender_neutral
    assert patterns.rules[42].gender_neutral
    assert _rule("Restraints may be used on any prisoner who is violent.", 24).verdict == "gap"


def test_a_gender_neutral_element_needs_the_rule_flag(tmp_path: Path):
    path = tmp_path / "rule-99.yaml"
    path.write_text(
        "rule: 99\nelements:\n  - id: e\n    description: d\n    gender_neutral: true\n    all: [activities]\n    stance: require\n",
        encoding="utf-8",
    )
    with pytest.raises(PolicyError, match="gender_neutral"):
        load_rule_file(path, load_patterns().concepts)


def test_rule_explanation_names_the_gender_neutral_elements():
    from linter.explain import explain_rule

    assert "activities-all-prisoners" in explain_rule(42)
    assert "(gender-neutral)" in explain_rule(42)
    assert "(gender-neutral)" not in explain_rule(24)
