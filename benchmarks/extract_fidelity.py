"""Measure how faithfully the DOCX and PDF readers reproduce the real corpus.

For every real document with a .docx or .pdf rendering beside its .txt, read both
through `linter.extract.read_document` and print per rendering:

1. words: difflib ratio (autojunk off) of the rendering's provisions (label + text, in
   order) against the reference's provisions composed the same way. The reference is
   the .txt body (its "# " header is skipped by the text reader), or accepted/NN.txt
   for 31 and 33 whose DOCX numbers come from Word automatic numbering. Composing both
   sides through the same structure parser means the ratio measures extraction only.
2. furniture: running header / footer / page-number lines that survived ("Page N",
   "Page N of M", "- N -", or the PDF's repeated top line).
3. labels: % of the reference's numbered provisions whose label the rendering gives
   the same text (provisions aligned by text, in order).

Usage: python benchmarks/extract_fidelity.py [--shared DIR]
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from linter.errors import InputError  # noqa: E402
from linter.extract import read_document  # noqa: E402
from linter.model import Provision  # noqa: E402

_PAGE_NUMBER = re.compile(r"\bPage \d+(?: of \d+)?\b|(?:^|\s)- \d+ -(?:\s|$)")
_KEY_WORDS = 12


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args()
    corpus = args.shared / "corpus-real"
    docs = corpus / "docs"
    if not docs.is_dir():
        print(f"no corpus at {docs}", file=sys.stderr)
        return 2
    print(f"{'rendering':58} {'words':>6} {'furniture':>9} {'labels':>7}")
    for rendering in sorted(docs.glob("*.docx")) + sorted(docs.glob("*.pdf")):
        print(f"{rendering.name:58} {_measure(rendering, corpus)}")
    return 0


def _measure(rendering: Path, corpus: Path) -> str:
    accepted = corpus / "accepted" / f"{rendering.stem}.txt"
    reference_path = accepted if accepted.exists() else rendering.with_suffix(".txt")
    try:
        got = read_document(rendering).provisions
    except ImportError as exc:
        return f"reader not available ({exc.name})"
    except InputError as exc:
        return f"reader failed: {exc.code}: {exc.message}"
    reference = read_document(reference_path).provisions
    ratio = _word_ratio(got, reference)
    furniture = _furniture_lines(got, reference, _running_header(rendering))
    labels = _label_agreement(got, reference)
    return f"{ratio:6.3f} {furniture:9d} {labels:6.1f}%"


def _words(provisions: list[Provision]) -> list[str]:
    words: list[str] = []
    for provision in provisions:
        words.extend(provision.label.split())
        words.extend(provision.text.split())
    return words


def _word_ratio(got: list[Provision], reference: list[Provision]) -> float:
    return difflib.SequenceMatcher(None, _words(reference), _words(got), autojunk=False).ratio()


def _running_header(rendering: Path) -> str | None:
    """The top line a PDF repeats on most pages, if it has one."""
    pdf = rendering.with_suffix(".pdf")
    if not pdf.exists():
        return None
    try:
        import pdfplumber
    except ImportError:
        return None
    with pdfplumber.open(pdf) as document:
        tops = []
        for page in document.pages:
            lines = (page.extract_text() or "").splitlines()
            if lines:
                tops.append(lines[0].strip())
    if not tops:
        return None
    text, count = Counter(tops).most_common(1)[0]
    return text if count >= max(2, len(tops) // 2) else None


def _furniture_lines(got: list[Provision], reference: list[Provision], header: str | None) -> int:
    """Page furniture found in the rendering beyond what the reference itself contains."""

    def count(provisions: list[Provision]) -> int:
        # Each heading is counted once, not once per provision that sits under it.
        headings = {heading for provision in provisions for heading in provision.headings}
        total = 0
        for text in [p.text for p in provisions] + sorted(headings):
            total += len(_PAGE_NUMBER.findall(text))
            if header:
                total += text.count(header)
        return total

    return max(0, count(got) - count(reference))


def _key(provision: Provision) -> str:
    return " ".join(provision.text.lower().split()[:_KEY_WORDS])


def _label_agreement(got: list[Provision], reference: list[Provision]) -> float:
    numbered = [p for p in reference if p.label and p.text and p.kind != "toc"]
    if not numbered:
        return 100.0
    candidates = [p for p in got if p.text and p.kind != "toc"]
    matcher = difflib.SequenceMatcher(None, [_key(p) for p in numbered], [_key(p) for p in candidates], autojunk=False)
    same = 0
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            if numbered[block.a + offset].label == candidates[block.b + offset].label:
                same += 1
    return 100.0 * same / len(numbered)


if __name__ == "__main__":
    sys.exit(main())
