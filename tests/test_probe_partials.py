"""Partial and addressed judgements on unseen laws, read in the wording of several drafting traditions.

Short regulations written for this test (a probe campaign on kinds of miss seen on laws the
linter had not been tuned on). Each phenomenon is shown in two traditions, with counter-cases
that must keep their reading:

1. gender-neutral clauses that put part of a rule into effect for all prisoners are partial
   (entry examination R6, allocation near the family R4, care of prisoners at risk of suicide
   R16, sentence or correctional plans R40-R41, staff sexual misconduct R31);
2. clauses that only share a word with a rule stay silent (training for prisoners is not staff
   training, R29);
3. a clause that implements one part of a rule is partial, not covered (R16, R33);
4. lettered items under a lead-in put a rule into effect together (R6, R49);
5. a duty of staff to report a prisoner's pregnancy is not a woman's compelled disclosure (R8).
"""

import pytest

CASES = [
    # (tradition, phenomenon, rule, expected verdict, regulation text)
    (
        "Australian state regulation",
        "health assessment of every inmate on reception",
        6,
        "partial",
        "12. A health assessment of each inmate must be carried out by a registered nurse within 24 hours of "
        "the inmate being received into a correctional centre.\n",
    ),
    (
        "ASEAN regulation",
        "health assessment of every inmate on reception",
        6,
        "partial",
        "Regulation 12. Every prisoner shall undergo a medical check-up on the day of his admission to prison.\n",
    ),
    (
        "post-Soviet code",
        "allocation near the family for all prisoners",
        4,
        "partial",
        "Article 73. Convicts sentenced to deprivation of liberty shall serve their sentence in correctional "
        "institutions within the region where they lived before conviction.\n",
    ),
    (
        "Caribbean act",
        "allocation near the family for all prisoners",
        4,
        "partial",
        "18. The Commissioner shall, so far as practicable, assign each prisoner to the institution closest to "
        "the home of the prisoner's family.\n",
    ),
    (
        "Commonwealth African act",
        "allocation near the family for all prisoners",
        4,
        "partial",
        "36. The Commissioner-General shall, where possible, allocate an inmate to a correctional centre close to "
        "the place where the inmate's family resides.\n",
    ),
    (
        "Australian state regulation",
        "allocation near the family for all prisoners",
        4,
        "partial",
        "27. In deciding where an inmate is to be held, the Commissioner must have regard to the desirability of "
        "the inmate being held close to the inmate's family.\n",
    ),
    (
        "Westminster prison rules",
        "care plan for every prisoner at risk of suicide",
        16,
        "partial",
        "34. The governor shall ensure that any prisoner identified as being at risk of suicide or self-harm is "
        "managed under a care plan and given such support as is required.\n",
    ),
    (
        "US agency directive",
        "care plan for every prisoner at risk of suicide",
        16,
        "partial",
        "§ 7.4. Each facility shall maintain a suicide prevention program that identifies inmates at risk of "
        "suicide or self-harm and provides them with appropriate intervention.\n",
    ),
    (
        "Australian state regulation",
        "care plan for every prisoner at risk of suicide",
        16,
        "partial",
        "55. The general manager must ensure that an at-risk management plan is prepared for any inmate who is "
        "assessed as being at risk of self-harm.\n",
    ),
    (
        "South Asian jail manual",
        "care plan for every prisoner at risk of suicide",
        16,
        "partial",
        "718. Prisoners showing suicidal tendencies shall be kept under special watch, and the Medical Officer "
        "shall arrange for their counselling and treatment to prevent suicide.\n",
    ),
    (
        "Canadian Commissioner's Directive",
        "sentence planning by needs for all prisoners",
        41,
        "partial",
        "15. A Correctional Plan will be developed for each offender, based on the intake assessment of the "
        "offender's risk and needs.\n",
    ),
    (
        "civil-law code",
        "sentence planning by needs for all prisoners",
        41,
        "partial",
        "Article 24. An individual treatment programme shall be drawn up for each sentenced person after "
        "observation of the person's personality and needs.\n",
    ),
    (
        "post-Soviet code",
        "classification by needs for all prisoners",
        40,
        "partial",
        "Article 82. Convicts shall be distributed among units on the basis of their personality, the nature of "
        "the offence and their needs for education and treatment.\n",
    ),
    (
        "Westminster prison rules",
        "staff sexual misconduct as an offence",
        31,
        "partial",
        "62. An officer who has sexual intercourse with a prisoner, or who makes a sexual advance towards a "
        "prisoner, commits a disciplinary offence.\n",
    ),
    (
        "Commonwealth African act",
        "staff sexual misconduct as an offence",
        31,
        "partial",
        "55. Any officer who commits an act of sexual harassment against an inmate is guilty of misconduct and "
        "liable to dismissal.\n",
    ),
    (
        "Australian state regulation",
        "staff sexual misconduct forbidden",
        31,
        "partial",
        "70. A correctional officer must not engage in sexual conduct with an inmate.\n",
    ),
    (
        "Canadian Commissioner's Directive",
        "training for prisoners is not staff training",
        29,
        "gap",
        "14. Women offenders will receive employment training to support their reintegration into the community.\n",
    ),
    (
        "ASEAN regulation",
        "training for prisoners is not staff training",
        29,
        "gap",
        "Regulation 71. Female prisoners shall receive training for employment to assist their reintegration "
        "into society.\n",
    ),
    (
        "civil-law code",
        "devices in place of searches that require undressing",
        20,
        "partial",
        "Article 40. Electronic detection devices shall be used in place of searches that require the detainee "
        "to undress.\n",
    ),
    (
        "Caribbean act",
        "training on women's health alone is not training on their needs and rights",
        33,
        "partial",
        "91. Officers posted to the women's prison shall receive training on the health needs of pregnant women.\n",
    ),
    (
        "US agency directive",
        "training on women's health alone is not training on their needs and rights",
        33,
        "partial",
        "§ 30. Correctional staff at women's facilities shall be trained on the medical needs of pregnant inmates.\n",
    ),
    (
        "US agency directive",
        "lettered screening items on entry",
        6,
        "covered",
        "§ 3.1 Intake screening of female inmates. Within 24 hours of booking, medical staff shall screen each "
        "female inmate for:\n"
        "(1) sexually transmitted infections and blood-borne diseases, offering voluntary HIV testing with pre- "
        "and post-test counselling;\n"
        "(2) mental health needs, including post-traumatic stress disorder and suicide and self-harm risk;\n"
        "(3) reproductive health history, including recent pregnancy and childbirth;\n"
        "(4) substance dependency; and\n"
        "(5) history of sexual abuse and domestic violence.\n",
    ),
    (
        "US agency directive",
        "a screening item on suicide risk is no prevention strategy",
        16,
        "gap",
        "§ 3.1 Intake screening of female inmates. Within 24 hours of booking, medical staff shall screen each "
        "female inmate for:\n"
        "(1) mental health needs, including post-traumatic stress disorder and suicide and self-harm risk;\n"
        "(2) substance dependency.\n",
    ),
    (
        "US statute",
        "a stay permitted if it is in the child's best interests",
        49,
        "covered",
        "Sec. 30. (a) A child may reside with the child's mother in the prison nursery if—\n"
        "(1) the warden determines that residence in the nursery is in the best interests of the child; and\n"
        "(2) the mother agrees.\n"
        "(b) A child residing in the nursery is not an inmate and shall not be treated as one.\n",
    ),
    (
        "Australian state regulation",
        "a stay permitted if it is in the child's best interests",
        49,
        "covered",
        "26. The chief executive may approve an application for a child to reside with its mother in a "
        "correctional centre if—\n"
        "(a) the chief executive is satisfied the approval is in the child's best interests; and\n"
        "(b) a suitable place is available.\n"
        "27. A child residing with its mother in a correctional centre is not to be treated as an inmate.\n",
    ),
    (
        "South Asian jail manual",
        "staff reporting a pregnancy to the medical officer",
        8,
        "gap",
        "1040. The matron shall inform the medical officer at once of any female prisoner who is pregnant.\n",
    ),
    (
        "Pacific corrections order",
        "staff reporting a pregnancy to the medical officer",
        8,
        "gap",
        "3.1 A prisoner who is pregnant must be reported to the medical officer by the officer in charge.\n",
    ),
    (
        "ASEAN regulation",
        "a woman compelled to disclose her pregnancy",
        8,
        "conflict",
        "Regulation 19. Every female prisoner shall disclose to the medical officer whether she is pregnant.\n",
    ),
    (
        "civil-law code",
        "a woman compelled to disclose her pregnancy",
        8,
        "conflict",
        "Article 19. A woman detainee is obliged to inform the doctor if she is pregnant.\n",
    ),
    (
        "Canadian Commissioner's Directive",
        "health assessment of every inmate on reception",
        6,
        "partial",
        "5. Every offender admitted to a penitentiary will be offered a comprehensive health assessment by a "
        "registered nurse.\n",
    ),
    (
        "post-Soviet pre-trial detention law",
        "health assessment of every inmate on reception",
        6,
        "partial",
        "Article 17. Persons taken into custody shall undergo a full medical examination within the first day "
        "of their stay in the pre-trial detention centre.\n",
    ),
    (
        "Canadian Commissioner's Directive",
        "staff sexual misconduct forbidden",
        31,
        "partial",
        "12. Staff members are prohibited from engaging in any sexual activity with an inmate.\n",
    ),
    (
        "South Asian jail manual",
        "staff sexual misconduct as a ground for dismissal",
        31,
        "partial",
        "1121. Any warder found to have had sexual relations with a prisoner shall be dismissed from service.\n",
    ),
    (
        "Caribbean act",
        "an HIV test the prison imposes is not an HIV programme",
        14,
        "gap",
        "26. The medical officer may test any prisoner for HIV on admission.\n",
    ),
    (
        "ASEAN regulation",
        "an HIV test the prison imposes is not an HIV programme",
        14,
        "gap",
        "Regulation 40. The medical officer shall test every prisoner for HIV and hepatitis B on reception.\n",
    ),
    (
        "Canadian Commissioner's Directive",
        "a stay approved only if it is in the child's best interests",
        49,
        "covered",
        "25. The Institutional Head will approve a child's participation in the Mother-Child Program only if:\n"
        "(a) the participation is in the best interests of the child;\n"
        "(b) a child in the program is never considered an inmate.\n",
    ),
    (
        "Canadian Commissioner's Directive",
        "a woman compelled to disclose her pregnancy",
        8,
        "conflict",
        "9. Women offenders must advise Health Services if they are or think they may be pregnant.\n",
    ),
    (
        "US statute",
        "a ban on removing family contact as a punishment is no conflict",
        23,
        "covered",
        "Sec. 14. Contact with family shall not be restricted as a disciplinary sanction.\n",
    ),
    (
        "civil-law code",
        "a ban on removing family contact as a punishment is no conflict",
        23,
        "covered",
        "Article 88. Visits and correspondence with relatives shall not be withdrawn as a disciplinary measure.\n",
    ),
    (
        "Westminster prison rules",
        "pregnant women not required to work",
        42,
        "partial",
        "115. A prisoner who is pregnant shall not be required to undertake any work of a strenuous nature in "
        "the later stages of her pregnancy.\n",
    ),
    (
        "Australian state regulation",
        "pregnant women not required to work",
        42,
        "partial",
        "60. A pregnant inmate must not be required to perform work that may endanger her pregnancy.\n",
    ),
    (
        "US county jail statute",
        "health assessment of every inmate on reception",
        6,
        "partial",
        "Sec. 5. Each person committed to a county jail shall receive a health appraisal within 14 days of "
        "confinement.\n",
    ),
    (
        "US agency directive",
        "care plan for every prisoner at risk of suicide",
        16,
        "partial",
        "§ 7.5. A qualified mental health professional shall develop a treatment plan for each inmate placed on "
        "suicide precautions.\n",
    ),
    (
        "post-Soviet code",
        "sentence planning for all prisoners",
        41,
        "partial",
        "Article 109. For each convict an individual programme of correction shall be drawn up taking into account "
        "the personality of the convict.\n",
    ),
    (
        "Australian state regulation",
        "sentence planning for all prisoners",
        41,
        "partial",
        "20. The Commissioner must ensure that an individual case management plan is prepared for each sentenced "
        "inmate.\n",
    ),
]

COUNTER_CASES = [
    # (what, rule, expected verdict, regulation text)
    (
        "a prisoners' disciplinary offence is not staff misconduct",
        31,
        "gap",
        "51. A prisoner commits an offence against discipline if he assaults any person.\n",
    ),
    (
        "a sexual act between inmates is not staff misconduct",
        31,
        "gap",
        "Sec. 12. Any inmate who commits a sexual act upon another inmate is guilty of a felony.\n",
    ),
    (
        "staff training on suicide prevention is Rule 35's",
        16,
        "gap",
        "47. The Superintendent shall ensure that staff receive training in crisis intervention and suicide "
        "prevention.\n",
    ),
    (
        "observation or restraint of a prisoner at risk is no care plan",
        16,
        "gap",
        "56. An inmate at risk of self-harm may be placed in a safe cell and subjected to restraint by a belt "
        "approved by the Commissioner.\n",
    ),
    (
        "a woman's own duty to tell the medical officer stays a conflict",
        8,
        "conflict",
        "1041. A female prisoner who is pregnant shall inform the medical officer of her condition so that a "
        "special diet may be given.\n",
    ),
    (
        "officers trained to support women's reintegration is staff training",
        29,
        "partial",
        "30. Officers in women's prisons shall be trained to support the reintegration of women prisoners.\n",
    ),
    (
        "an HIV test on admission is not an HIV programme",
        14,
        "gap",
        "§ 4.1. Each inmate shall be tested for HIV within 72 hours of admission.\n",
    ),
    (
        "a release plan is not support after release",
        47,
        "gap",
        "22. A release plan will be completed for every inmate at least 30 days before the warrant expiry date.\n",
    ),
    (
        "HIV counselling and testing offered to all stays an HIV service",
        14,
        "partial",
        "§ 412. The Department shall make HIV counselling and testing available to all persons in its custody.\n",
    ),
    (
        "visits restricted as a punishment stay a conflict",
        23,
        "conflict",
        "Regulation 101. A prisoner's visits may be restricted as a disciplinary sanction for up to one month.\n",
    ),
    (
        "a duty to work is no adjustment of the regime",
        42,
        "gap",
        "61. A woman with a child in prison shall be required to work eight hours a day like any other prisoner.\n",
    ),
    (
        "a suicide-watch cell's fittings are no care plan",
        16,
        "gap",
        "Sec. 21. A cell used for suicide watch shall be free of any fixture from which a ligature may be attached.\n",
    ),
    (
        "a pat search is not an alternative to strip searches",
        20,
        "gap",
        "§ 6. Staff may conduct a pat search of any inmate entering or leaving the housing unit.\n",
    ),
    (
        "an examination before segregation is not on entry",
        6,
        "gap",
        "Sec. 4024. An inmate shall be examined by a physician before being placed in administrative segregation.\n",
    ),
    (
        "a visit where it serves the child is not a stay",
        49,
        "gap",
        "Rule 522. Children of female prisoners may visit them on Sundays where this is in the best interests "
        "of the child.\n",
    ),
]


@pytest.mark.parametrize("tradition, phenomenon, rule, expected, text", CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_tradition_wording_gets_its_grade(verdict, tradition, phenomenon, rule, expected, text):
    assert verdict(text, rule) == expected


@pytest.mark.parametrize("what, rule, expected, text", COUNTER_CASES, ids=[c[0] for c in COUNTER_CASES])
def test_counter_case_keeps_its_reading(verdict, what, rule, expected, text):
    assert verdict(text, rule) == expected
