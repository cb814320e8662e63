"""The committed corpus renderings are reproducible and carry the Word and PDF features
the extractors are tested on (automatic numbering, a tracked change, page furniture)."""

from __future__ import annotations

import importlib.util
import re
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
RENDERINGS = CORPUS / "renderings"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")


def load_builder():
    spec = importlib.util.spec_from_file_location("build_renderings", CORPUS / "build_renderings.py")
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up in sys.modules while the class is created.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def docx_xml(name: str, part: str) -> etree._Element:
    with zipfile.ZipFile(RENDERINGS / name) as archive:
        return etree.fromstring(archive.read(part))


def paragraph_text(paragraph: etree._Element) -> str:
    """Text as Word shows it with tracked changes accepted (w:delText is skipped)."""
    return "".join(node.text or "" for node in paragraph.iter(f"{W}t"))


def body_lines(slug: str) -> list[str]:
    text = (CORPUS / "docs" / f"{slug}.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("# ")]


@pytest.fixture(scope="module")
def fresh_build(tmp_path_factory) -> Path:
    if not FONT.is_file():
        pytest.skip("DejaVu fonts not installed; PDF renderings cannot be rebuilt")
    out = tmp_path_factory.mktemp("renderings")
    load_builder().build_all(out)
    return out


def test_rebuild_is_byte_identical_to_committed(fresh_build: Path):
    built = sorted(p.name for p in fresh_build.iterdir())
    assert built == sorted(p.name for p in RENDERINGS.iterdir())
    assert len([n for n in built if n.endswith(".docx")]) >= 4
    assert len([n for n in built if n.endswith(".pdf")]) >= 4
    for name in built:
        assert (fresh_build / name).read_bytes() == (RENDERINGS / name).read_bytes(), name


def test_auto_numbered_docx_has_numbers_only_in_numpr():
    body = docx_xml("12_strong-womens-corrections-act.docx", "word/document.xml")
    paragraphs = list(body.iter(f"{W}p"))
    numbered = [p for p in paragraphs if p.find(f"{W}pPr/{W}numPr") is not None]
    # 31 sections, each with a heading and at least one subsection.
    assert len(numbered) > 100
    typed = [paragraph_text(p) for p in paragraphs if re.match(r"^(\(\d+\)|\([a-z]\)|\d+\.) ", paragraph_text(p))]
    assert typed == []

    restraint = next(p for p in paragraphs if paragraph_text(p).startswith("A restraint must never be used on a woman"))
    num_pr = restraint.find(f"{W}pPr/{W}numPr")
    assert num_pr.find(f"{W}ilvl").get(f"{W}val") == "1"
    num_id = num_pr.find(f"{W}numId").get(f"{W}val")

    numbering = docx_xml("12_strong-womens-corrections-act.docx", "word/numbering.xml")
    num = next(n for n in numbering.iter(f"{W}num") if n.get(f"{W}numId") == num_id)
    starts = {o.get(f"{W}ilvl"): o.find(f"{W}startOverride").get(f"{W}val") for o in num.iter(f"{W}lvlOverride")}
    assert starts == {"0": "12", "1": "1", "2": "1"}  # section 12 restarts its subsections
    abstract_id = num.find(f"{W}abstractNumId").get(f"{W}val")
    abstract = next(a for a in numbering.iter(f"{W}abstractNum") if a.get(f"{W}abstractNumId") == abstract_id)
    level_texts = [lvl.find(f"{W}lvlText").get(f"{W}val") for lvl in abstract.iter(f"{W}lvl")]
    assert level_texts == ["%1.", "(%2)", "(%3)"]


def rendered_lines(name: str) -> list[str]:
    """Paragraph texts with Word's automatic numbers written out, counted independently."""
    body = docx_xml(name, "word/document.xml")
    numbering = docx_xml(name, "word/numbering.xml")
    starts = {
        n.get(f"{W}numId"): {
            o.get(f"{W}ilvl"): int(o.find(f"{W}startOverride").get(f"{W}val")) for o in n.iter(f"{W}lvlOverride")
        }
        for n in numbering.iter(f"{W}num")
    }
    counters: dict[str, list[int]] = {}
    lines = []
    for p in body.iter(f"{W}p"):
        text = paragraph_text(p)
        num_pr = p.find(f"{W}pPr/{W}numPr")
        if num_pr is not None:
            num_id = num_pr.find(f"{W}numId").get(f"{W}val")
            level = int(num_pr.find(f"{W}ilvl").get(f"{W}val"))
            first = starts[num_id]
            count = counters.setdefault(num_id, [first["0"] - 1, 0, 0])
            count[level] += 1
            count[level + 1 :] = [0] * (2 - level)
            label = [f"Article {count[0]}", f"({count[1]})", f"({chr(96 + count[2]) if count[2] else ''})"][level]
            text = f"{label} {text}".strip()
        lines.append(text)
    return lines


def test_article_numbering_writes_back_to_source_text():
    assert rendered_lines("10_sentencing-criminal-procedure-law.docx") == body_lines(
        "10_sentencing-criminal-procedure-law"
    )


def test_tracked_change_accepts_to_source_text():
    body = docx_xml("13_amended-prison-rules-v2.docx", "word/document.xml")
    deletions = list(body.iter(f"{W}del"))
    insertions = list(body.iter(f"{W}ins"))
    assert len(deletions) == 1 and len(insertions) == 1
    assert deletions[0].get(f"{W}author") == "Drafting Office"
    assert deletions[0].get(f"{W}date") == "2023-09-01T09:00:00Z"
    deleted = "".join(t.text for t in deletions[0].iter(f"{W}delText"))
    assert deleted.startswith("Notwithstanding paragraph (2), where an officer escorting")
    paragraph = deletions[0].getparent()
    assert insertions[0].getparent() is paragraph
    assert paragraph_text(paragraph) == "(7) [Revoked by S.I. 2023/112, r. 4.]"
    texts = [paragraph_text(p) for p in body.iter(f"{W}p")]
    assert texts == body_lines("13_amended-prison-rules-v2")


def test_table_docx_has_annex_table():
    body = docx_xml("07_prison-service-instruction.docx", "word/document.xml")
    tables = list(body.iter(f"{W}tbl"))
    assert len(tables) == 1
    rows = tables[0].findall(f"{W}tr")
    assert len(rows) == 6
    assert [paragraph_text(c) for c in rows[0].findall(f"{W}tc")] == [
        "Search",
        "Who may carry it out",
        "When it may be used",
    ]


def test_pdfs_have_running_header_and_page_of_footer():
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(RENDERINGS / "11_weak-colonial-prisons-act.pdf") as pdf:
        total = len(pdf.pages)
        assert total >= 2
        for number, page in enumerate(pdf.pages, start=1):
            assert (round(page.width), round(page.height)) == (595, 842)  # A4 in points
            lines = page.extract_text().splitlines()
            assert lines[0] == "The Prisons Act (Cap. 58)"
            assert lines[-1] == f"Page {number} of {total}"


def test_hyphenated_pdf_breaks_a_word_across_lines():
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(RENDERINGS / "08_pretrial-detention-regulation.pdf") as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    assert re.search(r"[a-z]-\n[a-z]", text)
