"""The reviewed copy of a DOCX draft: Word comments that say why, and the suggested wording
as tracked changes the drafter accepts or rejects in Word's review pane.

- A conflict or partial gets one comment per clause it quotes, on the paragraph holding the
  quoted sentence (found again with the extractor's own walk, `iter_body_paragraphs`, then
  by the words the quote shares with each paragraph of the provision, so a heading line
  above the sentence never takes the comment). The comment says in plain words what the
  clause does, the matched words, the other clauses involved, and the rule's words abridged
  with a pointer to `bangkok-lint rules N`.
- A conflict's amendment is tracked: the exception words that re-permit the act are deleted
  when the clause has them; otherwise the clause is deleted and the rule's model clause
  (policies/model-clauses.yaml) inserted in its place.
- Gaps are listed in one comment on the first paragraph, and each rule's model clause is
  inserted as a tracked new paragraph at the end of the Part it belongs in (the end of the
  document when no heading matches). `--no-gap-comments` leaves gaps out.

The copy is written elsewhere; the original file is only read.
"""

from __future__ import annotations

import os
import re
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, cast

from linter.errors import UsageError
from linter.findings import DocumentResult, Evidence, RuleResult
from linter.model import Document
from linter.own_outputs import COMMENT_AUTHOR, REVIEWED_DOCX_SUFFIX
from linter.policy import ModelClauses, load_model_clauses, load_policy
from linter.report import ReportOptions
from linter.report.cite import exception_words, exceptions_elsewhere, others, place, plain_reason, suggestion
from linter.report.redline import Redliner, plain_text
from linter.runner import Run, findings

if TYPE_CHECKING:
    from docx.oxml.text.paragraph import CT_P
    from lxml import etree

AUTHOR = COMMENT_AUTHOR  # a folder walk recognises a reviewed copy by its comments' author
INITIALS = "BL"
SUFFIX = REVIEWED_DOCX_SUFFIX
_RULE_WORDS = 220  # characters of the rule's text a comment quotes before pointing to `rules N`
_WORD = re.compile(r"\w+")


def render(run: Run, options: ReportOptions) -> str:
    docs = [d for d in run.documents if d.format == "docx"]
    chosen = targets([run.sources[d.path].path for d in docs], options.output)
    lines = []
    for doc in docs:
        source = run.sources[doc.path]
        target = chosen[source.path]
        comments, changes = annotate(doc, source, target, gaps=options.gap_comments)
        lines.append(f"{doc.path}: wrote {target} ({comments} comments, {changes} tracked changes)")
    lines += [f"{e.path}: error [{e.code}] {e.message}" for e in run.errors]
    return "\n".join(lines) + "\n" if lines else ""


def annotate(doc: DocumentResult, source: Document, target: Path, gaps: bool = True) -> tuple[int, int]:
    """Write `target`, the reviewed copy; return (comments added, tracked changes made)."""
    import docx
    from docx.text.paragraph import Paragraph

    from linter.extract.docx import iter_body_paragraphs

    word = docx.Document(source.path)
    body = word.element.body
    # python-docx's parser makes every w:p a CT_P; the walk is typed with lxml's base class.
    paragraphs = {n: Paragraph(cast("CT_P", p), word._body) for n, p, _ in iter_body_paragraphs(body)}
    review = _Review(word, paragraphs, source, Redliner(body, AUTHOR))
    missing = []
    for r in findings(doc):
        if r.verdict == "gap":
            missing.append(r)
        else:
            review.finding(r)
    if gaps and missing:
        review.gaps(missing)
    target.parent.mkdir(parents=True, exist_ok=True)
    word.save(str(target))
    return review.comments, review.changes


class _Review:
    def __init__(self, word, paragraphs: dict, source: Document, redliner: Redliner) -> None:
        self.word = word
        self.paragraphs = paragraphs
        self.source = source
        self.redliner = redliner
        self.policy = load_policy()
        self.models = load_model_clauses()
        self.comments = 0
        self.changes = 0
        self._amended: dict[int, etree._Element | None] = {}  # paragraph ordinal -> last tracked element in it
        self._inserted: dict[int | None, etree._Element] = {}  # anchor ordinal -> last paragraph inserted there
        self._part_name: dict[int, str] = {}  # anchor ordinal -> "“Part 3 Discipline” (after 22)"

    # conflicts and partials

    def finding(self, r: RuleResult) -> None:
        cited = [e for e in r.evidence if e.relation == "conflicts"] if r.verdict == "conflict" else r.evidence[:1]
        # "Notwithstanding rule 1, ... may": rule 1's prohibition stands and the clause that
        # re-permits the act goes, with nothing inserted in its place.
        overriding = {label for e in cited for label in exceptions_elsewhere(e)}
        done: set[int] = set()
        for ev in cited:
            ordinal = self._paragraph_of(ev)
            if ordinal is None or ordinal in done:
                continue  # one comment per paragraph: the sub-item and its lead-in quote one sentence
            done.add(ordinal)
            self._comment(self.paragraphs[ordinal], self._text(r, ev, overriding))
            if r.verdict != "conflict" or exceptions_elsewhere(ev):
                continue
            self._amend(ordinal, ev, None if ev.label in overriding else self.models[r.rule])

    def _text(self, r: RuleResult, ev: Evidence, overriding: set[str]) -> str:
        rule = self.policy.rule(r.rule)
        lines = [f"{r.code} {r.verdict} \u2014 {r.title}.", f"Why: {plain_reason(ev)}."]
        if ev.matched:
            lines.append("Matched words: " + ", ".join(f"\u201c{m}\u201d" for m in ev.matched) + ".")
        involved = [f"{place(e)} ({_role(e, ev)})" for e in others(r, ev)]
        if involved:
            lines.append("Other clauses involved: " + "; ".join(involved) + ".")
        if r.missing:
            lines.append("Missing: " + "; ".join(r.missing) + ".")
        words = textwrap.shorten(" ".join(rule.text.split()), _RULE_WORDS, placeholder=" \u2026")
        lines.append(f"{r.citation}: \u201c{words}\u201d (full text and examples: bangkok-lint rules {r.rule}).")
        elsewhere = exceptions_elsewhere(ev)
        if r.verdict == "conflict" and elsewhere:
            lines.append(
                f"Suggested amendment: delete the exception in {', '.join(elsewhere)} (a tracked change there); this prohibition then stands."
            )
        elif r.verdict == "conflict" and ev.label in overriding:
            lines.append(
                "Suggested amendment: delete this clause (a tracked change); the prohibition it overrides then applies without exception."
            )
        elif r.verdict == "conflict" and exception_words(ev):
            lines.append(
                "Suggested amendment: delete the exception (a tracked change in the text); the prohibition then stands."
            )
        elif r.verdict == "conflict":
            lines.append(
                f"Suggested amendment: replace the clause with a model clause for Rule {r.rule} (a tracked change in the text; adapt its terms)."
            )
        else:
            lines.append(suggestion(r))
        return "\n".join(lines)

    def _amend(self, ordinal: int, ev: Evidence, model: ModelClauses | None) -> None:
        """Delete the exception words, or the clause with `model`'s first clause in its place
        (the clause alone when `model` is None)."""
        p = self.paragraphs[ordinal]._p
        if ordinal in self._amended:
            if model is not None:
                # A second rule's conflict in a clause already amended: add its protection too
                # (at the paragraph's end when the first amendment deleted nothing).
                last, protection = self._amended[ordinal], " " + model.clauses[0]
                self._amended[ordinal] = (
                    self.redliner.insert_after(last, protection)
                    if last is not None
                    else self.redliner.append(p, protection)
                )
                self.changes += 1
            return
        text = plain_text(p)
        exception = exception_words(ev)
        span = _find(text, exception) if exception else None
        if span:
            # Take the comma or space before the exception with it, so the sentence reads on.
            start = len(text[: span[0]].rstrip(" ,;"))
            self._amended[ordinal] = self.redliner.delete(p, start, span[1])
            self.changes += 1
            return
        span = _find(text, ev.quote.rstrip("\u2026")) or (0, len(text))
        if ev.quote.endswith("\u2026"):
            end = re.search(r"[.;]", text[span[1] :])
            span = (span[0], span[1] + end.end() if end else len(text))
        if model is None and len(text[: span[0]].split()) <= 2:
            span = (0, span[1])  # the clause goes with its number ("3. ")
        deleted = self.redliner.delete(p, *span) if span[1] > span[0] else None
        self.changes += deleted is not None
        if model is None:
            self._amended[ordinal] = deleted
            return
        self._amended[ordinal] = (
            self.redliner.insert_after(deleted, model.clauses[0])
            if deleted is not None
            else self.redliner.append(p, model.clauses[0])
        )
        self.changes += 1

    def _paragraph_of(self, ev: Evidence) -> int | None:
        """The paragraph of the cited provision that holds the quoted sentence: of the
        provision's first paragraph and the unnumbered ones after it, the one sharing most
        words with the quote (a caption or run-in heading line shares one or two)."""
        if not 0 <= ev.provision < len(self.source.provisions):
            return None
        first = self.source.provisions[ev.provision].ref.paragraph
        if first is None or first not in self.paragraphs:
            return None
        following = [p.ref.paragraph for p in self.source.provisions if p.ref.paragraph and p.ref.paragraph > first]
        stop = min(following, default=max(self.paragraphs) + 1)
        quote = set(_WORD.findall(ev.quote.lower()))
        candidates = [n for n in range(first, stop) if n in self.paragraphs]
        return max(candidates, key=lambda n: (len(quote & set(_WORD.findall(self.paragraphs[n].text.lower()))), -n))

    # gaps

    def gaps(self, missing: list[RuleResult]) -> None:
        listed = []
        for r in missing:
            anchor = self._part_end(self.models[r.rule])
            after = self._inserted.get(anchor)
            if after is None and anchor is not None:
                after = self.paragraphs[anchor]._p
            style = self.paragraphs[anchor]._p if anchor is not None else None
            self._inserted[anchor] = self.redliner.new_paragraph(after, self.models[r.rule].clauses[0], style)
            self.changes += 1
            where = f"at the end of {self._part_name.get(anchor)}" if anchor else "at the end of the document"
            listed.append(
                f"{r.code} {r.title} \u2014 suggested provision inserted {where} (bangkok-lint rules {r.rule})"
            )
        first = next((p for p in self.paragraphs.values() if p.text.strip()), None)
        if first is not None:
            self._comment(
                first, f"Not addressed anywhere in this document (gap, {len(missing)}):\n" + "\n".join(listed)
            )

    def _part_end(self, model: ModelClauses) -> int | None:
        """The last paragraph of the Part whose heading names the rule's subject, or None."""
        words = [re.compile(rf"\b{re.escape(w)}", re.I) for w in model.part]
        provisions = [p for p in self.source.provisions if p.ref.paragraph in self.paragraphs and p.kind != "toc"]
        matching = [i for i, p in enumerate(provisions) if any(w.search(" ".join(p.headings)) for w in words)]
        if not matching:
            return None
        last = provisions[matching[-1]]
        # Every provision kept above has its paragraph among self.paragraphs, so none is None.
        start = last.ref.paragraph
        assert start is not None
        following = provisions[matching[-1] + 1].ref.paragraph if matching[-1] + 1 < len(provisions) else None
        stop = following if following is not None else max(self.paragraphs) + 1
        # Unnumbered paragraphs that continue the provision belong to it; a heading line does not.
        own = " ".join(last.text.lower().split())
        tail = [
            n
            for n in range(start, stop)
            if n in self.paragraphs and " ".join(self.paragraphs[n].text.lower().split()) in own
        ]
        anchor = max(tail, default=start)
        heading = next((h for h in last.headings if any(w.search(h) for w in words)), "")
        self._part_name[anchor] = f"\u201c{heading}\u201d (after {last.label or 'its last paragraph'})"
        return anchor

    def _comment(self, paragraph, text: str) -> None:
        # A comment is anchored on whole runs; a paragraph whose text sits only in fields or
        # hyperlinks has no direct run, so it gets an empty one to hold the anchor.
        runs = paragraph.runs or [paragraph.add_run("")]
        self.word.add_comment(runs, text=text, author=AUTHOR, initials=INITIALS)
        self.comments += 1


def _role(other: Evidence, ev: Evidence) -> str:
    """What another cited clause has to do with this one, for "Other clauses involved"."""
    if other.label and other.label in exceptions_elsewhere(ev):
        return "its exception re-permits the act"
    if ev.label and ev.label in exceptions_elsewhere(other):
        return "the prohibition this clause overrides"
    return "also conflicts" if other.relation == "conflicts" else "implements part of the rule"


def _find(text: str, needle: str) -> tuple[int, int] | None:
    at = text.lower().find(needle.lower()) if needle else -1
    return (at, at + len(needle)) if at >= 0 else None


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
