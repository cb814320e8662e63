"""Words that stand for an act named before them ("so punished", "no such punishment", "this
measure") carry that act: a ban on "such punishment" for pregnant women is a ban on the
punishment the law just listed."""

import pytest


@pytest.mark.parametrize(
    "text",
    [
        # A South Asian jail manual: the reference in the same paragraph, after a semicolon.
        "Para 512. Solitary confinement for not more than seven days may be awarded for a jail offence; "
        "but no female prisoner who is pregnant or nursing an infant shall be so punished.",
        # Westminster rules: the reference in the next paragraph.
        "41. (1) The governor may award cellular confinement for a period not exceeding three days.\n"
        "(2) No such punishment shall be awarded to a prisoner who is pregnant, breastfeeding or has her baby with her.",
        # A post-Soviet code in translation: "this measure".
        "Article 104. Placement in a disciplinary isolator for up to ten days may be applied to convicted persons.\n"
        "Article 105. This measure shall not be applied to pregnant women or women who are breastfeeding.",
    ],
    ids=["south-asian-manual", "westminster", "post-soviet"],
)
def test_a_ban_on_the_referred_act_exempts_pregnant_and_nursing_women(verdict, text):
    assert verdict(text, 22) in ("covered", "partial")


def test_a_reference_that_exempts_no_one_leaves_the_conflict(verdict):
    text = (
        "41. (1) The governor may award cellular confinement for a period not exceeding three days.\n"
        "(2) Every such punishment shall be recorded in the punishment book."
    )
    assert verdict(text, 22) == "conflict"
