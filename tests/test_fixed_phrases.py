"""Words that name prisoners are neither restrictions nor decisions: "deprived of liberty"
restricts nothing, and "incarcerated mothers" are not a decision to imprison anyone."""

import pytest


@pytest.mark.parametrize(
    "text",
    [
        # A Latin American code in translation.
        "Article 12. Women deprived of liberty shall be held in the establishment nearest to their family home.",
        # A post-Soviet code in translation.
        "Article 73. Convicted women deprived of their liberty shall serve the sentence in the institution closest to their place of residence.",
    ],
    ids=["latin-american", "post-soviet"],
)
def test_deprived_of_liberty_names_prisoners_and_restricts_nothing(verdict, text):
    assert verdict(text, 4) == "partial"


@pytest.mark.parametrize(
    "text",
    [
        # A Latin American code in translation.
        "Article 46. Children may remain with their incarcerated mothers until they reach four years of age, "
        "and the technical council shall then assess, in the best interest of the child, whether to extend the stay.",
        # A US state statute.
        "Sec. 12. An incarcerated parent shall be allowed visits with her minor children, in the best interest of "
        "the children.",
    ],
    ids=["latin-american", "us-statute"],
)
def test_incarcerated_people_are_not_a_decision_to_imprison(verdict, text):
    assert verdict(text, 58) == "gap"
