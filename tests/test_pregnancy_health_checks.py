"""Regular health checks of pregnant women are antenatal care (Rule 10) and the monitored health
programme of Rule 48, however a tradition words them; an examination before a punishment, or of
every prisoner on admission, is neither."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        # Pacific and Commonwealth orders
        "12. The medical officer shall examine every pregnant prisoner monthly until the seventh month and weekly "
        "thereafter.",
        # South Asian jail manual
        "Rule 231. Every pregnant prisoner shall be examined by the lady medical officer once a fortnight and her "
        "weight recorded.",
        # US agency directive
        "§ 3. Pregnant inmates shall receive regular prenatal check-ups from a qualified provider.",
        # post-Soviet code
        "Article 97. The health of every pregnant convicted woman shall be monitored by the medical unit until "
        "delivery.",
    ],
)
def test_regular_checks_of_pregnant_women_put_rules_10_and_48_in_part(verdict, text: str) -> None:
    assert (verdict(text, 10), verdict(text, 48)) == ("partial", "partial")


@pytest.mark.parametrize(
    "text",
    [
        "Every prisoner shall be examined by the medical officer on admission.",
        "No pregnant prisoner shall be punished with cellular confinement unless examined by the medical officer "
        "and certified fit.",
        "The Board shall examine every complaint made by a pregnant prisoner within seven days.",
    ],
)
def test_other_examinations_stay_silent(verdict, text: str) -> None:
    assert (verdict(text, 10), verdict(text, 48)) == ("gap", "gap")
