"""Legislation as published: saved web pages and Akoma Ntoso, USLM and CLML XML.

Each fixture under tests/fixtures/formats/ is the same act as its plain-text twin, written
by hand: a Commonwealth-style act (Akoma Ntoso, CLML and a web page shaped like a
legislation site) and a US-style bill (USLM). Each must read to the provisions and verdicts
its twin reads to, keep the publisher's identifiers, and leave out what is not the law.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli import main
from linter.engine import check_document
from linter.errors import CorruptDocumentError, DocumentTooLargeError, UnsupportedFormatError
from linter.extract import markup, read_document

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
ACT = FIXTURES / "women-prisoners-act.txt"
BILL = FIXTURES / "dignity-for-women-bill.txt"
PUBLISHED = [
    (ACT, FIXTURES / "women-prisoners-act.akn.xml", "akn"),
    (ACT, FIXTURES / "women-prisoners-act.clml.xml", "clml"),
    (ACT, FIXTURES / "women-prisoners-act.html", "html"),
    (BILL, FIXTURES / "dignity-for-women-bill.uslm.xml", "uslm"),
]
AKN_NS = 'xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"'


def _provisions(path: Path) -> list[tuple]:
    return [(p.label, p.text, p.kind, p.headings) for p in read_document(path).provisions]


def _verdicts(path: Path) -> dict:
    result = check_document(read_document(path), ("all",))
    return {r.rule: (r.verdict, [(e.relation, e.label, e.quote) for e in r.evidence]) for r in result.rules}


@pytest.mark.parametrize("twin, published, fmt", PUBLISHED, ids=[p[2] for p in PUBLISHED])
def test_published_form_reads_to_the_same_provisions_as_its_text_twin(twin, published, fmt):
    document = read_document(published)
    assert document.format == fmt
    assert _provisions(published) == _provisions(twin)


@pytest.mark.parametrize("twin, published, fmt", PUBLISHED, ids=[p[2] for p in PUBLISHED])
def test_published_form_gets_the_same_verdicts_as_its_text_twin(twin, published, fmt):
    expected = _verdicts(twin)
    assert _verdicts(published) == expected
    # The twins are not trivially equal: each act has a conflict and some coverage to agree on.
    verdicts = {v for v, _ in expected.values()}
    assert "conflict" in verdicts and verdicts & {"partial", "covered"}


def test_the_text_twins_have_the_structure_the_fixtures_claim():
    act = read_document(ACT).provisions
    labels = [p.label for p in act]
    assert labels[:4] == ["1", "2", "2", "2"]
    assert {"3(1)", "4(2)", "5(2)", "6(a)", "6(c)", "7(1)", "7(2)"} <= set(labels)
    assert [p.kind for p in act if p.label == "2"] == ["definition"] * 3
    assert act[-1].headings == (
        "Correctional Services (Women Prisoners) Act 2025",
        "Part 3 — Health, contact and discipline",
        "Visits",
    )
    table_rows = [p.text for p in act if "|" in p.text]
    assert table_rows and table_rows[0].startswith("Category of prisoner | Visits each month")
    bill = read_document(BILL).provisions
    assert [p.label for p in bill if p.label.startswith("Section 201(c)")] == [
        "Section 201(c)",
        "Section 201(c)(1)",
        "Section 201(c)(2)",
        "Section 201(c)(2)",
    ]
    assert bill[-1].headings[1] == "TITLE II — Treatment of women prisoners"


@pytest.mark.parametrize(
    "published, label, identifier",
    [
        (FIXTURES / "women-prisoners-act.akn.xml", "4(2)", "sec_4__subsec_2"),
        (FIXTURES / "women-prisoners-act.akn.xml", "6(b)", "sec_6__para_b"),
        (FIXTURES / "women-prisoners-act.clml.xml", "4(2)", "section-4-2"),
        (FIXTURES / "women-prisoners-act.html", "4(2)", "section-4-2"),
        (FIXTURES / "women-prisoners-act.html", "1", "section-1"),
        (FIXTURES / "dignity-for-women-bill.uslm.xml", "Section 201(a)", "/us/bill/119/hr/9999/tII/s201/a"),
    ],
)
def test_each_provision_keeps_the_publishers_identifier(published, label, identifier):
    provision = next(p for p in read_document(published).provisions if p.label == label)
    assert provision.identifier == identifier
    assert all(p.identifier is None for p in read_document(ACT).provisions)


@pytest.mark.parametrize("published", [p for _, p, _ in PUBLISHED])
def test_amendment_markup_reads_as_accepted_change(published):
    changed = [p.label for p in read_document(published).provisions if p.changed]
    assert changed in (["4(2)"], ["Section 201(a)"])
    text = " ".join(p.text for p in read_document(published).provisions)
    assert "by any officer" not in text and "first trimester" not in text


@pytest.mark.parametrize("published", [p for _, p, _ in PUBLISHED])
def test_notes_remarks_metadata_and_site_chrome_are_not_read(published):
    text = " ".join(" ".join((p.text, *p.headings)) for p in read_document(published).provisions)
    for furniture in (
        "amended by",
        "substituted",
        "Standing Orders",
        "added in committee",
        "House Bill",
        "REPRESENTATIVES",
        "2025 CHAPTER",
        "cookies",
        "Skip to",
        "Browse legislation",
        "Table of contents",
        "Print the whole",
        "Changes to legislation",
        "outstanding changes",
        "F1",
        "[",
        "E+W",
        "Back to top",
        "Open Government",
        "Accessibility",
        "dataLayer",
        "font-weight",
        "Home",
    ):
        assert furniture not in text, furniture


@pytest.mark.parametrize(
    "name, content",
    [
        (
            "searches.akn.xml",
            f'<akomaNtoso {AKN_NS}><act><body><section eId="sec_9"><num>9.</num><heading>Searches</heading>'
            '<content><p>"<def refersTo="#term-strip_search">strip search</def>" is a search requiring the removal'
            " of clothing.</p></content></section></body></act></akomaNtoso>",
        ),
        (
            "searches.uslm.xml",
            '<uscDoc xmlns="http://xml.house.gov/schemas/uslm/1.0"><main><section identifier="/us/usc/t18/s9">'
            '<num value="9">§ 9.</num><heading>Searches</heading><content>The term “<term>strip search</term>” is a'
            " search requiring the removal of clothing.</content></section></main></uscDoc>",
        ),
        (
            "searches.clml.xml",
            '<Legislation xmlns="http://www.legislation.gov.uk/namespaces/legislation"><Primary><Body><P1group>'
            '<Title>Searches</Title><P1 id="section-9"><Pnumber>9</Pnumber><P1para><Text>"<Term>strip search</Term>"'
            " is a search requiring the removal of clothing.</Text></P1para></P1></P1group></Body></Primary></Legislation>",
        ),
        (
            "searches.html",
            '<html><body><h3 id="s9">9. Searches</h3><p>"<dfn>strip search</dfn>" is a search requiring the removal'
            " of clothing.</p></body></html>",
        ),
    ],
)
def test_a_term_the_markup_defines_is_a_definition_wherever_it_stands(tmp_path, name, content):
    # Neither the heading nor the wording ("is a search") would tell the text parser this defines a term.
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    provisions = read_document(path).provisions
    assert [p.kind for p in provisions] == ["definition"]
    twin = tmp_path / "searches.txt"
    twin.write_text(f"{provisions[0].label}. Searches\n\n{provisions[0].text}\n", encoding="utf-8")
    assert [p.kind for p in read_document(twin).provisions] == ["body"]


def test_ordered_lists_take_the_numbers_a_browser_shows(tmp_path):
    path = tmp_path / "list.html"
    path.write_text(
        "<html><body><p>12. The governor shall ensure that—</p><ol type='a'><li>women are searched by women;"
        "<ol type='i' start='2'><li>in private;</li><li value='5'>with dignity;</li></ol></li>"
        "<li>records are kept.</li></ol></body></html>",
        encoding="utf-8",
    )
    labels = [p.label for p in read_document(path).provisions]
    assert labels == ["12", "12(a)", "12(a)(ii)", "12(a)(v)", "12(b)"]


def test_laws_africa_akoma_ntoso_html_keeps_numbers_and_eids(tmp_path):
    path = tmp_path / "act.html"
    path.write_text(
        '<html><body><nav><a href="/">Laws.Africa</a></nav><div class="akoma-ntoso">'
        '<section class="akn-section" id="sec_3" data-eid="sec_3"><h3>3. Segregation</h3>'
        '<section class="akn-subsection" id="sec_3__subsec_1" data-eid="sec_3__subsec_1">'
        '<span class="akn-num">(1)</span><span class="akn-content"><span class="akn-p">A pregnant prisoner shall'
        " not be held in solitary confinement.</span></span></section></section></div></body></html>",
        encoding="utf-8",
    )
    provisions = read_document(path).provisions
    assert [(p.label, p.identifier) for p in provisions] == [("3", "sec_3"), ("3(1)", "sec_3__subsec_1")]
    assert provisions[1].text == "A pregnant prisoner shall not be held in solitary confinement."


# -- hostile and unreadable input ---------------------------------------------------------


_LAUGHS = "".join(f'<!ENTITY l{i} "&l{i - 1};&l{i - 1};&l{i - 1};&l{i - 1};">' for i in range(1, 10))


@pytest.mark.parametrize(
    "name, content, error, message",
    [
        (
            "bomb.xml",
            f'<?xml version="1.0"?><!DOCTYPE akomaNtoso [<!ENTITY l0 "lol">{_LAUGHS}]>'
            f"<akomaNtoso {AKN_NS}><act><body><p>&l9;</p></body></act></akomaNtoso>",
            CorruptDocumentError,
            "Akoma Ntoso file contains XML entity declarations",
        ),
        (
            "xxe.xml",
            '<?xml version="1.0"?><!DOCTYPE Legislation [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            '<Legislation xmlns="http://www.legislation.gov.uk/namespaces/legislation"><Primary><Body><P1>'
            "<Pnumber>1</Pnumber><P1para><Text>&x;</Text></P1para></P1></Body></Primary></Legislation>",
            CorruptDocumentError,
            "CLML file contains XML entity declarations",
        ),
        (
            "external-dtd.xml",
            '<?xml version="1.0"?><!DOCTYPE uscDoc SYSTEM "http://example.org/uslm.dtd">'
            '<uscDoc xmlns="http://xml.house.gov/schemas/uslm/1.0"><main/></uscDoc>',
            CorruptDocumentError,
            "USLM file contains XML entity declarations",
        ),
        (
            "entities.html",
            '<!DOCTYPE html [<!ENTITY x "injected">]><html><body><p>1. &x;</p></body></html>',
            CorruptDocumentError,
            "HTML file contains entity declarations",
        ),
        (
            "deep.xml",
            f"<akomaNtoso {AKN_NS}><act><body>"
            + "<hcontainer>" * 240
            + "<p>x</p>"
            + "</hcontainer>" * 240
            + "</body></act></akomaNtoso>",
            DocumentTooLargeError,
            "nest",
        ),
        (
            "deep.html",
            "<html><body>" + "<div>" * 240 + "<p>1. x</p>" + "</div>" * 240 + "</body></html>",
            DocumentTooLargeError,
            "more than 200 levels",
        ),
        (
            "broken.xml",
            f"<akomaNtoso {AKN_NS}><act><body><p>unclosed</act></akomaNtoso>",
            CorruptDocumentError,
            "malformed Akoma Ntoso XML",
        ),
        (
            "other.xml",
            '<?xml version="1.0"?><catalog><book>1. A prisoner</book></catalog>',
            UnsupportedFormatError,
            "root element <catalog> is not Akoma Ntoso, USLM or legislation.gov.uk CLML",
        ),
    ],
)
def test_hostile_or_unknown_markup_is_refused_with_a_one_line_error(tmp_path, name, content, error, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(error, match=message) as info:
        read_document(path)
    assert "\n" not in str(info.value)


def test_markup_over_the_size_cap_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(markup, "MAX_BYTES", 1024)
    path = tmp_path / "big.html"
    path.write_text("<html><body>" + "<p>1. A prisoner shall be held.</p>" * 100 + "</body></html>", encoding="utf-8")
    with pytest.raises(DocumentTooLargeError, match="limit"):
        read_document(path)


def test_format_is_sniffed_from_the_bytes_not_the_name(tmp_path):
    page = tmp_path / "saved-page.txt"
    page.write_bytes((FIXTURES / "women-prisoners-act.html").read_bytes())
    assert read_document(page).format == "html"
    akn = tmp_path / "act.download"
    akn.write_bytes((FIXTURES / "women-prisoners-act.akn.xml").read_bytes())
    assert read_document(akn).format == "akn"
    prose = tmp_path / "notes.txt"
    prose.write_text("1. Staff shall not write <html> in a rule.\n", encoding="utf-8")
    assert read_document(prose).format == "text"
    # A fragment of a page is HTML when saved as such; a Markdown file may open with <div> too.
    fragment = "<div class='law'><p>1. A woman shall be searched by a woman.</p></div>\n"
    (tmp_path / "fragment.htm").write_text(fragment, encoding="utf-8")
    (tmp_path / "readme.md").write_text(fragment, encoding="utf-8")
    assert read_document(tmp_path / "fragment.htm").format == "html"
    assert read_document(tmp_path / "readme.md").format == "text"


# -- through the command line --------------------------------------------------------------


def test_cli_check_refuses_hostile_xml_with_exit_3_and_reads_the_rest(tmp_path, capsys):
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(f'<!DOCTYPE a [<!ENTITY l0 "lol">{_LAUGHS}]><akomaNtoso {AKN_NS}/>', encoding="utf-8")
    result = CliRunner().invoke(
        main, ["check", "--no-color", "-q", "--select", "24", str(bomb), str(FIXTURES / "women-prisoners-act.akn.xml")]
    )
    assert result.exit_code == 3
    assert f"{bomb}: error [corrupt] Akoma Ntoso file contains XML entity declarations" in result.output
    assert "women-prisoners-act.akn.xml:5(2)" in result.output and "conflict BR24" in result.output


def test_cli_walks_folders_for_pages_and_xml(tmp_path):
    for _, published, _ in PUBLISHED:
        (tmp_path / published.name).write_bytes(published.read_bytes())
    result = CliRunner().invoke(main, ["check", "--no-color", "--fail-on", "never", "--select", "22", str(tmp_path)])
    assert result.exit_code == 0
    for _, published, _ in PUBLISHED:
        assert f"{tmp_path / published.name}: " in result.output


def test_cli_extract_json_carries_identifiers():
    result = CliRunner().invoke(main, ["extract", "--format", "json", str(FIXTURES / "women-prisoners-act.akn.xml")])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["format"] == "akn"
    assert {"label": "4(2)", "identifier": "sec_4__subsec_2"}.items() <= next(
        p for p in data["provisions"] if p["label"] == "4(2)"
    ).items()


@pytest.mark.parametrize("fmt", ["json", "sarif", "html"])
def test_reports_link_a_finding_back_to_the_official_provision(fmt):
    path = FIXTURES / "dignity-for-women-bill.uslm.xml"
    out = CliRunner().invoke(main, ["check", "--format", fmt, "--fail-on", "never", "--select", "22", str(path)]).output
    identifier = "/us/bill/119/hr/9999/tII/s201/b"  # the solitary-confinement clause in conflict with Rule 22
    if fmt == "json":
        evidence = json.loads(out)["documents"][0]["rules"][0]["evidence"]
        assert identifier in [e.get("identifier") for e in evidence]
    elif fmt == "sarif":
        result = json.loads(out)["runs"][0]["results"][0]
        assert result["properties"]["identifier"] == identifier
    else:
        assert f'<code class="identifier">{identifier}</code>' in out


# -- shapes real publishers use ------------------------------------------------------------


def _read(name: str) -> list[tuple]:
    return [(p.label, p.identifier, p.kind) for p in read_document(FIXTURES / name).provisions]


def test_us_code_title_reads_sections_with_run_in_headings_and_no_notes():
    document = read_document(FIXTURES / "us-code-chapter.uslm.xml")
    assert [(p.label, p.identifier) for p in document.provisions] == [
        ("§ 4101", "/us/usc/t99/s4101"),
        ("§ 4101(a)", "/us/usc/t99/s4101/a"),
        ("§ 4101(b)", "/us/usc/t99/s4101/b"),
        ("§ 4101(b)(1)", "/us/usc/t99/s4101/b/1"),
        ("§ 4101(b)(1)(A)", "/us/usc/t99/s4101/b/1/A"),
        ("§ 4101(b)(1)(B)", "/us/usc/t99/s4101/b/1/B"),
    ]
    first = document.provisions[1]
    assert first.text.startswith("Prohibition.—From the confirmation of a pregnancy")
    assert first.headings == (
        "Title 99 — CUSTODY",
        "PART II — FEDERAL INSTITUTIONS",
        "CHAPTER 41 — WOMEN IN CUSTODY",
        "Care of pregnant women in custody",
    )
    text = " ".join(p.text for p in document.provisions)
    assert "Pub. L." not in text and "ninety days" not in text and "Sec." not in text


def test_uk_lawmaker_named_containers_read_as_regulations_and_cross_headings():
    assert _read("uk-rules-lawmaker.akn.xml") == [
        ("3", "regulation-3", "body"),
        ("3(1)", "regulation-3-1", "body"),
        ("3(2)", "regulation-3-2", "body"),
        ("3(2)(a)", "regulation-3-2-a", "body"),
        ("3(2)(b)", "regulation-3-2-b", "body"),
    ]
    headings = read_document(FIXTURES / "uk-rules-lawmaker.akn.xml").provisions[0].headings
    assert headings == ("The Custody (Searching) Rules 2025", "Searching", "Searching of women")


def test_laws_africa_block_lists_and_definitions():
    assert _read("laws-africa-act.akn.xml") == [
        ("1", "chp_1__sec_1", "definition"),
        ("1", "chp_1__sec_1", "definition"),
        ("2", "chp_1__sec_2", "body"),
        ("2(a)", "chp_1__sec_2__list_1__item_a", "body"),
        ("2(b)", "chp_1__sec_2__list_1__item_b", "body"),
    ]


def test_a_changes_box_is_dropped_but_not_the_region_that_holds_it(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        '<html><body><div id="content"><div><p>Changes to legislation: there are changes not yet applied.</p></div>'
        "<p>5. A woman prisoner shall be searched only by a female officer.</p>"
        + "<p>Text of the act.</p>" * 150
        + "</div></body></html>",
        encoding="utf-8",
    )
    provisions = read_document(path).provisions
    assert provisions[0].label == "5"
    assert not any("Changes to legislation" in p.text for p in provisions)


def test_footnote_markers_and_editorial_remarks_in_pages_are_not_text(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><body><p>5. Restraints shall not be used on a woman in labour<sup><a href='#fn1'>1</a></sup>."
        "<span class='akn-remark'>[Amended by Act 4 of 2020]</span></p>"
        "<p>6. A woman shall be searched by a woman<a class='LegFootnoteRef' href='#f2'>2</a>.</p></body></html>",
        encoding="utf-8",
    )
    texts = [p.text for p in read_document(path).provisions]
    assert texts == ["Restraints shall not be used on a woman in labour.", "A woman shall be searched by a woman."]


def test_gpo_bill_reads_sections_not_its_front_matter_toc_or_quoted_amendment():
    # Shaped like a govinfo bill: stylesheet PI, meta, preface with chamber and sponsor, a table of
    # contents inside a subsection, small-caps run-in headings, and a quotedContent amendment.
    provisions = read_document(FIXTURES / "us-bill-gpo.uslm.xml").provisions
    labels = [p.label for p in provisions if p.label]
    assert labels == [
        "Section 1",
        "Section 1(a)",
        "Section 1(b)",
        "Section 101",
        "Section 101(1)",
        "Section 101(2)",
        "Section 101(2)(A)",
        "Section 101(2)(B)",
        "Section 102",
    ]
    text = " ".join(p.text for p in provisions)
    for furniture in ("CONGRESS", "HOUSE OF REPRESENTATIVES", "Ms. Example", "Disclaimer", "Sec. 1.", "116 HR"):
        assert furniture not in text, furniture
    amendment = provisions[-1]
    assert amendment.text.endswith("the following: “(e) Reports.—The Director shall report each use of restraints.”.")
    assert [p.kind for p in provisions if p.label.startswith("Section 101(")] == ["definition"] * 4
