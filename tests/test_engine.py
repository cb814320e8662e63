"""The engine end to end on small hand-written regulations (rules 22 and 24 are the lead's reference patterns)."""

from pathlib import Path

import pytest

from linter.engine import check_document
from linter.errors import UsageError
from linter.extract import read_document
from linter.policy import load_policy, resolve_scope


def _verdicts(tmp_path: Path, text: str, scope=("all",)):
    path = tmp_path / "regulation.txt"
    path.write_text(text, encoding="utf-8")
    result = check_document(read_document(path), scope)
    return {r.rule: r for r in result.rules}


def test_lead_in_carries_the_prohibition_to_its_items(tmp_path):
    r = _verdicts(
        tmp_path,
        "14. A prisoner shall not be restrained—\n\n(a) while she is in labour; or\n\n(b) during post-natal recovery.\n",
    )[24]
    assert r.verdict == "covered"
    assert r.evidence[0].label == "14(a)"


def test_far_exception_makes_a_conflict_and_cites_both_clauses(tmp_path):
    text = (
        "12.—(1) Restraints shall not be used on a woman during labour or childbirth.\n\n"
        "(2) Notwithstanding paragraph (1), an officer may apply handcuffs where the governor so directs.\n"
    )
    r = _verdicts(tmp_path, text)[24]
    assert r.verdict == "conflict"
    cited = {(e.relation, e.label) for e in r.evidence}
    assert ("conflicts", "12(2)") in cited
    assert ("conflicts", "12(1)") in cited  # the ban is re-permitted by (2), so it is part of the conflict


def test_exception_about_another_act_does_not_re_permit(tmp_path):
    text = (
        "4322. Pregnant prisoners\n\n"
        "(a) Except as provided in subsection (b), a pregnant woman shall not be held in restrictive housing "
        "or be restrained during labor or delivery.\n\n"
        "(b) The prohibition under subsection (a) relating to restrictive housing shall not apply if the Director "
        "determines that restrictive housing is required.\n"
    )
    verdicts = _verdicts(tmp_path, text)
    # Not re-permitted, so no conflict; partial only because the ban stops at delivery (no after-birth ban).
    assert verdicts[24].verdict == "partial"
    assert verdicts[22].verdict == "conflict"


def test_provision_switched_off_by_a_later_paragraph_conflicts(tmp_path):
    text = (
        "31.—(1) Only a female officer shall search a woman prisoner, and a male officer shall not be present at such a search.\n\n"
        "(2) Paragraph (1) does not apply where the officer in charge considers that the search is urgent.\n"
    )
    r = _verdicts(tmp_path, text)[19]
    assert r.verdict == "conflict"
    assert ("conflicts", "31(2)") in {(e.relation, e.label) for e in r.evidence}


def test_definition_widens_a_term(tmp_path):
    text = (
        '2. In these Rules, "confinement period" means labour, childbirth and the six weeks after birth.\n\n'
        "9. A prisoner shall not be handcuffed during her confinement period.\n"
    )
    r = _verdicts(tmp_path, text)[24]
    assert r.verdict == "covered"
    assert any("definition" in m for e in r.evidence for m in e.matched)


def test_general_restraint_power_is_silent_for_rule_24(tmp_path):
    r = _verdicts(
        tmp_path, "30. The governor may order a prisoner to be put in handcuffs to prevent escape or injury.\n"
    )[24]
    assert r.verdict == "gap"


def test_punishment_list_without_exemption_conflicts_with_rule_22(tmp_path):
    text = "55. The governor may impose any of the following punishments:\n\n(a) a caution;\n\n(b) cellular confinement for up to 14 days.\n"
    r = _verdicts(tmp_path, text)[22]
    assert r.verdict == "conflict"
    assert r.evidence[0].label == "55(b)"
    assert "cellular confinement" in r.evidence[0].matched


def test_a_definition_alone_addresses_no_rule(tmp_path):
    text = (
        "3. Interpretation\n\n"
        '(1) In this Act, "woman" means a woman or girl held in a facility, whether on remand or under sentence.\n\n'
        "4. Every woman shall be given a copy of the facility rules on admission.\n"
    )
    assert _verdicts(tmp_path, text)[56].verdict == "gap"


def test_findings_section_is_not_operative(tmp_path):
    text = "Findings\n\n1. Solitary confinement as a punishment harms pregnant women and all prisoners.\n"
    assert _verdicts(tmp_path, text)[22].verdict == "gap"


def test_default_scope_marks_non_custodial_rules_not_applicable(tmp_path):
    verdicts = _verdicts(tmp_path, "1. Prisoners shall be fed.\n", scope=None)
    assert verdicts[60].verdict == "not-applicable"
    assert verdicts[24].verdict != "not-applicable"


def test_unknown_scope_is_a_usage_error():
    with pytest.raises(UsageError, match="unknown scope"):
        resolve_scope(load_policy(), ["prisons"])


def test_punishment_table_rows_conflict_with_rules_22_and_23(tmp_path):
    # Caribbean/Pacific schedules and ASEAN ministerial regulations put punishments in tables.
    text = (
        "SCHEDULE 2 — PRISON OFFENCES\n\n"
        "| Prison offence | Punishment | Maximum |\n"
        "|---|---|---|\n"
        "| Escaping from lawful custody | Solitary confinement | 10 days |\n"
        "| Insulting an officer | Deprivation of family visits | 2 months |\n"
    )
    verdicts = _verdicts(tmp_path, text)
    assert verdicts[22].verdict == "conflict"
    assert verdicts[22].evidence[0].label.endswith("table row 1")
    assert verdicts[23].verdict == "conflict"
    assert verdicts[23].evidence[0].label.endswith("table row 2")


@pytest.mark.parametrize(
    "text",
    [
        # Commonwealth prisons act: an unnumbered lead-in in a Part.
        "PART VI — PRISON OFFENCES\n\n"
        "A prisoner who commits a prison offence shall be liable to any one or more of the following punishments:\n\n"
        "(1) a reprimand;\n\n(2) forfeiture of remission not exceeding thirty days;\n\n"
        "(3) confinement in a separate cell for a period not exceeding twenty-one days.\n",
        # South Asian jail manual: the lead-in ends with a dash, the items are lettered.
        "CHAPTER XII. JAIL PUNISHMENTS\n\n"
        "The following shall be the punishments for jail offences—\n\n"
        "(a) formal warning;\n\n(b) change of labour;\n\n(c) separate confinement not exceeding seven days.\n",
        # Run-on paragraph in a post-Soviet code.
        "Article 111. Disciplinary penalties. The following penalties may be imposed on convicts: "
        "(1) a reprimand; (2) a fine; (3) placement in a punishment isolation cell for up to fifteen days.\n",
    ],
)
def test_unnumbered_or_run_on_punishment_lists_conflict_with_rule_22(tmp_path, text):
    r = _verdicts(tmp_path, text)[22]
    assert r.verdict == "conflict"
    assert r.evidence[0].label.endswith(("(3)", "(c)"))


@pytest.mark.parametrize(
    "text",
    [
        "§ 3300 Restraint of pregnant inmates\n\nB. No restraint shall be applied to a woman during labour, during delivery or immediately after delivery.\n",
        "[r. 57] Women in labour\n\n1) Handcuffs, fetters or other instruments of restraint shall never be used on a woman during labour, birth or immediately after birth.\n",
    ],
)
def test_paragraph_labels_do_not_hide_a_prohibition(tmp_path, text):
    r = _verdicts(tmp_path, text)[24]
    assert r.verdict == "covered", r.message


_CONFINEMENT_WITH_NARROW_EXEMPTION = [
    # Westminster rules: a quoted definition in an interpretation rule.
    (
        '2. In these Rules, "postnatal period" means the three days immediately after a woman gives birth.\n\n',
        "40.—(1) The governor may punish an offence against discipline by cellular confinement for up to fourteen days.\n\n"
        "(2) A prisoner who is pregnant or in the postnatal period shall not be placed in cellular confinement.\n",
    ),
    # Post-Soviet code: a bare term with a dash in an article of terms.
    (
        "Article 1. Basic terms\n\n(1) postnatal period – the first three days after the birth of a child.\n\n",
        "Article 40. Disciplinary penalties\n\n(1) Placement in a punishment cell for up to fifteen days may be imposed as a disciplinary penalty.\n\n"
        "(2) Placement in a punishment cell shall not be imposed on pregnant women or women in the postnatal period.\n",
    ),
]


@pytest.mark.parametrize("definition, clauses", _CONFINEMENT_WITH_NARROW_EXEMPTION)
def test_a_narrowing_definition_narrows_the_exemption_it_is_used_in(tmp_path, definition, clauses):
    # Without the definition "postnatal period" reaches nursing mothers and the exemption is complete.
    assert _verdicts(tmp_path, clauses)[22].verdict == "covered"
    # Three days after birth does not reach breastfeeding mothers: the punishment still conflicts.
    r = _verdicts(tmp_path, definition + clauses)[22]
    assert r.verdict == "conflict"
    assert any(e.relation == "conflicts" and e.label.endswith("(1)") for e in r.evidence)


@pytest.mark.parametrize(
    "rule, text, verdict",
    [
        # Rule 24: a labour-only ban is partial; labour, birth and after birth together are covered.
        (24, "Rule 57. No woman shall be fettered while she is in labour.\n", "partial"),
        (24, "§ 3409. Restraints shall not be applied to an inmate during labor or delivery.\n", "partial"),
        (
            24,
            "Rule 57. No woman shall be fettered during labour, during birth or immediately after birth.\n",
            "covered",
        ),
        (
            24,
            "§ 3409. Restraints shall not be applied to an inmate during labor, delivery or postpartum recovery.\n",
            "covered",
        ),
        # Rule 8, South Asian jail manual: a passive duty on every woman.
        (8, "Rule 40. Every female prisoner shall, on admission, be tested for pregnancy.\n", "conflict"),
        # Rule 8, US agency rule: exceptions in items that do not give the woman a choice.
        (
            8,
            "§ 52.3 Intake screening\n\n(a) All female inmates shall be given a pregnancy test at intake, except:\n\n"
            "(1) an inmate who is over 55 years of age;\n\n(2) an inmate who has had a hysterectomy.\n",
            "conflict",
        ),
        # The same list with the woman's refusal among the exceptions: no conflict.
        (
            8,
            "§ 52.3 Intake screening\n\n(a) All female inmates shall be given a pregnancy test at intake, except:\n\n"
            "(1) an inmate who declines the test in writing;\n\n(2) an inmate who has had a hysterectomy.\n",
            "partial",
        ),
        # Rule 8, post-Soviet law: relatives told of a pregnancy without her consent.
        (
            8,
            "Article 33. Where a detainee is found to be pregnant, the medical unit shall notify her relatives without delay.\n",
            "conflict",
        ),
        # Rule 52, Westminster rules: a default age and a discretion in another rule are partial, not conflict.
        (
            52,
            "50. A child living with its mother shall leave the prison at the age of four years.\n\n"
            "51. The director may allow a child to remain with the mother for a further six months on a welfare report.\n",
            "partial",
        ),
        # Rule 52, civil-law code: the same in two paragraphs of one article.
        (
            52,
            "Article 80. Children\n\n(1) A child may live with its mother in the institution until it reaches three years of age.\n\n"
            "(2) The head of the institution may allow the child to remain with the mother for a further six months.\n",
            "partial",
        ),
        # Rule 52: fixed-age removal worded by reaching an age (jail manual) or by schooling (US code).
        (
            52,
            "Rule 312. Children in jail\n\n(1) A child admitted with its mother shall be sent out of the jail upon the child reaching the age of six years.\n",
            "conflict",
        ),
        (
            52,
            "§ 20-7. Children of inmates\n\n(a) An inmate's child may reside in the nursery until the child is eligible for school.\n",
            "conflict",
        ),
    ],
)
def test_rule_models_require_what_they_describe(tmp_path, rule, text, verdict):
    r = _verdicts(tmp_path, text)[rule]
    assert r.verdict == verdict, r.message


@pytest.mark.parametrize(
    "text, verdict",
    [
        (
            "Rule 71. A complaint of sexual abuse made by a female prisoner shall be investigated by the Superintendent.\n",
            "partial",
        ),
        (
            "Article 71. Any report of abuse made by a woman detainee shall be investigated by an independent authority.\n",
            "covered",
        ),
    ],
)
def test_rule_25_investigation_must_be_independent(tmp_path, text, verdict):
    r = _verdicts(tmp_path, text)[25]
    # Only the investigation element is at stake here; the other elements are missing either way.
    independent_missing = any("independent" in m for m in r.missing)
    assert independent_missing == (verdict == "partial"), r.missing


def test_a_heading_supplies_who_a_provision_applies_to(tmp_path):
    # Westminster rules under a Part for women; a post-Soviet chapter for female convicts.
    westminster = (
        "PART 7 — WOMEN PRISONERS\n\n61. Searches\n\n(1) A search shall be carried out only by an officer of the same sex "
        "who has been trained in searching methods, with respect for the dignity of the prisoner.\n"
    )
    assert _verdicts(tmp_path, westminster)[19].verdict == "covered"
    post_soviet = "CHAPTER XIV. FEMALE CONVICTS\n\nArticle 98. A convict may be placed in a punishment cell for up to ten days as a disciplinary penalty.\n"
    assert _verdicts(tmp_path, post_soviet)[22].verdict == "conflict"


def test_a_heading_never_supplies_the_act(tmp_path):
    text = "PART 7 — SEARCHES OF CHILDREN VISITING PRISONS\n\n61. (1) Children may visit their mothers on Sundays and public holidays.\n"
    assert _verdicts(tmp_path, text)[21].verdict == "gap"


@pytest.mark.parametrize(
    "body, saving",
    [
        # Commonwealth act.
        (
            "12. Restraints\n\n(1) A restraint must never be used on a woman during labour, during birth or immediately after birth.\n\n"
            "(2) A restraint must not be used on a woman in hospital for the birth of her child unless there is a serious risk that she will escape.\n\n",
            "(3) Nothing in subsection (2) authorises the use of a restraint in the circumstances described in subsection (1).\n",
        ),
        # US statute.
        (
            "§ 7-3. (a) Restraints shall not be used on an inmate during labor, delivery or postpartum recovery.\n\n"
            "(b) An inmate who is in labor may be restrained where the warden finds a substantial flight risk.\n\n",
            "(c) Nothing in subsection (b) shall be construed to permit the use of restraints prohibited by subsection (a).\n",
        ),
    ],
)
def test_a_saving_clause_stops_an_exception_from_re_permitting(tmp_path, body, saving):
    assert _verdicts(tmp_path, body)[24].verdict == "conflict"
    assert _verdicts(tmp_path, body + saving)[24].verdict == "covered"


@pytest.mark.parametrize(
    "text",
    [
        # Jail manual: a transport exception in the next sentence does not reach the labour ban.
        "Rule 58. No woman shall be restrained during childbirth. During transport to court, a prisoner may be handcuffed "
        "unless the escort officer considers it unnecessary.\n",
        # US statute: the same in one subsection.
        "§ 5-12. (a) Restraints shall not be used on an inmate in labor. Restraints shall not be used during transport "
        "except where the inmate has attempted to escape.\n",
    ],
)
def test_an_exception_stays_inside_its_own_sentence(tmp_path, text):
    assert _verdicts(tmp_path, text)[24].verdict != "conflict"


def test_a_run_on_heading_is_not_copied_into_every_units_context(tmp_path):
    # A text with no line breaks can make one huge "heading"; each unit's context only says
    # where a concept came from, so it quotes the heading at a caption's length (a fuzz input
    # of 0.6 MB otherwise needed 0.9 GB).
    from linter.engine.units import build_units
    from linter.nlp.pipeline import build_pipeline
    from linter.patterns import load_patterns

    heading = "# Punishments " + "confinement in a punishment cell and solitary confinement " * 400
    path = tmp_path / "law.txt"
    path.write_text(
        heading + "\n\n1. Every prisoner shall receive food.\n\n2. Every prisoner shall be examined.\n",
        encoding="utf-8",
    )
    units = build_units(read_document(path), build_pipeline(), (), load_patterns().concepts)
    described = [text for u in units for text in u.context.values()]
    assert described and max(len(text) for text in described) <= 130
