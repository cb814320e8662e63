"""Family contact a prisoner keeps through a punishment ("convicts held in a punishment cell retain the
right to correspondence", "shall continue to receive visits") puts Rule 23 into effect."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        # post-Soviet code
        "Article 118(4). Convicts held in a punishment cell retain the right to correspondence and to telephone "
        "calls with relatives.",
        # Westminster rules
        "Rule 62. A prisoner undergoing punishment shall continue to receive visits from members of her family.",
    ],
)
def test_contact_kept_through_a_punishment_implements_rule_23(verdict, text: str) -> None:
    assert verdict(text, 23) == "covered"


def test_contact_taken_away_is_still_a_conflict(verdict) -> None:
    text = "Rule 62. A prisoner undergoing punishment shall not continue to receive visits from her family."
    assert verdict(text, 23) == "conflict"
