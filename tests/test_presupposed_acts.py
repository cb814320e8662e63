"""A condition that takes an act for granted ("When restraints are used on a pregnant inmate during
labor, …") shows the law contemplates the act: for a conflict it is permitted. The act must stand
in the condition's own part of the sentence, with no modal there."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        # US agency directive
        "§ 7. When restraints are used on a pregnant inmate during labor, only soft restraints shall be applied.",
        # Westminster and Pacific rules
        "Rule 41. Where handcuffs are applied to a woman in labour, the reason shall be recorded in the journal.",
        # post-Soviet code in translation
        "Article 30. If special means are applied to a woman during childbirth, the head of the convoy shall "
        "record the reasons.",
    ],
)
def test_restraint_in_labour_taken_for_granted_conflicts_with_rule_24(verdict, text: str) -> None:
    assert verdict(text, 24) == "conflict"


def test_contact_lost_as_a_punishment_taken_for_granted_conflicts_with_rule_23(verdict) -> None:
    text = "Rule 77. Where visits are suspended as a disciplinary punishment, the prisoner may appeal to the Board."
    assert verdict(text, 23) == "conflict"


@pytest.mark.parametrize(
    "text",
    [
        # the act stands after the condition, where the ban governs it
        "Rule 41. When a woman in labour is taken to hospital, no restraints shall be used.",
        "§ 8. If a pregnant inmate is transported for delivery, restraints shall not be applied.",
        # a condition about restraint with nothing of childbirth
        "When restraints are used on any prisoner, they shall be applied for no longer than necessary.",
    ],
)
def test_a_ban_after_the_condition_or_a_general_condition_is_no_conflict(verdict, text: str) -> None:
    assert verdict(text, 24) != "conflict"
