"""Never lose a run: each hostile or broken input becomes that file's error, the good file
beside it is still reported, and the run exits 3 (issue 11).

Every reproducer is generated here; nothing large is committed.
"""

from __future__ import annotations

import json
import os
import signal
import sys

import docx
import pytest
from click.testing import CliRunner
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from linter import runner
from linter.cli import main
from linter.extract import read_document
from linter.extract.docx_numbering import format_number
from linter.extract.limits import MAX_BLOCK_CHARS, Limits, bounded_blocks
from linter.model import Block, SourceRef

# A Commonwealth-style rule that implements Rule 24, and a civil-law article that conflicts with it.
GOOD = """Correctional Services Regulations

12. Restraints
(1) No instrument of restraint shall be applied to a woman in labour, during birth or immediately after birth.
"""
CONFLICTING = """Article 41. Means of restraint
Handcuffs may be applied to a convicted woman during childbirth when the head of the institution so orders.
"""
W_NS = nsdecls("w")


def check(*args: str):
    return CliRunner().invoke(main, ["check", "--select", "24", "-q", *args])


@pytest.fixture
def good(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    return tmp_path


def assert_good_reported(result, bad_name: str, code: str) -> str:
    """The good file is reported, the reproducer is one error line with `code`, exit 3."""
    assert result.exit_code == 3, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.output.splitlines()
    errors = [line for line in lines if ": error [" in line]
    assert len(errors) == 1, result.output
    assert errors[0].startswith(f"{bad_name}: error [{code}] "), errors
    # good.txt covers Rule 24: with -q nothing is printed for it, so check it in JSON too.
    return errors[0]


def good_in_json(*paths: str) -> dict:
    result = CliRunner().invoke(main, ["check", "--select", "24", "--format", "json", *paths])
    data = json.loads(result.output)
    assert result.exit_code == 3
    return data


# -- unexpected exceptions: the per-file edge -------------------------------------------------


def _explode_on(name: str, action):
    real = runner._lint_file

    def lint(task):
        if task[0].endswith(name):
            action()
        return real(task)

    return lint


def test_an_unexpected_exception_is_that_files_internal_error(good, monkeypatch):
    (good / "crash.txt").write_text(CONFLICTING, encoding="utf-8")
    monkeypatch.setattr(runner, "_lint_file", _explode_on("crash.txt", lambda: {}["boom"]))
    data = good_in_json("good.txt", "crash.txt")
    assert [d["path"] for d in data["documents"]] == ["good.txt"]
    [err] = data["errors"]
    assert err["code"] == "internal" and err["path"] == "crash.txt"
    assert "KeyError" in err["message"] and "report" in err["message"] and "\n" not in err["message"]
    assert "Traceback" not in json.dumps(data)


def test_debug_prints_the_traceback(good, monkeypatch):
    (good / "crash.txt").write_text(CONFLICTING, encoding="utf-8")
    monkeypatch.setattr(runner, "_lint_file", _explode_on("crash.txt", lambda: {}["boom"]))
    plain = check("good.txt", "crash.txt")
    assert_good_reported(plain, "crash.txt", "internal")
    assert "Traceback" not in plain.output
    debug = check("--debug", "good.txt", "crash.txt")
    assert debug.exit_code == 3 and "Traceback (most recent call last)" in debug.output


@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked (and so inherit the patch) on Linux only")
def test_a_killed_worker_loses_only_its_file(good, monkeypatch):
    for name in ("a.txt", "b.txt"):
        (good / name).write_text(GOOD, encoding="utf-8")
    (good / "killer.txt").write_text(GOOD, encoding="utf-8")
    monkeypatch.setattr(runner, "_lint_file", _explode_on("killer.txt", lambda: os.kill(os.getpid(), signal.SIGKILL)))
    result = CliRunner().invoke(
        main, ["check", "--select", "24", "--format", "json", "--jobs", "2", "a.txt", "killer.txt", "b.txt", "good.txt"]
    )
    data = json.loads(result.output)
    assert result.exit_code == 3
    assert [d["path"] for d in data["documents"]] == ["a.txt", "b.txt", "good.txt"]
    assert [(e["path"], e["code"]) for e in data["errors"]] == [("killer.txt", "internal")]
    assert "died" in data["errors"][0]["message"]


# -- inputs that cannot be read ------------------------------------------------------------


def test_an_unreadable_file_is_its_error(good, monkeypatch):
    (good / "locked.txt").write_text(GOOD, encoding="utf-8")
    real_open = type(good).open

    def refusing_open(self, *args, **kwargs):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    # Tests may run as root, for whom chmod 000 changes nothing: refuse the open instead.
    monkeypatch.setattr(type(good), "open", refusing_open)
    line = assert_good_reported(check("good.txt", "locked.txt"), "locked.txt", "unreadable")
    assert "Permission denied" in line


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_fifo_is_refused_without_blocking(good):
    os.mkfifo(good / "pipe.txt")  # opening it would block until a writer came
    line = assert_good_reported(check("good.txt", "pipe.txt"), "pipe.txt", "unreadable")
    assert "not a regular file" in line


def test_a_device_file_is_refused(good):
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    line = assert_good_reported(check("good.txt", "/dev/zero"), "/dev/zero", "unreadable")
    assert "not a regular file (a character device)" in line


def test_dangling_links_and_devices_in_a_walked_folder_are_reported(good):
    folder = good / "laws"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    os.symlink(folder / "gone.txt", folder / "dangling.txt")
    if os.path.exists("/dev/null"):
        os.symlink("/dev/null", folder / "null.md")
    result = CliRunner().invoke(main, ["check", "--select", "24", "--format", "json", "laws"])
    data = json.loads(result.output)
    assert result.exit_code == 3
    assert [d["path"] for d in data["documents"]] == ["laws/good.txt"]
    errors = {e["path"]: e["message"] for e in data["errors"]}
    assert errors["laws/dangling.txt"] == "dangling symbolic link"
    if os.path.exists("/dev/null"):
        assert errors["laws/null.md"].startswith("not a regular file")


def test_a_leading_dash_file_name_error_mentions_double_dash(good):
    (good / "-draft.txt").write_text(GOOD, encoding="utf-8")
    result = check("good.txt", "-draft.txt")
    assert result.exit_code == 2
    assert "-- -draft.txt" in result.output
    assert check("--", "good.txt", "-draft.txt").exit_code == 0


def test_odd_file_names_stay_on_one_line_and_valid_utf8(good):
    newline = "new\nline.txt"
    (good / newline).write_text("", encoding="utf-8")  # empty: an error naming the file
    line = assert_good_reported(check("good.txt", newline), "new\\nline.txt", "empty")
    assert "\n" not in line
    if sys.platform == "linux":
        raw = os.fsdecode(b"caf\xe9\x1b]0;pwned\x07.txt")  # Latin-1 byte and an OSC title
        (good / raw).write_text(CONFLICTING, encoding="utf-8")
        result = CliRunner().invoke(main, ["check", "--select", "24", "--format", "json", "good.txt", raw])
        text = result.output.encode("utf-8").decode("utf-8")  # raises if not valid UTF-8
        paths = [d["path"] for d in json.loads(text)["documents"]]
        assert paths == ["good.txt", "caf\\xe9\\x1b]0;pwned\\x07.txt"]
        human = check("good.txt", raw).output
        assert "\x1b" not in human and "caf\\xe9" in human


# -- size and memory --------------------------------------------------------------------------


def _words(n: int) -> str:
    base = "the officer in charge shall ensure that every woman prisoner has access to water and sanitary materials"
    words = base.split()
    return " ".join(words[i % len(words)] for i in range(n))


@pytest.mark.parametrize(
    "name, text",
    [
        ("one-line.txt", _words(200_000) + "\n"),  # a single 1.2 MB line
        ("wrapped.txt", "\n".join(_words(12) for _ in range(16_000)) + "\n"),  # 1 MB, no blank line
        ("tiny-lines.txt", "x\n" * 1_100_000),  # a million tiny lines joined into one paragraph
    ],
)
def test_paragraphs_longer_than_spacy_max_length_are_read(good, name, text):
    (good / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--select", "24", "--format", "json", "good.txt", name])
    assert result.exit_code == 0, result.output
    assert [d["path"] for d in json.loads(result.output)["documents"]] == ["good.txt", name]


def test_bounded_blocks_cut_at_sentence_ends_and_keep_everything():
    text = " ".join(f"Sentence number {i} ends here." for i in range(5_000))
    block = Block(text, SourceRef(line=1), number="7.")
    pieces = list(bounded_blocks([block], 1_000))
    assert all(len(p.text) <= 1_000 for p in pieces)
    assert all(p.text.endswith(".") for p in pieces)
    assert " ".join(p.text for p in pieces) == text
    assert pieces[0].number == "7." and all(p.number is None for p in pieces[1:])
    assert list(bounded_blocks([Block("short", SourceRef())], MAX_BLOCK_CHARS))[0].text == "short"


def _numbered_docx(path, start: int, fmt: str, text: str = "%1.") -> None:
    document = docx.Document()
    document.add_paragraph("Prison Regulations")
    numbering = document.part.numbering_part.element
    for child in parse_xml(
        f'<w:numbering {W_NS}><w:abstractNum w:abstractNumId="90"><w:lvl w:ilvl="0">'
        f'<w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        f'</w:abstractNum><w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num></w:numbering>'
    ):
        numbering.append(child)
    for clause in ("Every woman shall be searched by female staff only.", "Infants may stay with their mothers."):
        paragraph = document.add_paragraph(clause)
        paragraph._p.insert(
            0, parse_xml(f'<w:pPr {W_NS}><w:numPr><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr></w:pPr>')
        )
    document.save(str(path))


@pytest.mark.parametrize("start", [300_000_000, 10**40])
def test_numbering_letter_bombs_render_no_huge_label(good, start):
    _numbered_docx(good / "bomb.docx", start, "lowerLetter", "%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1.")
    document = read_document(good / "bomb.docx")
    assert all(len(p.label) <= 40 and len(p.text) < 200 for p in document.provisions)
    result = CliRunner().invoke(main, ["check", "--select", "24", "--format", "json", "good.txt", "bomb.docx"])
    assert result.exit_code == 0, result.output


def test_letter_numbering_still_renders_as_word_does():
    assert [format_number(n, "lowerLetter") for n in (1, 26, 27, 53)] == ["a", "z", "aa", "aaa"]


@pytest.mark.parametrize(
    "option, key, limit",
    [("--max-characters", "max-characters", "1000"), ("--max-provisions", "max-provisions", "50")],
)
def test_too_large_names_the_limit_and_how_to_raise_it(good, option, key, limit):
    (good / "big.txt").write_text(GOOD * 40, encoding="utf-8")  # 6,000 characters, 120 provisions
    line = assert_good_reported(check(option, limit, "good.txt", "big.txt"), "big.txt", "too-large")
    assert option in line and key in line
    (good / "bangkok-lint.toml").write_text(f"{key} = {limit}\n", encoding="utf-8")
    assert_good_reported(check("good.txt", "big.txt"), "big.txt", "too-large")
    assert check(option, "1000000", "good.txt", "big.txt").exit_code == 0


def test_default_limits_are_generous():
    limits = Limits()
    assert limits.pages >= 1_000 and limits.characters >= 10_000_000 and limits.provisions >= 100_000


# -- outputs ----------------------------------------------------------------------------------


def _draft(path, *paragraphs: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    word = docx.Document()
    for text in paragraphs:
        word.add_paragraph(text)
    word.save(str(path))


def test_an_annotated_copy_never_replaces_an_input(good):
    _draft(good / "x.docx", "1. Handcuffs may be used on a woman during labour.")
    _draft(good / "x.bangkok-lint.docx", "1. Every prisoner shall receive adequate food.")
    before = (good / "x.bangkok-lint.docx").read_bytes()
    result = CliRunner().invoke(main, ["check", "--format", "docx", "x.docx", "x.bangkok-lint.docx"])
    assert result.exit_code == 2
    assert "refusing to overwrite the input x.bangkok-lint.docx" in result.output
    assert (good / "x.bangkok-lint.docx").read_bytes() == before


def test_same_named_inputs_keep_their_folders_under_output(good):
    _draft(good / "laws" / "a" / "rules.docx", "1. Handcuffs may be used on a woman during labour.")
    _draft(good / "laws" / "b" / "rules.docx", "1. Every prisoner shall receive adequate food.")
    result = CliRunner().invoke(main, ["check", "--select", "24", "--format", "docx", "-o", "out", "laws"])
    assert result.exit_code == 1, result.output
    first, second = good / "out" / "a" / "rules.bangkok-lint.docx", good / "out" / "b" / "rules.bangkok-lint.docx"
    # The conflicting clause may now sit in a tracked deletion, so read the body's XML.
    assert "may be used on a woman during labour" in docx.Document(str(first)).element.body.xml
    assert "food" in docx.Document(str(second)).element.body.xml
    assert "may be used on a woman during labour" not in docx.Document(str(second)).element.body.xml
    # Different names still go straight into the folder, as documented.
    _draft(good / "solo" / "draft.docx", "1. Every prisoner shall receive adequate food.")
    _draft(good / "solo" / "other.docx", "1. Every prisoner shall receive adequate food.")
    CliRunner().invoke(main, ["check", "--format", "docx", "-o", "out2", "solo"])
    assert sorted(p.name for p in (good / "out2").iterdir()) == ["draft.bangkok-lint.docx", "other.bangkok-lint.docx"]


# -- what reaches a terminal or a viewer ------------------------------------------------------

HOSTILE = (
    "Article 41. Means of restraint\n"
    "Handcuffs may be applied \x1b]8;;https://evil.example\x07 to a convicted woman \x1b]8;;\x07 during childbirth "
    "\x1b[2J \x1b[31m when \x9b0m the head \u202eof the institution\u202c so orders [x](javascript:alert(1)) *now* `rm`.\n"
)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "csv"])
def test_no_escape_sequence_or_bidi_control_reaches_a_report(good, fmt):
    (good / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["check", "--select", "24", "--format", fmt, "--color", "good.txt", "hostile.txt"]
    )
    assert result.exit_code == 1, result.output
    assert "childbirth" in result.output  # the conflicting clause is quoted...
    body = (
        result.output.replace("\x1b[31m", "").replace("\x1b[1m", "").replace("\x1b[0m", "")
    )  # ...our own colour aside
    for bad in ("\x1b", "\x07", "\x9b", "\u202e", "\u202c"):
        assert bad not in body, (fmt, bad)
    assert "\\u202e" in body  # shown, not obeyed
    if fmt == "markdown":
        assert "\\[x\\](javascript:alert(1))" in body and "[x](javascript:" not in body.replace("\\[x\\]", "")
        assert "\\*now\\*" in body and "\\`rm\\`" in body


def test_clean_text_and_printable_path():
    from linter.sanitise import clean_text, one_line, printable_path

    assert clean_text("a\x1b]0;title\x1b\\b\x1b[1;31mc\x00d\te\nf") == "abc\\x00d\te\nf"
    assert one_line("first\nsecond\r\nthird") == "first second third"
    assert printable_path(os.fsdecode(b"x\xff\n" + "\u202e.txt".encode())) == "x\\xff\\n\\u202e.txt"
    assert printable_path(printable_path("a\nb")) == printable_path("a\nb")


def test_a_pdf_whose_pages_all_repeat_the_same_lines_is_not_empty(good):
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=11)
    for _ in range(4):  # an order re-issued on every page of a gazette, nothing else on it
        pdf.add_page()
        pdf.text(72, 40, "Standing Order 7. Restraints")
        pdf.text(72, 56, "Handcuffs may be used on a woman prisoner during labour.")
    pdf.output(str(good / "repeated.pdf"))
    document = read_document(good / "repeated.pdf")
    assert any("during labour" in p.text for p in document.provisions)
    result = CliRunner().invoke(main, ["check", "--select", "24", "--format", "json", "good.txt", "repeated.pdf"])
    assert [d["path"] for d in json.loads(result.output)["documents"]] == ["good.txt", "repeated.pdf"]
