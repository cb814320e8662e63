"""Gender-neutral clauses read in the wording of several drafting traditions.

Short regulations written for this test (a probe campaign on the rules in the scope of the
labelling convention on gender-neutral clauses, other than R4, R6, R12, R16, R31, R40 and R41). A
clause for all prisoners that puts part of such a rule into effect is partial; a clause that only
shares a word with the rule is silent. Each phenomenon is shown in two traditions where it was
found in two, with counter-cases that must stay silent: the abuser rather than the victim (Rule 7),
a general complaints box (Rule 25), a duty for an officer to be present (Rule 11), parole criteria
of conduct alone (Rule 63), items handed over on release day (Rule 47), a general right to worship
(Rule 54).
"""

import pytest

CASES = [
    # (tradition, phenomenon, rule, regulation text): all partial
    (
        "US PREA-style directive",
        "victim of sexual abuse told of recourse",
        7,
        "§ 115.83. An inmate who has been the victim of sexual abuse in any facility shall be informed of the right "
        "to report the abuse to law enforcement and offered access to legal assistance.\n",
    ),
    (
        "Westminster rules",
        "psychological support after a sexual assault",
        7,
        "27. A prisoner who discloses that he or she has been sexually assaulted shall be offered psychological "
        "support and counselling.\n",
    ),
    (
        "civil-law code",
        "psychological assistance after violence suffered",
        7,
        "Article 31. Detainees who have suffered violence before or during detention shall have access to "
        "psychological assistance.\n",
    ),
    (
        "post-Soviet code",
        "health information is a medical secret",
        8,
        "Article 101. Information on the state of health of a convict constitutes a medical secret.\n",
    ),
    (
        "South Asian jail manual",
        "information concerning a prisoner's illness not disclosed",
        8,
        "152. The medical officer shall not disclose to any person other than the Superintendent any information "
        "concerning the illness of a prisoner, save with the prisoner's consent.\n",
    ),
    (
        "US agency directive",
        "custody staff not present at a clinical encounter",
        11,
        "§ 9-11. Custody staff shall not be present during a clinical encounter unless the health care provider "
        "requests their presence for safety reasons.\n",
    ),
    (
        "South Asian jail manual",
        "no warder present while the medical officer examines",
        11,
        "145. No warder shall be present while the medical officer examines a prisoner, except at the request of "
        "the medical officer.\n",
    ),
    (
        "Westminster rules",
        "officers made aware of times of distress",
        13,
        "31. Officers shall be made aware of the times, such as the receipt of bad news or separation from family, "
        "when prisoners may be in particular distress, and shall ensure that they receive support.\n",
    ),
    (
        "Canadian directive",
        "staff trained to recognise emotional distress",
        13,
        "12. Staff shall be trained to recognise signs of emotional distress in inmates and to refer them to "
        "psychological services.\n",
    ),
    (
        "civil-law code",
        "information on diseases transmitted sexually or by blood",
        17,
        "Article 56. The medical service shall inform detainees about the prevention of infectious diseases "
        "transmitted sexually or by blood.\n",
    ),
    (
        "post-Soviet code",
        "technical means of inspection instead of a full personal search",
        20,
        "Article 82. Technical means of inspection shall be used in preference to a full personal search.\n",
    ),
    (
        "US PREA-style directive",
        "response to learning of sexual abuse",
        25,
        "§ 115.64. Upon learning that an inmate was sexually abused, the first staff member to respond shall "
        "separate the alleged victim and abuser and protect the victim from retaliation.\n",
    ),
    (
        "Commonwealth African act",
        "protection and investigation when a prisoner reports abuse",
        25,
        "62. Where a prisoner reports abuse by another prisoner or an officer, the officer in charge shall take "
        "immediate measures to protect the prisoner and the report shall be investigated.\n",
    ),
    (
        "Canadian directive",
        "a prisoner may refuse a visit",
        44,
        "8. An inmate may refuse a visit from any person.\n",
    ),
    (
        "civil-law code",
        "transfer to the state of citizenship",
        53,
        "Article 62. Foreign convicts may be transferred to serve their sentence in the state of which they are "
        "citizens under an international treaty.\n",
    ),
    (
        "Australian state regulation",
        "culturally appropriate programmes for Aboriginal prisoners",
        54,
        "Reg 47. Culturally appropriate programs shall be provided for Aboriginal and Torres Strait Islander "
        "prisoners.\n",
    ),
    (
        "Canadian federal act",
        "a release and reintegration plan from an Indigenous community",
        55,
        "84. Where an Indigenous inmate so requests, the Service shall give the inmate's community the opportunity "
        "to propose a plan for the inmate's release and reintegration.\n",
    ),
    (
        "New Zealand regulation",
        "reintegration services for Maori prisoners",
        55,
        "33. Reintegration services for Maori prisoners shall be developed in consultation with iwi.\n",
    ),
    (
        "US sentencing statute",
        "no prior criminal record as a mitigating factor",
        61,
        "§ 1-1. The court shall consider as a mitigating factor that the defendant has no prior criminal record.\n",
    ),
    (
        "Commonwealth African act",
        "treatment for an offender dependent on drugs instead of prison",
        62,
        "21. In lieu of imprisonment, the court may order an offender dependent on drugs to undergo treatment at a "
        "rehabilitation centre.\n",
    ),
    (
        "post-Soviet code",
        "parole weighs family circumstances and social adaptation",
        63,
        "Article 79. When deciding on parole, the court shall take into account the convict's family circumstances "
        "and prospects of social adaptation.\n",
    ),
    (
        "Canadian federal act",
        "parole where release contributes to reintegration",
        63,
        "102. The Board may grant parole if it is of the opinion that release will contribute to the reintegration "
        "of the offender into society as a law-abiding citizen.\n",
    ),
    (
        "Canadian directive",
        "told of the right to retain and instruct counsel on admission",
        2,
        "4. Upon admission, every inmate shall be informed of the inmate's right to retain and instruct counsel "
        "without delay.\n",
    ),
    (
        "Commonwealth African act",
        "release on licence weighs family circumstances",
        63,
        "66. In considering the release of a prisoner on licence, the Board shall have regard to the prisoner's "
        "family circumstances.\n",
    ),
    (
        "US transfer statute",
        "a citizen of a treaty country transferred home",
        53,
        "§ 4101. An offender who is a citizen of a treaty country may be transferred to the country of citizenship "
        "to serve the sentence.\n",
    ),
    (
        "Australian state sentencing act",
        "no significant record of previous convictions as mitigation",
        61,
        "s 21A. Mitigating factors include that the offender does not have any significant record of previous "
        "convictions.\n",
    ),
    (
        "South Asian act",
        "treatment instead of sentencing an addicted offender to prison",
        62,
        "14. Instead of sentencing an offender addicted to drugs to imprisonment, the court may order the offender "
        "to undergo treatment in a de-addiction centre.\n",
    ),
]

COUNTER_CASES = [
    # (what, rule, regulation text): all silent
    (
        "the abuser, not the victim, in counselling",
        7,
        "59. A prisoner found guilty of sexual assault on another prisoner shall undergo counselling.\n",
    ),
    (
        "violence used by a convict is not violence suffered",
        7,
        "Article 34. A convict who used violence against another convict shall be placed in a disciplinary cell.\n",
    ),
    (
        "a complaints box is not a response to reported abuse",
        25,
        "60. Every prisoner may make a request or complaint to the officer in charge, and a complaints box shall be "
        "placed in each block.\n",
    ),
    (
        "an assault by a prisoner reported for punishment",
        25,
        "61. Any prisoner who commits an assault on an officer shall be reported to the Superintendent and punished.\n",
    ),
    (
        "a duty for an officer to be present",
        11,
        "Article 102. A representative of the administration shall be present during the medical examination.\n",
    ),
    (
        "leave on a bereavement is not support in distress",
        13,
        "Regulation 31. A prisoner may be granted leave on the death of a close relative.\n",
    ),
    (
        "parole criteria of conduct and risk",
        63,
        "102. The Board shall consider the inmate's conduct and the risk of reoffending when deciding on parole.\n",
    ),
    (
        "parole conditions",
        63,
        "30. A prisoner released on parole shall reside at the address approved by the Board and shall not leave "
        "the district without permission.\n",
    ),
    (
        "items handed over on release day",
        47,
        "70. On release every prisoner shall be given the prisoner's property, a travel warrant and a subsistence "
        "allowance.\n",
    ),
    (
        "a general right to worship",
        54,
        "47. Every prisoner may practise the prisoner's religion.\n",
    ),
    (
        "the superintendent refuses a visitor",
        44,
        "9. The Superintendent may refuse a visit if the visitor is intoxicated.\n",
    ),
    (
        "a foreign national deported after the sentence",
        53,
        "Article 64. A foreign convict shall be expelled from the country after serving the sentence.\n",
    ),
    (
        "a prior record as an aggravating factor",
        61,
        "§ 5. A defendant's prior criminal record shall be considered an aggravating factor.\n",
    ),
    (
        "drug treatment inside the prison is not an alternative to it",
        62,
        "23. A prisoner addicted to drugs shall undergo treatment in the prison hospital.\n",
    ),
    (
        "a bare purpose of rehabilitation",
        46,
        "2. The purpose of this Act is the rehabilitation of offenders.\n",
    ),
]


@pytest.mark.parametrize("tradition, phenomenon, rule, text", CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_gender_neutral_clause_is_partial(verdict, tradition, phenomenon, rule, text):
    assert verdict(text, rule) == "partial"


@pytest.mark.parametrize("what, rule, text", COUNTER_CASES, ids=[c[0] for c in COUNTER_CASES])
def test_look_alike_stays_silent(verdict, what, rule, text):
    assert verdict(text, rule) == "gap"
