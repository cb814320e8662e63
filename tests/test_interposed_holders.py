"""Whose meetings, letters or calls they are, named between the word and its "with".

Post-Soviet codes, civil-law translations and ASEAN regulations write "meetings of convicted
persons with close relatives", "communication of PDL with their families": read as "meetings
with close relatives" (patterns/drafting.yaml, `interposed_holders`). Each clause below was
silent before; the look-alikes must stay silent.
"""

from __future__ import annotations

import pytest

from linter.nlp.doc_values import value
from linter.nlp.pipeline import build_pipeline


@pytest.mark.parametrize(
    "text",
    [
        # post-Soviet penal enforcement code
        "Article 89. Meetings\n1. Meetings of convicted persons with close relatives shall be granted at least "
        "once every two months.",
        # Latin American penitentiary code in translation
        "Article 61. Communications of persons deprived of liberty with their families by telephone shall be "
        "guaranteed by the establishment.",
        # ASEAN jail regulation
        "Section 12. Communication of PDL with their families shall be facilitated by the warden.",
    ],
)
def test_family_contact_with_its_holder_named_puts_rule_26_in_part(verdict, text: str) -> None:
    assert verdict(text, 26) == "partial"


def test_contact_taken_away_with_its_holder_named_conflicts_with_rule_23(verdict) -> None:
    text = (
        "Article 115. Disciplinary measures\n"
        "1. The following measures may be applied to convicted persons: a) a reprimand; b) placement in a "
        "penalty isolator for up to 15 days.\n"
        "2. While the penalty is served, meetings of the convicted person with relatives shall be prohibited."
    )
    assert verdict(text, 23) == "conflict"


@pytest.mark.parametrize(
    "text",
    [
        "Meetings of convicted persons with their defence lawyer shall be held in private.",
        "Article 15. Searches of prisoners with the use of technical means are permitted.",
        "Meetings of convicted persons shall be held in the visiting room under supervision.",
    ],
)
def test_look_alikes_stay_silent(verdict, text: str) -> None:
    assert verdict(text, 26) == "gap"


def test_the_phrase_is_left_out_only_before_its_with() -> None:
    nlp = build_pipeline()
    hits = lambda text: {h.concept for h in value(nlp(text), "concepts")}  # noqa: E731
    assert "family_visit" in hits("Meetings of detainees and arrestees with close relatives are allowed.")
    # Not people in custody: the words between stay, and no meeting with relatives is read.
    assert "family_visit" not in hits("Meetings of the board with close relatives are recorded.")


def test_deprived_of_liberty_is_no_deprivation_of_contact() -> None:
    doc = build_pipeline()("Persons deprived of liberty may receive letters.")
    assert "contact_withdrawal" not in {h.concept for h in value(doc, "concepts")}
