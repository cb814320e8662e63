"""'X shall not apply to Y': when X is an act (a punishment, a restraint) the act is banned for
Y; when X names a rule or provision ("the prohibition", "section 5") that rule is switched off
for Y, which re-permits what it forbade."""

import pytest


@pytest.mark.parametrize(
    "text",
    [
        # A post-Soviet penal enforcement code: the list of penalties, then who is exempt from one.
        "Article 61. Penalties\n1. A warning, a fine or placement in a punishment cell for up to ten days may be imposed on convicts.\n"
        "2. Placement in a punishment cell shall not apply to pregnant convicts or to convicts who are breastfeeding or have a child under three.",
        # A Commonwealth (Pacific) regulation: the same exemption in Westminster words.
        "14. (1) The officer in charge may award cellular confinement for up to 7 days.\n"
        "(2) Cellular confinement does not apply to a prisoner who is pregnant, who is nursing an infant or who has recently given birth.",
    ],
    ids=["post-soviet", "pacific"],
)
def test_an_act_disapplied_for_pregnant_and_nursing_women_is_an_exemption_not_a_conflict(verdict, text):
    assert verdict(text, 22) in ("covered", "partial")


@pytest.mark.parametrize(
    "text",
    [
        # Westminster: the ban is switched off for some women, so restraint is allowed for them.
        "31. (1) No restraint shall be used on a pregnant prisoner during labour.\n"
        "(2) The prohibition in paragraph (1) shall not apply to a prisoner who is violent.",
        # US agency directive: a subsection disapplied.
        "Sec. 5. (a) Restraints shall not be used on an inmate during labor or delivery.\n"
        "(b) Subsection (a) does not apply to an inmate in labor who presents an immediate risk of escape.",
    ],
    ids=["westminster", "us-directive"],
)
def test_a_rule_disapplied_for_some_women_re_permits_the_act(verdict, text):
    assert verdict(text, 24) == "conflict"
