"""Concept tagging: which words of a provision count as a vocabulary concept."""

import pytest

from linter.nlp.pipeline import build_pipeline


def _concepts(text: str) -> set[str]:
    return {hit.concept for hit in build_pipeline()(text)._.concepts}


def test_the_name_of_a_law_is_not_its_subject():
    assert "segregation" not in _concepts(
        "Funds are reduced for a State not in compliance with the End Solitary Confinement Act."
    )
    assert "segregation" not in _concepts("as required by the Solitary Confinement Reform Act of 2021")


def test_the_same_words_outside_a_name_still_count():
    assert "segregation" in _concepts("No woman shall be held in solitary confinement.")
    assert "segregation" in _concepts("Solitary confinement shall not be imposed on a pregnant woman.")
    assert "segregation" in _concepts("Solitary Confinement. A pregnant woman shall not be held in isolation.")


@pytest.mark.parametrize(
    "text, concept, present",
    [
        # Jail manuals: an officer's rounds are not family visits.
        ("Every female prisoner in hospital shall be visited by the medical officer daily.", "family_contact", False),
        ("A prisoner's family may visit her once a week.", "family_contact", True),
        # US codes: "her minor child" is the woman's child, not a girl prisoner or a minority.
        ("A woman may be accompanied by her minor child.", "juvenile", False),
        ("A woman may be accompanied by her minor child.", "minority", False),
        ("A minor shall not be held together with adults.", "juvenile", True),
        (
            "Article 12. Women belonging to a national minority shall receive information in their language.",
            "minority",
            True,
        ),
    ],
)
def test_sense_checks_for_polysemous_triggers(text, concept, present):
    found = _concepts(text)
    assert (concept in found) == present, found
