"""Items lettered "a.", "b." (ASEAN regulations, US agency directives) are items of their lead-in,
whatever their text looks like ("d. deposit money ...; and" is no heading); a lawyer's visit is
not family contact; "any risk that she may harm herself" permits nothing."""

from __future__ import annotations

import pytest

from linter.extract import read_document

ASEAN = (
    "Section 25. Sanctions. - The Disciplinary Board may impose any of the following sanctions:\n\n"
    "a. reprimand;\n\n"
    "b. suspension of visiting and telephone privileges for not more than thirty days:\n\n"
)
US = (
    "541.3 Sanctions. The DHO may impose one or more of the following sanctions:\n"
    "a. loss of commissary privileges;\n"
    "b. loss of visiting privileges for up to 90 days.\n"
)


def test_lettered_items_are_items_of_the_lead_in(tmp_path) -> None:
    path = tmp_path / "rules.txt"
    path.write_text(
        "4. On admission the officer shall:\na. record the prisoner's details;\nb. keep money and valuables; and\nc. issue bedding.\n"
    )
    labels = [p.label for p in read_document(path).provisions]
    assert labels == ["4", "4(a)", "4(b)", "4(c)"]


@pytest.mark.parametrize("text", [ASEAN, US])
def test_loss_of_visits_in_a_lettered_sanction_list_conflicts_with_rule_23(verdict, text: str) -> None:
    assert verdict(text, 23) == "conflict"


def test_a_proviso_keeping_only_the_lawyers_visits_keeps_no_family_contact(verdict) -> None:
    proviso = "Provided, That no sanction shall deprive a PDL of visits from counsel."
    assert verdict(proviso, 23) == "gap"
    assert verdict(ASEAN + proviso, 23) == "conflict"


def test_a_risk_that_she_may_harm_herself_is_no_permission(tmp_path) -> None:
    from linter.engine import check_document

    path = tmp_path / "rules.txt"
    path.write_text(
        "7. On admission, the health screening of a female prisoner shall include:\n"
        "a. her mental health, including any risk that she may harm or kill herself;\n"
        "b. any current or recent pregnancy.\n"
    )
    result = next(r for r in check_document(read_document(path), ("all",)).rules if r.rule == 6)
    assert result.verdict == "partial"
    mental = [m for m in result.missing if "mental health" in m]
    assert mental == []  # put into effect at full strength, not "only weakly"
