"""Memory stays bounded per paragraph: a long Word document lints without a tree of its
whole body, garbage cycles, or per-hit copies of the same strings.

The full-size figures (200,000 paragraphs under 1 GB) come from `python benchmarks/memory.py`;
here two DOCX of a few thousand paragraphs are linted, each in a forked child, and the
slope of their peak RSS growth (which leaves out what any lint costs once) is held under a
bound the reader and the units broke before they were made lean (~8 KB a paragraph then,
~2.4 KB now).
"""

from __future__ import annotations

import gc
import io
import os
import resource
import sys
import zipfile
from pathlib import Path

import docx
import pytest

from linter.extract.docx import read_blocks

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_SIZES = (2_000, 8_000)
_MAX_KB_PER_PARAGRAPH = 5.0


def _paragraph_docx(path: Path, count: int) -> Path:
    """A DOCX of `count` numbered one-sentence paragraphs (as benchmarks/memory.py makes them)."""
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    body = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{i}. The prisoner shall be informed of the rules on visits.</w:t></w:r></w:p>'
        for i in range(1, count + 1)
    )
    xml = f"<w:document {_W}><w:body>{body}<w:sectPr/></w:body></w:document>".encode()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info.filename, xml if info.filename == "word/document.xml" else source.read(info))
    return path


def _rss_kb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1024


def _lint_growth_kb(path: Path) -> float:
    """Peak RSS growth (KB) of linting `path` in a forked child that has everything loaded first."""
    from linter.nlp.similarity import load_embedder
    from linter.runner import FileSettings, _lint_task, _load_everything

    _load_everything({".docx"}, True)
    load_embedder()  # the paragraphs' numbers are new words: the model must not load mid-measurement
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through the pipe
        os.close(read_fd)
        start = _rss_kb()
        outcome = _lint_task((str(path), FileSettings(scope=("all",))))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        message = f"{peak - start}" if not hasattr(outcome, "code") else f"error {outcome.message}"
        os.write(write_fd, message.encode())
        os._exit(0)
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        message = pipe.read()
    os.waitpid(pid, 0)
    assert not message.startswith("error"), message
    return float(message)


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc and forks")
def test_long_docx_lints_in_bounded_memory_per_paragraph(tmp_path):
    small, large = (_lint_growth_kb(_paragraph_docx(tmp_path / f"{n}.docx", n)) for n in _SIZES)
    per_paragraph = (large - small) / (_SIZES[1] - _SIZES[0])
    assert per_paragraph < _MAX_KB_PER_PARAGRAPH, f"{per_paragraph:.1f} KB per paragraph"


def test_reading_a_docx_leaves_no_garbage_cycles(tmp_path):
    # The stages run with the cyclic collector paused (linter.gc_pause): a cycle made per
    # paragraph stays in memory until the run ends.
    path = _paragraph_docx(tmp_path / "short.docx", 200)
    gc.collect()
    gc.disable()
    try:
        blocks, _ = read_blocks(path)
        assert len(blocks) == 200
        assert gc.collect() < 50  # not one per paragraph
    finally:
        gc.enable()


def test_concept_hits_share_their_strings(tmp_path):
    from linter.extract import read_document
    from linter.nlp.pipeline import build_pipeline

    nlp = build_pipeline()
    document = read_document(_paragraph_docx(tmp_path / "hits.docx", 3))
    hits = [doc._.concepts for doc in nlp.pipe(p.text for p in document.provisions)]
    first, second = hits[0], hits[1]
    assert first and [h.text for h in first] == [h.text for h in second]
    assert all(a.text is b.text and a.concept is b.concept for a, b in zip(first, second))


def _units(text: str):
    """The units of a short regulation, built as a check with the similarity layer builds them."""
    from linter.engine.checks import Evaluator
    from linter.engine.recall import Proposer
    from linter.nlp.pipeline import build_pipeline
    from linter.pattern_tests import example_document
    from linter.patterns import load_patterns
    from linter.policy import load_policy

    patterns, nlp = load_patterns(), build_pipeline("", True)
    proposer = Proposer.for_patterns(load_policy(), patterns, nlp)
    return Evaluator.for_document(example_document(text), patterns, nlp, proposer).units


_LAW = """PART 3 SEARCHES
12. Searches
(1) A woman prisoner shall be searched only by a female officer.
(2) A search of a woman prisoner shall be carried out in private.
(3) Where a female officer is not available, the search shall be postponed.
"""


def test_units_keep_no_array_per_provision():
    # A 256-float sentence vector (1 KB) or an array of token norms kept on every unit was most
    # of a long law's memory: the vectors are scored a chunk at a time while the units are built,
    # and defined terms are found as each provision is parsed.
    import numpy as np

    units = _units(_LAW)
    assert len(units) >= 3
    for unit in units:
        kept = [name for name in type(unit).__slots__ if isinstance(getattr(unit, name, None), np.ndarray)]
        assert not kept, f"{unit.provision.label} keeps arrays: {kept}"
    # What the similarity layer needs of the vectors is kept: the nearest check and how near.
    worded = [u for u in units if u.provision.text]
    assert worded and all(u.nearest is not None and isinstance(u.nearest[0], int) for u in worded)
    assert all(0 < u.nearness <= 1 for u in worded)


def test_units_under_the_same_headings_share_one_context():
    units = {u.provision.label: u for u in _units(_LAW)}
    first, second = units["12(1)"], units["12(2)"]
    assert first.context and first.context == second.context
    assert first.context is second.context
