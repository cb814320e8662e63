"""What a finding cites: never an empty label, and never a clause that takes family contact
away as if it implemented family contact."""

import docx
import pytest

from linter.report.cite import others, place
from linter.runner import lint_paths


@pytest.fixture
def punishment_table(tmp_path):
    """A Westminster-style schedule of punishments as a Word table, then a visits rule."""
    word = docx.Document()
    word.add_paragraph("Prison Discipline Regulations", style="Title")
    word.add_paragraph("Schedule 2 Punishments", style="Heading 1")
    word.add_paragraph("The governor may impose any of the following punishments for a disciplinary offence:")
    rows = [
        ("Punishment", "Maximum"),
        ("Caution", "-"),
        ("Forfeiture of visits and letters from family members", "28 days"),
        ("Stoppage of earnings", "14 days"),
    ]
    table = word.add_table(rows=len(rows), cols=2)
    for row, cells in zip(table.rows, rows):
        row.cells[0].text, row.cells[1].text = cells
    word.add_paragraph("Family contact", style="Heading 1")
    word.add_paragraph("Every prisoner shall be allowed to receive visits from family members.")
    path = tmp_path / "discipline.docx"
    word.save(str(path))
    return path


def test_a_table_row_withdrawing_visits_is_not_support_for_family_contact(punishment_table):
    [doc] = lint_paths([str(punishment_table)], ["all"]).documents
    contact = next(r for r in doc.rules if r.rule == 26)
    quotes = [e.quote for e in contact.evidence]
    assert quotes == ["Every prisoner shall be allowed to receive visits from family members."]
    assert not any("Forfeiture" in e.quote for r in doc.rules for e in r.evidence if e.relation == "supports")


def test_a_message_never_cites_an_empty_label(punishment_table, tmp_path):
    [doc] = lint_paths([str(punishment_table)], ["all"]).documents
    contact = next(r for r in doc.rules if r.rule == 26)
    assert contact.message.startswith("partly implemented by the unnumbered clause at paragraph 13;")
    law = tmp_path / "act.txt"
    law.write_text("Every prisoner shall receive visits from family members.\n")
    [doc] = lint_paths([str(law)], ["all"]).documents
    for r in doc.rules:
        assert "by ;" not in r.message and "by ," not in r.message and "()" not in r.message
        for e in r.evidence:
            assert place(e) == "unnumbered (line 1)"


def test_a_conflicting_clause_is_not_also_listed_as_implementing_the_rule(tmp_path):
    law = tmp_path / "rules.txt"
    law.write_text(
        "24. Instruments of restraint shall not be used on a woman during labour, except where the officer considers it necessary.\n\n"
        "25. A woman in labour shall be attended by a midwife.\n"
    )
    [doc] = lint_paths([str(law)], ["all"]).documents
    restraint = next(r for r in doc.rules if r.rule == 24)
    assert restraint.verdict == "conflict"
    conflicting = next(e for e in restraint.evidence if e.relation == "conflicts")
    assert {e.relation for e in restraint.evidence if e.provision == conflicting.provision} == {"conflicts", "supports"}
    assert all(e.provision != conflicting.provision for e in others(restraint, conflicting))
