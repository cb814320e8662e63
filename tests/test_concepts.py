"""Concept tagging: which words of a provision count as a vocabulary concept."""

from linter.nlp.pipeline import build_pipeline


def _concepts(text: str) -> set[str]:
    return {hit.concept for hit in build_pipeline()(text)._.concepts}


def test_the_name_of_a_law_is_not_its_subject():
    assert "segregation" not in _concepts("Funds are reduced for a State not in compliance with the End Solitary Confinement Act.")
    assert "segregation" not in _concepts("as required by the Solitary Confinement Reform Act of 2021")


def test_the_same_words_outside_a_name_still_count():
    assert "segregation" in _concepts("No woman shall be held in solitary confinement.")
    assert "segregation" in _concepts("Solitary confinement shall not be imposed on a pregnant woman.")
    assert "segregation" in _concepts("Solitary Confinement. A pregnant woman shall not be held in isolation.")
