"""A child living with its mother put under prison discipline or the prisoners' regime is treated
as a prisoner (Rule 49 conflict); a ban on it implements the rule; a register of prisoners that
records a woman's children treats no child as a prisoner."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        # Commonwealth African act
        "Section 41. An infant admitted with its mother shall be subject to the discipline of the custodial centre.",
        # South Asian jail manual
        "Rule 512. Children accompanying their mothers shall be subject to the same jail discipline as their mothers.",
        # post-Soviet code
        "Article 100. Children living in the children's home of the colony are subject to the regime of the colony.",
    ],
)
def test_a_child_under_prison_discipline_conflicts_with_rule_49(verdict, text: str) -> None:
    assert verdict(text, 49) == "conflict"


@pytest.mark.parametrize(
    "text",
    [
        "A child in prison with its mother shall not be subject to prison discipline.",
        "31. The following particulars shall be entered in the register of prisoners in respect of every prisoner—\n"
        "(a) name and age;\n"
        "(b) in the case of a female prisoner, the number, names and ages of her children.",
        "Every prisoner shall be subject to the discipline of the prison.",
    ],
)
def test_a_ban_a_register_or_a_rule_for_prisoners_is_no_conflict(verdict, text: str) -> None:
    assert verdict(text, 49) != "conflict"
