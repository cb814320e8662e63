"""An element can be put into effect in more than one way (`alternatives` in a rule file): a ban
on searches of women by men says what "women are searched only by women" says."""

import pytest

from linter.patterns import load_patterns


@pytest.mark.parametrize(
    "text",
    [
        # Westminster and Commonwealth prison rules.
        "27. No female prisoner shall be searched by a male officer.",
        # A Scottish-style rule, and US statutes, name the officer's sex by contrast.
        "41.—(1) A female prisoner must not be strip searched by an officer of the opposite sex.",
    ],
    ids=["westminster", "opposite-sex"],
)
def test_a_ban_on_searches_by_men_puts_the_same_sex_element_into_effect(verdict, text):
    assert verdict(text, 19) == "partial"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("27. No male prisoner shall be searched by a female officer.", "gap"),  # about men: silent
        ("27. A female prisoner may be searched by a male officer in an emergency.", "conflict"),
    ],
)
def test_the_alternative_does_not_change_other_readings(verdict, text, expected):
    assert verdict(text, 19) == expected


def test_an_alternative_is_the_same_element_with_its_own_condition_and_stance():
    element = next(c for c in load_patterns().rules[19].elements if c.id == "searched-by-women-staff")
    [alternative] = element.alternatives
    assert (alternative.id, alternative.description, alternative.key) == (element.id, element.description, element.key)
    assert alternative.stance == ("forbid",) and element.stance == ("require",)
    assert element.ways() == (element, alternative)
