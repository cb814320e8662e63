"""A clause that exempts women from a punishment named by its item ("No punishment under
subsection (1)(c) ...") reads the item's words, so the list's conflict is saved only when the
cited item is the segregation one."""

from pathlib import Path

import pytest

from linter.engine import check_document
from linter.extract import read_document

WESTMINSTER = (
    "12. (1) An officer in charge who finds a prisoner guilty of a disciplinary offence may impose one or more "
    "of the following punishments—\n"
    "(a) a caution;\n"
    "(b) forfeiture of privileges for a period not exceeding 28 days;\n"
    "(c) cellular confinement for a period not exceeding 14 days;\n"
    "(d) forfeiture of remission of not more than 30 days.\n"
    "(2) A punishment under subsection (1)(d) shall be reported to the Commissioner.\n"
    "(3) No punishment under subsection (1)({items}) shall be imposed on a pregnant woman or a nursing mother.\n"
)
US_CODE = (
    "§ 41-9-27 Inmate discipline.\n"
    "(a) A hearing officer who finds an inmate guilty of a rule violation may impose one or more of the "
    "following sanctions:\n"
    "(1) a verbal reprimand;\n"
    "(2) loss of commissary privileges for up to 60 days;\n"
    "(3) disciplinary segregation for up to 30 days.\n"
    "(b) No sanction under subsection (a)({items}) shall be imposed on an inmate who is pregnant, who is in the "
    "postpartum period, or who is nursing an infant.\n"
)
CIVIL_LAW = (
    "Article 58\n"
    "(1) For a disciplinary offence the director may impose the following disciplinary measures:\n"
    "a) a reprimand;\n"
    "b) restriction of parcels for up to three months;\n"
    "c) placement in a solitary cell for up to fifteen days.\n"
    "(2) The measure provided for in paragraph (1) {items}) shall not be applied to pregnant women, to mothers "
    "breastfeeding a child or to women who have a child with them in the institution.\n"
)
SOUTH_ASIAN = (
    "Rule 12. The Superintendent may award any of the following punishments for a jail offence:\n"
    "(a) formal warning;\n"
    "(b) loss of canteen privileges for a month;\n"
    "(c) separate confinement for a period not exceeding fourteen days;\n"
    "(d) cellular confinement for a period not exceeding seven days.\n\n"
    "Rule 13. No punishment mentioned in clauses {items} of rule 12 shall be awarded to a female prisoner who is "
    "pregnant or who has a child with her or who is nursing an infant.\n"
)
COMMONWEALTH_AFRICA = (
    "40. (1) Where a prisoner is found guilty of a prison offence, the Superintendent may order—\n"
    "(a) a reprimand;\n"
    "(b) confinement in a punishment cell for not more than ten days;\n"
    "(c) the stoppage of earnings for not more than fourteen days.\n"
    "(2) An order under paragraph {items} of subregulation (1) shall not be made in respect of a female prisoner "
    "who is pregnant or who is nursing a child.\n"
)
POST_SOVIET = (
    "Article 58\n"
    "Disciplinary penalties\n"
    "1. The following disciplinary penalties may be imposed on convicted persons:\n"
    "(a) a reprimand;\n"
    "(b) a fine of up to two basic units;\n"
    "(c) placement in a punishment cell for up to fifteen days.\n"
    "2. The penalty referred to in point {items} of paragraph 1 shall not be imposed on pregnant women or on "
    "women with children under three years of age.\n"
)


def _rule_22(tmp_path: Path, text: str) -> str:
    path = tmp_path / "regulation.txt"
    path.write_text(text, encoding="utf-8")
    result = check_document(read_document(path), ("all",))
    return {r.rule: r for r in result.rules}[22].verdict


@pytest.mark.parametrize(
    "template, saving, not_saving",
    [
        (WESTMINSTER, "c", "b"),
        (US_CODE, "3", "2"),
        (CIVIL_LAW, "c", "b"),  # "paragraph (1) c)"
        (SOUTH_ASIAN, "(c) and (d)", "(a) and (b)"),  # a list of items named before their rule
        (COMMONWEALTH_AFRICA, "(b)", "(c)"),  # "paragraph (b) of subregulation (1)"
        (POST_SOVIET, "(c)", "(b)"),  # "point (c) of paragraph 1": a paragraph of the citing article
    ],
    ids=["westminster", "us-code", "civil-law", "south-asian", "commonwealth-africa", "post-soviet"],
)
def test_an_exemption_citing_the_segregation_item_saves_the_punishment_list(tmp_path, template, saving, not_saving):
    assert _rule_22(tmp_path, template.format(items=saving)) in ("covered", "partial")
    # Exempting pregnant women from another punishment leaves the confinement item open to them.
    assert _rule_22(tmp_path, template.format(items=not_saving)) == "conflict"
