"""The plain-text reader: header skipping, paragraph joining, pages, encodings."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.errors import EmptyDocumentError, UnsupportedFormatError
from linter.extract import read_document
from linter.extract.text import read_blocks

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus-real" / "docs"


def write(tmp_path: Path, content: str | bytes, name: str = "doc.txt") -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def test_metadata_header_is_skipped_and_lines_are_counted_from_the_file_top(tmp_path):
    path = write(tmp_path, "# source: somewhere\n# title: Test Rules\n\n1. Women are held apart from men.\n")
    blocks, pages = read_blocks(path)
    assert [b.text for b in blocks] == ["1. Women are held apart from men."]
    assert blocks[0].ref.line == 4
    assert blocks[0].ref.page is None
    assert pages is None


def test_markdown_headings_in_the_body_are_headings(tmp_path):
    path = write(tmp_path, "# Detention Rules\n\nIntro text.\n\n## Part 3\n\n12. Visits are allowed.\n")
    blocks, _ = read_blocks(path)
    assert [(b.text, b.heading_level) for b in blocks] == [
        ("Detention Rules", 1),
        ("Intro text.", None),
        ("Part 3", 2),
        ("12. Visits are allowed.", None),
    ]


def test_wrapped_lines_join_and_numbers_start_new_blocks(tmp_path):
    path = write(
        tmp_path,
        "5. A search must be\ncarried out with decency.\n(a) by an officer\nof the same sex;\n"
        "§ 6 Next section\nArticle 7 Another\n\nLast paragraph\nspans two lines.\n",
    )
    blocks, _ = read_blocks(path)
    assert [b.text for b in blocks] == [
        "5. A search must be carried out with decency.",
        "(a) by an officer of the same sex;",
        "§ 6 Next section",
        "Article 7 Another",
        "Last paragraph spans two lines.",
    ]
    assert [b.ref.line for b in blocks] == [1, 3, 5, 6, 8]


def test_form_feeds_count_pages(tmp_path):
    path = write(tmp_path, "1. First page text.\n\f2. Second page text.\nmore\n\n\f\n3. Third page.\n")
    blocks, pages = read_blocks(path)
    assert pages == 3
    assert [(b.text, b.ref.page) for b in blocks] == [
        ("1. First page text.", 1),
        ("2. Second page text. more", 2),
        ("3. Third page.", 3),
    ]


def test_utf8_bom_utf16_and_cp1252_decode(tmp_path):
    text = "1. The officer’s duty — care.\n"
    for name, data in [
        ("bom.txt", "\ufeff".encode() + text.encode("utf-8")),
        ("u16.txt", text.encode("utf-16")),
        ("cp.txt", text.encode("cp1252")),
    ]:
        blocks, _ = read_blocks(write(tmp_path, data, name))
        assert blocks[0].text == "1. The officer’s duty — care.", name


def test_undecodable_text_is_unsupported(tmp_path):
    # 0x81 is undefined in Windows-1252 and invalid as a UTF-8 start byte.
    path = write(tmp_path, b"1. Rules \x81\x81 here.\n")
    with pytest.raises(UnsupportedFormatError):
        read_blocks(path)


def test_binary_file_is_unsupported(tmp_path):
    path = write(tmp_path, b"1. text\x00\x00\x01\x02 binary")
    with pytest.raises(UnsupportedFormatError):
        read_blocks(path)


def test_whitespace_only_file_is_empty(tmp_path):
    path = write(tmp_path, "# source: x\n\n   \n\n")
    with pytest.raises(EmptyDocumentError):
        read_blocks(path)


def test_read_document_end_to_end(tmp_path):
    path = write(tmp_path, "# title: t\n\nSearches\n\n7.—(1) Women are searched by women.\n")
    document = read_document(path)
    assert document.format == "text"
    assert [(p.label, p.line) for p in document.provisions] == [("7", 5), ("7(1)", 5)]
    assert document.provisions[1].headings == ("Searches",)


def test_real_corpus_header_is_skipped():
    path = CORPUS / "10_idaho-20-902.txt"
    if not path.exists():
        pytest.skip("real corpus not available")
    blocks, pages = read_blocks(path)
    assert pages is None
    assert blocks[0].text.startswith("20-902. Restrictions on restraint")
    assert all(not b.text.startswith("# ") for b in blocks)


def test_table_rows_are_read_one_by_one_without_the_rule_line(tmp_path):
    path = write(
        tmp_path,
        "Search levels\n\n"
        "| Search | Who may carry it out |\n"
        "|---|:---:|\n"
        "| Rub-down | One female officer |\n"
        "Body scan | Any trained officer\n"
        "This sentence is not a table.\n",
    )
    blocks, _ = read_blocks(path)
    assert [(b.text, b.ref.line) for b in blocks] == [
        ("Search levels", 1),
        ("Search | Who may carry it out", 3),
        ("Rub-down | One female officer", 5),
        ("Body scan | Any trained officer", 6),
        ("This sentence is not a table.", 7),
    ]


@pytest.mark.parametrize(
    "text, labels",
    [
        # A South Asian jail manual: "Para 801." on consecutive lines, no blank line between them.
        (
            "CHAPTER XXIV FEMALE PRISONERS\nPara 801. Female prisoners shall be kept apart from male prisoners.\n"
            "Para 802. Female prisoners shall be searched only by a female warder.\n",
            ["Para 801", "Para 802"],
        ),
        # Commonwealth standing orders: "PARA. 12" in capitals.
        (
            "STANDING ORDERS\nPARA. 12 Visits by children shall take place in a family room.\n"
            "PARA. 13 Mothers may hold their children during the visit.\n",
            ["Para 12", "Para 13"],
        ),
        # An ASEAN ministerial regulation in translation: "Clause 6." on consecutive lines.
        (
            "MINISTERIAL REGULATION\nClause 6. A female inmate shall be searched by a female officer.\n"
            "Clause 7. A pregnant inmate shall give birth in a hospital outside the prison.\n",
            ["Clause 6", "Clause 7"],
        ),
    ],
    ids=["south-asian-manual", "standing-orders", "asean-regulation"],
)
def test_para_and_clause_numbers_start_their_own_provisions(tmp_path, text, labels):
    path = tmp_path / "manual.txt"
    path.write_text(text, encoding="utf-8")
    assert [p.label for p in read_document(path).provisions if p.label] == labels
