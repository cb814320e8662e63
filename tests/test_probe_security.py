"""Probe campaign on the security and discipline rules (Bangkok Rules 4, 19, 22-24, 40-41): short
regulations written for this test in the words of several drafting traditions, each exercising a
phenomenon the linter misread before (a fallback that re-permits a cross-sex search, a modal phrase
read as a duty, a vocabulary variant of one tradition), with a counter-case that must not change.

Expected verdicts follow the labelling conventions of ../shared/corpus-real/README.md.
"""

import pytest

CASES = [
    # (phenomenon, tradition, rule, expected verdict, regulation text)
    # -- Rule 19: a same-sex search rule whose fallback lets any officer search a woman -------------
    (
        "fallback to any officer",
        "Westminster prison rules",
        19,
        "conflict",
        "12. A female prisoner shall be searched by a female officer or, where no female officer is available, by any officer.\n",
    ),
    (
        "fallback to any officer",
        "New Zealand corrections act",
        19,
        "conflict",
        "98. (1) A prisoner may be strip searched only by an officer of the same gender.\n\n"
        "(2) If no officer of the same gender is available, the search may be conducted by any officer.\n",
    ),
    (
        "urgency exception to a same-sex search",
        "post-Soviet penal enforcement code",
        19,
        "conflict",
        "Article 82. The personal search of convicted women shall be carried out by employees of the same sex, "
        "save in cases that do not admit of delay.\n",
    ),
    (
        "urgency exception to a same-sex search",
        "US agency directive",
        19,
        "conflict",
        "§ 4-12. Pat searches of female inmates shall be conducted by female staff, except in exigent circumstances, "
        "when a male staff member may conduct the search.\n",
    ),
    (
        "opposite-gender unclothed body inspection",
        "US agency regulation (California Title 15)",
        19,
        "conflict",
        "3287(b)(3). An unclothed body inspection of an inmate may be conducted by staff of the opposite gender "
        "only in an emergency.\n",
    ),
    (
        "counter-case: fallback in a rule about men",
        "Westminster prison rules",
        19,
        "gap",
        "12. Male prisoners shall be searched by officers of the same sex or, where none is available, by any officer.\n",
    ),
    (
        "men as onlookers are not searchers",
        "Commonwealth prisons act (Africa)",
        19,
        "partial",
        "32. A female prisoner shall be searched only by a woman prison officer, out of the sight of male officers and prisoners.\n",
    ),
    (
        "counter-case: a male searcher is still a conflict",
        "Caribbean prison rules",
        19,
        "conflict",
        "31. Where no female officer is on duty, the officer in charge may direct a male officer to search a female prisoner.\n",
    ),
    # -- Rule 23: "shall not be permitted" is a prohibition, not a duty -----------------------------
    (
        "shall not be permitted",
        "Westminster prison rules",
        23,
        "conflict",
        "A prisoner undergoing cellular confinement as a punishment shall not be permitted to receive visits.\n",
    ),
    (
        "shall not be allowed",
        "post-Soviet penal enforcement code",
        23,
        "conflict",
        "Article 119. Convicts serving a penalty in a penalty isolator shall not be allowed visits, telephone conversations or parcels.\n",
    ),
    # -- Rule 22: confinement to quarters; an exemption for a woman who has her baby with her -------
    (
        "confinement to quarters",
        "Caribbean prison rules",
        22,
        "conflict",
        "22. The Superintendent may punish a prisoner guilty of a prison offence by (a) reprimand; "
        "(b) confinement to quarters for up to ten days; (c) forfeiture of remission.\n",
    ),
    (
        "exemption for a woman with her baby",
        "Westminster prison rules",
        22,
        "covered",
        "55. (1) The governor may impose cellular confinement for up to 14 days.\n\n"
        "(2) Cellular confinement shall not be imposed on a prisoner who is pregnant or who has her baby with her.\n",
    ),
    (
        "exemption for women having children",
        "post-Soviet penal enforcement code",
        22,
        "covered",
        "Article 117. (1) Convicts may be placed in a penalty isolator for up to fifteen days.\n\n"
        "(2) Pregnant women and women having children under three years shall not be placed in a penalty isolator.\n",
    ),
    # -- Rule 24: "just given birth" is the time immediately after birth ---------------------------
    (
        "just given birth",
        "Pacific prison rules",
        24,
        "covered",
        "27. No restraint shall be placed on a prisoner who is giving birth or who has just given birth.\n",
    ),
    (
        "recently given birth",
        "South Asian jail manual",
        24,
        "covered",
        "Rule 431. Handcuffs or fetters shall never be used on a female prisoner in labour or who has recently given birth.\n",
    ),
    # -- Rule 4: allocation near home in other traditions' words (gender-neutral: partial) --------
    (
        "native place",
        "South Asian jail manual",
        4,
        "partial",
        "Rule 455. A female prisoner may, on her application, be transferred to the jail nearest to her native place.\n",
    ),
    (
        "serve the sentence in the region of residence",
        "post-Soviet penal enforcement code",
        4,
        "partial",
        "Article 73. Convicts shall serve their sentence in a correctional institution within the region in which they resided.\n",
    ),
    (
        "counter-case: a bare transfer power",
        "US state code",
        4,
        "gap",
        "Notwithstanding any other provision of law, the Department may transfer any inmate to any facility within or outside the State.\n",
    ),
    # -- Rules 40-41: classification or sentence planning by needs for all prisoners is partial ----
    (
        "sentence plan by needs",
        "Westminster prison rules",
        40,
        "partial",
        "Every prisoner shall be assessed on reception and an individual sentence plan shall be prepared "
        "according to the prisoner's needs and risks.\n",
    ),
    (
        "classification by personal history",
        "post-Soviet penal enforcement code",
        41,
        "partial",
        "Article 74. Convicts shall be classified taking into account their personal history and personal circumstances.\n",
    ),
    (
        "counter-case: classification by offence",
        "post-Soviet penal enforcement code",
        40,
        "gap",
        "Article 58. Convicts shall be classified according to the gravity of the offence and the length of the sentence.\n",
    ),
]


@pytest.mark.parametrize(
    "phenomenon, tradition, rule, expected, text", CASES, ids=[f"BR{c[2]} {c[1]}: {c[0]}" for c in CASES]
)
def test_probe_reaches_the_expected_verdict(verdict, phenomenon, tradition, rule, expected, text):
    assert verdict(text, rule) == expected
