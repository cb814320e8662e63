"""Probe campaign on four kinds of conflict that unseen laws showed the linter missing: a child's
stay ended at a fixed age (Bangkok Rule 52) worded as the end of a programme, in a proviso, in an
impersonal passive or at weaning; family contact lost as the consequence of a disciplinary
placement (Rule 23); strip searches named without the word "strip" and left to any officer when a
woman officer is impracticable (Rule 19); and "confinement" meaning childbirth beside a restraint
clause (Rule 24). Each phenomenon in two drafting traditions or more, with near misses that must
not become conflicts.

Expected verdicts follow the labelling conventions of ../shared/corpus-real/README.md.
"""

import pytest

from linter.engine.units import build_units
from linter.extract import read_document
from linter.nlp.deontic import stance_at
from linter.nlp.pipeline import build_pipeline
from linter.patterns import load_patterns

CASES = [
    # (phenomenon, tradition, rule, expected verdict, regulation text)
    # -- Rule 52: the stay ends at a fixed age ----------------------------------------------------
    (
        "programme ends at an age",
        "Australian state regulation",
        52,
        "conflict",
        "48. Participation of a child in the mothers and children program ends when the child turns four years of age.",
    ),
    (
        "programme ends at a birthday",
        "Canadian commissioner's directive",
        52,
        "conflict",
        "22. A child's residency in the mother-child program will end on the child's fifth birthday.",
    ),
    (
        "unit placement ends at an age",
        "New Zealand corrections regulation",
        52,
        "conflict",
        "183. A child's placement in a mothers with babies unit ends when the child reaches the age of two years.",
    ),
    (
        "negative proviso after a permission (same sentence)",
        "Caribbean prison rules",
        52,
        "conflict",
        "55. A female prisoner may have her baby with her in prison, provided that no child shall be kept in the "
        "prison beyond the age of eighteen months.",
    ),
    (
        "negative proviso after a permission (same sentence)",
        "Westminster colonial prison rules",
        52,
        "conflict",
        "15. A woman prisoner may be permitted to have her infant with her in prison, provided that no infant shall "
        "remain in prison after it has attained the age of twelve months.",
    ),
    (
        "impersonal passive placement at an age",
        "ASEAN ministerial regulation",
        52,
        "conflict",
        "Article 22. Upon the child reaching three years of age, the child shall be placed with a relative or in a "
        "social welfare home.",
    ),
    (
        "impersonal passive placement at an age",
        "post-Soviet internal regulations",
        52,
        "conflict",
        "214. Upon reaching the age of three years the child is placed with relatives or in a children's home by "
        "decision of the guardianship authority.",
    ),
    (
        "impersonal passive: sent to an orphanage at an age",
        "post-Soviet penal enforcement code",
        52,
        "conflict",
        "Article 101. On reaching the age of three years, children of convicted women are sent to an orphanage or "
        "to relatives.",
    ),
    (
        "returned to the family at an age",
        "ASEAN ministerial regulation",
        52,
        "conflict",
        "Article 23. A child who has reached two years of age shall be returned to the family of the prisoner.",
    ),
    (
        "stay until weaned",
        "Pacific prisons act",
        52,
        "conflict",
        "40. An infant may remain in prison with its mother until it is weaned, after which it shall be delivered "
        "to a relative or to the welfare officer.",
    ),
    (
        "stay until weaned",
        "South Asian jail manual",
        52,
        "conflict",
        "Rule 511. A suckling infant may accompany its mother to jail and shall remain with her until weaned.",
    ),
    (
        "stay until weaned (perfect tense)",
        "Westminster colonial prison rules",
        52,
        "conflict",
        "18. An infant may be admitted with its mother and may remain with her until it has been weaned.",
    ),
    (
        "stay only as an 'infant', defined by an age in months",
        "US agency regulation",
        52,
        "conflict",
        '§ 2. "Infant" means a child born to an inmate who is under 18 months of age.\n\n'
        "§ 14. An inmate may keep her infant with her in the nursery program.",
    ),
    (
        "stay only as a 'suckling infant', defined by an age in months",
        "South Asian jail manual",
        52,
        "conflict",
        'Rule 2. "Suckling infant" means a child not more than twelve months old.\n\n'
        "Rule 410. A suckling infant may accompany its mother into the jail.",
    ),
    (
        "counter-case: 'child' defined as under eighteen years",
        "Westminster prison rules",
        52,
        "gap",
        '2. "child" means a person under the age of eighteen years.\n\n'
        "9. A child may live with her mother in the mother and baby unit.",
    ),
    (
        "counter-case: programme ends on the mother's release",
        "Australian state regulation",
        52,
        "gap",
        "48. Participation of a child in the mothers and children program ends when the mother is released from custody.",
    ),
    (
        "counter-case: proviso names a condition, then a permission past the comma",
        "Commonwealth Africa prisons act",
        52,
        "partial",
        "31. A child may remain with its mother in prison until the age of four, but where no relative is able to "
        "care for the child, the Commissioner may allow it to remain longer in the best interests of the child.",
    ),
    (
        "counter-case: a convict transferred at an age",
        "post-Soviet internal regulations",
        52,
        "gap",
        "215. Upon reaching the age of eighteen years the convict is transferred to a correctional colony.",
    ),
    (
        "counter-case: a ration until weaning",
        "South Asian jail manual",
        52,
        "gap",
        "Rule 512. A nursing mother shall receive an extra ration of milk until her child is weaned.",
    ),
    # -- Rule 23: contact lost as the consequence of a disciplinary placement ---------------------
    (
        "placement makes the prisoner ineligible for contact",
        "US agency directive",
        23,
        "conflict",
        "§ 5-30. Inmates housed in the punishment block are not eligible for visits or telephone calls.",
    ),
    (
        "placement makes the prisoner ineligible for contact",
        "Australian state regulation",
        23,
        "conflict",
        "161. A prisoner serving a period of separate confinement as a penalty is ineligible for contact visits.",
    ),
    (
        "placement named as the punishment bars contact",
        "Westminster prison rules",
        23,
        "conflict",
        "55. A prisoner undergoing cellular confinement shall not receive visits or letters.",
    ),
    (
        "ban on contact read as a ban on its withdrawal (was covered)",
        "post-Soviet penal enforcement code",
        23,
        "conflict",
        "Article 118. Convicts held in penalty isolators are prohibited from having visits, receiving parcels and "
        "making telephone calls.",
    ),
    (
        "no access to family visits during a sanction",
        "Canadian commissioner's directive",
        23,
        "conflict",
        "36. An inmate serving a sanction of segregation shall have no access to private family visits.",
    ),
    (
        "placement opens the sentence with 'While' (read as a coordinated part before)",
        "Caribbean prison rules",
        23,
        "conflict",
        "71. While in the punishment cell a prisoner shall forfeit all privileges, including visits and letters.",
    ),
    (
        "contact lost by a verb",
        "US agency directive",
        23,
        "conflict",
        "Inmates on disciplinary status lose telephone and visiting privileges.",
    ),
    (
        "guard: 'shall be prohibited from' meetings with relatives (the ban is no withdrawal)",
        "post-Soviet penal enforcement code",
        23,
        "conflict",
        "Article 119. Convicts serving a penalty in the punishment cell shall be prohibited from meetings with relatives.",
    ),
    (
        "counter-case: saving clause keeps family visits during punishment (was a conflict)",
        "Westminster prison rules",
        23,
        "covered",
        "56. A prisoner undergoing punishment shall not be deprived of visits from her family.",
    ),
    (
        "counter-case: administrative segregation is no punishment",
        "US agency directive",
        23,
        "gap",
        "Inmates in administrative segregation shall not receive contact visits.",
    ),
    (
        "counter-case: security restriction that is not a penalty",
        "Australian state regulation",
        23,
        "gap",
        "153. The governor may direct that a prisoner's visits be non-contact visits for reasons of security, "
        "which is not a penalty.",
    ),
    (
        "counter-case: a visitor barred for misconduct",
        "US agency directive",
        23,
        "gap",
        "5-40. A visitor who introduces contraband may be denied visiting privileges for one year.",
    ),
    # -- Rule 19: a strip search under another name, left to any officer -------------------------
    (
        "removal-of-clothing search, same sex unless impracticable",
        "Westminster prison rules",
        19,
        "conflict",
        "41. (3) A search requiring the removal of clothing shall be carried out by officers of the same sex as the "
        "prisoner unless that is not practicable.",
    ),
    (
        "removal-of-clothing search, same sex unless impracticable",
        "Australian state regulation",
        19,
        "conflict",
        "46. A search that requires the removal of clothing must be conducted by an officer of the same sex as the "
        "inmate, unless it is not practicable in the circumstances.",
    ),
    (
        "partial removal of clothing, any employee in urgent cases",
        "post-Soviet internal regulations",
        19,
        "conflict",
        "Personal searches with complete or partial removal of clothing are carried out by persons of the same sex "
        "as the convict; in urgent cases they may be carried out by any employee.",
    ),
    (
        "full search, any staff member if impracticable",
        "Commonwealth Pacific corrections regulation",
        19,
        "conflict",
        "12. A full search of a female prisoner must be done by a female officer; if that is not practicable, the "
        "search may be done by any staff member.",
    ),
    (
        "same-sex rule with a fallback when no woman is on duty",
        "US agency directive",
        19,
        "conflict",
        "(c) A visual search of a female inmate shall be made by female staff, except when no female staff member is "
        "on duty, in which case male staff may conduct it.",
    ),
    (
        "matron, or any warder in her absence",
        "South Asian jail manual",
        19,
        "conflict",
        "Rule 317. A female prisoner shall be searched by the matron; in her absence, by any warder in the presence "
        "of a female attendant.",
    ),
    (
        "same-sex searcher unavailable, another officer",
        "Australian state regulation",
        19,
        "conflict",
        "47. If an officer of the same sex as the prisoner is not available, a search requiring the removal of "
        "clothing may be conducted by another officer.",
    ),
    (
        "search with undressing, other employees where same sex is impossible",
        "post-Soviet penal enforcement code",
        19,
        "conflict",
        "Article 80. A personal search with undressing is carried out by persons of the same sex; where this is "
        "impossible, it may be carried out by other employees in the presence of two witnesses.",
    ),
    (
        "neither woman officer present: any woman who is not staff",
        "Pacific corrections order",
        19,
        "conflict",
        "3.13 Where neither a female corrections officer nor a female nurse is available, a female prisoner may be "
        "searched by a woman appointed by the officer in charge.",
    ),
    (
        "counter-case: the search waits for a woman officer (was a conflict)",
        "South Asian jail manual",
        19,
        "partial",
        "Rule 319. Where no female officer is available, the search of a female prisoner shall be postponed.",
    ),
    (
        "counter-case: pat search by any officer",
        "Commonwealth Pacific corrections regulation",
        19,
        "gap",
        "13. A pat-down search of any prisoner may be carried out by any officer.",
    ),
    (
        "counter-case: removal-of-clothing search by the same sex only",
        "Westminster prison rules",
        19,
        "gap",
        "41. A search requiring the removal of clothing shall be carried out only by officers of the same sex as the "
        "prisoner.",
    ),
    # -- Rule 24: "confinement" as childbirth beside a restraint clause ---------------------------
    (
        "confinement in hospital, handcuffs in the next subsection",
        "South Asian jail manual",
        24,
        "conflict",
        "Rule 460. (1) A pregnant prisoner shall be removed to the civil hospital for her confinement.\n"
        "(2) While in hospital for her confinement she may be handcuffed to the bed where the guard considers it necessary.",
    ),
    (
        "during her confinement, fetters unless necessary",
        "Commonwealth Africa prisons act",
        24,
        "conflict",
        "29. (1) A woman prisoner who is pregnant shall be admitted to a public hospital for her confinement.\n"
        "(2) During her confinement she shall not be chained or fettered unless the officer in charge considers it "
        "necessary to prevent her escape.",
    ),
    (
        "before and after her confinement",
        "Caribbean prison rules",
        24,
        "conflict",
        "61. Before and after her confinement in hospital a woman prisoner may be kept in handcuffs if she is "
        "considered an escape risk.",
    ),
    (
        "absolute ban during confinement (nothing on the time after birth)",
        "South Asian jail manual",
        24,
        "partial",
        "Rule 463. A pregnant prisoner in hospital for her confinement shall never be fettered or handcuffed.",
    ),
    (
        "counter-case: confinement as detention",
        "US agency directive",
        24,
        "gap",
        "§ 3-2. During confinement an inmate may be restrained with handcuffs when moved outside the unit.",
    ),
    (
        "counter-case: her confinement with no pregnancy near",
        "Caribbean prison rules",
        24,
        "gap",
        "62. During her confinement a female prisoner may be handcuffed when escorted outside the prison.",
    ),
    (
        "counter-case: pregnancy in another section",
        "Commonwealth Africa prisons act",
        24,
        "gap",
        "28. A pregnant prisoner shall receive an extra diet.\n\n"
        "29. During confinement an inmate may be restrained with handcuffs when moved outside the prison.",
    ),
    (
        "counter-case: disciplinary confinement beside a pregnancy",
        "US agency directive",
        24,
        "gap",
        "§ 9. (a) A pregnant inmate shall receive prenatal care.\n"
        "(b) Inmates in disciplinary confinement may be restrained when escorted.",
    ),
]


@pytest.mark.parametrize(
    "phenomenon, tradition, rule, expected, text", CASES, ids=[f"BR{c[2]} {c[1]}: {c[0]}" for c in CASES]
)
def test_probe_reaches_the_expected_verdict(verdict, phenomenon, tradition, rule, expected, text):
    assert verdict(text, rule) == expected


def _units(tmp_path, text: str):
    path = tmp_path / "regulation.txt"
    path.write_text(text + "\n", encoding="utf-8")
    patterns = load_patterns()
    return build_units(read_document(path), build_pipeline(), (), patterns.concepts, patterns.drafting)


@pytest.mark.parametrize(
    "text, expected",
    [
        # The cue in a sibling subsection settles the sense of the next one.
        (
            "7. (1) A pregnant prisoner shall go to hospital for her confinement.\n(2) Her confinement shall be recorded.",
            True,
        ),
        # Without a cue the word keeps its detention sense.
        ("7. (1) A prisoner shall be told the rules.\n(2) Her confinement shall be recorded.", False),
    ],
)
def test_a_cued_term_is_settled_by_its_neighbours(tmp_path, text, expected):
    last = _units(tmp_path, text)[-1]
    assert ("childbirth" in last.own_concepts()) is expected
    assert not any(c.endswith("!cued") for c in last.own_concepts())


def test_a_negative_proviso_forbids_what_it_names_and_excepts_nothing():
    doc = build_pipeline()(
        "A woman may keep her child with her, provided that no child shall remain after the age of two."
    )
    remain = next(t.i for t in doc if t.text == "remain")
    assert stance_at(doc._.clauses, remain).kind == "prohibition"
    # The permission before the proviso is still excepted by it.
    keep = next(t.i for t in doc if t.text == "keep")
    assert stance_at(doc._.clauses, keep).excepted
