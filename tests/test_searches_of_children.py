"""Searches of children: who is searched decides the rule. A woman officer who searches a child
is staff, not the woman Rule 19 protects; a mother present at her child's search is one of Rule
21's safeguards."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        # Pacific corrections order
        "Children may be searched by a female corrections officer in the presence of the mother.",
        # post-Soviet code
        "Article 33. Searches of children residing in the children's home of the colony shall be carried out by "
        "female staff with the mother present.",
    ],
)
def test_a_childs_search_with_the_mother_present_addresses_rule_21(verdict, text: str) -> None:
    assert verdict(text, 21) in ("partial", "covered")


@pytest.mark.parametrize(
    "text",
    [
        "Children may be searched by a female corrections officer.",
        "Section 14. Visiting children shall be searched only by female officers.",
    ],
)
def test_a_woman_officer_searching_children_is_not_rule_19(verdict, text: str) -> None:
    assert verdict(text, 19) == "gap"


@pytest.mark.parametrize(
    "text",
    [
        "Female prisoners shall be searched by female officers.",
        "Rule 41. A woman prisoner shall be searched only by a female officer.",
    ],
)
def test_women_searched_by_women_officers_is_still_rule_19(verdict, text: str) -> None:
    assert verdict(text, 19) == "partial"


def test_the_mother_merely_told_of_the_search_is_no_safeguard(verdict) -> None:
    assert verdict("Children may be searched; the mother shall be informed of the search.", 21) == "gap"
