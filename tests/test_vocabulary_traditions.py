"""Harvested drafting vocabulary, proven at rule level: short regulations written for this test in
the words of several drafting traditions, each using a variant the vocabulary did not list before.

Each case names the variant it exercises. With the vocabulary as it stood before the harvest, six of
the nine cases turned silent; the other three already reached their rule through older terms and
stay here as guards.
"""

import pytest

CASES = [
    # (tradition, variant, rule, expected verdict, regulation text)
    (
        "US agency rule",
        "disciplinary detention",
        22,
        "conflict",
        "§ 61.4 Sanctions.\n\n(a) The hearing officer may impose one or more of the following sanctions:\n\n"
        "(1) disciplinary detention for up to 30 days;\n\n(2) a written reprimand.\n",
    ),
    (
        "US state code",
        "keeplock",
        22,
        "conflict",
        "Sec. 7. As a penalty for a violation, the superintendent may order an inmate to serve keeplock for a period not exceeding sixty days.\n",
    ),
    (
        "post-Soviet penal enforcement code",
        "long-term meeting",
        23,
        "conflict",
        "Article 40. Penalties\n\n1. The following penalties may be imposed on convicted women for violations of the regime:\n\n"
        "(a) deprivation of the next long-term meeting;\n\n(b) a reprimand.\n",
    ),
    (
        "post-Soviet penal enforcement code",
        "special means",
        24,
        "conflict",
        "Article 52. Special means may be applied to a convicted woman in labour where she resists the lawful demands of the administration.\n",
    ),
    (
        "South Asian jail manual",
        "mulaqat",
        23,
        "conflict",
        "Rule 820. The Superintendent may, as a jail punishment, stop the mulaqat of a prisoner for a period not exceeding one month.\n",
    ),
    (
        "Commonwealth prisons act (Africa)",
        "female prison officer",
        19,
        "partial",
        "27. A female prisoner shall be searched only by a female prison officer.\n",
    ),
    (
        "ASEAN regulation (Philippines)",
        "female personnel",
        19,
        "partial",
        "Section 14. Female PDL shall be searched only by female personnel.\n",
    ),
    (
        "South Asian jail manual",
        "made over to the care of",
        52,
        "conflict",
        "Rule 412. When the child of a female prisoner attains the age of six years it shall be made over to the care of a relative.\n",
    ),
    (
        "post-Soviet penal enforcement code",
        "children's home of the colony",
        49,
        "partial",
        "Article 100. Convicted women may keep their children under three years of age in the children's home of the colony.\n",
    ),
]


@pytest.mark.parametrize("tradition, variant, rule, expected, text", CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_variant_reaches_the_rule(verdict, tradition, variant, rule, expected, text):
    assert variant.lower() in text.lower()
    assert verdict(text, rule) == expected
