"""PDF reader: text in reading order, page furniture removed, paragraphs rebuilt, errors named."""

from __future__ import annotations

import difflib
import os
import pickle
import re
import sys
import time
from pathlib import Path

import pypdfium2
import pytest
from fpdf import FPDF

from linter.errors import (
    CorruptDocumentError,
    EmptyDocumentError,
    EncryptedDocumentError,
    ScannedDocumentError,
)
from linter.extract import pdf as pdf_reader
from linter.extract.pdf import read_blocks
from linter.extract.pdf_layout import PageText, Segment, layout_pages

SHARED = Path(__file__).resolve().parents[2] / "shared"
REAL_PDFS = [
    "01_scotland-pyoi-rules-2011",
    "07_nsw-crimes-administration-of-sentences-act-1999",
    "16_california-title15-restraints",
    "32_us-hr4682-end-solitary-confinement-act",
]
HEADER = "MINISTRY OF JUSTICE GAZETTE No. 12 - PRISON RULES"


def _pdf() -> FPDF:
    pdf = FPDF(unit="pt", format="A4")  # 595 x 842 pt; text() takes the baseline position
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=11)
    return pdf


def _page(pdf: FPDF, number: int, of: int, body: list[tuple[float, str]]) -> None:
    pdf.add_page()
    pdf.set_font("Helvetica", size=8)
    pdf.text(150, 30, HEADER)
    pdf.text(270, 815, f"Page {number} of {of}")
    pdf.set_font("Helvetica", size=11)
    for y, text in body:
        pdf.text(72, y, text)


@pytest.fixture(scope="module")
def rules_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pdf = _pdf()
    _page(
        pdf,
        1,
        3,
        [
            (80, "1. Every prisoner shall be searched only by an officer of the"),
            (94, "same sex and the search shall be conducted with respect for"),
            (108, "the dignity of the prisoner."),
            (130, "2. A woman prisoner shall not be held in close confinement"),
            (144, "while pregnant or breastfeeding, and no sentence of impris-"),
            (158, "onment shall be served in a cell without daylight."),
            (180, "(a) held in custody before their trial, and persons in pre-"),
            (194, "trial detention generally, shall be held apart from those already"),
            (208, "convicted; and"),
            (230, "(b) visits to the prisoner by her family shall not at any time be"),
        ],
    )
    _page(
        pdf,
        2,
        3,
        [
            (80, "restricted as a punishment."),
            (102, "3. The fee under section 20-"),
            (116, "902 shall be waived."),
        ],
    )
    _page(pdf, 3, 3, [(80, "4. Nothing in these rules permits the use of restraints.")])
    path = tmp_path_factory.mktemp("pdf") / "rules.pdf"
    pdf.output(str(path))
    return path


def test_paragraphs_are_rebuilt_without_headers_footers_or_split_words(rules_pdf: Path) -> None:
    blocks, pages = read_blocks(rules_pdf)
    assert pages == 3
    assert [b.text for b in blocks] == [
        "1. Every prisoner shall be searched only by an officer of the same sex and the search "
        "shall be conducted with respect for the dignity of the prisoner.",
        "2. A woman prisoner shall not be held in close confinement while pregnant or breastfeeding, "
        "and no sentence of imprisonment shall be served in a cell without daylight.",
        "(a) held in custody before their trial, and persons in pre-trial detention generally, shall be "
        "held apart from those already convicted; and",
        "(b) visits to the prisoner by her family shall not at any time be restricted as a punishment.",
        "3. The fee under section 20-902 shall be waived.",
        "4. Nothing in these rules permits the use of restraints.",
    ]


def test_blocks_cite_page_line_and_box_from_the_top_left(rules_pdf: Path) -> None:
    blocks, _ = read_blocks(rules_pdf)
    refs = [(b.ref.page, b.ref.line) for b in blocks]
    # Lines count the body only: the running header is not line 1.
    assert refs == [(1, 1), (1, 4), (1, 7), (1, 10), (2, 2), (3, 1)]
    x0, top, x1, bottom = blocks[0].ref.bbox
    assert 71 <= x0 <= 74
    assert 70 <= top < 80  # cap height above the first baseline at 80
    assert 108 <= bottom <= 112  # descender below the last baseline at 108
    assert 300 < x1 < 560
    # "(b) visits" continues on page 2, but its box covers only its first page.
    assert 219 <= blocks[3].ref.bbox[1] < 230 and blocks[3].ref.bbox[3] <= 235


# -- one PDF's pages read by several processes (--jobs on a single file) ---------------------

forks = pytest.mark.skipif(sys.platform != "linux", reason="pages are split across forked processes on Linux only")


@pytest.fixture
def split_every_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let a three-page document be split into a process per page (normally 25 pages each)."""
    monkeypatch.setattr(pdf_reader, "_MIN_PAGES_PER_PROCESS", 1)


def _in_child(parent: int, action):
    """A page reader that does `action` instead when it runs in a process other than `parent`."""
    real = pdf_reader._read_page

    def read_page(document, index, name):
        if os.getpid() != parent and index == 2:
            action(name)
        return real(document, index, name)

    return read_page


@forks
def test_pages_read_by_three_processes_give_the_same_paragraphs(rules_pdf: Path, split_every_page: None) -> None:
    blocks, pages = read_blocks(rules_pdf, workers=3)
    assert pages == 3
    # The running header and "Page N of 3" are still recognised across the processes' pages,
    # "(b) visits" still continues from page 1 onto page 2, and every citation is the same.
    assert blocks == read_blocks(rules_pdf)[0]
    assert "restricted as a punishment." in blocks[3].text
    assert not any("GAZETTE" in b.text or "Page" in b.text for b in blocks)


@forks
def test_a_damaged_page_read_by_another_process_is_reported(
    rules_pdf: Path, split_every_page: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def damaged(name: str) -> None:
        raise CorruptDocumentError(name, "damaged PDF: page 3 cannot be read (test)")

    monkeypatch.setattr(pdf_reader, "_read_page", _in_child(os.getpid(), damaged))
    assert len(read_blocks(rules_pdf)[0]) == 6  # read here alone, the page is fine
    with pytest.raises(CorruptDocumentError) as caught:
        read_blocks(rules_pdf, workers=3)
    assert str(caught.value) == f"{rules_pdf}: damaged PDF: page 3 cannot be read (test)"


@forks
def test_an_unexpected_error_in_a_page_reader_process_is_raised_here(
    rules_pdf: Path, split_every_page: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As when this process reads the page itself: the runner makes it the file's internal error.
    def fails(name: str) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(pdf_reader, "_read_page", _in_child(os.getpid(), fails))
    with pytest.raises(KeyError, match="boom"):
        read_blocks(rules_pdf, workers=3)


@forks
def test_a_page_reader_process_that_dies_is_reported(
    rules_pdf: Path, split_every_page: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf_reader, "_read_page", _in_child(os.getpid(), lambda name: os._exit(1)))
    with pytest.raises(CorruptDocumentError, match="the process reading its pages died"):
        read_blocks(rules_pdf, workers=3)


@forks
def test_pages_are_split_only_in_shares_worth_a_process() -> None:
    from linter.forked import shares

    least = pdf_reader._MIN_PAGES_PER_PROCESS
    assert least == 25
    assert shares(range(292), 2, least) == [range(0, 146), range(146, 292)]
    assert shares(range(100), 8, least) == [range(0, 25), range(25, 50), range(50, 75), range(75, 100)]
    assert shares(range(49), 2, least) == [range(0, 49)]
    assert shares(range(292), 1, least) == [range(0, 292)]


@forks
def test_check_with_jobs_on_one_pdf_splits_its_pages(
    rules_pdf: Path, split_every_page: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from linter.cli import main

    splits = []
    real = pdf_reader._read_in_processes

    def spy(path: Path, shares: list[range]) -> list:
        splits.append(shares)
        return real(path, shares)

    monkeypatch.setattr(pdf_reader, "_read_in_processes", spy)
    outputs = [
        CliRunner().invoke(main, ["check", "--format", "json", "--jobs", jobs, str(rules_pdf)]).output
        for jobs in ("1", "2")
    ]
    assert splits == [[range(0, 1), range(1, 3)]]
    assert outputs[0] == outputs[1] and '"documents"' in outputs[0]


def test_input_errors_survive_the_trip_between_processes() -> None:
    error = pickle.loads(pickle.dumps(EncryptedDocumentError("a.pdf", "is password-protected")))
    assert type(error) is EncryptedDocumentError
    assert (error.path, error.message, str(error)) == ("a.pdf", "is password-protected", "a.pdf: is password-protected")


def _two_column_pdf(path: Path) -> Path:
    left = [
        "1. Women prisoners shall be allocated, to the",
        "extent possible, to prisons close to their own",
        "homes or their places of social rehabilitation.",
        "2. Women prisoners shall have access to gender",
        "specific health care services which are at least",
        "equivalent to those available in the community.",
    ]
    right = [
        "3. Searches of women prisoners shall be carried",
        "out only by women staff who have been properly",
        "trained in appropriate and respectful methods.",
        "4. Instruments of restraint shall never be used",
        "on women during labour, during birth and in the",
        "period immediately after birth of their children.",
    ]
    pdf = _pdf()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.text(170, 60, "THE PRISON (WOMEN PRISONERS) RULES AND REGULATIONS 2024")
    for row, (left_text, right_text) in enumerate(zip(left, right)):
        pdf.text(50, 90 + 13 * row, left_text)
        pdf.text(310, 90 + 13 * row, right_text)
    pdf.output(str(path))
    return path


def test_two_column_page_is_read_column_by_column(tmp_path: Path) -> None:
    blocks, _ = read_blocks(_two_column_pdf(tmp_path / "columns.pdf"))
    assert [b.text for b in blocks] == [
        "THE PRISON (WOMEN PRISONERS) RULES AND REGULATIONS 2024",
        "1. Women prisoners shall be allocated, to the extent possible, to prisons close to their "
        "own homes or their places of social rehabilitation.",
        "2. Women prisoners shall have access to gender specific health care services which are at "
        "least equivalent to those available in the community.",
        "3. Searches of women prisoners shall be carried out only by women staff who have been "
        "properly trained in appropriate and respectful methods.",
        "4. Instruments of restraint shall never be used on women during labour, during birth and in "
        "the period immediately after birth of their children.",
    ]
    # Lines are numbered in reading order: the right column follows the left one.
    assert [(b.ref.page, b.ref.line) for b in blocks] == [(1, 1), (1, 2), (1, 5), (1, 8), (1, 11)]


def test_unnumbered_paragraphs_split_at_gaps_and_indents(tmp_path: Path) -> None:
    pdf = _pdf()
    pdf.add_page()
    lines = [
        (72, 80, "General principles"),
        (72, 104, "The administration shall take account of the distinctive needs"),
        (72, 118, "of women prisoners in applying these rules."),
        (90, 132, "Providing for such needs in order to accomplish substantial"),
        (72, 146, "gender equality shall not be regarded as discriminatory."),
    ]
    for x, y, text in lines:
        pdf.text(x, y, text)
    path = tmp_path / "plain.pdf"
    pdf.output(str(path))
    blocks, _ = read_blocks(path)
    assert [b.text for b in blocks] == [
        "General principles",
        "The administration shall take account of the distinctive needs of women prisoners in applying these rules.",
        "Providing for such needs in order to accomplish substantial gender equality shall not be "
        "regarded as discriminatory.",
    ]


def test_password_protected_pdf_is_reported(tmp_path: Path) -> None:
    pdf = _pdf()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.text(72, 80, "1. Confidential rule.")
    path = tmp_path / "locked.pdf"
    pdf.output(str(path))
    with pytest.raises(EncryptedDocumentError) as caught:
        read_blocks(path)
    assert str(caught.value).startswith(f"{path}: is password-protected;")
    assert "\n" not in str(caught.value)


def test_page_without_text_layer_is_reported_as_scanned(tmp_path: Path) -> None:
    pdf = _pdf()
    pdf.add_page()
    pdf.rect(72, 72, 300, 400, style="F")
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(ScannedDocumentError) as caught:
        read_blocks(path)
    assert str(caught.value) == f"{path}: has no text layer (scanned?); run OCR first, e.g. ocrmypdf"


def test_truncated_pdf_is_reported_as_corrupt(rules_pdf: Path, tmp_path: Path) -> None:
    data = rules_pdf.read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptDocumentError) as caught:
        read_blocks(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert "\n" not in str(caught.value)


def test_pdf_without_pages_is_reported_as_empty(tmp_path: Path) -> None:
    header = b"%PDF-1.4\n"
    catalog = b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    pages = b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    body = header + catalog + pages
    body += (
        b"xref\n0 3\n0000000000 65535 f \n"
        + b"%010d 00000 n \n%010d 00000 n \n" % (len(header), len(header) + len(catalog))
        + b"trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % len(body)
    )
    path = tmp_path / "nopages.pdf"
    path.write_bytes(body)
    with pytest.raises(EmptyDocumentError):
        read_blocks(path)


def _row(top: float, text: str, x0: float = 72.0) -> Segment:
    return Segment(x0, top, x0 + 6 * len(text), top + 10, text)


def test_page_numbers_and_repeated_margin_lines_go_but_repeated_body_lines_stay() -> None:
    bodies = ["Searches shall respect dignity.", "Visits shall not be restricted.", "Restraints are forbidden."]
    footers = ["- 1 -", "p. 2", "3"]
    pages = [
        PageText(
            number,
            600,
            800,
            [
                _row(20, f"Official Gazette No. {40 + number}"),
                _row(50, body),
                _row(65, "[...]"),  # repeats in the top band on every page, but below body text
                _row(770, footer, x0=290),
            ],
        )
        for number, (body, footer) in enumerate(zip(bodies, footers), start=1)
    ]
    lines = layout_pages(pages)
    assert [(line.page, line.number, line.text) for line in lines] == [
        (1, 1, "Searches shall respect dignity."),
        (1, 2, "[...]"),
        (2, 1, "Visits shall not be restricted."),
        (2, 2, "[...]"),
        (3, 1, "Restraints are forbidden."),
        (3, 2, "[...]"),
    ]


def _reference_words(txt: Path) -> list[str]:
    body = [line for line in txt.read_text(encoding="utf-8").splitlines() if not line.startswith("# ")]
    return " ".join(body).split()


def _margin_runs(pdf_path: Path) -> set[str]:
    """Texts printed in the top and bottom 50 pt of pages 2+, read straight from pdfium."""
    runs = set()
    document = pypdfium2.PdfDocument(pdf_path)
    for index in range(1, len(document)):
        page = document[index]
        height = page.get_height()
        textpage = page.get_textpage()
        for rect in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(rect)
            if top > height - 50 or bottom < 50:
                runs.add(" ".join(textpage.get_text_bounded(left, bottom, right, top).split()))
    document.close()
    return runs


@pytest.mark.parametrize("name", REAL_PDFS)
def test_real_regulation_matches_reference_text(name: str) -> None:
    docs = SHARED / "corpus-real" / "docs"
    if not (docs / f"{name}.pdf").exists():
        pytest.skip("shared corpus not available")
    started = time.perf_counter()
    blocks, pages = read_blocks(docs / f"{name}.pdf")
    elapsed = time.perf_counter() - started
    text = " ".join(b.text for b in blocks)
    reference = _reference_words(docs / f"{name}.txt")
    ratio = difflib.SequenceMatcher(None, reference, text.split(), autojunk=False).ratio()
    furniture = _margin_runs(docs / f"{name}.pdf")
    surviving = sorted(run for run in furniture if run in text)
    page_numbers = re.findall(r"\bPage \d+(?: of \d+)?\b", text)
    print(
        f"\n{name}: pages={pages} ratio={ratio:.4f} furniture_runs={len(furniture)} "
        f"surviving={surviving + page_numbers} read={elapsed:.3f}s"
    )
    assert pages == len(pypdfium2.PdfDocument(docs / f"{name}.pdf"))
    assert furniture, "expected running headers/footers in the margins"
    assert ratio >= 0.97
    assert surviving == [] and page_numbers == []


def test_a_pdf_over_the_page_limit_is_refused_before_any_page_is_read(
    rules_pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from linter.errors import InputError
    from linter.extract.limits import Limits

    def no_reading(*args: object) -> None:
        raise AssertionError("a page was read")

    monkeypatch.setattr(pdf_reader, "_read_page", no_reading)
    with pytest.raises(InputError, match="max-pages") as refused:
        read_blocks(rules_pdf, limits=Limits(pages=2))
    assert refused.value.code == "too-large"
