"""Staff, visits, release and research rules read in the wording of several drafting traditions.

Short regulations written for this test (a probe campaign on Bangkok Rules 29-35, 43-47 and
67-70). Each phenomenon is shown in two traditions, with a counter-case that must stay as it is:
staff sexual misconduct rules for all prisoners (Rule 31), training of all staff on suicide and
mental health (Rule 35), family visits for all prisoners (Rule 43), visitors the prisoner names
(Rule 44), leave from a colony-settlement or an open regime (Rule 45), preparation for release
(Rule 46), help for persons released (Rule 47), evaluation of programmes for women (Rule 69) and
training on the Bangkok Rules themselves (Rule 70). Gender-neutral clauses are partial for rules in
the labelling convention's scope, and silent where they only share a word with the rule.
"""

import pytest

CASES = [
    # (tradition, phenomenon, rule, expected verdict, regulation text)
    (
        "US agency directive",
        "staff sexual misconduct with any inmate",
        31,
        "partial",
        "§ 5-12. No employee or volunteer of the department shall engage in sexual harassment of an inmate.\n",
    ),
    (
        "post-Soviet code",
        "staff sexual misconduct with any inmate",
        31,
        "partial",
        "Article 21. Employees of the colony are prohibited from entering into intimate relations with convicts.\n",
    ),
    (
        "US state regulation",
        "training of all staff on suicide",
        35,
        "partial",
        "Sec. 3. Every detention officer shall complete annual training in suicide prevention.\n",
    ),
    (
        "Commonwealth prison rules",
        "training of all staff on mental disorder",
        35,
        "partial",
        "19. Prison officers shall be trained to recognise prisoners who show signs of mental disorder.\n",
    ),
    (
        "post-Soviet code",
        "family visits for all prisoners",
        43,
        "partial",
        "Article 77. Convicts are entitled to long-term visits of up to three days with parents and spouses.\n",
    ),
    (
        "South Asian jail manual",
        "family visits for all prisoners",
        43,
        "partial",
        "611. A prisoner shall be allowed an interview with his relatives once a fortnight.\n",
    ),
    (
        "post-Soviet code",
        "visitors the prisoner names",
        44,
        "partial",
        "Article 78. Short-term visits shall be granted with the persons named by the convict.\n",
    ),
    (
        "post-Soviet code",
        "leave from a colony-settlement",
        45,
        "partial",
        "Article 96. Convicts serving their sentence in a colony-settlement may be permitted short-term leave.\n",
    ),
    (
        "Latin American code",
        "open regime",
        45,
        "partial",
        "Article 70. A convict who has served half of the sentence may be admitted to the open regime.\n",
    ),
    (
        "post-Soviet code",
        "preparation for release",
        46,
        "partial",
        "Article 173. The administration shall begin preparing the convict for release six months "
        "before the end of the sentence.\n",
    ),
    (
        "Commonwealth prisons act",
        "preparation for release",
        46,
        "partial",
        "45. The officer in charge shall make arrangements for the preparation for release of every prisoner.\n",
    ),
    (
        "post-Soviet code",
        "help for persons released",
        47,
        "partial",
        "Article 181. Persons released from places of deprivation of liberty shall be entitled to assistance "
        "with housing and employment.\n",
    ),
    (
        "US statute",
        "evaluation of programmes for women",
        69,
        "covered",
        "Sec. 21. The Commissioner shall publish every two years a review of trends in offending by women "
        "and of the effectiveness of programmes for women offenders.\n",
    ),
    (
        "civil-law code",
        "training on the Bangkok Rules",
        70,
        "partial",
        "Article 15. The Judicial School shall train judges and prosecutors on the Bangkok Rules.\n",
    ),
    (
        "US statute",
        "training on the Bangkok Rules",
        70,
        "partial",
        "Sec. 22. The Attorney General shall provide training for correctional officers on the United Nations "
        "Rules for the Treatment of Women Prisoners.\n",
    ),
]

COUNTER_CASES = [
    # (what must not be read, rule, expected verdict, regulation text)
    (
        "a use-of-force limit is not a staff sexual misconduct rule",
        31,
        "gap",
        "Article 30. Officers shall not use physical force against a convict beyond what is necessary.\n",
    ),
    (
        "harassment of women staff is not abuse of women prisoners",
        31,
        "gap",
        "Sec. 9. The Commissioner shall maintain a policy that prohibits sexual harassment against female "
        "employees of the Department.\n",
    ),
    (
        "a sexual act in a list of prisoners' offences is not staff conduct",
        31,
        "gap",
        "No prisoner may be placed in segregation unless the prisoner compelled another person to engage in a "
        "sexual act, creating a risk of injury to staff.\n",
    ),
    (
        "a doctor's instructions are not staff training",
        35,
        "gap",
        "44. The medical officer shall give instructions for the observation of a prisoner at risk of suicide.\n",
    ),
    (
        "leave to visit relatives is not a visit received",
        43,
        "gap",
        "Article 97. Convicts held in colony-settlements may be permitted to travel outside the colony to "
        "visit relatives.\n",
    ),
    (
        "letters are not visits",
        43,
        "gap",
        "Article 91. Convicts may write letters to members of their family without limit.\n",
    ),
    (
        "clothing on discharge is not support after release",
        47,
        "gap",
        "71. On discharge every prisoner shall receive the prisoner's own clothing and a travel warrant.\n",
    ),
    (
        "training on other standards is not training on the Bangkok Rules",
        70,
        "gap",
        "Sec. 23. Correctional officers shall be trained on the Standard Minimum Rules for the Treatment of "
        "Prisoners.\n",
    ),
]


@pytest.mark.parametrize("tradition, phenomenon, rule, expected, text", CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_tradition_wording_reaches_the_rule(verdict, tradition, phenomenon, rule, expected, text):
    assert verdict(text, rule) == expected


@pytest.mark.parametrize("what, rule, expected, text", COUNTER_CASES, ids=[c[0] for c in COUNTER_CASES])
def test_counter_case_keeps_its_reading(verdict, what, rule, expected, text):
    assert verdict(text, rule) == expected
