"""`--format docx`: a copy of the draft with Word comments on the flagged paragraphs."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess

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


def _views(path) -> tuple[list[str], list[str]]:
    """(paragraphs with every tracked change rejected, with every change accepted)."""
    word = docx.Document(str(path))
    original, accepted = [], []
    for p in word.element.body.iter(qn("w:p")):
        inserted_mark = p.find(f"{qn('w:pPr')}/{qn('w:rPr')}/{qn('w:ins')}") is not None
        old = "".join(t.text for t in p.iter(qn("w:t"), qn("w:delText")) if not _inside(t, "w:ins"))
        new = "".join(t.text for t in p.iter(qn("w:t")) if not _inside(t, "w:del"))
        if not inserted_mark:
            original.append(old)
        accepted.append(new)
    return original, accepted


def _inside(element, tag: str) -> bool:
    return any(a.tag == qn(tag) for a in element.iterancestors())


def _revisions(path, tag: str) -> list:
    word = docx.Document(str(path))
    return list(word.element.body.iter(qn(tag)))


def test_comments_land_on_the_flagged_paragraphs_and_the_original_is_untouched(draft):
    before = hashlib.sha256(draft.read_bytes()).hexdigest()
    result = CliRunner().invoke(
        main, ["check", "draft.docx", "--select", "22-24", "--format", "docx", "-o", "out/reviewed.docx"]
    )
    assert result.exit_code == 1
    assert result.output == "draft.docx: wrote out/reviewed.docx (2 comments, 3 tracked changes)\n"
    assert hashlib.sha256(draft.read_bytes()).hexdigest() == before
    reviewed = draft.parent / "out" / "reviewed.docx"
    comments = _commented(reviewed)
    assert sorted(comments) == [1, 4]
    [conflict] = comments[4]
    assert conflict.startswith("BR24 conflict")
    assert "Why: it permits instruments of restraint (during labour), saying \u201cmay\u201d." in conflict
    assert "Matched words: \u201cInstruments of restraint\u201d, \u201cduring labour\u201d." in conflict
    assert "Instruments of restraint shall never be used on women during labour" in conflict
    assert "bangkok-lint rules 24" in conflict
    [gaps] = comments[1]
    assert gaps.startswith(
        "Not addressed anywhere in this document (gap, 1):\nBR23 No prohibition of family contact as a disciplinary sanction"
    )
    assert "inserted at the end of the document" in gaps
    original, accepted = _views(reviewed)
    assert original == PARAGRAPHS
    # Accepted: the permission is gone, the model clauses of BR24 (in its place) and BR23 (at the end) are in.
    assert not any("may be used on a pregnant prisoner" in p for p in accepted)
    assert accepted[3].startswith(
        "2. Handcuffs, chains or any other instrument of restraint shall not be used on a woman in labour"
    )
    assert accepted[-1].startswith("No disciplinary punishment shall withdraw or restrict")


RUN_IN = [
    ("Prison Regulations 2025", "Title"),
    ("Part 3 Discipline and punishment", "Heading 1"),
    ("21. Restraint in childbirth", None),
    (
        "Instruments of restraint shall not be used on a woman during labour, except where the officer considers it necessary.",
        None,
    ),
    ("22. Punishments", None),
    ("A prisoner may be placed in disciplinary segregation while pregnant.", None),
    ("Part 4 Health", "Heading 1"),
    ("30. Every prisoner shall be examined by the medical officer on admission.", None),
]


@pytest.fixture
def run_in(tmp_path, monkeypatch):
    """Sections whose number and short heading stand on a line of their own above the sentence."""
    monkeypatch.chdir(tmp_path)
    word = docx.Document()
    for text, style in RUN_IN:
        word.add_paragraph(text, style=style)
    word.save(str(tmp_path / "regs.docx"))
    return tmp_path / "regs.docx"


def test_a_comment_sits_once_on_the_quoted_sentence_not_on_the_heading_line_above(run_in):
    result = CliRunner().invoke(
        main, ["check", "regs.docx", "--select", "22-24", "--format", "docx", "-o", "regs-reviewed.docx"]
    )
    assert result.exit_code == 1, result.output
    comments = _commented(run_in.parent / "regs-reviewed.docx")
    assert 3 not in comments and 5 not in comments  # "21. Restraint in childbirth", "22. Punishments"
    [restraint] = comments[4]
    assert restraint.startswith("BR24 conflict")
    assert (
        "Why: an exception re-permits instruments of restraint (during labour): \u201cexcept where the officer considers it necessary\u201d."
        in restraint
    )
    assert restraint.endswith(
        "Suggested amendment: delete the exception (a tracked change in the text); the prohibition then stands."
    )
    [segregation] = comments[6]
    assert segregation.startswith("BR22 conflict") and "saying \u201cmay\u201d" in segregation
    assert "Suggested amendment: replace the clause with a model clause for Rule 22" in segregation
    assert sum(text.startswith("BR24") for texts in comments.values() for text in texts) == 1


def test_the_amendments_are_tracked_changes_with_author_and_date(run_in):
    CliRunner().invoke(
        main, ["check", "regs.docx", "--select", "22-24", "--format", "docx", "-o", "regs-reviewed.docx"]
    )
    reviewed = run_in.parent / "regs-reviewed.docx"
    deletions = _revisions(reviewed, "w:del")
    insertions = _revisions(reviewed, "w:ins")
    for mark in deletions + insertions:
        assert mark.get(qn("w:author")) == "bangkok-lint"
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", mark.get(qn("w:date")))
    assert len({m.get(qn("w:id")) for m in deletions + insertions}) == len(deletions + insertions)
    deleted = ["".join(t.text for t in d.iter(qn("w:delText"))) for d in deletions]
    # BR24: only the exception that re-permits restraint goes; the prohibition stays.
    assert ", except where the officer considers it necessary" in deleted
    # BR22: the permission goes, replaced by the model clause.
    assert "A prisoner may be placed in disciplinary segregation while pregnant." in deleted
    original, accepted = _views(reviewed)
    assert original == [text for text, _ in RUN_IN]
    assert accepted[3] == "Instruments of restraint shall not be used on a woman during labour."
    assert accepted[5].startswith(
        "A woman who is pregnant, breastfeeding or has an infant with her shall not be punished"
    )
    # BR23 (gap) goes at the end of the Part on discipline, before Part 4.
    assert accepted[6].startswith("No disciplinary punishment shall withdraw or restrict")
    assert accepted[7] == "Part 4 Health"


def test_gaps_can_be_left_out(run_in):
    result = CliRunner().invoke(
        main, ["check", "regs.docx", "--select", "22-24", "--format", "docx", "-o", "r.docx", "--no-gap-comments"]
    )
    assert result.output == "regs.docx: wrote r.docx (2 comments, 3 tracked changes)\n"
    comments = _commented(run_in.parent / "r.docx")
    assert not any("gap" in text for texts in comments.values() for text in texts)
    assert len(_views(run_in.parent / "r.docx")[1]) == len(RUN_IN)
    (run_in.parent / "bangkok-lint.toml").write_text("gap-comments = false\n")
    result = CliRunner().invoke(main, ["check", "regs.docx", "--select", "22-24", "--format", "docx", "-o", "r2.docx"])
    assert result.output == "regs.docx: wrote r2.docx (2 comments, 3 tracked changes)\n"


@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")), reason="LibreOffice is not installed")
def test_libreoffice_reads_the_tracked_changes_and_comments(run_in):
    CliRunner().invoke(main, ["check", "regs.docx", "--select", "22-24", "--format", "docx", "-o", "lo/regs.docx"])
    office = shutil.which("soffice") or shutil.which("libreoffice")
    folder = run_in.parent / "lo"
    profile = (run_in.parent / "profile").as_uri()  # a private profile: no clash with a running office
    subprocess.run(
        [
            office,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "fodt",
            "--outdir",
            str(folder),
            str(folder / "regs.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    flat = (folder / "regs.fodt").read_text(encoding="utf-8")
    regions = re.findall(r"<text:changed-region.*?</text:changed-region>", flat, re.S)
    kinds = [re.search(r"<text:(insertion|deletion)>", r).group(1) for r in regions]
    assert kinds.count("deletion") == 2 and kinds.count("insertion") == 2
    assert all("<dc:creator>bangkok-lint</dc:creator>" in r for r in regions)
    assert flat.count("<office:annotation>") + flat.count("<office:annotation ") == 3


def test_refuses_non_docx_inputs_and_overwriting_the_original(draft):
    (draft.parent / "notes.txt").write_text("1. Every prisoner shall receive adequate food.\n")
    assert CliRunner().invoke(main, ["check", "draft.docx", "notes.txt", "--format", "docx"]).exit_code == 2
    assert CliRunner().invoke(main, ["check", "draft.docx", "--format", "docx", "-o", "draft.docx"]).exit_code == 2


OVERRIDE = [
    "Prison Rules 2024",
    "1. Instruments of restraint shall not be used on a woman during labour, during birth or immediately after birth.",
    "2. Every prisoner shall receive adequate food.",
    "3. Notwithstanding rule 1, the governor may authorise the use of handcuffs on a woman during labour where she is considered an escape risk.",
]


def test_an_overriding_clause_is_deleted_and_the_prohibition_it_overrides_kept(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    word = docx.Document()
    for text in OVERRIDE:
        word.add_paragraph(text)
    word.save(str(tmp_path / "rules.docx"))
    result = CliRunner().invoke(main, ["check", "rules.docx", "--select", "24", "--format", "docx", "-o", "r.docx"])
    assert result.output == "rules.docx: wrote r.docx (2 comments, 1 tracked changes)\n"
    comments = _commented(tmp_path / "r.docx")
    [prohibition] = comments[2]
    assert (
        "Why: it forbids instruments of restraint (during labour), but the exception in 3 permits it again."
        in prohibition
    )
    assert "Other clauses involved: 3 (its exception re-permits the act)." in prohibition
    [override] = comments[4]
    assert "Other clauses involved: 1 (the prohibition this clause overrides)." in override
    original, accepted = _views(tmp_path / "r.docx")
    assert original == OVERRIDE
    assert accepted == OVERRIDE[:3] + [""]  # only the override goes; nothing is inserted twice


def test_a_partial_is_one_comment_naming_its_neighbouring_clauses(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    word = docx.Document()
    for text in [
        "Prison Rules 2024",
        "Part 2 Admission",
        "5. On admission every prisoner shall be given facilities to contact her relatives.",
        "6. A newly admitted prisoner shall have access to legal advice.",
    ]:
        word.add_paragraph(text)
    word.save(str(tmp_path / "admission.docx"))
    result = CliRunner().invoke(
        main, ["check", "admission.docx", "--select", "2", "--format", "docx", "-o", "r.docx", "--no-gap-comments"]
    )
    assert result.output == "admission.docx: wrote r.docx (1 comments, 0 tracked changes)\n"
    comments = _commented(tmp_path / "r.docx")
    [partial] = comments[3]
    assert 4 not in comments  # the neighbouring clause is named, not commented again
    assert partial.startswith("BR2 partial")
    assert "Other clauses involved: 6 (implements part of the rule)." in partial
