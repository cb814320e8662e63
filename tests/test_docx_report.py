"""`--format docx`: a copy of the draft with Word comments on the flagged paragraphs."""

from __future__ import annotations

import hashlib

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn

from linter.cli import main

PARAGRAPHS = [
    "Prison Rules 2024",
    "Part 1 Restraints",
    "1. Every prisoner shall receive adequate food.",
    "2. Instruments of restraint may be used on a pregnant prisoner during labour where the governor considers it necessary.",
    "3. A woman prisoner shall not be placed in close confinement or disciplinary segregation while pregnant or breastfeeding.",
]


@pytest.fixture
def draft(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    word = docx.Document()
    for text in PARAGRAPHS:
        word.add_paragraph(text)
    word.save(str(tmp_path / "draft.docx"))
    return tmp_path / "draft.docx"


def _commented(path) -> dict[int, list[str]]:
    """Paragraph ordinal -> texts of the comments anchored in it."""
    word = docx.Document(str(path))
    comments = {c.comment_id: c.text for c in word.comments}
    out = {}
    for n, p in enumerate(word.paragraphs, 1):
        ids = [int(el.get(qn("w:id"))) for el in p._p.iter(qn("w:commentRangeStart"))]
        if ids:
            out[n] = [comments[i] for i in ids]
    return out


def test_comments_land_on_the_flagged_paragraphs_and_the_original_is_untouched(draft):
    before = hashlib.sha256(draft.read_bytes()).hexdigest()
    result = CliRunner().invoke(main, ["check", "draft.docx", "--select", "22-24", "--format", "docx", "-o", "out/reviewed.docx"])
    assert result.exit_code == 1
    assert result.output == "draft.docx: wrote out/reviewed.docx (2 comments)\n"
    assert hashlib.sha256(draft.read_bytes()).hexdigest() == before
    comments = _commented(draft.parent / "out" / "reviewed.docx")
    assert sorted(comments) == [1, 4]
    [conflict] = comments[4]
    assert conflict.startswith("BR24 conflict: restraints permitted during labour")
    assert "Instruments of restraint shall never be used on women during labour" in conflict
    assert "Amend or repeal provision 2" in conflict
    [gaps] = comments[1]
    assert gaps == "Not addressed anywhere in this document (gap, 1):\nBR23 No prohibition of family contact as a disciplinary sanction"
    assert [p.text for p in docx.Document(str(draft.parent / "out" / "reviewed.docx")).paragraphs] == PARAGRAPHS


def test_refuses_non_docx_inputs_and_overwriting_the_original(draft):
    (draft.parent / "notes.txt").write_text("1. Every prisoner shall receive adequate food.\n")
    assert CliRunner().invoke(main, ["check", "draft.docx", "notes.txt", "--format", "docx"]).exit_code == 2
    assert CliRunner().invoke(main, ["check", "draft.docx", "--format", "docx", "-o", "draft.docx"]).exit_code == 2
