"""Annotated copies of DOCX drafts: a Word comment on each flagged paragraph.

Each conflict or partial gets a comment on every paragraph it cites (rule, verdict, the
rule's words, what to change); the gaps are summarised in one comment on the first
paragraph. Paragraphs are found again with the extractor's own walk
(`iter_body_paragraphs`), so comment N lands on the paragraph the finding's SourceRef
names. The copy is written elsewhere; the original file is only read.
"""

from __future__ import annotations

import os
from pathlib import Path

from linter.errors import UsageError
from linter.findings import DocumentResult, RuleResult
from linter.model import Document
from linter.policy import load_policy
from linter.report import ReportOptions
from linter.report.cite import paragraph_of, suggestion
from linter.runner import Run, findings

AUTHOR = "bangkok-lint"
INITIALS = "BL"
SUFFIX = ".bangkok-lint.docx"


def render(run: Run, options: ReportOptions) -> str:
    docs = [d for d in run.documents if d.format == "docx"]
    chosen = targets([run.sources[d.path].path for d in docs], options.output)
    lines = []
    for doc in docs:
        source = run.sources[doc.path]
        target = chosen[source.path]
        count = annotate(doc, source, target)
        lines.append(f"{doc.path}: wrote {target} ({count} comments)")
    lines += [f"{e.path}: error [{e.code}] {e.message}" for e in run.errors]
    return "\n".join(lines) + "\n" if lines else ""


def annotate(doc: DocumentResult, source: Document, target: Path) -> int:
    """Write `target`, a copy of the document with comments; return how many were added."""
    import docx
    from docx.text.paragraph import Paragraph

    from linter.extract.docx import iter_body_paragraphs

    word = docx.Document(source.path)
    paragraphs = {n: Paragraph(p, word._body) for n, p, _ in iter_body_paragraphs(word.element.body)}
    policy = load_policy()
    count = 0
    gaps = []
    for r in findings(doc):
        if r.verdict == "gap":
            gaps.append(r)
            continue
        rule_words = " ".join(policy.rule(r.rule).text.split())
        for ordinal in dict.fromkeys(paragraph_of(e, source) for e in _cited(r)):
            if ordinal in paragraphs:
                _comment(word, paragraphs[ordinal], f"{r.code} {r.verdict}: {r.message}\n{r.citation}: \u201c{rule_words}\u201d\n{suggestion(r)}")
                count += 1
    first = next((p for p in paragraphs.values() if p.text.strip()), None)
    if gaps and first is not None:
        listed = "\n".join(f"{r.code} {r.title}" for r in gaps)
        _comment(word, first, f"Not addressed anywhere in this document (gap, {len(gaps)}):\n{listed}")
        count += 1
    target.parent.mkdir(parents=True, exist_ok=True)
    word.save(str(target))
    return count


def _cited(r: RuleResult):
    return [e for e in r.evidence if e.relation == "conflicts"] or r.evidence


def _comment(word, paragraph, text: str) -> None:
    # A comment is anchored on whole runs; a paragraph whose text sits only in fields or
    # hyperlinks has no direct run, so it gets an empty one to hold the anchor.
    runs = paragraph.runs or [paragraph.add_run("")]
    word.add_comment(runs, text=text, author=AUTHOR, initials=INITIALS)


def targets(sources: list[str], output: str | None) -> dict[str, Path]:
    """Where each source's annotated copy goes; a UsageError if any copy would replace an input.

    --output names the file for one document, or a folder for several; default: the current
    folder. Two sources with the same name (laws/a/x.docx, laws/b/x.docx) keep their folders
    below the folder they share (a/x.bangkok-lint.docx, b/...), so neither copy replaces the other.
    """
    folder = Path(output or ".")
    if output and output.lower().endswith(".docx") and len(sources) == 1:
        chosen = {sources[0]: Path(output)}
    else:
        names = [Path(s).stem + SUFFIX for s in sources]
        if len(set(names)) < len(names):
            root = os.path.commonpath([os.path.abspath(s) for s in sources])
            names = [str(Path(os.path.relpath(os.path.abspath(s), root)).with_name(n)) for s, n in zip(sources, names)]
        chosen = {s: folder / n for s, n in zip(sources, names)}
    inputs = {Path(s).resolve(): s for s in sources}
    for source, target in chosen.items():
        if target.resolve() in inputs:
            raise UsageError(
                f"refusing to overwrite the input {inputs[target.resolve()]} with the annotated copy of {source}; "
                "choose another --output folder"
            )
    return chosen
