"""A subsection that opens by pointing back at the one before ("While so removed, …", "During such
transport, …") is read in that one's circumstances."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        # Westminster colonial and Pacific rules
        "21. (1) A prisoner who is in labour shall be removed to a hospital for her confinement.\n"
        "(2) While so removed, she may be kept in irons if the escort considers it necessary.",
        # US agency directive
        "§ 12. (a) An inmate in labor shall be transported to a community hospital.\n"
        "(b) During such transport, restraints may be used if the inmate presents a risk of escape.",
        # South Asian jail manual
        "Rule 301. (1) A female prisoner who is pregnant shall be sent to the civil hospital for her delivery.\n"
        "(2) In such case, she may be handcuffed during the journey if the escort so decides.",
        # Commonwealth African standing orders: a pronoun subject points back, and "for her
        # confinement" is childbirth without another cue
        "63. (1) A female prisoner admitted to hospital for her confinement shall be guarded by a female officer.\n"
        "(2) She may be secured to her bed by a single handcuff where the escort considers it necessary.",
        # Caribbean rules: "such prisoner"
        "40. (1) A prisoner who is in labour shall be taken to the public hospital.\n"
        "(2) Such prisoner may be placed in leg irons where the officer in charge so directs.",
    ],
)
def test_restraint_in_a_subsection_pointing_back_at_childbirth_conflicts(verdict, text: str) -> None:
    assert verdict(text, 24) == "conflict"


@pytest.mark.parametrize(
    "text",
    [
        "§ 12. (a) An inmate in labor shall be transported to a community hospital.\n"
        "(b) During such transport, no restraints shall be used.",
        # a separate section does not point back across the law
        "21. A prisoner who is in labour shall be removed to a hospital.\n"
        "22. While so employed, a prisoner may be handcuffed.",
        # a pronoun pointing back at a subsection that is not about childbirth
        "30. (1) A female prisoner shall be searched on admission.\n(2) She may be handcuffed during transfer.",
    ],
)
def test_a_ban_or_a_distant_section_is_no_conflict(verdict, text: str) -> None:
    assert verdict(text, 24) != "conflict"
