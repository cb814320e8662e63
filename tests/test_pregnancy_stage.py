"""An exemption from punitive segregation limited to a stage of pregnancy ("the last three
months", "an advanced stage", "more than 20 weeks pregnant") leaves women earlier in pregnancy
punishable: Rule 22 stays in conflict. An exemption for all pregnant women answers it."""

from __future__ import annotations

import pytest

POST_SOVIET = (
    "Article 115. Disciplinary measures\n"
    "1. The following measures may be applied to convicted women: a) a reprimand; b) transfer to a punishment "
    "cell for up to fifteen days.\n"
    "2. Transfer to a punishment cell shall not be applied to {who} or to women with children under one year."
)
SOUTH_ASIAN = (
    "Rule 630. Separate confinement for a period not exceeding fourteen days may be awarded as a punishment.\n"
    "Rule 632. No female prisoner {who} or nursing a child shall be sentenced to separate confinement."
)
AUSTRALIAN = (
    "Section 40. (1) Segregation may be imposed as a disciplinary sanction for up to 20 days.\n"
    "(2) A prisoner who is {who}, or who is breastfeeding, shall not be segregated as a sanction."
)


@pytest.mark.parametrize(
    "text",
    [
        POST_SOVIET.format(who="women in the last three months of pregnancy"),
        SOUTH_ASIAN.format(who="in an advanced stage of pregnancy"),
        AUSTRALIAN.format(who="more than 20 weeks pregnant"),
    ],
)
def test_an_exemption_for_late_pregnancy_only_leaves_the_conflict(verdict, text: str) -> None:
    assert verdict(text, 22) == "conflict"


@pytest.mark.parametrize(
    "text",
    [
        POST_SOVIET.format(who="pregnant women"),
        SOUTH_ASIAN.format(who="who is pregnant"),
        AUSTRALIAN.format(who="pregnant"),
    ],
)
def test_an_exemption_for_every_pregnant_woman_answers_it(verdict, text: str) -> None:
    assert verdict(text, 22) == "covered"
