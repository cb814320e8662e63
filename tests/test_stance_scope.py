"""Stance scoped to the clause that governs the act (issue 9, section 2).

Every clause here is invented for the test, in the wording of several drafting traditions:
Westminster rules, US code and agency directives, civil-law articles, post-Soviet codes,
South Asian jail manuals, ASEAN regulations and Commonwealth acts.
"""

import pytest

from linter.nlp.deontic import restricted_at, stance_at
from linter.nlp.pipeline import build_pipeline


def _stance(text: str, act: str):
    doc = build_pipeline()(text)
    token = next(t.i for t in doc if t.lower_ == act)
    return stance_at(doc._.clauses, token)


def _kind(text: str, act: str) -> str:
    stance = _stance(text, act)
    return stance.kind if stance else "none"


PROVISOS = [
    # Westminster: a semicolon proviso that re-permits.
    (
        "A woman in labour shall not be handcuffed; but where the governor certifies a real risk of escape, one wrist may be secured to the bed.",
        "handcuffed",
        "excepted-prohibition",
    ),
    # US code: "Provided, That" after a colon.
    (
        "A restraint shall not be applied to an inmate known to be pregnant: Provided, That the warden may authorize a waist chain where the inmate has attempted escape.",
        "restraint",
        "excepted-prohibition",
    ),
    # South Asian jail manual.
    (
        "Fetters shall not be imposed upon a female prisoner: provided however that the Superintendent may, for reasons to be recorded in writing, direct otherwise.",
        "fetters",
        "excepted-prohibition",
    ),
    # Caribbean act: "save where" inside the clause.
    (
        "A pregnant prisoner shall not be placed in a punishment cell, save where the medical officer certifies that she is fit.",
        "cell",
        "excepted-prohibition",
    ),
    # Civil-law article: "except in so far as".
    (
        "Article 14. Means of restraint shall not be applied to women in childbirth, except in so far as the head of the institution orders otherwise in writing.",
        "restraint",
        "excepted-prohibition",
    ),
    # A proviso that adds a duty re-permits nothing.
    (
        "A woman in labour shall not be handcuffed; provided that the escorting officer shall remain outside the delivery room.",
        "handcuffed",
        "prohibition",
    ),
    # The re-permission is read in the proviso too.
    (
        "A woman in labour shall not be shackled; but if the superintendent certifies a danger of escape, one wrist may be secured.",
        "secured",
        "permission",
    ),
]


@pytest.mark.parametrize("text, act, expected", PROVISOS)
def test_provisos_are_exceptions(text, act, expected):
    assert _kind(text, act) == expected


LIMITS = [
    # Westminster.
    (
        "Instruments of restraint shall be used on a pregnant prisoner only where the governor certifies a risk of escape.",
        "restraint",
        "limited",
    ),
    # US agency directive.
    ("A strip search of a female inmate shall be conducted only by a female officer.", "search", "limited"),
    # ASEAN ministerial regulation.
    ("The body search of female detainees must be carried out only by female officers.", "search", "limited"),
    # Civil-law article: a permission limited the same way.
    (
        "Article 9. A child may be separated from the mother only after an assessment of the child's best interests.",
        "separated",
        "limited",
    ),
    # Without "only" the duty is a plain obligation.
    ("A strip search of a female inmate shall be conducted by a female officer.", "search", "obligation"),
]


@pytest.mark.parametrize("text, act, expected", LIMITS)
def test_shall_only_where_is_a_protective_limit_not_a_permission(text, act, expected):
    assert _kind(text, act) == expected


RIGHTS = [
    # Westminster: "may request" is the prisoner's right, a duty on the prison.
    ("A woman prisoner may request to be examined by a female medical officer.", "examined", "obligation"),
    # Commonwealth act.
    ("Every prisoner is entitled to receive visits from members of the family twice a month.", "visits", "obligation"),
    # Post-Soviet code.
    ("Article 89. Convicted women shall have the right to receive parcels and parcels post.", "parcels", "obligation"),
    # US directive: the request comes first, the duty follows.
    (
        "On the request of a pregnant inmate, a female physician shall conduct the examination.",
        "examination",
        "obligation",
    ),
    # South Asian jail manual: an application is a right too.
    ("A female prisoner may apply for an interview with her children once a fortnight.", "interview", "obligation"),
    # Post-Soviet code: a convict who "may receive" holds a right.
    ("Article 100. Convicted pregnant women may receive additional parcels without limit.", "parcels", "obligation"),
    # Commonwealth act: a mother who "may retain" her infant.
    ("A female prisoner may retain her infant with her until the infant is two years old.", "infant", "obligation"),
    # A withheld entitlement is a prohibition.
    ("A prisoner undergoing cellular confinement is not entitled to visits.", "visits", "prohibition"),
    # Discretion of the authority stays a permission.
    ("The governor may grant a prisoner an additional visit.", "visit", "permission"),
    # A refused right is a prohibition.
    ("No prisoner may request a transfer during the first month.", "transfer", "prohibition"),
]


@pytest.mark.parametrize("text, act, expected", RIGHTS)
def test_a_right_of_the_prisoner_is_an_obligation_on_the_authority(text, act, expected):
    assert _kind(text, act) == expected


SUBORDINATE = [
    # Westminster: the relative clause's "shall" does not govern the restraint.
    (
        "Restraints, which shall be removed on the physician's request, may be applied to a woman in labour.",
        "applied",
        "permission",
    ),
    (
        "Restraints, which shall be removed on the physician's request, may be applied to a woman in labour.",
        "restraints",
        "permission",
    ),
    # Civil-law article: "which may be used" does not permit what the main clause forbids.
    (
        "Article 31. Handcuffs, which may be used during transport, shall not be applied during childbirth.",
        "handcuffs",
        "prohibition",
    ),
    # A noun clause: "should" belongs to the decision's content, the decision itself is a duty.
    (
        "The decision that the child should leave the prison shall be taken by the director after consulting the mother.",
        "decision",
        "obligation",
    ),
    # Inside the relative clause its own modal governs.
    (
        "Restraints, which shall be removed on the physician's request, may be applied to a woman in labour.",
        "removed",
        "obligation",
    ),
    # ASEAN regulation: the subject's relative clause holds "may", the duty is the main verb.
    ("A detainee who may be pregnant shall be given a medical examination on admission.", "examination", "obligation"),
]


@pytest.mark.parametrize("text, act, expected", SUBORDINATE)
def test_a_modal_in_a_relative_or_noun_clause_does_not_govern_the_main_act(text, act, expected):
    assert _kind(text, act) == expected


SANCTIONS = [
    # Westminster prison rules.
    (
        "A prisoner who commits a disciplinary offence shall be liable to cellular confinement for a period not exceeding fourteen days.",
        "confinement",
        "permission",
    ),
    # US state code.
    (
        "An inmate who violates this section is punishable by placement in disciplinary segregation for up to thirty days.",
        "segregation",
        "permission",
    ),
    # Post-Soviet code.
    (
        "Article 115. Convicted women who maliciously violate the regime shall be subject to transfer to a punishment cell for up to fifteen days.",
        "cell",
        "permission",
    ),
    # Pacific act: "may be awarded".
    ("Solitary confinement may be awarded for a major prison offence.", "confinement", "permission"),
    # South Asian jail manual: the punishing officer's power.
    (
        "The Superintendent may impose separate confinement on any prisoner guilty of a jail offence.",
        "confinement",
        "permission",
    ),
    # South-East Asian penal wording.
    (
        "Any prisoner who escapes from custody shall be punished with solitary confinement not exceeding seven days.",
        "confinement",
        "permission",
    ),
    # An exemption from a sanction is a prohibition.
    ("No pregnant prisoner shall be liable to cellular confinement.", "confinement", "prohibition"),
]


@pytest.mark.parametrize("text, act, expected", SANCTIONS)
def test_sanctions_permit_the_punishment(text, act, expected):
    assert _kind(text, act) == expected


RESTRICTIONS = [
    # Westminster.
    ("The governor may impose restrictions on visits for a period not exceeding 28 days.", "visits", True),
    # Civil-law article.
    (
        "Article 40. Limitation of correspondence shall be ordered by the head of the institution.",
        "correspondence",
        True,
    ),
    # US directive: loss of a privilege.
    ("Sanctions include loss of telephone privileges for up to 60 days.", "telephone", True),
    # Westminster: a modal governing a restriction verb restricts the good.
    ("Visits may be restricted for a period not exceeding 28 days.", "visits", True),
    # South Asian jail manual, active voice.
    ("The Superintendent may withhold letters of a prisoner under punishment.", "letters", True),
    # Civil-law article: the restricting agent is not restricted.
    ("Article 45. Disciplinary measures shall not restrict the visits of a prisoner.", "disciplinary", False),
    # The good itself, provided.
    ("Prisoners shall receive visits from their families without restriction.", "visits", False),
    (
        "Every prisoner may send and receive letters; correspondence shall not be restricted as a punishment.",
        "letters",
        False,
    ),
]


@pytest.mark.parametrize("text, act, restricted", RESTRICTIONS)
def test_a_restriction_of_a_good_is_marked(text, act, restricted):
    doc = build_pipeline()(text)
    token = next(t.i for t in doc if t.lower_ == act)
    assert restricted_at(doc._.clauses, token) is restricted


NEGATIVE_OPENERS = [
    ("B. No restraint shall be applied to a pregnant detainee.", "restraint", "prohibition"),
    ("In no case shall a woman in labour be shackled.", "shackled", "prohibition"),
    ("Under no circumstances may a pregnant woman be placed in solitary confinement.", "placed", "prohibition"),
    ("Nothing in this section permits the use of restraints on a woman in labour.", "restraints", "prohibition"),
    # Commonwealth act: the negative subject after an introductory phrase.
    ("In the case of a pregnant prisoner, no instrument of restraint shall be used.", "restraint", "prohibition"),
    # US code: a run-in caption before "No".
    ("(D) Restraint of pregnant women No officer may restrain a pregnant woman in custody.", "restrain", "prohibition"),
    # A negative word inside a condition does not negate the permission.
    ("Where no female officer is available, a male officer may conduct the search.", "search", "permission"),
    # The opener negates the first modal only.
    ("No prisoner shall be punished twice for one offence, but a prisoner may be warned.", "warned", "permission"),
]


@pytest.mark.parametrize("text, act, expected", NEGATIVE_OPENERS)
def test_negative_openers(text, act, expected):
    assert _kind(text, act) == expected


SAVINGS_AND_SOFT_WORDING = [
    # US state statute: a saving clause keeps the power.
    (
        "Nothing in this section shall be construed to prohibit the use of restraints on a pregnant inmate who poses a serious risk of escape.",
        "restraints",
        "permission",
    ),
    # Westminster: "Nothing in these Rules shall prevent ...".
    (
        "Nothing in these Rules shall prevent the governor from ordering the separation of a mother and her infant.",
        "separation",
        "permission",
    ),
    # Without "Nothing" the same verb forbids.
    ("This section prohibits the use of restraints on a woman in labour.", "restraints", "prohibition"),
    # UK instruction: "should not" is a prohibition, "should" a soft duty.
    ("Restraints should not be used on a woman in labour.", "restraints", "prohibition"),
    ("Restraints should be avoided where possible.", "restraints", "qualified-obligation"),
    # Post-Soviet code: inadmissible.
    ("Article 58. The use of special means against pregnant women is inadmissible.", "means", "prohibition"),
    # ASEAN regulation: "is allowed", "is mandatory".
    ("The use of handcuffs on female detainees is allowed during transport.", "handcuffs", "permission"),
    ("A medical examination of every female detainee on admission is mandatory.", "examination", "obligation"),
    # South Asian jail manual: "ordinarily" softens a duty.
    ("Female prisoners shall ordinarily be searched by the matron.", "searched", "qualified-obligation"),
]


@pytest.mark.parametrize("text, act, expected", SAVINGS_AND_SOFT_WORDING)
def test_saving_clauses_and_soft_wording(text, act, expected):
    assert _kind(text, act) == expected


POWERS_AND_DUTIES = [
    # Commonwealth act: a power is a permission, not a duty.
    (
        "The Commissioner shall have power to order the separate confinement of any prisoner.",
        "confinement",
        "permission",
    ),
    ("The officer in charge is empowered to place a prisoner in a separate cell.", "cell", "permission"),
    # US directive: "is to be" obliges, "is not to be" forbids.
    ("A pregnant inmate is to be transported in a vehicle with seat belts.", "transported", "obligation"),
    ("A pregnant inmate is not to be placed in restraints during transport.", "restraints", "prohibition"),
    # Civil-law article: a bound duty.
    ("Article 22. The administration is bound to provide pregnant women with medical care.", "care", "obligation"),
]


@pytest.mark.parametrize("text, act, expected", POWERS_AND_DUTIES)
def test_powers_and_duties(text, act, expected):
    assert _kind(text, act) == expected


@pytest.mark.parametrize(
    "text",
    [
        # US state code: the sanction is named only by "is subject to loss of".
        "A prisoner who violates facility rules is subject to loss of visiting privileges for up to sixty days.",
        # Westminster rules.
        "A prisoner who commits an offence against discipline shall be liable to forfeiture of remission.",
        # South-East Asian penal wording.
        "Any prisoner who escapes is punishable with confinement in a separate cell.",
    ],
)
def test_words_that_introduce_a_punishment_name_a_sanction(text):
    doc = build_pipeline()(text)
    assert "sanction" in {hit.concept for hit in doc._.concepts}


@pytest.mark.parametrize(
    "text, act, expected",
    [
        # Westminster: a duty to ensure that no … is a prohibition of the act.
        ("The governor shall ensure that no woman in labour is shackled.", "shackled", "prohibition"),
        # US directive.
        (
            "Each facility must ensure that no pregnant inmate is placed in restrictive housing.",
            "placed",
            "prohibition",
        ),
        # A relative clause that opens "who no longer" negates nothing outside it.
        ("A prisoner who no longer requires hospital care shall be returned to the prison.", "returned", "obligation"),
        # A positive complement stays a duty.
        (
            "The superintendent shall ensure that female prisoners are searched by female officers.",
            "searched",
            "obligation",
        ),
    ],
)
def test_a_duty_to_ensure_that_no_act_happens_forbids_it(text, act, expected):
    assert _kind(text, act) == expected


def test_a_restriction_verb_reaches_only_its_object():
    # Caribbean act: the products are not what is refused; the entry is.
    doc = build_pipeline()("No visitor shall be refused entry because she carries sanitary products.")
    tokens = {t.lower_: t.i for t in doc}
    assert restricted_at(doc._.clauses, tokens["entry"])
    assert not restricted_at(doc._.clauses, tokens["products"])


@pytest.mark.parametrize(
    "text, act, expected",
    [
        # Westminster: a ban with a way round it is an excepted prohibition.
        (
            "Restraints shall not be used on a woman in labour without the written approval of the governor.",
            "restraints",
            "excepted-prohibition",
        ),
        # South Asian jail manual.
        (
            "No female prisoner shall be placed in solitary confinement without the sanction of the Inspector General.",
            "confinement",
            "excepted-prohibition",
        ),
        # US directive.
        (
            "Staff may not restrain a pregnant inmate without prior authorization from the warden.",
            "restrain",
            "excepted-prohibition",
        ),
        # "without delay" is no exception.
        ("A woman in labour shall not be kept in the prison without delay.", "kept", "prohibition"),
    ],
)
def test_a_ban_with_a_way_round_it_is_excepted(text, act, expected):
    assert _kind(text, act) == expected


@pytest.mark.parametrize(
    "text, act, expected",
    [
        # Westminster: "however" inside a clause is a discourse word, not an exception.
        ("Restraints shall, however, not be used on a woman in labour.", "restraints", "prohibition"),
        ("Restraints shall not, however, be used on a woman in labour.", "restraints", "prohibition"),
        # Civil-law article: opening a later sentence that permits, it is a proviso.
        (
            "Article 9. Restraints shall not be used on a woman in labour. However, the head of the institution may authorise handcuffs where she is violent.",
            "restraints",
            "excepted-prohibition",
        ),
        # Opening a later sentence that only adds a duty, it re-permits nothing.
        (
            "Article 9. Restraints shall not be used on a woman in labour. Nevertheless, the escort shall remain with her.",
            "restraints",
            "prohibition",
        ),
    ],
)
def test_however_is_a_proviso_only_when_it_opens_a_permitting_clause(text, act, expected):
    assert _kind(text, act) == expected


# "shall not apply" with an object of its own is a ban on applying it, not a disapplication of
# another provision; with no object ("… shall not apply where …") it switches a provision off.
APPLY = [
    (
        "Staff shall not apply restraints to a woman in labour, during birth or immediately after birth.",
        "restraints",
        "prohibition",
    ),  # US directive
    (
        "Article 31. Employees of the institution shall not apply special means to women with visible signs of pregnancy.",
        "means",
        "prohibition",
    ),  # post-Soviet code
    (
        "The officer in charge shall not apply handcuffs to a female prisoner who is with child.",
        "handcuffs",
        "prohibition",
    ),  # South Asian jail manual
]


@pytest.mark.parametrize("text, act, kind", APPLY)
def test_apply_with_an_object_is_a_ban(text, act, kind):
    assert _kind(text, act) == kind


@pytest.mark.parametrize(
    "text",
    [
        "(2) Paragraph (1) shall not apply where the governor certifies a risk of escape.",  # Westminster
        "(b) The prohibition in subsection (a) does not apply to an inmate who is not pregnant.",  # US code
        "3. Part 1 of this Article shall not apply.",  # civil-law article
    ],
)
def test_apply_without_an_object_still_disapplies(text):
    doc = build_pipeline()(text)
    assert any(m.category == "disapplication" for c in doc._.clauses for m in c.markers)


# "No punishment shall restrict visits" rules the punishing out; only "Nothing in this section
# shall restrict …" saves what follows the verb.
NEGATED_SAVING = [
    (
        "6. No punishment shall restrict a prisoner's contact with her family.",
        "punishment",
        "prohibition",
    ),  # Commonwealth act
    (
        "Article 40. No disciplinary penalty shall limit the meetings of a convicted woman with her children.",
        "penalty",
        "prohibition",
    ),  # post-Soviet code
    (
        "Nothing in this section shall restrict the power of the superintendent to search a prisoner.",
        "search",
        "permission",
    ),  # saving clause, Westminster
    (
        "Nothing in this Part shall be construed to prohibit the use of handcuffs during transport.",
        "handcuffs",
        "permission",
    ),  # US code
]


@pytest.mark.parametrize("text, act, kind", NEGATED_SAVING)
def test_negated_restraining_verb_forbids_its_subject_and_saves_its_object(text, act, kind):
    assert _kind(text, act) == kind
