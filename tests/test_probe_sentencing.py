"""Courts, prosecution and release rules read in the wording of several drafting traditions.

Short provisions written for this test (a probe campaign on Bangkok Rules 36-39 and 53-66). Each
phenomenon is shown in two traditions, with a counter-case that must stay as it is: girls kept from
adult prisoners written as a ban, a child's residential institution and custody "only if no other
sentence is appropriate", a girl's gender-specific vulnerability, a "young female" in custody, diversion
written as a verb, detention in the home replacing detention in prison, a measure ordered "in
lieu of" imprisonment, a carer named as head of household or parent of a minor child, a woman
"with a child under" an age, a bar on a sentencing factor in the active voice, a list of what the
court weighs "in fixing the penalty" without the word "mitigating", the care of dependants weighed
before custody, and a duty coordinated after a ban (", and she shall be remanded in custody").
"""

import pytest

CASES = [
    # (tradition, phenomenon, rule, expected verdict, regulation text)
    # Diversion written as a verb.
    (
        "prosecution code",
        "divert a woman from prosecution",
        57,
        "covered",
        "In deciding whether to divert a woman from prosecution, the prosecutor shall consider whether she has "
        "been a victim of domestic violence or coercion and whether she has caring responsibilities for children.\n",
    ),
    (
        "child justice act (Africa)",
        "a child offender may be diverted",
        57,
        "partial",
        "A child offender may be diverted to a programme approved by the court.\n",
    ),
    # Detention in the home replacing detention in prison.
    (
        "Latin American procedure code",
        "detention in the home for a head of household",
        58,
        "partial",
        "Article 314. Detention in the home may replace detention in a prison establishment where the accused is a "
        "woman who is the head of household of a minor child.\n",
    ),
    (
        "civil-law sentencing code",
        "detention in the home in place of imprisonment",
        64,
        "partial",
        "Article 166. Where the sentenced person is a pregnant woman or the mother of a child under twelve years of "
        "age, the judge may order detention in the home in place of imprisonment.\n",
    ),
    # A measure ordered in lieu of imprisonment.
    (
        "US drug court statute",
        "treatment in lieu of incarceration",
        57,
        "partial",
        "A defendant eligible for the drug treatment court program may be placed in a community-based substance "
        "abuse treatment program in lieu of incarceration.\n",
    ),
    (
        "South Asian criminal procedure code",
        "compensation in lieu of imprisonment",
        57,
        "partial",
        "Section 21. The magistrate may, in lieu of imprisonment, order the offender to pay compensation to the "
        "person injured by the offence.\n",
    ),
    # The carer named by the family role.
    (
        "US state departure statute",
        "parent or legal guardian of a minor child as mitigation",
        61,
        "partial",
        "(3) Mitigating circumstances under which a departure below the lowest permissible sentence is reasonably "
        "justified include: (f) the defendant is the parent or legal guardian of a minor child and imprisonment "
        "would cause extraordinary hardship to the child.\n",
    ),
    (
        "US state sentencing statute",
        "single parent weighed when sentencing",
        61,
        "partial",
        "When sentencing a defendant convicted of a non-violent offence, the court shall consider whether the "
        "defendant is a single parent.\n",
    ),
    # A woman "with a child under" an age.
    (
        "post-Soviet criminal code",
        "parole for a woman who has a child under three",
        63,
        "partial",
        "Article 79. A convicted woman who is pregnant or has a child under three years of age may be released on "
        "parole after serving one third of the sentence.\n",
    ),
    (
        "Latin American execution-of-sentences law",
        "early release for the mother of a minor child",
        63,
        "partial",
        "Article 10. Early conditional release may be granted to a convicted mother of a minor child after she has "
        "served half of her sentence.\n",
    ),
    # A bar on a sentencing factor in the active voice.
    (
        "civil-law criminal code",
        "the court shall not take into consideration the family situation",
        61,
        "conflict",
        "Article 22. In choosing the penalty the court shall not take into consideration the family situation of "
        "the offender.\n",
    ),
    (
        "civil-law criminal code",
        "the court may not take into account the pregnancy",
        64,
        "conflict",
        "Article 73. The court may not take into account the pregnancy of the accused in choosing the penalty.\n",
    ),
    # What the court weighs in choosing a sentence, without the word "mitigating".
    (
        "Commonwealth criminal procedure act (Africa)",
        "in deciding whether to sentence: first offender, family responsibilities",
        61,
        "partial",
        "Section 416. (2) In deciding whether to sentence a convict to imprisonment, the court shall take into "
        "account— (a) whether the convict is a first offender; (b) the age of the convict; (c) the family "
        "responsibilities of the convict, including any dependent children.\n",
    ),
    (
        "civil-law penal code",
        "in fixing the penalty: first offender",
        61,
        "partial",
        "Article 132-1. In fixing the penalty, the court shall take into account the circumstances of the offence "
        "and the personality of the offender, including whether the offender is a first offender.\n",
    ),
    # The care of dependants weighed before custody.
    (
        "Westminster sentencing guideline",
        "sole or primary carer for dependent relatives",
        58,
        "partial",
        "Where the offender is the sole or primary carer for dependent relatives, the court shall consider the "
        "effect of a custodial sentence on those dependants.\n",
    ),
    (
        "Commonwealth criminal procedure act (Africa)",
        "family responsibilities before imprisonment",
        58,
        "partial",
        "Section 416. (2) In deciding whether to sentence a convict to imprisonment, the court shall take into "
        "account the family responsibilities of the convict.\n",
    ),
    # A duty coordinated after a ban keeps its own stance.
    (
        "Commonwealth bail act",
        "bail refused, and she shall be remanded",
        58,
        "conflict",
        "9. Notwithstanding section 8, bail shall not be granted to a woman who is pregnant or nursing an infant "
        "where she is charged with a drug trafficking offence, and she shall be remanded in custody.\n",
    ),
    (
        "civil-law procedure code",
        "release refused, but she shall be remanded",
        58,
        "conflict",
        "Article 31. Release on bail shall not be granted to a pregnant accused charged with an offence listed in "
        "the Schedule, but she shall be remanded in custody.\n",
    ),
    # Girls kept from adult prisoners, written as a ban.
    (
        "Commonwealth borstal act",
        "girls shall not be held with adult prisoners",
        36,
        "partial",
        "Female juvenile offenders shall be detained in a separate institution for girls and shall not be held with "
        "adult prisoners.\n",
    ),
    (
        "post-Soviet penal enforcement code",
        "minor female convicts may not be accommodated with adults",
        36,
        "partial",
        "Article 77. Minor female convicts may not be accommodated with adult convicts.\n",
    ),
    # A child's residential institution, and custody only if nothing else is appropriate.
    (
        "child justice act (Africa)",
        "compulsory residence only if no other sentence is appropriate",
        65,
        "partial",
        "A child may be sentenced to compulsory residence in a child and youth care centre only if no other "
        "sentence is appropriate.\n",
    ),
    (
        "South Asian juvenile justice act",
        "a special home only if no other measure is appropriate",
        65,
        "partial",
        "A juvenile in conflict with law may be sent to a special home only if no other measure is appropriate.\n",
    ),
    # A girl's vulnerability named as gender-specific or gender-related.
    (
        "Latin American child and adolescent statute",
        "gender-specific vulnerability of an adolescent girl",
        65,
        "partial",
        "In deciding on the placement of an adolescent girl, the judge shall take into account her gender-specific "
        "vulnerability, including her exposure to sexual violence.\n",
    ),
    (
        "US juvenile code",
        "gender-related vulnerability of a female juvenile",
        65,
        "partial",
        "In making a disposition for a female juvenile, the court shall consider her gender-related vulnerability "
        "to exploitation.\n",
    ),
    # "Young female" as the girl in custody.
    (
        "Pacific juvenile rules",
        "a young female detainee sees a gynaecologist",
        38,
        "partial",
        "A young female detainee shall be seen by a gynaecologist whenever required.\n",
    ),
    (
        "Westminster young offender rules",
        "young female offenders see a gynaecologist",
        38,
        "partial",
        "Young female offenders shall have regular access to a gynaecologist.\n",
    ),
]

COUNTER_CASES = [
    # (what must not be read, rule, expected verdict or the verdicts allowed, regulation text)
    (
        "diverting funds is not diversion",
        57,
        "gap",
        "No officer shall divert funds allocated for the welfare of prisoners.\n",
    ),
    (
        "home confinement at the end of a prison term is not a court's alternative",
        57,
        "gap",
        "The Bureau may place a prisoner who is a primary caretaker parent on home confinement for the final "
        "months of the term of imprisonment.\n",
    ),
    (
        "imprisonment in lieu of a fine is not an alternative to imprisonment",
        57,
        "gap",
        "A person who fails to pay a fine shall serve a term of imprisonment in lieu of the fine.\n",
    ),
    (
        "a prison rule about a carer serving a sentence is not a decision to imprison",
        58,
        "gap",
        "A prisoner serving a sentence of imprisonment who is the sole carer of a child may apply for release on "
        "temporary licence.\n",
    ),
    (
        "a deferred sentence for a woman with a child is not a non-custodial sentence",
        64,
        "gap",
        "Article 398. The execution of the sentence may be deferred for a convicted woman with a child under "
        "fourteen.\n",
    ),
    (
        "barring caretaking only against her is no conflict",
        61,
        "gap",
        "The court shall not take into account against the offender her responsibility for the care of children "
        "when fixing the sentence.\n",
    ),
    (
        "a sentence plan is not the choice of sentence",
        61,
        "gap",
        "In determining the sentence plan, regard shall be had to whether the prisoner is a first offender.\n",
    ),
    (
        "a ban followed by a coordinated ban stays a ban",
        58,
        ("gap", "partial", "covered"),  # whether it implements Rule 58 is arguable; it never conflicts
        "A woman who is pregnant shall not be remanded in custody, and no court shall order her detention.\n",
    ),
    (
        "juveniles kept from adults, with no girl named, is not Rule 36",
        36,
        "gap",
        "No juvenile shall be confined with adults.\n",
    ),
    (
        "a borstal's school is not a decision to detain a child",
        65,
        "gap",
        "The borstal shall have a school and a workshop.\n",
    ),
    (
        "women's gender-specific needs are not a girl's vulnerability",
        65,
        "gap",
        "The Chief Executive must use a classification method designed for women that addresses their "
        "gender-specific needs.\n",
    ),
]


@pytest.mark.parametrize("tradition, phenomenon, rule, expected, text", CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_tradition_wording_reaches_the_rule(verdict, tradition, phenomenon, rule, expected, text):
    assert verdict(text, rule) == expected


@pytest.mark.parametrize("what, rule, expected, text", COUNTER_CASES, ids=[c[0] for c in COUNTER_CASES])
def test_counter_case_keeps_its_reading(verdict, what, rule, expected, text):
    allowed = expected if isinstance(expected, tuple) else (expected,)
    assert verdict(text, rule) in allowed
