"""Word tracked changes (`w:ins` / `w:del`) written with python-docx's oxml layer.

docx-revisions (PyPI) was evaluated first: it registers its own element classes for every
document python-docx opens afterwards, splits a run by writing new runs without the
original's formatting (`w:rPr`), and cannot insert a whole tracked paragraph. The few
operations the reviewed copy needs are written here instead: delete a span of a
paragraph's text, insert text after a span, insert a new paragraph. Every change carries
the author and date Word shows in its review pane, and a split run keeps its formatting.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

_R, _T, _RPR = qn("w:r"), qn("w:t"), qn("w:rPr")


class Redliner:
    """Makes tracked changes in one document body, each with a fresh revision id."""

    def __init__(self, body: etree._Element, author: str, when: datetime | None = None) -> None:
        self.body = body
        self.author = author
        self.date = (when or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
        used = [int(v) for v in body.xpath("//@w:id") if v.lstrip("-").isdigit()]
        # Comment, bookmark and revision ids are distinct in the file format, but some
        # readers expect them unique across the document: start above all of them.
        self._next = max(used, default=0) + 1000

    def _mark(self, tag: str) -> etree._Element:
        element = OxmlElement(tag)
        element.set(qn("w:id"), str(self._next))
        element.set(qn("w:author"), self.author)
        element.set(qn("w:date"), self.date)
        self._next += 1
        return element

    def delete(self, paragraph: etree._Element, start: int, end: int) -> etree._Element | None:
        """Mark characters [start, end) of the paragraph's direct runs as deleted; return the
        last `w:del` (to insert after it), or None when the span is not in plain runs."""
        runs = _split_runs(paragraph, start, end)
        if not runs:
            return None
        last = None
        for run in runs:
            mark = self._mark("w:del")
            run.addprevious(mark)
            mark.append(run)
            for t in run.iter(_T):
                t.tag = qn("w:delText")
            last = mark
        return last

    def insert_after(self, anchor: etree._Element, text: str, template: etree._Element | None = None) -> etree._Element:
        """Insert `text` as a tracked run right after `anchor` (a run or a `w:del`)."""
        mark = self._mark("w:ins")
        mark.append(_run(text, template))
        anchor.addnext(mark)
        return mark

    def append(self, paragraph: etree._Element, text: str) -> etree._Element:
        """Add `text` as a tracked run at the end of the paragraph."""
        mark = self._mark("w:ins")
        mark.append(_run(text, _last_run(paragraph)))
        paragraph.append(mark)
        return mark

    def new_paragraph(
        self, after: etree._Element | None, text: str, style_from: etree._Element | None = None
    ) -> etree._Element:
        """A tracked new paragraph holding `text`, after `after` (None: at the end of the body).

        The paragraph mark itself is marked inserted, so rejecting the change removes the
        paragraph, not just its text. The style (not the list numbering) of `style_from` is kept.
        """
        paragraph = OxmlElement("w:p")
        properties = OxmlElement("w:pPr")
        style = style_from.find(f"{qn('w:pPr')}/{qn('w:pStyle')}") if style_from is not None else None
        if style is not None:
            properties.append(copy.deepcopy(style))
        mark_properties = OxmlElement("w:rPr")
        mark_properties.append(self._mark("w:ins"))
        properties.append(mark_properties)
        paragraph.append(properties)
        inserted = self._mark("w:ins")
        inserted.append(_run(text, None))
        paragraph.append(inserted)
        if after is not None:
            after.addnext(paragraph)
        else:
            section = self.body.find(qn("w:sectPr"))
            section.addprevious(paragraph) if section is not None else self.body.append(paragraph)
        return paragraph


def plain_text(paragraph: etree._Element) -> str:
    """The text of the paragraph's direct runs, the text `delete` offsets count in."""
    return "".join(_run_text(r) for r in paragraph if r.tag == _R)


def _run_text(run: etree._Element) -> str:
    return "".join(t.text or "" for t in run.iter(_T))


def _split_runs(paragraph: etree._Element, start: int, end: int) -> list[etree._Element]:
    """The direct runs covering [start, end), splitting the runs at either edge."""
    covered = []
    at = 0
    for run in [r for r in paragraph if r.tag == _R]:
        text = _run_text(run)
        low, high = at, at + len(text)
        at = high
        if high <= start or low >= end or not text:
            continue
        if low < start:
            run = _split(run, start - low)
            low = start
        if high > end:
            _split(run, end - low)
        covered.append(run)
    return covered


def _split(run: etree._Element, offset: int) -> etree._Element:
    """Split a run at `offset` characters into two runs of the same format; return the second.

    A run holding several text pieces (text, tab, text) is first flattened to one `w:t`;
    its tabs and breaks are not in the text the offsets count, so they are kept before it.
    """
    texts = list(run.iter(_T))
    whole = "".join(t.text or "" for t in texts)
    for t in texts[1:]:
        parent = t.getparent()
        assert parent is not None  # found below `run`
        parent.remove(t)
    head = texts[0]
    tail_run = copy.deepcopy(run)
    _set_text(head, whole[:offset])
    _set_text(next(tail_run.iter(_T)), whole[offset:])
    run.addnext(tail_run)
    return tail_run


def _set_text(t: etree._Element, text: str) -> None:
    t.text = text
    t.set(qn("xml:space"), "preserve")


def _run(text: str, template: etree._Element | None) -> etree._Element:
    run = OxmlElement("w:r")
    properties = template.find(_RPR) if template is not None else None
    if properties is not None:
        run.append(copy.deepcopy(properties))
    t = OxmlElement("w:t")
    _set_text(t, text)
    run.append(t)
    return run


def _last_run(paragraph: etree._Element) -> etree._Element | None:
    runs = [r for r in paragraph if r.tag == _R]
    return runs[-1] if runs else None
