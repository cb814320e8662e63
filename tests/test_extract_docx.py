"""The DOCX reader: body text in reading order, Word list numbers, tracked changes, safety."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from linter.errors import CorruptDocumentError, DocumentTooLargeError, EmptyDocumentError
from linter.extract.docx import iter_body_paragraphs, read_blocks

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus-real"
W_NS = nsdecls("w")

# -- fixture helpers ------------------------------------------------------------------


def _lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'{extra}<w:lvlText w:val="{text}"/></w:lvl>'
    )


BULLET = "\u2022"
SECTION = "\u00a7"
NUMBERING = f"""<w:numbering {W_NS}>
  <w:abstractNum w:abstractNumId="10">
    {_lvl(0, "decimal", "%1.")}
    {_lvl(1, "lowerLetter", "(%2)")}
    {_lvl(2, "decimal", "(%3)")}
    {_lvl(3, "lowerRoman", "(%4)")}
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="20">
    {_lvl(0, "upperRoman", "Article %1")}
    {_lvl(1, "decimal", "%1.%2", extra="<w:isLgl/>")}
    {_lvl(2, "upperLetter", "%3)", extra='<w:lvlRestart w:val="0"/>')}
    {_lvl(3, "bullet", BULLET)}
    {_lvl(4, "decimalZero", "%5.", extra='<w:lvlRestart w:val="1"/>')}
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="30">
    {_lvl(0, "decimal", SECTION + " %1", start=3, extra='<w:pStyle w:val="ClauseTop"/>')}
    {_lvl(1, "lowerLetter", "(%2)")}
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="10"/>
    <w:lvlOverride w:ilvl="0"><w:startOverride w:val="801"/></w:lvlOverride></w:num>
  <w:num w:numId="3"><w:abstractNumId w:val="10"/>
    <w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
  <w:num w:numId="5"><w:abstractNumId w:val="20"/></w:num>
  <w:num w:numId="6"><w:abstractNumId w:val="30"/></w:num>
</w:numbering>"""


def _install_numbering(document: docx.document.Document) -> None:
    numbering = document.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for child in parse_xml(NUMBERING):
        numbering.append(child)


def _xml_paragraph(document: docx.document.Document, inner: str) -> None:
    paragraph = document.add_paragraph()
    for child in parse_xml(f"<w:p {W_NS}>{inner}</w:p>"):
        paragraph._p.append(child)


def _numbered(document: docx.document.Document, text: str, num_id: int, ilvl: int) -> None:
    _xml_paragraph(
        document,
        f'<w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>'
        f"<w:r><w:t>{text}</w:t></w:r>",
    )


def _numbering_style(document: docx.document.Document, name: str, num_pr: str, based_on=None):
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if based_on is not None:
        style.base_style = based_on
    if num_pr:
        style.element.get_or_add_pPr().append(parse_xml(f"<w:numPr {W_NS}>{num_pr}</w:numPr>"))
    return style


def _rewrite(path: Path, replace: dict[str, bytes | None]) -> None:
    """Rewrite a saved .docx with some members replaced (or dropped when None)."""
    with zipfile.ZipFile(path) as zf:
        members = {info.filename: zf.read(info) for info in zf.infolist()}
    for name, data in replace.items():
        if data is None:
            members.pop(name, None)
        else:
            members[name] = data
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)


# Hand-worked: the label Word shows for each numbered paragraph of the fixture below.
NUMBERED_SEQUENCE = [
    # (num_id, ilvl, text, expected label)
    (1, 0, "General", "1."),
    (1, 1, "first item", "(a)"),
    (1, 1, "second item", "(b)"),
    (1, 2, "sub one", "(1)"),
    (1, 2, "sub two", "(2)"),
    (1, 3, "roman one", "(i)"),
    (1, 3, "roman two", "(ii)"),
    (1, 3, "roman three", "(iii)"),
    (1, 3, "roman four", "(iv)"),
    (1, 1, "third item", "(c)"),  # deeper levels restart after a shallower one
    (1, 2, "sub again", "(1)"),
    (1, 0, "Second section", "2."),
    (1, 1, "new list item", "(a)"),
    (2, 0, "Bill section", "801."),  # new num with startOverride 801
    (2, 1, "bill item", "(a)"),
    (2, 0, "Next bill section", "802."),
    (3, 0, "Restarted", "1."),  # another num on the same abstract restarts at 1
    (3, 0, "", None),  # empty numbered paragraph: no Block, but Word still counts it
    (3, 0, "After the empty one", "3."),
    (5, 0, "Article one", "Article I"),
    (5, 1, "legal style", "1.1"),  # isLgl: the upper-roman level shows as decimal
    (5, 2, "letter A", "A)"),
    (5, 2, "letter B", "B)"),
    (5, 0, "Article two", "Article II"),
    (5, 1, "legal again", "2.1"),
    (5, 2, "letter C", "C)"),  # lvlRestart 0: never restarts
    (5, 3, "a bullet", None),
    (5, 4, "zero padded", "01."),
    (5, 1, "legal three", "2.2"),
    (5, 4, "zero again", "02."),  # lvlRestart 1: only a level-1 (ilvl 0) item restarts it
    (5, 0, "Article three", "Article III"),
    (5, 4, "zero restarted", "01."),
]


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    document = docx.Document()
    _install_numbering(document)
    document.sections[0].header.paragraphs[0].text = "HEADER-SECRET running head"
    document.sections[0].footer.paragraphs[0].text = "FOOTER-SECRET page footer"

    document.add_heading("Prison Rules", level=0)
    document.add_heading("Part 1 Admission", level=1)
    document.add_heading("Searches", level=3)
    _xml_paragraph(document, '<w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:r><w:t>Outline heading</w:t></w:r>')
    commented = document.add_paragraph("Plain body text.")
    document.add_comment(commented.runs, text="COMMENT-SECRET reviewer note", author="Reviewer")
    for num_id, ilvl, text, _ in NUMBERED_SEQUENCE:
        _numbered(document, text, num_id, ilvl)

    top = _numbering_style(document, "ClauseTop", '<w:numId w:val="6"/>')
    base = _numbering_style(document, "ClauseBase", '<w:ilvl w:val="1"/><w:numId w:val="6"/>')
    _numbering_style(document, "Clause", "", based_on=base)
    document.add_paragraph("Style section", style="ClauseTop")
    document.add_paragraph("style item one", style="Clause")
    document.add_paragraph("style item two", style="Clause")
    _xml_paragraph(
        document,
        '<w:pPr><w:pStyle w:val="Clause"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr>'
        "<w:r><w:t>numbering switched off</w:t></w:r>",
    )
    document.add_paragraph("Next style section", style=top)

    _xml_paragraph(
        document,
        '<w:r><w:t xml:space="preserve">The officer </w:t></w:r>'
        '<w:del w:id="1" w:author="A" w:date="2026-01-01T00:00:00Z"><w:r><w:delText>may</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="A" w:date="2026-01-01T00:00:00Z"><w:r><w:t>shall</w:t></w:r></w:ins>'
        '<w:r><w:t xml:space="preserve"> record it.</w:t></w:r>',
    )
    _xml_paragraph(
        document,
        '<w:moveFrom w:id="3" w:author="A"><w:r><w:t>MOVED-AWAY </w:t></w:r></w:moveFrom>'
        "<w:r><w:t>Visits are allowed.</w:t></w:r>",
    )
    _xml_paragraph(
        document,
        '<w:pPr><w:rPr><w:del w:id="4" w:author="A"/></w:rPr></w:pPr>'
        '<w:r><w:t xml:space="preserve">Women shall be searched </w:t></w:r>',
    )
    _xml_paragraph(document, "<w:r><w:t>only by women.</w:t></w:r>")
    _xml_paragraph(
        document,
        '<w:r><w:t xml:space="preserve">See page</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGEREF x \\h </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t xml:space="preserve"> 4</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        "<w:r><w:tab/><w:t>tab</w:t><w:br/><w:t>break</w:t><w:noBreakHyphen/><w:t>hyphen</w:t>"
        '<w:sym w:font="Wingdings" w:char="F0FC"/></w:r>',
    )
    path = tmp_path_factory.mktemp("docx") / "sample.docx"
    document.save(path)
    return path


@pytest.fixture(scope="module")
def sample_blocks(sample) -> list:
    blocks, _ = read_blocks(sample)
    return blocks


def _by_text(blocks, text):
    matches = [b for b in blocks if b.text == text]
    assert len(matches) == 1, (text, [b.text for b in blocks])
    return matches[0]


# -- numbering ------------------------------------------------------------------------


def test_direct_numbering_renders_word_labels(sample_blocks):
    for _, _, text, expected in NUMBERED_SEQUENCE:
        if text:
            assert _by_text(sample_blocks, text).number == expected, text


def test_numbering_inherited_from_styles(sample_blocks):
    assert _by_text(sample_blocks, "Style section").number == "\u00a7 3"
    assert _by_text(sample_blocks, "style item one").number == "(a)"
    assert _by_text(sample_blocks, "style item two").number == "(b)"
    assert _by_text(sample_blocks, "numbering switched off").number is None
    assert _by_text(sample_blocks, "Next style section").number == "\u00a7 4"


def test_unnumbered_paragraphs_have_no_number(sample_blocks):
    assert _by_text(sample_blocks, "Plain body text.").number is None


# -- headings, text, exclusions -------------------------------------------------------


def test_heading_levels(sample_blocks):
    assert _by_text(sample_blocks, "Prison Rules").heading_level == 1  # Title
    assert _by_text(sample_blocks, "Part 1 Admission").heading_level == 1
    assert _by_text(sample_blocks, "Searches").heading_level == 3
    assert _by_text(sample_blocks, "Outline heading").heading_level == 2
    assert _by_text(sample_blocks, "Plain body text.").heading_level is None


def test_tracked_changes_read_as_accepted(sample_blocks):
    replaced = _by_text(sample_blocks, "The officer shall record it.")
    assert replaced.changed
    moved = _by_text(sample_blocks, "Visits are allowed.")
    assert moved.changed
    assert not _by_text(sample_blocks, "Plain body text.").changed
    assert not any("may" in b.text.split() or "MOVED-AWAY" in b.text for b in sample_blocks)


def test_deleted_paragraph_mark_merges_with_next(sample_blocks):
    merged = _by_text(sample_blocks, "Women shall be searched only by women.")
    assert merged.changed
    following = sample_blocks[sample_blocks.index(merged) + 1]
    assert following.ref.paragraph == merged.ref.paragraph + 2  # the absorbed paragraph keeps its ordinal


def test_fields_tabs_breaks_and_symbols(sample_blocks):
    assert sample_blocks[-1].text == "See page 4 tab break-hyphen"


def test_headers_footers_and_comments_are_not_body_text(sample_blocks):
    everything = " ".join(b.text for b in sample_blocks)
    for secret in ("HEADER-SECRET", "FOOTER-SECRET", "COMMENT-SECRET", "PAGEREF"):
        assert secret not in everything


def test_python_docx_template_statistics_give_no_page_count(sample):
    assert read_blocks(sample)[1] is None


def test_page_count_from_app_properties(sample, tmp_path):
    copy = tmp_path / "pages.docx"
    copy.write_bytes(sample.read_bytes())
    app = (
        b'<?xml version="1.0" encoding="UTF-8"?><Properties xmlns='
        b'"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        b"<Pages>12</Pages><Words>3400</Words></Properties>"
    )
    _rewrite(copy, {"docProps/app.xml": app})
    assert read_blocks(copy)[1] == 12


# -- reading order and paragraph ordinals ---------------------------------------------


def test_paragraph_ordinals_count_empty_and_table_paragraphs(tmp_path):
    document = docx.Document()
    document.add_paragraph("First")
    document.add_paragraph("")
    table = document.add_table(rows=2, cols=2)
    for cell, text in zip((c for row in table.rows for c in row.cells), "ABCD"):
        cell.text = text
    document.add_paragraph("After table")
    document.element.body.insert(
        len(document.element.body) - 1,
        parse_xml(f"<w:sdt {W_NS}><w:sdtContent><w:p><w:r><w:t>In control</w:t></w:r></w:p></w:sdtContent></w:sdt>"),
    )
    path = tmp_path / "order.docx"
    document.save(path)

    blocks, _ = read_blocks(path)
    got = [(b.text, b.ref.paragraph, b.ref.table) for b in blocks]
    assert got == [
        ("First", 1, None),
        ("A", 3, 1),
        ("B", 4, 1),
        ("C", 5, 1),
        ("D", 6, 1),
        ("After table", 7, None),
        ("In control", 8, None),
    ]
    # The public walk finds paragraph N again.
    reopened = docx.Document(str(path))
    walk = {n: p for n, p, _ in iter_body_paragraphs(reopened.element.body)}
    assert walk[5].xpath("string(.)") == "C"


# -- bad input ------------------------------------------------------------------------


def test_truncated_zip_is_corrupt(sample, tmp_path):
    broken = tmp_path / "truncated.docx"
    data = sample.read_bytes()
    broken.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptDocumentError, match="truncated.docx"):
        read_blocks(broken)


def test_zip_bomb_is_refused(tmp_path):
    bomb = tmp_path / "bomb.docx"
    chunk = bytes(1024 * 1024)
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf, zf.open("word/document.xml", "w") as member:
        for _ in range(40):  # 40 MB of zeros, about 40 KB compressed
            member.write(chunk)
    assert bomb.stat().st_size < 200_000
    with pytest.raises(DocumentTooLargeError, match="ZIP bomb"):
        read_blocks(bomb)


def test_huge_total_unpacked_size_is_refused(tmp_path):
    bomb = tmp_path / "many.docx"
    chunk = bytes(1024 * 1024)
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for i in range(51):  # 51 parts of 4 MB: each too small to trip the ratio check, 204 MB in all
            with zf.open(f"word/media/image{i}.bin", "w") as member:
                for _ in range(4):
                    member.write(chunk)
    with pytest.raises(DocumentTooLargeError, match="unpacks to 204 MB"):
        read_blocks(bomb)


def test_entity_declarations_are_refused(sample, tmp_path):
    laughs = tmp_path / "laughs.docx"
    laughs.write_bytes(sample.read_bytes())
    entities = "".join(f'<!ENTITY l{i} "&l{i - 1};&l{i - 1};&l{i - 1};&l{i - 1};">' for i in range(1, 10))
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY l0 "lol">{entities}]>'
        f"<w:document {W_NS}><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>"
    )
    _rewrite(laughs, {"word/document.xml": xml.encode()})
    with pytest.raises(CorruptDocumentError, match="entity declarations"):
        read_blocks(laughs)


def test_zip_without_word_document_is_corrupt(tmp_path):
    other = tmp_path / "other.docx"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("readme.txt", "not a word file")
    with pytest.raises(CorruptDocumentError, match="other.docx"):
        read_blocks(other)


def test_missing_main_part_is_corrupt(sample, tmp_path):
    gutted = tmp_path / "gutted.docx"
    gutted.write_bytes(sample.read_bytes())
    _rewrite(gutted, {"word/document.xml": None})
    with pytest.raises(CorruptDocumentError, match="gutted.docx"):
        read_blocks(gutted)


def test_malformed_xml_is_corrupt(sample, tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(sample.read_bytes())
    _rewrite(bad, {"word/document.xml": f"<w:document {W_NS}><w:body><w:p>".encode()})
    with pytest.raises(CorruptDocumentError, match="bad.docx"):
        read_blocks(bad)


def test_body_without_text_is_empty(tmp_path):
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Only a header"
    document.add_paragraph("   ")
    _xml_paragraph(document, '<w:del w:id="1" w:author="A"><w:r><w:delText>gone</w:delText></w:r></w:del>')
    path = tmp_path / "empty.docx"
    document.save(path)
    with pytest.raises(EmptyDocumentError, match="empty.docx"):
        read_blocks(path)


# -- size -----------------------------------------------------------------------------


def test_three_hundred_pages_number_correctly(sample, tmp_path):
    # Speed is measured by benchmarks/run.py, not asserted here: a timed test fails on a busy machine.
    words = " ".join(["the prisoner shall be informed of the rules"] * 5)
    paragraph = (
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="1"/></w:numPr></w:pPr>'
        f'<w:r><w:t xml:space="preserve">{words}</w:t></w:r></w:p>'
    )
    body = "".join(paragraph.format(lvl=i % 3) for i in range(3500))  # ~160k words
    xml = f"<w:document {W_NS}><w:body>{body}<w:sectPr/></w:body></w:document>"
    big = tmp_path / "big.docx"
    big.write_bytes(sample.read_bytes())
    _rewrite(big, {"word/document.xml": xml.encode()})
    blocks, _ = read_blocks(big)
    assert len(blocks) == 3500
    # Paragraph i has level i % 3; i = 3498 is the last top-level one, its 1167th.
    assert blocks[-2].number == "1167."


# -- the real corpus ------------------------------------------------------------------


def _corpus_pair(prefix: str) -> tuple[Path, list[str]]:
    if not CORPUS.is_dir():
        pytest.skip("shared corpus not available")
    docx_path = next(CORPUS.glob(f"docs/{prefix}_*.docx"))
    accepted = next(CORPUS.glob(f"accepted/{prefix}_*.txt"))
    lines = [line.strip() for line in accepted.read_text(encoding="utf-8").splitlines() if line.strip()]
    return docx_path, lines


_WRITTEN_NUMBER = re.compile(r"^(\d+\.|\([a-zA-Z0-9]+\))\s")


@pytest.mark.parametrize("prefix", ["31", "33"])
def test_real_automatic_numbering_matches_accepted_text(prefix):
    path, accepted = _corpus_pair(prefix)
    blocks, _ = read_blocks(path)
    rendered = [f"{b.number} {b.text}" if b.number else b.text for b in blocks]
    written = [line for line in accepted if _WRITTEN_NUMBER.match(line)][:30]
    mine = [line for line, b in zip(rendered, blocks) if b.number][:30]
    assert len(written) == 30
    assert mine == written
    assert rendered == accepted


def test_real_tracked_change_reads_as_accepted():
    path, accepted = _corpus_pair("31")
    blocks, _ = read_blocks(path)
    anchor = "segregated housing unit unless the prisoner presents"
    [expected] = [line for line in accepted if anchor in line]
    [block] = [b for b in blocks if anchor in b.text]
    assert block.text == expected
    assert block.changed
    assert [b for b in blocks if b.changed] == [block]
