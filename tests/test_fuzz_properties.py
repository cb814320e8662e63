"""Properties of the readers, the structure parser and the sanitiser over generated inputs.

A small example budget keeps this in the normal test run; `python -m linter.fuzz --n 3000`
is the long campaign over mutated corpus files.
"""

from __future__ import annotations

import io
import os
import random
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from linter.errors import InputError
from linter.extract import read_document
from linter.extract.docx_numbering import Numbering, format_number
from linter.extract.limits import bounded_blocks
from linter.fuzz import NUM_FORMATS, _numbered_docx, mutate_bytes, mutate_docx, mutate_text
from linter.model import Block, SourceRef
from linter.sanitise import clean_text, markdown_escape, printable_path
from linter.structure import build_provisions

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CORPUS = Path(__file__).resolve().parents[1] / "corpus"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
FORMATS = st.sampled_from(NUM_FORMATS)  # the numbering formats the long fuzz campaign uses
HOSTILE_INTS = st.one_of(st.integers(-(10**6), 10**6), st.sampled_from([300_000_000, 2**31, 10**40, -(10**40)]))


def _read_bytes(data: bytes, suffix: str):
    """read_document on `data`: a Document, or None when it refused the input with an InputError."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        try:
            return read_document(path)
        except InputError:
            return None


@FAST
@given(st.integers(-(10**7), 10**7), FORMATS)
def test_format_number_is_short_for_counters_word_allows(n, fmt):
    rendered = format_number(max(-32_767, min(n, 32_767)), fmt)
    assert len(rendered) <= 1_261  # 32767 in a letter format: "a" repeated 1261 times


@FAST
@given(
    HOSTILE_INTS,
    FORMATS,
    st.text(alphabet="%123456789.()- a", max_size=80),
    st.lists(st.integers(0, 8), min_size=1, max_size=30),
)
def test_rendered_numbering_labels_stay_short(start, fmt, template, levels):
    xml = (
        f'<w:numbering {W}><w:abstractNum w:abstractNumId="0">'
        + "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{template}"/></w:lvl>'
            for i in range(9)
        )
        + '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )
    numbering = Numbering(etree.fromstring(xml.encode()), {})
    for ilvl in levels:
        label = numbering.render("1", ilvl)
        assert label is None or 0 < len(label) <= 40


@FAST
@given(st.binary(max_size=4096), st.sampled_from([".txt", ".docx", ".pdf", ".md"]))
def test_random_bytes_are_read_or_refused(data, suffix):
    _read_bytes(data, suffix)  # anything but an InputError fails the test


@FAST
@given(st.text(max_size=3000))
def test_random_text_gives_provisions_with_text(text):
    document = _read_bytes(text.encode("utf-8", "surrogatepass"), ".txt")
    if document is not None:
        assert document.provisions and all(p.text.strip() for p in document.provisions)


@FAST
@given(st.lists(st.text(min_size=1, max_size=200), min_size=1, max_size=40), st.integers(1, 100))
def test_structure_parser_keeps_parents_in_range(texts, cut):
    blocks = [Block(t, SourceRef(line=i + 1)) for i, t in enumerate(texts) if t.strip()]
    provisions = build_provisions(list(bounded_blocks(blocks, max(cut, 20))))
    for i, p in enumerate(provisions):
        assert p.parent is None or 0 <= p.parent < len(provisions)
        assert p.index == i


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False))
def test_mutated_corpus_files_are_read_or_refused(rnd):
    rng = random.Random(rnd.random())
    seeds = sorted((CORPUS / "docs").glob("*.txt"))[:3] + sorted((CORPUS / "renderings").glob("*.docx"))[:2]
    source = rng.choice(seeds)
    mutate = {".txt": mutate_text, ".docx": mutate_docx}[source.suffix]
    _read_bytes(rng.choice([mutate, mutate_bytes])(source.read_bytes(), rng), source.suffix)


@FAST
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60), HOSTILE_INTS, FORMATS)
def test_random_docx_parts_are_read_or_refused(body, start, fmt):
    data = _numbered_docx(str(start), fmt)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    escaped = body.replace("&", "&amp;").replace("<", "&lt;")
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"Women shall be searched by women.", escaped.encode("utf-8", "replace")
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, part in parts.items():
            zf.writestr(name, part)
    document = _read_bytes(buffer.getvalue(), ".docx")
    assert document is None or all(len(p.label) <= 60 for p in document.provisions)


@FAST
@given(st.text(max_size=300))
def test_clean_text_leaves_no_control_or_bidi_character(text):
    cleaned = clean_text(text)
    assert not any((ord(c) < 0x20 and c not in "\t\n") or 0x7F <= ord(c) <= 0x9F for c in cleaned)
    assert not any(0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in cleaned)
    cleaned.encode("utf-8")  # never a lone surrogate
    assert clean_text(cleaned) == cleaned


@FAST
@given(st.binary(max_size=60))
def test_printable_path_is_one_line_of_valid_utf8(raw):
    shown = printable_path(os.fsdecode(raw))
    assert "\n" not in shown and "\r" not in shown and "\x1b" not in shown
    shown.encode("utf-8")


@FAST
@given(st.text(max_size=200))
def test_markdown_escape_leaves_no_live_link_or_emphasis(text):
    escaped = markdown_escape(text)
    for i, ch in enumerate(escaped):
        if ch in "[]*_`<>":  # parentheses cannot make a link once the brackets are escaped
            assert escaped[i - 1] == "\\", escaped
