"""An act a duty takes away, named as the passive subject of a removal verb ("restraints shall be
removed", "fetters shall be removed from a female prisoner"), is forbidden, as an act done
without is ("escorted without handcuffs"); an exception puts it back on, which for Rule 24 is a
conflict. A removal that takes off what an earlier part of the sentence put on forbids nothing."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        # South Asian jail manual
        "Rule 88. Fetters shall be removed from a female prisoner who is in labour.",
        # US agency directive
        "§ 14. Restraints shall be removed from an inmate in labor.",
    ],
)
def test_a_duty_to_remove_restraints_in_labour_forbids_them(verdict, text: str) -> None:
    assert verdict(text, 24) == "partial"  # labour only: the time after birth is missing


@pytest.mark.parametrize(
    "text",
    [
        "§ 14. Restraints shall be removed from an inmate in labor unless the inmate presents an immediate risk "
        "of escape.",
        # civil-law code: the exception re-permits what "without" forbade
        "Article 12. A woman in labour shall be escorted to the maternity hospital without handcuffs unless she "
        "behaves violently.",
    ],
)
def test_an_exception_to_the_removal_re_permits_them(verdict, text: str) -> None:
    assert verdict(text, 24) == "conflict"


def test_taking_off_what_was_put_on_forbids_nothing(verdict) -> None:
    # The removal takes off what the first part put on; that part takes the handcuffing for
    # granted, which is the conflict (tests/test_presupposed_acts.py).
    text = "Rule 41. Where handcuffs are applied to a woman in labour, they shall be removed on arrival at the ward."
    assert verdict(text, 24) == "conflict"
