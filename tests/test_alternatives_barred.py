"""A non-custodial alternative barred for women, pregnant women or mothers conflicts with Rule 58;
a ban on refusing it, or a bar on other people, does not."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        # Latin American code
        "Article 166. House arrest may not be granted to a pregnant woman accused of drug trafficking.",
        # Commonwealth drug law
        "Section 9. Bail shall not be granted to a woman charged with an offence under this Act, whether or not "
        "she is pregnant or has dependent children.",
        # post-Soviet code
        "Article 82. Deferral of serving the sentence shall not apply to women convicted of grave crimes, even if "
        "they have children under fourteen.",
    ],
)
def test_an_alternative_barred_for_women_conflicts_with_rule_58(verdict, text: str) -> None:
    assert verdict(text, 58) == "conflict"


@pytest.mark.parametrize(
    "text",
    [
        "Section 9. A pregnant woman shall not be refused bail solely because of the nature of the charge.",
        "Article 166. House arrest may not be granted to a person who has escaped from custody.",
        "Article 20. Pregnant women and mothers of children under three may be granted house arrest instead of "
        "detention.",
    ],
)
def test_a_protected_or_unrelated_bar_is_no_conflict(verdict, text: str) -> None:
    assert verdict(text, 58) != "conflict"
