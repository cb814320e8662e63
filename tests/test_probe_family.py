"""Family, children and admission rules read in the wording of several drafting traditions.

Short regulations written for this test (a probe campaign on Bangkok Rules 2, 3, 28, 42, 49,
50 and 52). Each phenomenon is shown in two traditions, with a counter-case that must stay as it is: a
modifier inside a phrase ("their incarcerated mothers"), a child kept "with her" after its age, an
age limit written as a length of stay, a best-interests extension written in the singular ("the
interest of the child"), the child who "is not an inmate", arrangements for a child on reception,
personal files, extended visits, a mother's time with her child, work adjusted for mothers and
alternative care.
"""

import pytest

from linter.nlp.pipeline import build_pipeline

CASES = [
    # (tradition, phenomenon, rule, expected verdict, regulation text)
    # A status word inside a phrase does not change who is meant.
    (
        "US statute",
        "modifier inside a stay phrase",
        52,
        "conflict",
        "Sec. 4. Children may remain with their incarcerated mothers until the age of three.\n",
    ),
    (
        "Westminster rules",
        "modifier inside a stay phrase",
        52,
        "conflict",
        "9. A woman prisoner may have her infant child with her until the child is eighteen months old.\n",
    ),
    # The age stands between the child and "with her".
    (
        "Latin American code",
        "keep her children <age> with her",
        52,
        "conflict",
        "Article 195. An imprisoned mother may keep her children younger than four years of age with her in the establishment.\n",
    ),
    (
        "US agency rule",
        "keep her infant in a nursery",
        49,
        "partial",
        "§ 611. The department shall establish a nursery in which an inmate may keep her infant born in custody.\n",
    ),
    (
        "Commonwealth prisons act (Africa)",
        "received into the prison with its mother",
        49,
        "partial",
        "27. The infant child of a woman prisoner may be received into the prison with its mother.\n",
    ),
    (
        "South Asian jail manual",
        "admitted in jail with her",
        49,
        "partial",
        "Rule 963. A child of a woman prisoner may be admitted in jail with her where no relative can care for it.\n",
    ),
    (
        "Australian act",
        "reside with its parent",
        52,
        "conflict",
        "Sec. 26. A child under four years of age may reside with its parent in a correctional centre.\n",
    ),
    (
        "Pacific corrections order",
        "accompany its mother",
        52,
        "conflict",
        "14. A child under the age of two years may accompany its mother into prison.\n",
    ),
    # The limit written as a length of stay.
    (
        "ASEAN regulation",
        "stay for up to one year",
        52,
        "conflict",
        "Section 12. A child born in the jail may stay with the mother for up to one year.\n",
    ),
    (
        "US state code",
        "remain in the nursery for up to 18 months",
        52,
        "conflict",
        "§ 20-8. An infant may remain in the nursery for up to 18 months.\n",
    ),
    # An extension in the interest of the child saves a default age.
    (
        "civil-law code",
        "a longer stay in the interest of the child",
        52,
        "partial",
        "Article 34. Children may live with their mothers in the establishment until they reach the age of three. "
        "The judge of execution may exceptionally authorise a longer stay when the interest of the child so requires.\n",
    ),
    (
        "post-Soviet penal enforcement code",
        "prolong the stay",
        52,
        "partial",
        "Article 100. (1) A child may live in the children's home of the colony until it reaches three years of age.\n\n"
        "(2) The administration may prolong the stay where an individual assessment of the child so requires.\n",
    ),
    # The child is not a prisoner.
    (
        "US agency rule",
        "is not an inmate",
        49,
        "partial",
        "(c) A child under this section is not an inmate.\n",
    ),
    (
        "South Asian jail manual",
        "treated as under-trials or convicts",
        49,
        "partial",
        "Rule 12. Children in jail with their mothers shall not be treated as under-trials or convicts.\n",
    ),
    # Arrangements for children on reception, and suspension of the sentence.
    (
        "Westminster rules",
        "arrangements for the care of that child",
        2,
        "partial",
        "5. On reception, a prisoner who has the care of a child shall be given the opportunity to make "
        "arrangements for the care of that child.\n",
    ),
    (
        "civil-law code",
        "postponement of execution",
        2,
        "partial",
        "Article 16. Execution of a prison sentence may be postponed for a woman who is pregnant or is the "
        "mother of a child under twenty-four months.\n",
    ),
    # Recording children.
    (
        "post-Soviet penal enforcement code",
        "personal file with information on her children",
        3,
        "partial",
        "Article 74. The personal file of a convicted woman shall contain information on her minor children "
        "and the persons who have custody of them.\n",
    ),
    (
        "civil-law code",
        "information about her children recorded",
        3,
        "partial",
        "Article 18. On entry, information about her children shall be recorded in the admission register.\n",
    ),
    # Extended contact and holding the mother during visits.
    (
        "Canadian directive",
        "private family visits with children",
        28,
        "partial",
        "12. An inmate is eligible for private family visits of up to 72 hours with the inmate's children.\n",
    ),
    (
        "Westminster rules",
        "hold their mother",
        28,
        "partial",
        "34. Children visiting their mothers shall be allowed to sit with and hold their mother during the visit.\n",
    ),
    # Time with the child in prison.
    (
        "US agency rule",
        "care for their infants",
        50,
        "partial",
        "(d) Mothers in the nursery unit shall be exempt from work assignments so that they can care for their infants.\n",
    ),
    (
        "post-Soviet penal enforcement code",
        "be with their children",
        50,
        "partial",
        "Article 100(4). Convicted women whose children are in the children's home of the colony may be with their "
        "children in their free time.\n",
    ),
    # The work regime adjusted for pregnant women and mothers (Rule 42(2)).
    (
        "Pacific corrections order",
        "not directed to work",
        42,
        "partial",
        "3.3 Pregnant women must not be directed to work two months before and three months after delivery.\n",
    ),
    (
        "post-Soviet penal enforcement code",
        "released from work",
        42,
        "partial",
        "Article 104. Pregnant women and nursing mothers shall be released from work for the period set by labour law.\n",
    ),
    # Alternative care before the child leaves.
    (
        "civil-law code",
        "foster family",
        52,
        "partial",
        "Article 43. Before a child leaves the prison, the social worker shall arrange for its care in a foster family "
        "chosen in consultation with the mother.\n",
    ),
    (
        "South Asian jail manual",
        "care by relatives",
        52,
        "partial",
        "Rule 414. Before a child is sent out of the jail, the Superintendent shall ensure its care by relatives "
        "nominated by the mother.\n",
    ),
]

COUNTER_CASES = [
    # (what must not be read, rule, expected verdict, regulation text)
    (
        "detained children are child prisoners, not prisoners' children",
        13,
        "gap",
        "4016. Monitors shall consult experts on trauma-sensitive engagement with detained children, "
        "so as to reduce their distress.\n",
    ),
    (
        "keeping children informed is not a stay",
        49,
        "gap",
        "7. A prisoner may keep her children informed of her release date.\n",
    ),
    (
        "a fixed age with no extension stays a conflict",
        52,
        "conflict",
        "Article 34. Children may live with their mothers in the establishment until they reach the age of three.\n",
    ),
    (
        "an adult prisoner clause is not the child-not-a-prisoner rule",
        49,
        "gap",
        "A person under 18 years of age shall not be treated as an adult prisoner.\n",
    ),
    (
        "work assigned as a sanction is not a flexible regime",
        42,
        "gap",
        "A pregnant prisoner who refuses work assignments shall be liable to forfeiture of privileges.\n",
    ),
    (
        "a postponed hearing is not a postponed sentence",
        2,
        "gap",
        "The hearing may be postponed at the request of the woman.\n",
    ),
    (
        "long-term visits that do not name children are not Rule 28",
        28,
        "gap",
        "Article 89. Convicted persons are entitled to long-term visits of up to three days with close relatives.\n",
    ),
    (
        "a length of segregation is not a child's age",
        52,
        "gap",
        "Rule 40. A prisoner may be held apart from others for up to one year.\n",
    ),
]


@pytest.mark.parametrize("tradition, phenomenon, rule, expected, text", CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_tradition_wording_reaches_the_rule(verdict, tradition, phenomenon, rule, expected, text):
    assert verdict(text, rule) == expected


@pytest.mark.parametrize("what, rule, expected, text", COUNTER_CASES, ids=[c[0] for c in COUNTER_CASES])
def test_counter_case_keeps_its_reading(verdict, what, rule, expected, text):
    assert verdict(text, rule) == expected


def test_person_modifier_is_skipped_only_before_its_nouns():
    nlp = build_pipeline()

    def concepts(text: str) -> set[str]:
        return {hit.concept for hit in nlp(text)._.concepts}

    assert "child_stay" in concepts("Children may remain with their incarcerated mothers.")
    assert "child" in concepts("The records shall list her minor children.")
    # "detained" is a status of the prisoner: before "children" it is not skipped ("women with children").
    assert "with_child" not in concepts("Monitors shall consult on engagement with detained children.")
