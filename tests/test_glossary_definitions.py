"""Glossary entries with a capitalised term ("Infant – a child under the age of three years",
Pacific regulations and post-Soviet translations) are definitions; a caption followed by a rule
("Searches – a prisoner may be searched ...") is not."""

from __future__ import annotations

import pytest

from linter.definitions import is_definition


@pytest.mark.parametrize(
    "text",
    [
        "Infant – a child under the age of three years.",
        "Convicted Person — a person in respect of whom a sentence has entered into force.",
    ],
)
def test_a_capitalised_glossary_entry_is_a_definition(text: str) -> None:
    assert is_definition(text)


@pytest.mark.parametrize(
    "text",
    ["Searches – a prisoner may be searched at any time.", "Visits — a prisoner shall receive visits weekly."],
)
def test_a_caption_before_a_rule_is_not(text: str) -> None:
    assert not is_definition(text)


def test_the_defined_young_age_limits_the_stay(verdict) -> None:
    text = (
        "2. Infant – a child under the age of three years.\n"
        "14. A woman may keep her infant with her in the mother and child unit."
    )
    assert verdict(text, 52) == "conflict"
