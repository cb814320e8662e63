"""Phenomena found by reading real prison law of Westminster, US, Australian and New Zealand
traditions that the linter had never seen (probe `realanglo`), written again as fresh clauses.

- A US state administrative code names its punitive status "disciplinary separation": a sanction
  of close confinement like any other (Rule 22, conflict when no pregnant or nursing woman is
  exempted).
- Westminster prison rules and their Commonwealth descendants ask for family relations(hips) to
  be maintained: family contact kept up for every prisoner
  (Rule 26, partial under the gender-neutral convention), as do US directives and post-Soviet
  codes in their own words.
- The after-care rule of the same family (assistance to be given to a prisoner after his release)
  and US statutes (assistance provided to inmates after release): support after release
  for every prisoner (Rule 47, partial).
- A classification named only to say it does not matter (women "of any security classification"
  may apply, inmates "of any custody level") classifies no one (Rules 40-41 stay silent).
- "Purpose and scope", the opening heading of US agency directives and Australian policy
  directives, states an aim: it obliges no one, like a "Purpose" heading.
- Westminster rules let a pregnant woman be taken out of association where her condition calls
  for it: care for her health, not punishment or a security measure, so no
  re-permitted segregation (Rule 22 stays silent), as with isolation "on the recommendation of
  the doctor" in post-Soviet codes.
- A pregnant woman taken to an outside hospital to give birth receives obstetric care (Rule 10,
  partial), in Westminster rules and US state codes alike.
- Australian corrections acts and US statutes name the parent gender-neutrally: "a child
  accommodated with a prisoner", "reside with the inmate" is a child staying in prison (Rule 49,
  partial when the stay turns on the child's best interests).
- A list of what may not be imposed as discipline, one item of which carries its own way round
  (restrictions on visits barred "except for" their abuse, US state codes; stoppage of letters or
  visits barred "save where" ..., Westminster rules): the item's exception
  re-permits the act the lead-in bans (Rule 23 conflict; likewise restraints after birth, Rule 24).
- Australian and New Zealand acts set examples and notes under a provision ("Example—par (a)
  (ii)" followed by an illustrative case, "Examples for subsection (1)"): they illustrate
  it and are not part of it, so a visit named in an example of a search power is no visit (Rule 43
  stays silent), while the numbered provision after the example is read as usual.
- Visiting rooms "with areas for nursing" (US state codes) and facilities where mothers "feed and
  bond" with babies cared for outside (New Zealand) make room for breastfeeding (Rule 48, partial).
- Segregation of inmates only "charged with disciplinary misconduct" (US jail standards), or kept
  apart until a disciplinary charge is heard (Westminster rules), is no punishment (Rule 22 stays
  silent); one found guilty of the same misconduct is punished (Rules 22 and 23 conflict).
- A report or allegation of staff "sexual misconduct" (US jail standards, Commonwealth rules) that
  must be investigated or passed to the police is a response to reported abuse (Rule 25, partial);
  a staff conduct rule that only punishes the misconduct is not.
- A lead-in that opens a list of conditions ("may approve an application … if—", Australian acts;
  "may admit … only if:", US statutes) names in its items when its act is allowed: an immunised
  child or a prisoner held at a work release centre is a condition, not health care or a release
  option the law provides (Rules 9, 45 and 51 stay silent); the same items under "shall ensure
  that:" are duties.
- The "unique needs" of women offenders (US agency directives) and women's "particular needs as
  women" (New Zealand and Westminster-style manuals) are women's distinctive needs (Rule 1).
"""

import pytest

CONFLICTS = [
    # (tradition, phenomenon, rule, regulation text)
    (
        "US state code",
        "denial of family visits barred as discipline, except where visiting was misused",
        23,
        "§ 12-4. The following shall not be imposed as a disciplinary sanction:\n(a) corporal punishment;\n"
        "(b) denial of visits from family, except where the inmate has misused visiting privileges.\n",
    ),
    (
        "Westminster prison rules",
        "no punishment includes stoppage of visits, save where the privilege was abused",
        23,
        "62. No punishment shall include—\n(a) a reduction of diet; or\n(b) the stoppage of letters or visits, save "
        "where the prisoner has abused the privilege.\n",
    ),
    (
        "US state administrative code",
        "found guilty of disciplinary misconduct and confined to a cell",
        22,
        "§ 5-4. An inmate found guilty of disciplinary misconduct may be confined to a cell for up to 10 days.\n",
    ),
    (
        "US state administrative code",
        "found guilty of a disciplinary infraction and losing visits",
        23,
        "§ 5-2. An inmate found guilty of a disciplinary infraction may lose visiting privileges for 30 days.\n",
    ),
    (
        "Commonwealth prison rules",
        "no restraints after the birth, except where she is violent",
        24,
        "20. Instruments of restraint shall not be used on a woman—\n(a) during labour; or\n(b) immediately after "
        "birth, except where she is violent.\n",
    ),
    (
        "US state administrative code",
        "disciplinary separation imposed for a term",
        22,
        "DOC 12.40(3) Disciplinary separation may be imposed for a term of up to 30 days for a major offense.\n",
    ),
    (
        "Westminster prison rules",
        "disciplinary separation awarded as a punishment",
        22,
        "61. The governor may award disciplinary separation as a punishment.\n",
    ),
]

PARTIALS = [
    (
        "Westminster prison rules",
        "relations between an inmate and his family maintained",
        26,
        "9. Special care shall be taken to maintain relations between an inmate and the members of his family "
        "where this is in the interests of both.\n",
    ),
    (
        "Commonwealth prison rules",
        "maintenance of such relationships with her children",
        26,
        "8. Particular care shall be given to the maintenance of such relationships between a prisoner and her "
        "children as are in the best interests of both.\n",
    ),
    (
        "US agency directive",
        "maintenance of family relationships",
        26,
        "§ 5-20. The facility shall assist offenders in the maintenance of family relationships.\n",
    ),
    (
        "post-Soviet code",
        "ties with relatives maintained",
        26,
        "Article 30. The administration shall assist convicts in maintaining ties with their relatives.\n",
    ),
    (
        "Westminster prison rules",
        "assistance to be given after his release",
        47,
        "14. The welfare officer shall arrange the assistance to be given to each prisoner after his release.\n",
    ),
    (
        "US statute",
        "assistance provided after release",
        47,
        "§ 31-8. The department shall provide assistance to inmates after their release in obtaining "
        "identification documents.\n",
    ),
    (
        "Westminster prison rules",
        "taken to an outside hospital to give birth",
        10,
        "40. The medical officer shall arrange for a pregnant prisoner to be taken to a hospital outside the prison "
        "in order to give birth.\n",
    ),
    (
        "US state code",
        "moved to a community hospital before the birth",
        10,
        "§ 14-3. A pregnant inmate who is about to give birth shall be moved to a community hospital and given "
        "medical care there.\n",
    ),
    (
        "Australian corrections act",
        "child accommodated with a prisoner in its best interests",
        49,
        "31. The chief executive may allow a child to be accommodated with a prisoner at a women's correctional "
        "centre only if satisfied that this is in the child's best interests.\n",
    ),
    (
        "US state statute",
        "child residing with the inmate in its best interests",
        49,
        "§ 44-7. A child may reside with the inmate at the facility if the warden finds that this is in the best "
        "interests of the child.\n",
    ),
    (
        "US jail standards",
        "reports of staff sexual misconduct investigated",
        25,
        "§ 8-2. Every report of sexual misconduct by a staff member shall be investigated and referred to the "
        "prosecutor.\n",
    ),
    (
        "Commonwealth prison rules",
        "an allegation of sexual misconduct against an officer reported to the police",
        25,
        "44. Where a prisoner makes an allegation of sexual misconduct against an officer, the officer in charge "
        "shall report it to the police.\n",
    ),
    (
        "US state code",
        "visiting rooms with areas for nursing",
        48,
        "§ 22-9. Each state correctional facility shall provide visiting rooms with areas for nursing for "
        "mothers and infants.\n",
    ),
    (
        "New Zealand operations manual",
        "facilities to feed and bond with a baby cared for outside",
        48,
        "M.4 Mothers whose babies are cared for outside the prison may have daily visits in facilities where they "
        "can feed and bond with their baby.\n",
    ),
    (
        "Westminster prison rules",
        "a woman classified by security category (the classification still counts)",
        40,
        "2. Every woman prisoner shall be classified on admission according to her security category.\n",
    ),
]

SILENT = [
    # (what, rule, regulation text): the clause only shares a word with the rule
    (
        "kept apart by virtue of her condition (Westminster rules)",
        22,
        "30. A prisoner who is pregnant shall—\n(a) be given extra milk; and\n(b) where by virtue of her condition she "
        "needs to be removed from association with other prisoners, be kept under supervision as far as "
        "practicable.\n",
    ),
    (
        "isolation on the recommendation of the doctor (post-Soviet code)",
        22,
        "Article 58. A pregnant convict may be held in isolation on the recommendation of the doctor.\n",
    ),
    (
        "an example under a search power (Australian Capital Territory act)",
        43,
        "40 Cell searches\n\n(1) A corrections officer may search a detainee's cell at any time.\n\n"
        "Example—subsection (1)\n\nthe detainee has just had a contact visit from a family member\n\n"
        "(2) A search must be recorded in the search register.\n",
    ),
    (
        "examples for a subsection (Northern Territory act)",
        43,
        "12 Strip searches\n\n(1) The general manager may direct that a prisoner be strip searched.\n\n"
        "Examples for subsection (1)\n\nThe prisoner has returned from a contact visit with relatives.\n\n"
        "(2) A record of each strip search must be kept.\n",
    ),
    (
        "segregation of inmates charged with disciplinary misconduct (US jail standards)",
        22,
        "§ 3-14. The sheriff shall set written procedures for the segregation of inmates charged with disciplinary "
        "misconduct.\n",
    ),
    (
        "kept in segregation until a disciplinary charge is heard (Westminster rules)",
        22,
        "53. A prisoner against whom a disciplinary charge is laid may be kept in segregation until the charge is "
        "heard.\n",
    ),
    (
        "staff sexual misconduct punished, no report answered",
        25,
        "§ 8-3. A staff member who engages in sexual misconduct with an inmate shall be dismissed.\n",
    ),
    (
        "an immunised child as a condition of admission (Australian act)",
        9,
        "31 Deciding application\n\n(1) The chief executive may approve an application to have a child live with a "
        "prisoner if—\n\n(a) the child has been immunised as recommended by a doctor; and\n\n(b) the prisoner is "
        "held at a work release centre.\n",
    ),
    (
        "a work release centre as a condition of admission (Australian act)",
        45,
        "31 Deciding application\n\n(1) The chief executive may approve an application to have a child live with a "
        "prisoner if—\n\n(a) the child has been immunised as recommended by a doctor; and\n\n(b) the prisoner is "
        "held at a work release centre.\n",
    ),
    (
        "an infant examined by a pediatrician as a condition of admission (US statute)",
        51,
        "§ 9-4. The warden may admit a newborn to the nursery only if:\n\n(1) the mother has completed a parenting "
        "class; and\n\n(2) the infant has been examined by a pediatrician.\n",
    ),
    (
        "a nursing station is health care, not breastfeeding",
        48,
        "The health centre shall have a nursing station staffed at all times.\n",
    ),
    (
        "unique needs of another group",
        1,
        "The department shall meet the unique needs of elderly inmates.\n",
    ),
    (
        "a register of relatives is no family contact",
        26,
        "The governor shall maintain a register of the relatives of each prisoner.\n",
    ),
    (
        "assistance to a committee is no support after release",
        47,
        "The governor shall give assistance to the visiting committee.\n",
    ),
    (
        "any security classification may apply (New Zealand operations manual)",
        40,
        "2. Women of any security classification may apply to keep their child with them in the unit.\n",
    ),
    (
        "any security classification may apply, background rule",
        41,
        "2. Women of any security classification may apply to keep their child with them in the unit.\n",
    ),
    (
        "any custody level (US agency directive)",
        40,
        "§ 7. Female inmates of any custody level may receive visits from their children on weekends.\n",
    ),
    (
        "a directive's purpose and scope (US program statement)",
        42,
        "PURPOSE AND SCOPE\n\nTo ensure that institutions offer trauma-informed programs that meet the particular "
        "needs of women in custody.\n",
    ),
    (
        "a numbered purpose and scope section (Australian policy directive)",
        42,
        "1. Purpose and scope\n\nThis directive ensures that correctional centres offer trauma-informed programs "
        "that meet the particular needs of women in custody.\n",
    ),
]


COVERED = [
    (
        "US agency directive",
        "unique needs of female offenders",
        1,
        "§ 3-1. The department shall adopt policies that address the unique needs of female offenders.\n",
    ),
    (
        "New Zealand operations manual",
        "particular needs as women",
        1,
        "M.2 Women prisoners are managed in a way that respects them as adults and takes account of their "
        "particular needs as women.\n",
    ),
]


@pytest.mark.parametrize("tradition, phenomenon, rule, text", COVERED, ids=[c[1] for c in COVERED])
def test_womens_needs_principle_is_covered(verdict, tradition, phenomenon, rule, text):
    assert verdict(text, rule) == "covered"


@pytest.mark.parametrize("tradition, phenomenon, rule, text", CONFLICTS, ids=[c[1] for c in CONFLICTS])
def test_sanction_without_exemption_conflicts(verdict, tradition, phenomenon, rule, text):
    assert verdict(text, rule) == "conflict"


def test_listed_ban_without_exception_is_no_conflict(verdict):
    text = (
        "§ 12-4. The following shall not be imposed as a disciplinary sanction:\n(a) corporal punishment;\n"
        "(b) denial of visits from family.\n"
    )
    assert verdict(text, 23) == "covered"


def test_disciplinary_separation_with_exemption_is_no_conflict(verdict):
    text = (
        "DOC 12.40(3) Disciplinary separation may be imposed for a term of up to 30 days.\n"
        "DOC 12.41. Disciplinary separation shall not be imposed on an inmate who is pregnant, who is nursing "
        "an infant or who has her child with her.\n"
    )
    assert verdict(text, 22) != "conflict"


@pytest.mark.parametrize("tradition, phenomenon, rule, text", PARTIALS, ids=[c[1] for c in PARTIALS])
def test_clause_is_partial(verdict, tradition, phenomenon, rule, text):
    assert verdict(text, rule) == "partial"


@pytest.mark.parametrize("what, rule, text", SILENT, ids=[c[0] for c in SILENT])
def test_look_alike_stays_silent(verdict, what, rule, text):
    assert verdict(text, rule) == "gap"


def test_items_of_a_duty_are_read_as_duties(verdict):
    text = (
        "§ 9-5. The warden shall ensure that:\n\n(1) each mother completes a parenting class; and\n\n(2) each "
        "infant is examined by a pediatrician.\n"
    )
    assert verdict(text, 51) == "partial"


def test_provision_after_an_example_is_read(verdict):
    text = (
        "12 Searches and visits\n\n(1) The general manager may direct that a prisoner be strip searched.\n\n"
        "Example—subsection (1)\n\nthe prisoner has returned from court\n\n"
        "(2) Every prisoner is entitled to receive a visit from family members at least once a week.\n"
    )
    assert verdict(text, 26) == "partial"


def test_operative_section_after_purpose_and_scope_is_read(verdict):
    text = (
        "1. Purpose and scope\n\nThis directive sets out how programs are offered.\n\n2. Programs\n\n"
        "Every centre must offer women in custody educational programs and vocational training adapted to "
        "their needs.\n"
    )
    assert verdict(text, 42) in ("partial", "covered")
