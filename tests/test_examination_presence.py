"""Custody staff present at medical examinations as a rule contradicts Rule 11(1), which lets only
the doctor (or the woman) bring a non-medical person in."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        # South Asian jail manual
        "145. A warder shall be present whenever the medical officer examines a prisoner.",
        # US agency directive
        "§ 6. Custody staff shall maintain sight and sound supervision of the inmate during medical examinations "
        "and treatment.",
        # post-Soviet code in translation
        "Article 73. Medical examinations of detainees are carried out in the presence of a representative of the "
        "administration.",
        # ASEAN jail manual
        "Section 19. The escorting officers shall remain in the examination room during any medical examination "
        "of a PDL.",
    ],
)
def test_custody_staff_at_every_examination_conflicts_with_rule_11(verdict, text: str) -> None:
    assert verdict(text, 11) == "conflict"


@pytest.mark.parametrize(
    "text",
    [
        "145. No warder shall be present while the medical officer examines a prisoner.",
        "An officer may be present during a medical examination at the request of the doctor.",
        "16(3). Only health practitioners may be present during a medical examination, unless the practitioner "
        "asks for a staff member to be present for security reasons.",
        "When a male doctor examines a female prisoner, a female officer shall be present if she so requests.",
        "An escorting officer shall remain with the prisoner at all times during the escort.",
    ],
)
def test_the_doctors_call_the_womans_wish_or_an_escort_without_examination_is_no_conflict(verdict, text) -> None:
    assert verdict(text, 11) != "conflict"
