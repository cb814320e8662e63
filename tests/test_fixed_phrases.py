"""Set phrases that contain a marker's words but are none: "deprived of liberty" names
prisoners; it restricts nothing."""

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
