"""Items numbered in capital Roman numerals, as Latin American codes number an article's items:
"I. Warning;" (Mexico's fracciones) or "I - verbal warning;" (Brazil's incisos), each on its own
line, cited bare ("fraction III of Article 50", "item IV of Art. 53")."""

from __future__ import annotations

from linter.engine.crossref import cross_reference_grammar
from linter.extract import read_document
from linter.patterns import load_patterns

MEXICAN = """Article 50. The disciplinary sanctions are:
I. Warning;
II. Suspension of incentives;
III. Isolation in a cell for up to fifteen days.
IV. Transfer to another wing.
"""
BRAZILIAN = """Art. 53. The disciplinary sanctions are:
I - verbal warning;
II - reprimand;
III - suspension or restriction of rights;
IV - isolation in the cell itself, or in a special location.
"""


def test_each_numeral_opens_an_item(tmp_path) -> None:
    for text, last in ((MEXICAN, "Article 50(IV)"), (BRAZILIAN, "Article 53(IV)")):
        path = tmp_path / "code.txt"
        path.write_text(text, encoding="utf-8")
        labels = [p.label for p in read_document(path).provisions]
        assert labels[-1] == last and len(labels) == 5


def test_isolation_in_a_numbered_item_conflicts_with_rule_22(verdict) -> None:
    assert verdict(MEXICAN, 22) == "conflict"
    assert verdict(BRAZILIAN, 22) == "conflict"


def test_an_exemption_citing_the_item_by_its_numeral_answers_it(verdict) -> None:
    mexican = MEXICAN + (
        "\nArticle 51. The sanction provided in fraction III of Article 50 shall not be applied to pregnant "
        "women, women with infants or breastfeeding mothers.\n"
    )
    brazilian = BRAZILIAN + (
        "\nArt. 54. The sanction of item IV of Art. 53 shall not be applied to pregnant women or to women with "
        "infants or who are breastfeeding.\n"
    )
    assert verdict(mexican, 22) == "covered"
    assert verdict(brazilian, 22) == "covered"


def test_only_numerals_after_a_provisions_name_are_items() -> None:
    grammar = cross_reference_grammar(load_patterns().drafting.cross_references)
    assert grammar.bracketed("in fractions II and III of Article 50") == "in fractions (II) and (III) of Article 50"
    assert grammar.bracketed("Part I of Schedule II applies; I shall") == "Part I of Schedule II applies; I shall"


def test_a_run_of_numbered_or_lettered_items_in_one_paragraph_is_split(tmp_path, verdict) -> None:
    run_on = "Article 50. The disciplinary sanctions are: I. Warning; II. Suspension of incentives; III. Isolation in a cell."
    lettered = "Section 25. The Board may impose these sanctions: a. reprimand; b. suspension of visiting privileges; c. extra duty."
    for text, last in ((run_on, "Article 50(III)"), (lettered, "Section 25(c)")):
        path = tmp_path / "code.txt"
        path.write_text(text + "\n", encoding="utf-8")
        assert [p.label for p in read_document(path).provisions][-1] == last
    assert verdict(run_on, 22) == "conflict"
    assert verdict(lettered, 23) == "conflict"
