"""Probe campaign on the conflict checks (Bangkok Rules 5, 8, 19, 22-24, 27, 28, 49, 52, 58, 59, 61, 64):
short regulations written for this test in the words of several drafting traditions. Each phenomenon
is one the linter misread before (an exemption naming list items as "letters d) and e)", a ban on a
child's stay worded "admitted to a prison", a sale of sanitary towels "on payment"), written in at
least two traditions, with counter-cases that look alike but do not conflict.

Expected verdicts follow the labelling conventions of ../shared/corpus-real/README.md.
"""

import pytest

from linter.engine import check_document
from linter.extract import read_document

CASES = [
    # (phenomenon, tradition, rule, expected verdict, regulation text)
    # -- Rule 22: an exemption of mothers that names the segregation items of a punishment list -----
    (
        "exemption citing 'letters d) and e) of paragraph 1'",
        "civil-law code",
        22,
        "covered",
        "Article 112\n(1) The following disciplinary measures may be imposed on a prisoner:\na) reprimand;\n"
        "b) withdrawal of privileges for up to three months;\nc) restriction of purchases for up to three months;\n"
        "d) placement in a disciplinary cell for up to 15 days;\ne) solitary confinement for up to 30 days.\n"
        "(2) The measures referred to in letters d) and e) of paragraph 1 shall not be applied to pregnant women, "
        "to women who are breastfeeding or to women living with their children in the institution.\n",
    ),
    (
        "exemption citing 'letters b) and c)' leaves the cell open",
        "civil-law code",
        22,
        "conflict",
        "Article 112\n(1) The following disciplinary measures may be imposed on a prisoner:\na) reprimand;\n"
        "b) withdrawal of privileges for up to three months;\nc) restriction of purchases for up to three months;\n"
        "d) placement in a disciplinary cell for up to 15 days.\n"
        "(2) The measures referred to in letters b) and c) of paragraph 1 shall not be applied to pregnant women.\n",
    ),
    (
        'exemption citing items "d" and "e" of part one of this article',
        "post-Soviet penal enforcement code",
        22,
        "covered",
        "Article 115. Penalties imposed on convicts deprived of liberty\n"
        "1. For violation of the established procedure for serving the sentence, the following penalties may be "
        "applied to convicts:\na) a warning;\nb) a reprimand;\nc) a disciplinary fine;\n"
        "d) placement in a penalty isolator for up to 15 days;\ne) transfer to cell-type premises for up to six months.\n"
        '2. The penalties provided for in items "d" and "e" of part one of this article shall not be applied to '
        "pregnant women and to women having children with them in the children's home of the colony.\n",
    ),
    (
        "exemption 'punished under items (iii) and (iv) of rule 640'",
        "South Asian jail manual",
        22,
        "covered",
        "640. The Superintendent may punish a prison offence by—\n(i) formal warning;\n(ii) loss of remission;\n"
        "(iii) cellular confinement for a period not exceeding fourteen days;\n"
        "(iv) separate confinement for a period not exceeding three months;\n(v) penal diet.\n"
        "641. No female prisoner who is pregnant or nursing a child shall be punished under items (iii) and (iv) "
        "of rule 640.\n",
    ),
    (
        "counter-case: a protective ban",
        "Caribbean prison rules",
        22,
        "covered",
        "47. No pregnant prisoner, nursing mother or prisoner who has her child with her in the prison shall be "
        "placed in close confinement or segregation as a punishment.\n",
    ),
    (
        "counter-case: a punishment list with no exemption",
        "ASEAN regulation",
        22,
        "conflict",
        "Regulation 45. A detainee who commits a disciplinary offence shall be liable to any of the following "
        "punishments:\n(a) reprimand;\n(b) forfeiture of privileges;\n(c) solitary confinement for not more than seven days.\n",
    ),
    # -- Rule 52: a stay limited by a term the law defines with a young age -------------------------
    (
        "'infant' defined as under two years; infants may stay in the unit",
        "Westminster prison rules",
        52,
        "conflict",
        '2. In these Rules, "infant" means a child of a female prisoner who is under the age of two years.\n\n'
        "9. A female prisoner may be permitted to have her infant with her in a mother and baby unit.\n",
    ),
    (
        "'baby' defined as under twelve months; babies may be kept in the nursery",
        "Caribbean prison rules",
        52,
        "conflict",
        '2. In these Regulations, "baby" means a child under twelve months of age.\n\n'
        "33. The Superintendent may permit a female prisoner to keep her baby with her in the nursery of the prison.\n",
    ),
    (
        "'infant' defined from birth to 18 months; infants kept in the nursery program",
        "US agency directive",
        52,
        "conflict",
        '1.2 "Infant" means a child from birth to 18 months of age.\n\n'
        "4.1 An inmate who gives birth in custody may keep her infant with her in the nursery program.\n",
    ),
    (
        "'young child' defined as below three years",
        "ASEAN regulation",
        52,
        "conflict",
        'Regulation 2. In these Regulations, "young child" means a child below the age of three years.\n\n'
        "Regulation 60. A detainee may be allowed to have her young child with her in the prison.\n",
    ),
    (
        "may remain with the prisoner until two years old",
        "Pacific corrections act",
        52,
        "conflict",
        "66. A child born to a prisoner may remain with the prisoner until the child is two years old, and shall then "
        "be placed in the care of a relative or of the Social Welfare Department.\n",
    ),
    (
        "may stay with the inmate until eighteen months of age",
        "US state statute",
        52,
        "conflict",
        "Sec. 12. A child born in custody may stay with the inmate until the child reaches eighteen months of age, "
        "when the child shall be released to a guardian.\n",
    ),
    (
        "nursery stay for a period of up to eighteen months",
        "US state statute",
        52,
        "conflict",
        "Sec. 11. An infant may remain in the prison nursery for a period of up to eighteen months from the date of "
        "birth.\n",
    ),
    (
        "kept in the prison for a period of up to twelve months",
        "ASEAN regulation",
        52,
        "conflict",
        "Regulation 73. A baby born to a detainee may be kept in the prison for a period of up to twelve months.\n",
    ),
    (
        "only children under four may live in the establishment with their mothers",
        "Latin American code",
        52,
        "conflict",
        "Article 73. Only children under four years of age may live in the establishment with their mothers.\n",
    ),
    (
        "children under 30 months may reside in the facility with their mothers",
        "US agency directive",
        52,
        "conflict",
        "4.2 Children under 30 months of age may reside in the facility with their mothers.\n",
    ),
    (
        "children up to six may be detained in the jail with their mothers",
        "South Asian jail manual",
        52,
        "conflict",
        "966. Children up to the age of six years may be detained in the jail with their mothers.\n",
    ),
    (
        "handed over to the family at three",
        "ASEAN regulation",
        52,
        "conflict",
        "Article 55. A child who has reached the age of three years shall be handed over to the family of the "
        "prisoner or to a social institution.\n",
    ),
    (
        "delivered to its family at four",
        "Latin American code",
        52,
        "conflict",
        "Article 74. On reaching four years of age the child shall be delivered to its family or to the child "
        "protection authority.\n",
    ),
    # -- Rule 58: pretrial detention made mandatory for pregnant women and mothers too ---------------
    (
        "preventive detention mandatory, mothers included",
        "Latin American code",
        58,
        "conflict",
        "Article 19. Preventive detention shall be mandatory for persons charged with drug trafficking offences, "
        "including pregnant women and mothers of young children.\n",
    ),
    (
        "provisional detention shall be ordered, a pregnant woman included",
        "civil-law code",
        58,
        "conflict",
        "Article 144. Provisional detention shall be ordered for every person accused of a crime against the State, "
        "including a pregnant woman.\n",
    ),
    # -- Rule 19: the searcher of last resort after the matron ---------------------------------------
    (
        "by the matron, or in her absence by a warder",
        "South Asian jail manual",
        19,
        "conflict",
        "316. Female prisoners shall be searched by the matron, or in her absence by a warder in the presence of two "
        "other persons.\n",
    ),
    (
        "by the female officer or, in her absence, by the gate warder",
        "Caribbean prison rules",
        19,
        "conflict",
        "29. A female prisoner shall be searched by the female officer or, in her absence, by the gate warder.\n",
    ),
    # -- An act made a disciplinary offence is forbidden; the condition of a punishment is no ban -----
    (
        "an officer who has sexual intercourse with a prisoner commits a disciplinary offence",
        "Commonwealth prisons act",
        31,
        "partial",
        "61. An officer who has sexual intercourse with a prisoner commits a disciplinary offence.\n",
    ),
    (
        "a staff member who engages in sexual contact is guilty of misconduct",
        "US agency directive",
        31,
        "partial",
        "2.5 A staff member who engages in sexual contact with an inmate is guilty of misconduct and shall be "
        "dismissed.\n",
    ),
    (
        "a sexual relationship constitutes serious misconduct",
        "civil-law code",
        31,
        "partial",
        "Article 88. Any sexual relationship between an employee and a prisoner constitutes serious misconduct.\n",
    ),
    (
        "an officer who restrains a woman in labour commits a disciplinary offence",
        "Commonwealth prisons act",
        24,
        "partial",
        "52. An officer who restrains a woman prisoner in labour or during childbirth commits a disciplinary offence.\n",
    ),
    (
        "counter-case: a prisoner who commits an offence against discipline is liable to a list",
        "Westminster prison rules",
        22,
        "conflict",
        "51. A prisoner who commits an offence against discipline shall be liable to any of the following "
        "punishments:\n(a) a caution;\n(b) cellular confinement for a period not exceeding 14 days.\n",
    ),
    (
        "counter-case: a prisoner who commits a prison offence is liable to forfeiture of visits",
        "Caribbean prison rules",
        23,
        "conflict",
        "80. A prisoner who commits a prison offence shall be liable to forfeiture of visits for a period not "
        "exceeding one month.\n",
    ),
    (
        "counter-case: if an inmate commits a disciplinary infraction, loss of visits",
        "US agency directive",
        23,
        "conflict",
        "5.3 If an inmate commits a disciplinary infraction, the hearing officer may impose loss of visiting "
        "privileges for up to 60 days.\n",
    ),
    # -- Rule 23: a bar on visits during punishment that lets only a lawyer in -----------------------
    (
        "no visits except from an attorney",
        "US agency directive",
        23,
        "conflict",
        "4.12 An inmate in disciplinary segregation shall not be permitted visits, except visits from an attorney.\n",
    ),
    (
        "no visits other than from a legal adviser",
        "Westminster prison rules",
        23,
        "conflict",
        "57. A prisoner undergoing cellular confinement as a punishment shall not receive visits, other than "
        "visits from a legal adviser.\n",
    ),
    (
        "visiting rights cancelled for a prisoner who violates the prison rules",
        "ASEAN regulation",
        23,
        "conflict",
        "Article 42. The Head of Prison may cancel the visiting rights of a prisoner who violates the prison rules.\n",
    ),
    (
        "deprived of the next long-term visit for violating the procedure",
        "post-Soviet penal enforcement code",
        23,
        "conflict",
        "Article 119. Convicts who violate the established procedure for serving the sentence may be deprived of the "
        "next long-term visit.\n",
    ),
    (
        "family visits suspended for an inmate who breaches the rules",
        "Latin American code",
        23,
        "conflict",
        "Article 99. An inmate who breaches the rules of the establishment may have family visits suspended for up "
        "to thirty days.\n",
    ),
    (
        "counter-case: a rule-breaker not deprived of family visits",
        "Commonwealth act",
        23,
        "covered",
        "71. A prisoner who breaches the prison rules shall not be deprived of visits from her family.\n",
    ),
    (
        "counter-case: a ban on restricting family contact as punishment",
        "Commonwealth act",
        23,
        "covered",
        "70. Restriction of visits or of contact with family members shall not be used as a disciplinary punishment.\n",
    ),
    # -- Rule 49: a child barred from living in the prison -------------------------------------------
    (
        "no child admitted to a prison",
        "Commonwealth prisons act (Africa)",
        49,
        "conflict",
        "72. No child shall be admitted to a prison with its mother.\n",
    ),
    (
        "children not permitted to reside in the facility",
        "US agency directive",
        49,
        "conflict",
        "5.1 Children shall not be permitted to reside in the facility.\n",
    ),
    (
        "child not admitted into a prison save with approval",
        "ASEAN regulation",
        49,
        "conflict",
        "Regulation 71. A child shall not be admitted into a prison together with its mother, save with the "
        "written approval of the Commissioner.\n",
    ),
    # -- Rule 27: conjugal visits for men only, or refused to women ----------------------------------
    (
        "long-term visits with the right of cohabitation refused to women",
        "post-Soviet penal enforcement code",
        27,
        "conflict",
        "Article 89(4). Long-term visits with the right of cohabitation outside the colony shall not be granted "
        "to convicted women.\n",
    ),
    (
        "right to live together granted to convicted men",
        "post-Soviet penal enforcement code",
        27,
        "conflict",
        "Article 121. Convicted men held in general regime colonies shall have the right to six long-term visits "
        "a year with the right to live together with their spouse.\n",
    ),
    (
        "marital visits for married male inmates",
        "ASEAN regulation",
        27,
        "conflict",
        "Regulation 88. Marital visits may be granted to married male inmates of good behaviour once a month.\n",
    ),
    (
        "counter-case: cohabitation visits for women on the same terms",
        "post-Soviet penal enforcement code",
        27,
        "covered",
        "Article 89(5). Convicted women shall be granted long-term visits with the right of cohabitation on the "
        "same terms as convicted men.\n",
    ),
    # -- Rule 28: physical contact with visiting children forbidden ----------------------------------
    (
        "contact visits with minor children are prohibited",
        "US agency directive",
        28,
        "conflict",
        "7.3 Contact visits with minor children are prohibited for inmates housed in the women's facility.\n",
    ),
    (
        "physical contact with a visiting child is prohibited",
        "Caribbean prison rules",
        28,
        "conflict",
        "44. Physical contact between a prisoner and a visiting child is prohibited.\n",
    ),
    (
        "glass partition, and no physical contact shall be allowed",
        "Westminster prison rules",
        28,
        "conflict",
        "30. All visits in the unit shall take place across a glass partition, and no physical contact between a "
        "prisoner and her child shall be allowed.\n",
    ),
    (
        "glass partition, and no contact with a visiting child shall be permitted",
        "US agency directive",
        28,
        "conflict",
        "6.4 Visits shall be conducted through a glass partition, and no physical contact between an inmate and a "
        "visiting child shall be permitted.\n",
    ),
    (
        "supervised visits, and no prisoner may embrace a visiting child",
        "civil-law code",
        28,
        "conflict",
        "Article 70. Visits of children shall be supervised by an officer, and no prisoner may embrace a visiting "
        "child.\n",
    ),
    # -- Rule 5: sanitary products sold, not supplied ------------------------------------------------
    (
        "towels supplied on payment from private cash",
        "South Asian jail manual",
        5,
        "conflict",
        "350. Sanitary towels shall be supplied to female prisoners on payment from their private cash.\n",
    ),
    (
        "hygiene products available for purchase at the commissary",
        "US agency directive",
        5,
        "conflict",
        "8.4 Feminine hygiene products are available for purchase at the commissary.\n",
    ),
    (
        "pads may be purchased from the canteen",
        "Pacific prison regulation",
        5,
        "conflict",
        "64. Sanitary pads may be purchased by female prisoners from the prison canteen.\n",
    ),
    # -- Rule 8: relatives told of a pregnancy ------------------------------------------------------
    (
        "inform the husband or nearest relative",
        "South Asian jail manual",
        8,
        "conflict",
        "330. The Superintendent shall inform the husband or nearest relative of a female prisoner who is found "
        "to be pregnant.\n",
    ),
    (
        "notify her next of kin",
        "Westminster prison rules",
        8,
        "conflict",
        "15. Where a prisoner is found to be pregnant, the governor shall notify her next of kin.\n",
    ),
    # -- Rule 59: protective custody against the woman's will ----------------------------------------
    (
        "protective home whether or not she consents",
        "South Asian statute",
        59,
        "conflict",
        "17. Where a woman is at risk of violence from her family, the District Magistrate may order her to be "
        "detained in a protective home, whether or not she consents.\n",
    ),
    (
        "place of safety notwithstanding her objection",
        "Commonwealth act (Africa)",
        59,
        "conflict",
        "21. A magistrate may order that a woman in danger of harm be kept in a place of safety, notwithstanding "
        "her objection.\n",
    ),
    # -- Rules 61 and 64: pregnancy or caretaking barred as a mitigating circumstance -----------------
    (
        "pregnancy not regarded as a mitigating circumstance",
        "post-Soviet criminal code",
        64,
        "conflict",
        "Article 61(3). The pregnancy of the accused shall not be regarded as a mitigating circumstance in "
        "sentencing for grave and especially grave crimes.\n",
    ),
    (
        "court shall not consider pregnancy a mitigating factor",
        "US state statute",
        64,
        "conflict",
        "Sec. 9. In imposing sentence for a violent felony, the court: (1) shall not consider the pregnancy of the "
        "defendant a mitigating factor.\n",
    ),
    (
        "care of children not deemed a mitigating circumstance",
        "Latin American code",
        61,
        "conflict",
        "Article 57. In determining the penalty, the care of minor children shall not be deemed a mitigating "
        "circumstance for offences of drug trafficking.\n",
    ),
    # -- Rule 19: a ban on cross-gender searches "absent exigent circumstances" ----------------------
    (
        "cross-gender pat-downs prohibited absent exigent circumstances",
        "US federal standard (PREA)",
        19,
        "conflict",
        "115.15 Cross-gender pat-down searches of female inmates are prohibited, absent exigent circumstances.\n",
    ),
    (
        "no opposite-sex strip search absent an emergency",
        "US state statute",
        19,
        "conflict",
        "Sec. 7. A correctional officer shall not conduct a strip search of an inmate of the opposite sex absent "
        "an emergency.\n",
    ),
    # -- Rule 24: "Special means, including handcuffs" is no definition of "Special" ----------------
    (
        "special means, including handcuffs, save in an armed attack",
        "post-Soviet penal enforcement code",
        24,
        "conflict",
        "Article 30. Special means, including handcuffs, shall not be applied to women with visible signs of "
        "pregnancy, except in cases of an armed attack or group resistance.\n",
    ),
    (
        "special means, such as handcuffs, only on the head's order",
        "post-Soviet penal enforcement code",
        24,
        "conflict",
        "Article 31. Special means, such as handcuffs and restraining shirts, may be applied to pregnant women "
        "only on the order of the head of the institution.\n",
    ),
    (
        "counter-case: restraint never used in labour",
        "Commonwealth act",
        24,
        "covered",
        "51. Under no circumstances shall a woman in labour, during delivery or immediately after giving birth be "
        "restrained.\n",
    ),
]

# Look-alikes whose right verdict is arguable (covered, partial or silent) but is never a conflict.
NOT_CONFLICT = [
    (
        "an exemption 'unless in the best interests of the child'",
        "Commonwealth prisons act (Africa)",
        49,
        "73. No child shall be admitted to a prison with its mother unless the officer in charge is satisfied that "
        "it is in the best interests of the child.\n",
    ),
    (
        "'child' defined by the age of majority",
        "Commonwealth act",
        52,
        '2. In this Act, "child" means a person under the age of eighteen years.\n\n'
        "40. A female prisoner may keep her child with her in the nursery.\n",
    ),
    (
        "a definition of a prisoner by a sentence in months",
        "Westminster prison rules",
        52,
        '2. "Long-term prisoner" means a prisoner sentenced to more than six months.\n\n'
        "41. A long-term prisoner may keep her child with her in the mother and baby unit.\n",
    ),
    (
        "a defined 'infant' whose stay may be extended in the child's interests",
        "Westminster prison rules",
        52,
        '2. In these Rules, "infant" means a child of a female prisoner who is under the age of two years.\n\n'
        "9. A female prisoner may be permitted to have her infant with her in a mother and baby unit.\n\n"
        "10. The governor may allow the infant to stay longer where this is in the best interests of the child.\n",
    ),
    (
        "a duty of food to the infants and children living there",
        "Commonwealth act",
        52,
        '2. In this Act, "infant" means a child under the age of two years.\n\n'
        "19. Infants and children living in a facility must be provided free of charge with adequate food.\n",
    ),
    (
        "a punishment list whose exemption names mothers with children in the children's home",
        "post-Soviet penal enforcement code",
        52,
        "Article 115.\n1. The following penalties may be applied to convicts:\na) a warning;\n"
        "b) transfer to cell-type premises for up to six months.\n"
        '2. The penalties provided for in item "b" of part one of this article shall not be applied to women having '
        "children with them in the children's home of the colony.\n",
    ),
    (
        "an officer remains with the prisoner until admitted to hospital",
        "Westminster prison rules",
        52,
        "20. An officer shall remain with the prisoner until the prisoner is admitted to hospital.\n",
    ),
    (
        "an old prisoner remains in the institution",
        "civil-law code",
        52,
        "Article 12. A prisoner aged over sixty years of age shall remain in the institution with the medical unit.\n",
    ),
    (
        "a same-sex search, and no male officer shall be present",
        "Commonwealth act",
        19,
        "33. A female prisoner shall be searched by a female officer, and no male officer shall be present.\n",
    ),
    (
        "a ban on handcuffs, and no woman in labour left alone",
        "ASEAN regulation",
        24,
        "Article 7. Handcuffs shall not be used on pregnant women, and no woman in labour shall be left alone.\n",
    ),
    (
        "a cell searched in the prisoner's absence",
        "Westminster prison rules",
        19,
        "30. A female prisoner's cell may be searched by a female officer in her absence.\n",
    ),
    (
        "free supply, other brands for purchase",
        "US agency directive",
        5,
        "8.5 Sanitary pads and tampons shall be provided free of charge; other brands are available for purchase "
        "at the commissary.\n",
    ),
    (
        "next of kin not told without consent",
        "Westminster prison rules",
        8,
        "16. The governor shall not notify the next of kin of a prisoner of her pregnancy without her consent.\n",
    ),
    (
        "protective home at her own request",
        "South Asian statute",
        59,
        "18. A woman may be admitted to a protective home at her own request and shall be free to leave it at any time.\n",
    ),
    (
        "pregnancy not an aggravating circumstance",
        "Latin American code",
        64,
        "Article 58. In determining the penalty, the pregnancy of the accused shall not be considered an "
        "aggravating circumstance.\n",
    ),
    (
        "privileges other than visits forfeited",
        "Westminster prison rules",
        23,
        "58. A prisoner may be punished by forfeiture of privileges other than visits.\n",
    ),
    (
        "a ban on restricting contact with children",
        "civil-law code",
        28,
        "Article 72. Any restriction of physical contact between a mother and her visiting children is prohibited.\n",
    ),
    (
        "a cross-gender strip search ban without exception",
        "US federal standard (PREA)",
        19,
        "115.16 Cross-gender strip searches of female inmates are prohibited.\n",
    ),
]


@pytest.mark.parametrize(
    "phenomenon, tradition, rule, expected, text", CASES, ids=[f"BR{c[2]} {c[1]}: {c[0]}" for c in CASES]
)
def test_probe_reaches_the_expected_verdict(verdict, phenomenon, tradition, rule, expected, text):
    assert verdict(text, rule) == expected


@pytest.mark.parametrize(
    "phenomenon, tradition, rule, text", NOT_CONFLICT, ids=[f"BR{c[2]} {c[1]}: {c[0]}" for c in NOT_CONFLICT]
)
def test_look_alike_is_no_conflict(verdict, phenomenon, tradition, rule, text):
    assert verdict(text, rule) != "conflict"


@pytest.mark.parametrize(
    "text",
    [
        "Article 30. Special means, including handcuffs, shall not be applied to pregnant women.\n",  # post-Soviet
        "Regulation 9. Electronic means, such as video links, may be used for visits.\n",  # ASEAN, US directives
    ],
)
def test_a_noun_before_a_comma_is_no_definition(tmp_path, text):
    path = tmp_path / "regulation.txt"
    path.write_text(text, encoding="utf-8")
    assert [p.kind for p in read_document(path).provisions] == ["body"]


def test_a_conflict_resting_on_a_definition_cites_the_definition(tmp_path):
    path = tmp_path / "regulation.txt"
    path.write_text(
        '2. In these Rules, "infant" means a child of a female prisoner who is under the age of two years.\n\n'
        "9. A female prisoner may be permitted to have her infant with her in a mother and baby unit.\n",
        encoding="utf-8",
    )
    [rule] = [r for r in check_document(read_document(path), ("all",)).rules if r.rule == 52]
    assert [(e.label, e.relation) for e in rule.evidence if e.relation == "conflicts"] == [
        ("9", "conflicts"),
        ("2", "conflicts"),
    ]
