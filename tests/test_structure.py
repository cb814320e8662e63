"""The structure parser: numbering styles, citation labels, headings, parents, kinds."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.extract import read_document
from linter.model import Block, SourceRef
from linter.structure import build_provisions

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus-real" / "docs"


def parse(text: str) -> list:
    """Blocks from paragraphs separated by blank lines, numbered by paragraph."""
    paragraphs = [p.strip() for p in text.strip().split("\n\n")]
    blocks = [Block(text=p, ref=SourceRef(line=i + 1)) for i, p in enumerate(paragraphs)]
    return build_provisions(blocks)


def labels(provisions) -> list[str]:
    return [p.label for p in provisions]


def by_label(provisions, label: str):
    found = [p for p in provisions if p.label == label]
    assert found, f"no provision {label!r} in {labels(provisions)}"
    return found[0]


def parent_label(provisions, label: str) -> str | None:
    parent = by_label(provisions, label).parent
    return None if parent is None else provisions[parent].label


# --- Westminster -----------------------------------------------------------------------


def test_westminster_dash_style_with_nested_items():
    provisions = parse(
        """
        Visits to detainees

        14.—(1) A detainee may receive visits from relatives.

        (2) The warden may refuse a visit where—

        (a) the visitor is intoxicated; or

        (b) the visitor refuses a search, unless—

        (i) the visit takes place behind glass; or

        (ii) a doctor certifies that the visit is urgent.

        (3) Reasons must be given in writing.
        """
    )
    assert labels(provisions) == [
        "14",
        "14(1)",
        "14(2)",
        "14(2)(a)",
        "14(2)(b)",
        "14(2)(b)(i)",
        "14(2)(b)(ii)",
        "14(3)",
    ]
    assert parent_label(provisions, "14(2)(b)(ii)") == "14(2)(b)"
    assert parent_label(provisions, "14(3)") == "14"
    assert by_label(provisions, "14(1)").text == "A detainee may receive visits from relatives."
    assert by_label(provisions, "14(2)(a)").headings == ("Visits to detainees",)


def test_westminster_space_style_and_dash_without_subsection():
    provisions = parse(
        """
        7. (1) Each cell must have a window.

        (2) Each cell must have a bed.

        8.—A detainee may wear her own clothes.
        """
    )
    assert labels(provisions) == ["7", "7(1)", "7(2)", "8"]
    assert by_label(provisions, "8").text == "A detainee may wear her own clothes."


def test_westminster_title_on_its_own_line_then_subsections():
    provisions = parse(
        """
        21. Medical examination

        (1) Every detainee is to be examined within a day of arrival.

        (2) The examination is to be carried out by a doctor.
        """
    )
    assert labels(provisions) == ["21", "21(1)", "21(2)"]
    assert by_label(provisions, "21(2)").headings[-1] == "Medical examination"
    assert parent_label(provisions, "21(1)") == "21"


def test_double_letter_inserted_paragraph_is_a_sibling():
    provisions = parse(
        """
        5.—(1) The governor must keep—

        (a) a register of arrivals;

        (aa) a register of children living with their mothers; and

        (b) a register of departures.
        """
    )
    assert labels(provisions)[2:] == ["5(1)(a)", "5(1)(aa)", "5(1)(b)"]
    assert parent_label(provisions, "5(1)(aa)") == "5(1)"


# --- roman / letter ambiguity -------------------------------------------------------------


def test_letter_i_after_h_is_a_letter():
    items = "\n\n".join(f"({c}) item {c};" for c in "abcdefghij")
    provisions = parse(f"3.—(1) The list is—\n\n{items}")
    assert "3(1)(i)" in labels(provisions)
    assert "3(1)(j)" in labels(provisions)
    assert parent_label(provisions, "3(1)(i)") == "3(1)"


def test_roman_i_as_first_item_under_a_letter():
    provisions = parse(
        """
        4.—(1) Force may be used—

        (a) to prevent escape, if—

        (i) the detainee is outside a cell; and

        (ii) no other means will do; or

        (b) in self-defence.
        """
    )
    assert parent_label(provisions, "4(1)(a)(i)") == "4(1)(a)"
    assert parent_label(provisions, "4(1)(a)(ii)") == "4(1)(a)"
    assert parent_label(provisions, "4(1)(b)") == "4(1)"


def test_roman_v_and_x_continue_a_roman_run():
    romans = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]
    items = "\n\n".join(f"({r}) clause {r};" for r in romans)
    provisions = parse(f"9.—(1) Searches—\n\n(a) are recorded, stating—\n\n{items}\n\n(b) are reviewed.")
    assert parent_label(provisions, "9(1)(a)(v)") == "9(1)(a)"
    assert parent_label(provisions, "9(1)(a)(x)") == "9(1)(a)"
    assert parent_label(provisions, "9(1)(b)") == "9(1)"


def test_letter_v_after_u_is_a_letter():
    letters = "abcdefghijklmnopqrstuvw"
    items = "\n\n".join(f"({c}) entry {c};" for c in letters)
    provisions = parse(f"6. The following are recorded:\n\n{items}")
    assert parent_label(provisions, "6(v)") == "6"
    assert parent_label(provisions, "6(w)") == "6"
    assert "6(u)(v)" not in labels(provisions)


def test_lead_in_before_i_after_h_makes_a_roman_child():
    items = "\n\n".join(f"({c}) entry {c};" for c in "abcdefg")
    provisions = parse(f"2. Duties:\n\n{items}\n\n(h) the following—\n\n(i) first; and\n\n(ii) second.")
    assert parent_label(provisions, "2(h)(i)") == "2(h)"
    assert parent_label(provisions, "2(h)(ii)") == "2(h)"


# --- other numbering families -----------------------------------------------------------


def test_section_words_and_abbreviations():
    provisions = parse(
        """
        Section 12 Visiting hours

        (1) Visits take place daily.

        Sec. 13 Letters

        s. 14 Parcels

        (a) Parcels are opened in the presence of the detainee.
        """
    )
    assert labels(provisions) == ["Section 12", "Section 12(1)", "Section 13", "Section 14", "Section 14(a)"]


def test_article_styles_including_bis():
    provisions = parse(
        """
        Article 5

        1. Women shall be held separately from men.

        Art. 6 Mothers with infants

        Article 6bis

        (1) A child may stay with the mother until the age of three.
        """
    )
    assert "Article 5" in labels(provisions)
    assert "Art. 6" not in labels(provisions)
    assert "Article 6" in labels(provisions)
    assert parent_label(provisions, "Article 6bis(1)") == "Article 6bis"


def test_section_sign_with_decimal_and_hyphen_numbers():
    provisions = parse(
        """
        § 3 Scope.

        This part applies to every facility.

        § 20-415. Searches of persons.

        (a) A search is made by an officer of the same sex.

        § 712.44 Restraints.

        (b) Restraints are applied as follows:

        (1) never on a woman in labour;

        (2) only with approval.
        """
    )
    assert by_label(provisions, "§ 3").text == "This part applies to every facility."
    assert "§ 20-415(a)" in labels(provisions)
    assert parent_label(provisions, "§ 712.44(b)(1)") == "§ 712.44(b)"
    assert by_label(provisions, "§ 712.44(b)(2)").headings[-1] == "Restraints"


def test_rule_and_regulation_words():
    provisions = parse(
        """
        Rule 313 Pregnant detainees shall not be placed in isolation.

        Regulation 7 Visits

        (1) A visit lasts at least an hour.
        """
    )
    assert labels(provisions) == ["Rule 313", "Regulation 7", "Regulation 7(1)"]


def test_us_state_code_number_with_title_then_inline_subsection():
    provisions = parse(
        """
        44-1203. Care of pregnant inmates -- general duty. (1) The warden shall arrange prenatal care.

        (2) Restraints are limited:

        (a) during transport; and

        (b) during labour.
        """
    )
    assert labels(provisions) == ["44-1203", "44-1203(1)", "44-1203(2)", "44-1203(2)(a)", "44-1203(2)(b)"]
    assert by_label(provisions, "44-1203(1)").text == "The warden shall arrange prenatal care."
    assert by_label(provisions, "44-1203(1)").headings == ("Care of pregnant inmates -- general duty",)


def test_bullet_rules_are_numbered_by_running_index():
    provisions = parse(
        """
        - Short title.- (1) These rules may be called the Lock-up Rules.

        (2) They come into force at once.

        - Female wards.- (1) Women are kept in a separate ward.

        (2) Only female warders enter the ward.
        """
    )
    assert labels(provisions) == ["1", "1(1)", "1(2)", "2", "2(1)", "2(2)"]
    assert by_label(provisions, "2(2)").headings[-1] == "Female wards"


def test_block_number_from_word_numbering_counts_as_text():
    blocks = [
        Block(text="Duty of care", ref=SourceRef(paragraph=0), number="31."),
        Block(text="The director shall provide—", ref=SourceRef(paragraph=1), number="(a)"),
        Block(text="prenatal care; and", ref=SourceRef(paragraph=2), number="(1)"),
        Block(text="postnatal care.", ref=SourceRef(paragraph=3), number="(2)", changed=True),
    ]
    provisions = build_provisions(blocks)
    assert labels(provisions) == ["31", "31(a)", "31(a)(1)", "31(a)(2)"]
    assert provisions[3].changed is True
    assert provisions[3].ref == SourceRef(paragraph=3)


# --- US nesting and lead-in paragraphs ----------------------------------------------------


def test_us_five_level_nesting():
    provisions = parse(
        """
        § 9. Care.

        (a) The director shall—

        (1) provide care that includes—

        (A) screening, which covers—

        (i) blood pressure; and

        (I) at intake; and

        (II) monthly; and

        (ii) nutrition.

        (B) counselling.

        (2) keep records.

        (b) Reports are annual.
        """
    )
    assert labels(provisions) == [
        "§ 9",
        "§ 9(a)",
        "§ 9(a)(1)",
        "§ 9(a)(1)(A)",
        "§ 9(a)(1)(A)(i)",
        "§ 9(a)(1)(A)(i)(I)",
        "§ 9(a)(1)(A)(i)(II)",
        "§ 9(a)(1)(A)(ii)",
        "§ 9(a)(1)(B)",
        "§ 9(a)(2)",
        "§ 9(b)",
    ]
    assert parent_label(provisions, "§ 9(a)(1)(A)(i)(II)") == "§ 9(a)(1)(A)(i)"


def test_unnumbered_lead_in_holds_the_following_items():
    provisions = parse(
        """
        CHAPTER 12— DETENTION SERVICE

        § 801. Powers of the Service

        (a) In general.

        The Service, under the direction of the Minister, shall

        (1) run all detention facilities; and

        (2) keep detainees safe.
        """
    )
    first = by_label(provisions, "§ 801(a)(1)")
    lead_in = provisions[first.parent]
    assert lead_in.label == "§ 801(a)"
    assert "shall" in lead_in.text
    assert first.headings == ("CHAPTER 12— DETENTION SERVICE", "Powers of the Service")


def test_unnumbered_paragraphs_of_a_section_keep_its_label():
    provisions = parse(
        """
        § 40. Use of force.

        Force is used only as a last resort.

        Force is never used as punishment.
        """
    )
    assert labels(provisions) == ["§ 40", "§ 40"]
    assert [p.line for p in provisions] == [1, 3]  # the section starts at its heading line


# --- headings -----------------------------------------------------------------------------


def test_heading_path_resets_below_a_new_part():
    provisions = parse(
        """
        Part 1 General

        Chapter 1 Admission

        Arrival

        1. A detainee is searched on arrival.

        Part 2 Discipline

        2. Offences are listed in the schedule.
        """
    )
    assert by_label(provisions, "1").headings == ("Part 1 General", "Chapter 1 Admission", "Arrival")
    assert by_label(provisions, "2").headings == ("Part 2 Discipline",)


def test_subpart_and_schedule_and_caps_headings():
    provisions = parse(
        """
        PART 900—CUSTODY

        Subpart A—Searches

        § 900.1 Purpose.

        This subpart covers searches.

        SCHEDULE 1

        1. Forms of restraint.
        """
    )
    assert by_label(provisions, "§ 900.1").headings == ("PART 900—CUSTODY", "Subpart A—Searches", "Purpose")
    assert by_label(provisions, "1").headings == ("SCHEDULE 1",)
    assert by_label(provisions, "1").text == "Forms of restraint."


def test_format_heading_levels_form_the_path():
    blocks = [
        Block(text="Discipline", ref=SourceRef(paragraph=0), heading_level=1),
        Block(text="Sanctions", ref=SourceRef(paragraph=1), heading_level=2),
        Block(text="12. No sanction may remove family visits.", ref=SourceRef(paragraph=2)),
        Block(text="Health", ref=SourceRef(paragraph=3), heading_level=1),
        Block(text="13. Women receive gender-specific care.", ref=SourceRef(paragraph=4)),
    ]
    provisions = build_provisions(blocks)
    assert provisions[0].headings == ("Discipline", "Sanctions")
    assert provisions[1].headings == ("Health",)


def test_cross_heading_does_not_leak_to_the_next_section():
    provisions = parse(
        """
        Letters

        30.—(1) Letters are not read.

        31.—(1) Parcels are opened.
        """
    )
    assert by_label(provisions, "30(1)").headings == ("Letters",)
    assert by_label(provisions, "31(1)").headings == ()


# --- table of contents and definitions ----------------------------------------------------


def test_table_of_contents_run_is_marked_toc():
    provisions = parse(
        """
        PART 1 PRELIMINARY

        1. Citation

        2. Interpretation

        3. Searches

        PART 2 SEARCHES

        3.—(1) A search must be carried out with decency.
        """
    )
    kinds = {(p.label, p.kind) for p in provisions}
    assert ("1", "toc") in kinds and ("2", "toc") in kinds and ("3", "toc") in kinds
    assert by_label(provisions, "3(1)").kind == "body"


def test_single_titled_section_is_not_toc():
    provisions = parse(
        """
        1. Short title

        This Act may be cited as the Detention Act.

        2. Findings

        (1) Women are a minority in detention.
        """
    )
    assert all(p.kind == "body" for p in provisions)


def test_definitions_by_section_title_and_by_text():
    provisions = parse(
        """
        Interpretation

        2.—(1) In these Rules—

        "infant" means a child under the age of two;

        8.—(1) In this rule, “strip search” includes removal of underwear.

        (2) A strip search is done in private.
        """
    )
    assert by_label(provisions, "2(1)").kind == "definition"
    assert all(p.kind == "definition" for p in provisions if p.label.startswith("2"))
    assert by_label(provisions, "8(1)").kind == "definition"
    assert by_label(provisions, "8(2)").kind == "body"


def test_gap_markers_are_dropped_and_page_and_ref_are_copied():
    blocks = [
        Block(text="5. Visits may not be withdrawn as a punishment.", ref=SourceRef(page=3, line=40)),
        Block(text="[...]", ref=SourceRef(page=3, line=41)),
    ]
    provisions = build_provisions(blocks)
    assert len(provisions) == 1
    assert (provisions[0].page, provisions[0].line, provisions[0].index) == (3, 40, 0)


# --- property: nested numbering yields consistent labels ----------------------------------

_STYLES = [
    lambda n: str(n),
    lambda n: "abcdefghijklmnopqrstuvwxyz"[n - 1],
    lambda n: ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"][n - 1],
    lambda n: "ABCDEFGH"[n - 1],
]

_TREE = st.recursive(
    st.just([]),
    lambda children: st.lists(children, min_size=1, max_size=4),
    max_leaves=12,
)


def _render(tree: list, depth: int, out: list[str]) -> None:
    for n, subtree in enumerate(tree, start=1):
        token = _STYLES[depth % len(_STYLES)](n)
        lead = "includes the following—" if subtree else "is a plain item;"
        out.append(f"({token}) This item {lead}")
        _render(subtree, depth + 1, out)


@settings(max_examples=60, deadline=None)
@given(st.lists(_TREE, min_size=1, max_size=3))
def test_generated_nests_give_unique_labels_with_parent_prefixes(sections):
    paragraphs: list[str] = []
    for number, tree in enumerate(sections, start=1):
        paragraphs.append(f"{number}. Section {number} applies as follows:")
        _render(tree, 0, paragraphs)
    provisions = parse("\n\n".join(paragraphs))
    numbered = [p.label for p in provisions]
    assert len(numbered) == len(set(numbered))
    assert len(provisions) == len(paragraphs)
    for provision in provisions:
        if provision.parent is not None:
            parent = provisions[provision.parent]
            assert provision.label.startswith(parent.label + "(")
            assert parent.index < provision.index


# --- the real corpus ----------------------------------------------------------------------

KNOWN_LABELS = {
    "01_scotland-pyoi-rules-2011.txt": ["91(2)(b)", "95(4)(a)(ii)"],
    "04_ew-yoi-rules-2000.txt": ["52(7)", "65(1)(c)"],
    "07_nsw-crimes-administration-of-sentences-act-1999.txt": ["53(1)(c)", "93(4)(b)(ii)", "93(2A)"],
    "09_nz-corrections-extracts.txt": ["81A(1)(b)", "98(2)"],
    "10_idaho-20-902.txt": ["20-902(2)(b)", "20-902(3)(a)"],
    "16_california-title15-restraints.txt": ["§ 1058.5(2)", "§ 3268.2(c)(5)"],
    "18_india-delhi-prisons-rules-1988.txt": ["3(4)"],
    "20_california-penal-code-women-prisoners.txt": ["§ 3408.5(c)", "3412(a)(2)(E)", "§ 3419(c)(4)"],
    "31_us-18usc-bop-women-prisoners.txt": ["§ 4048(a)(4)(B)(ii)", "§ 4051(a)(7)(E)(iv)"],
    "34_us-28cfr-bop-discipline-pregnancy-searches-restraints.txt": ["§ 552.11(c)(2)", "§ 541.22(b)"],
}


@pytest.mark.parametrize("name", sorted(KNOWN_LABELS))
def test_real_corpus_labels(name):
    path = CORPUS / name
    if not path.exists():
        pytest.skip("real corpus not available")
    found = {p.label for p in read_document(path).provisions}
    for label in KNOWN_LABELS[name]:
        assert label in found, label


def test_real_corpus_toc_entries():
    path = CORPUS / "04_ew-yoi-rules-2000.txt"
    if not path.exists():
        pytest.skip("real corpus not available")
    provisions = read_document(path).provisions
    toc = [p for p in provisions if p.kind == "toc"]
    assert len(toc) >= 40
    assert all(p.kind != "toc" for p in provisions if "(" in p.label)


def test_decimal_paragraph_numbers_of_an_instruction():
    provisions = parse(
        "Occasions for full searching\n\n"
        "3.8 A full search may be carried out only:\n\n"
        "(a) on reception; or\n\n"
        "(b) on reasonable suspicion.\n\n"
        "3.9 Full searches must not be routine.\n\n"
        "1.5 million pounds were spent on scanners."
    )
    assert labels(provisions)[:4] == ["3.8", "3.8(a)", "3.8(b)", "3.9"]
    assert by_label(provisions, "3.8(b)").parent == by_label(provisions, "3.8").index
    assert "1.5 million" in provisions[-1].text and provisions[-1].label == "3.9"


# --- structure of laws never seen (issue 9 §1) ------------------------------------------


def test_unlabelled_lead_in_holds_items_westminster_and_jail_manual():
    for lead_in, items in (
        (
            "A prisoner who breaks prison discipline shall be liable to any of the following punishments:",
            [
                "(1) a caution;",
                "(2) loss of earnings for up to 14 days;",
                "(3) cellular confinement for up to 21 days.",
            ],
        ),
        (
            "The Superintendent may award the following punishments for a jail offence—",
            ["(a) formal warning;", "(b) change of labour;", "(c) separate confinement not exceeding 7 days."],
        ),
    ):
        provisions = parse("\n\n".join([lead_in, *items, "Every prisoner shall have a bed."]))
        head = provisions[0]
        assert head.text == lead_in
        assert [provisions[p.parent].text for p in provisions[1:4]] == [lead_in] * 3
        last = provisions[4]
        assert last.text == "Every prisoner shall have a bed." and last.parent is None and last.label == ""


def test_section_reference_with_caption_is_heading_and_label():
    cases = (
        ("[s. 12] Use of holding cells", "12"),
        ("§ 12 Use of holding cells", "§ 12"),
        ("Section 12 – Use of holding cells", "Section 12"),
        ("12 Use of holding cells", "12"),
    )
    for caption_line, section in cases:
        provisions = parse(
            f"""
            {caption_line}

            (1) A pregnant woman must not be held in a holding cell.

            (a) for more than four hours;
            """
        )
        assert by_label(provisions, f"{section}(1)").headings[-1] == "Use of holding cells"
        assert parent_label(provisions, f"{section}(1)(a)") == f"{section}(1)"


def test_caption_listing_topics_keeps_the_section_operative():
    provisions = parse(
        """
        [s. 40] Use of holding cells; record keeping; definitions

        (1) In this section, "holding cell" means a secure room at a court.

        (2) A woman who is pregnant must not be placed in a holding cell.

        Article 2. Definitions and interpretation

        (1) convict – a person sentenced to deprivation of liberty by a court.
        """
    )
    assert by_label(provisions, "40(1)").kind == "definition"
    assert by_label(provisions, "40(2)").kind == "body"
    assert by_label(provisions, "Article 2(1)").kind == "definition"


def test_paragraph_letter_and_bracket_labels_are_removed_from_the_text():
    provisions = parse(
        """
        § 3401. Restraints.

        A. No restraint shall be applied to a woman in labour.

        B. A pregnant inmate may be restrained only with wrist restraints in front.

        Rule 7. Mothers and children

        1) Women shall be accommodated apart from men.

        2) A child may stay with the mother until the age of three.
        """
    )
    assert by_label(provisions, "§ 3401(A)").text.startswith("No restraint")
    assert by_label(provisions, "§ 3401(B)").text.startswith("A pregnant inmate")
    assert by_label(provisions, "Rule 7(2)").text.startswith("A child may stay")


def test_initials_are_not_a_label():
    provisions = parse("J. K. Mensah is appointed Director of Prisons.")
    assert provisions[0].label == ""
    assert provisions[0].text.startswith("J. K. Mensah")


def test_run_on_items_split_with_labels_in_two_traditions():
    provisions = parse(
        """
        17. Punishments. The punishments that may be awarded shall not be: (a) confinement in a dark cell; (b) reduction of diet; or (c) denial of family visits.

        Article 9. A disciplinary measure shall be—(1) a reprimand; (2) a fine; and (3) placement in a punishment cell for up to 15 days.
        """
    )
    assert by_label(provisions, "17").text.endswith("shall not be:")
    assert by_label(provisions, "17(c)").text == "denial of family visits."
    assert parent_label(provisions, "17(b)") == "17"
    assert by_label(provisions, "Article 9(3)").text == "placement in a punishment cell for up to 15 days."


def test_run_on_split_leaves_quoted_amending_text_and_references_alone():
    provisions = parse(
        """
        (4) Section 4050 is amended by inserting: “(c) Women shall not be: (1) shackled; (2) searched by men; or (3) segregated.”

        (5) The warden acts under paragraph (a) or (b) of subsection (2): (a) in writing; (b) after notice.

        (6) An inmate may not be: (a) restrained; (b) searched. (C) Exception Paragraph (a) does not apply in an emergency.
        """
    )
    assert labels(provisions)[0] == "(4)"
    assert "(1) shackled; (2) searched by men" in provisions[0].text
    assert by_label(provisions, "(5)(b)").text == "after notice."
    assert "(C) Exception" in by_label(provisions, "(6)").text  # two lists in one paragraph: kept whole


def test_table_rows_are_units_read_with_their_header(tmp_path):
    path = tmp_path / "schedule.md"
    path.write_text(
        "Regulation 40. Disciplinary punishments\n\n"
        "| Offence | Punishment | Maximum |\n"
        "|---|---|---|\n"
        "| Disobeying an order | Confinement in a punishment cell | 14 days |\n"
        "| Damage to property | Stoppage of earnings | 28 days |\n\n"
        "Article 41. Women shall be searched by women.\n",
        encoding="utf-8",
    )
    provisions = read_document(str(path)).provisions
    header = by_label(provisions, "Regulation 40 table header")
    assert header.kind == "table-header"
    row = by_label(provisions, "Regulation 40 table row 2")
    assert row.text.startswith("Damage to property") and provisions[row.parent] is header
    assert by_label(provisions, "Article 41").parent is None


def test_marginal_note_before_a_section_is_its_caption():
    provisions = parse(
        """
        Separate confinement.

        46. (1) The Superintendent may award separate confinement for up to seven days.

        Women prisoners.

        47. No woman prisoner shall be placed in separate confinement.
        """
    )
    assert by_label(provisions, "46(1)").headings == ("Separate confinement",)
    assert by_label(provisions, "47").headings == ("Women prisoners",)


def test_a_captioned_sections_only_sentence_is_not_the_next_caption():
    provisions = parse(
        """
        3 Principal Act amended

        This Act amends the Prisons Act 1952.

        4 Purpose

        The purpose of this Act is to protect mothers and their children.
        """
    )
    assert by_label(provisions, "3").text == "This Act amends the Prisons Act 1952."
    assert by_label(provisions, "4").headings == ("Purpose",)


def test_run_on_items_with_closing_brackets_or_commas():
    provisions = parse(
        """
        Article 115. The following penalties may be applied to convicts: 1) a reprimand; 2) a fine; 3) placement in a punishment cell for up to fifteen days.

        Rule 12. The Superintendent may award the following punishments: (a) a warning, (b) loss of privileges, or (c) separate confinement.
        """
    )
    assert by_label(provisions, "Article 115(3)").text == "placement in a punishment cell for up to fifteen days."
    assert by_label(provisions, "Rule 12(c)").text == "separate confinement."
    assert by_label(provisions, "Rule 12(b)").text == "loss of privileges,"


def test_infinitive_caption_heads_its_block():
    provisions = parse(
        """
        Rule 317. Female prisoners to be searched by female warders

        (1) The search shall be made by the matron in private.

        Section 9 – Mothers to be informed before a child leaves

        (1) The governor shall give the mother not less than 28 days' notice.
        """
    )
    assert by_label(provisions, "Rule 317").text == ""
    assert by_label(provisions, "Rule 317(1)").headings == ("Female prisoners to be searched by female warders",)
    assert by_label(provisions, "Section 9(1)").headings == ("Mothers to be informed before a child leaves",)


def test_a_table_after_a_list_belongs_to_the_section_unless_an_item_introduces_it(tmp_path):
    path = tmp_path / "rules.md"
    path.write_text(
        "17. Punishments. The punishments shall not include: (a) a dark cell; (b) reduction of diet.\n\n"
        "| Offence | Punishment |\n|---|---|\n| Escape | Solitary confinement |\n\n"
        "18. (1) Visits are allowed as follows:\n\n| Category | Visits |\n|---|---|\n| Remand | Daily |\n",
        encoding="utf-8",
    )
    provisions = read_document(str(path)).provisions
    assert provisions[by_label(provisions, "17 table row 1").parent].label == "17 table header"
    assert provisions[by_label(provisions, "17 table header").parent].label == "17"
    assert provisions[by_label(provisions, "18(1) table header").parent].label == "18(1)"


def test_flattened_multi_level_subsection_nests_by_numbering_style():
    provisions = parse(
        """
        § 4016. (c) Members. Each member of the monitoring body shall be a person who— (1) has been held in solitary confinement; (2) is a health professional— (A) licensed in a State; or (B) employed by a public hospital; or (3) is a civil rights advocate.

        Rule 9. A woman shall not be punished by— (a) close confinement; (b) loss of visits— (i) from her children; or (ii) from her family; or (c) reduction of diet. Paragraph (a) or (b) applies to every woman.
        """
    )
    assert by_label(provisions, "§ 4016(c)(2)(B)").text == "employed by a public hospital;"
    assert parent_label(provisions, "§ 4016(c)(3)") == "§ 4016(c)"
    assert parent_label(provisions, "Rule 9(b)(ii)") == "Rule 9(b)"
    assert by_label(provisions, "Rule 9(c)").text.startswith("reduction of diet.")


def test_lettered_headings_are_not_items():
    provisions = parse(
        """
        I. GENERAL PROVISIONS

        Article 1. This Code governs the execution of sentences.

        B. No restraint shall be applied to a woman in labour.
        """
    )
    assert by_label(provisions, "Article 1").headings[0] == "I. GENERAL PROVISIONS"
    assert any(p.label.endswith("(B)") and p.text.startswith("No restraint") for p in provisions)


def test_an_unpunctuated_sentence_after_a_section_number_is_not_a_caption():
    provisions = parse(
        """
        Section 5. The Director of Prisons is responsible for women prisoners

        Section 6. Women to be kept apart from men
        """
    )
    assert by_label(provisions, "Section 5").text.startswith("The Director of Prisons is responsible")


def test_numbered_parts_of_a_captioned_article_are_cited_under_it():
    provisions = parse(
        """
        Article 90. Conditions of serving a sentence by women

        1. Pregnant women shall be granted improved living conditions.

        2. Convicted women may have children under three years of age in the children's home of the colony.

        § 541.22 Status when pregnant

        1. An inmate who is pregnant may not be placed in disciplinary segregation.

        Note: 1. Amended 2017.
        """
    )
    assert by_label(provisions, "Article 90(2)").text.startswith("Convicted women may have children")
    assert by_label(provisions, "Article 90(1)").headings[-1] == "Conditions of serving a sentence by women"
    assert parent_label(provisions, "§ 541.22(1)") == "§ 541.22"


@pytest.mark.parametrize(
    "text, defines",
    [
        (
            "Special means may be applied to a convicted woman only in the cases listed in this Article.",
            False,
        ),  # post-Soviet
        ("Special means shall not be used on women with visible signs of pregnancy.", False),
        ("Physical force, special means and weapons may be used only as a last resort.", False),
        ("prison manager means the person for the time being in charge of a prison", True),  # NZ/Australian bold term
        ("In this Part, post-delivery period means the three days after birth.", True),
        ("convict – a person sentenced to deprivation of liberty", True),  # post-Soviet dash form
    ],
)
def test_means_as_a_noun_is_not_a_definition(text, defines):
    from linter.definitions import is_definition

    assert is_definition(text) is defines
