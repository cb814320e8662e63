"""An exemption that names some items of a punishment list answers those items only: the
others stay in conflict. One that names none answers the whole list."""

import pytest

from linter.engine import check_document
from linter.pattern_tests import example_document


def _rule_22_conflicts(text: str) -> list[str]:
    result = check_document(example_document(text), ["all"])
    rule = next(r for r in result.rules if r.rule == 22)
    return [e.label for e in rule.evidence if e.relation == "conflicts"] if rule.verdict == "conflict" else []


@pytest.mark.parametrize(
    "text, open_item",
    [
        # Westminster prison rules: the exemption reaches (b) only; (c) solitary confinement stays open.
        (
            "45. (1) The Superintendent may award any of the following punishments:\n"
            "(a) a reprimand;\n"
            "(b) cellular confinement for not more than 7 days;\n"
            "(c) solitary confinement for not more than 14 days.\n"
            "(2) The punishment in paragraph (1)(b) shall not be awarded to a prisoner who is pregnant, "
            "nursing an infant or has her child with her.",
            "45(1)(c)",
        ),
        # A post-Soviet code: the measure in point d) is exempted, the one in point e) is not.
        (
            "Article 115. Penalties\n"
            "1. The following penalties may be imposed on convicts:\n"
            "a) a warning;\n"
            "d) placement in a punishment cell for up to 15 days;\n"
            "e) transfer to a cell-type premises for up to six months.\n"
            "2. The penalty referred to in paragraph 1 d) shall not be imposed on pregnant women or on women "
            "who are breastfeeding or have children with them.",
            "Article 115(1)(e)",
        ),
    ],
    ids=["westminster", "post-soviet"],
)
def test_an_exemption_naming_one_item_leaves_the_others_in_conflict(text, open_item):
    assert _rule_22_conflicts(text) == [open_item]


def test_an_exemption_naming_no_item_answers_the_whole_list():
    text = (
        "45. (1) The Superintendent may award any of the following punishments:\n"
        "(a) a reprimand;\n"
        "(b) cellular confinement for not more than 7 days;\n"
        "(c) solitary confinement for not more than 14 days.\n"
        "(2) No prisoner who is pregnant, nursing an infant or has her child with her shall be placed in "
        "cellular or solitary confinement as a punishment."
    )
    assert _rule_22_conflicts(text) == []
