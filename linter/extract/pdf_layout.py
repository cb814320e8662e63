"""Turn the text runs of PDF pages into body lines in reading order.

Works on plain boxes (top-left origin, points) so it is independent of the PDF library:
running headers, footers and page numbers are dropped, two-column pages are read column
by column, and the runs of each column are joined into numbered lines.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import accumulate
from operator import attrgetter
from statistics import median
from typing import NamedTuple


class Segment(NamedTuple):
    x0: float
    top: float
    x1: float
    bottom: float
    text: str


@dataclass
class PageText:
    number: int
    width: float
    height: float
    segments: list[Segment] = field(default_factory=list)


class Line(NamedTuple):
    """One body line; `stream` names the page column it belongs to, so the paragraph
    builder knows when reading jumps to another column or page."""

    page: int
    number: int
    stream: tuple[int, int]
    x0: float
    top: float
    x1: float
    bottom: float
    text: str


# Headers and footers live in these fractions of the page height at top and bottom.
_MARGIN_BAND = 0.12
# A band line is a running header/footer when it repeats on this share of pages (at least twice).
_REPEAT_SHARE = 0.3
_PAGE_NUMBER = re.compile(r"(?:(?:page|p\.|pg\.?)\s*)?\d+(?:\s*(?:of|/)\s*\d+)?|[-–—]\s*\d+\s*[-–—]", re.IGNORECASE)
# A bare "CHAPTER 3" opening several pages is a heading, not a running header.
_BARE_HEADING = re.compile(
    r"(?:part|chapter|article|section|rule|schedule|title|division)\s+[#ivxlc]+\.?", re.IGNORECASE
)
_LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_LIGATURE_CHARS = re.compile(r"[\ufb00-\ufb06]")
_DIGITS = re.compile(r"\d+")
_BY_TOP = attrgetter("top")
_BY_X0 = attrgetter("x0")


class _Row(NamedTuple):
    """Runs sharing a text line, left to right, with the line's highest top and lowest bottom."""

    top: float
    bottom: float
    segments: list[Segment]


def clean_text(raw: str) -> str:
    """Normalise one run of PDF text: ligatures split, whitespace collapsed.

    pdfium reports a hyphen it saw at a line break as U+0002; it becomes a plain "-" so
    the paragraph builder decides whether the word was split or a compound.
    """
    if _is_clean(raw):
        return raw
    text = raw.translate(_LIGATURES).replace("\x02", "-")
    if text.rstrip().endswith("\xad"):
        text = text.rstrip()[:-1] + "-"
    text = _CONTROL.sub(" ", text.replace("\xad", ""))
    return " ".join(text.split())


def _is_clean(raw: str) -> bool:
    """Whether clean_text would return `raw` unchanged, as it does for most runs.

    Every character it rewrites (controls, soft hyphen, whitespace other than a space)
    is unprintable, except the ligatures; the string methods are a few times cheaper
    than a regular expression over the run.
    """
    return (
        raw.isprintable()
        and not (raw.startswith(" ") or raw.endswith(" ") or "  " in raw)
        and (raw.isascii() or not _LIGATURE_CHARS.search(raw))
    )


def layout_pages(pages: list[PageText]) -> list[Line]:
    """Body lines of all pages in reading order, running headers and footers removed."""
    page_rows = [_group_rows(page.segments) for page in pages]
    band_keys = [_band_keys(rows, page) for page, rows in zip(pages, page_rows)]
    running = _running_keys(band_keys)
    lines = _body_lines(pages, page_rows, band_keys, running)
    if not lines and running:
        # Every page repeats the same few lines and nothing else: they are the text, not a
        # running header, and removing them would call a document with text empty.
        lines = _body_lines(pages, page_rows, band_keys, set())
    return lines


def _body_lines(
    pages: list[PageText], page_rows: list[list[_Row]], band_keys: list[dict[int, str]], running: set[str]
) -> list[Line]:
    lines: list[Line] = []
    for page, rows, keys in zip(pages, page_rows, band_keys):
        body = [seg for row in _strip_furniture(rows, page, keys, running) for seg in row.segments]
        lines.extend(_page_lines(page, body))
    return lines


def _group_rows(segments: list[Segment]) -> list[_Row]:
    """Segments sharing a text line (vertical overlap), top to bottom, each row left to right."""
    rows: list[_Row] = []
    row: list[Segment] = []
    row_top = row_bottom = 0.0
    # Taken top first, so a row's first run has its highest top.
    for seg in sorted(segments, key=_BY_TOP):
        if row and _overlaps(seg.top, seg.bottom, row_top, row_bottom):
            row.append(seg)
            if seg.bottom > row_bottom:
                row_bottom = seg.bottom
        else:
            if row:
                rows.append(_Row(row_top, row_bottom, row))
            row = [seg]
            row_top, row_bottom = seg.top, seg.bottom
    if row:
        rows.append(_Row(row_top, row_bottom, row))
    for full in rows:
        if len(full.segments) > 1:
            full.segments.sort(key=_BY_X0)
    return rows


def _overlaps(top: float, bottom: float, row_top: float, row_bottom: float) -> bool:
    # Conditional expressions rather than min()/max(): this runs once per run of text.
    overlap = (bottom if bottom <= row_bottom else row_bottom) - (top if top >= row_top else row_top)
    height, row_height = bottom - top, row_bottom - row_top
    return overlap >= 0.5 * (height if height <= row_height else row_height)


def _row_text(row: list[Segment]) -> str:
    if len(row) == 1:
        return row[0].text
    parts = [row[0].text]
    for prev, seg in zip(row, row[1:]):
        # Runs closer than a fraction of a space are pieces of one word (a font change).
        height = min(prev.bottom - prev.top, seg.bottom - seg.top)
        if seg.x0 - prev.x1 > 0.12 * height:
            parts.append(" ")
        parts.append(seg.text)
    return "".join(parts)


def _in_top_band(row: _Row, page: PageText) -> bool:
    return row.top < _MARGIN_BAND * page.height


def _in_bottom_band(row: _Row, page: PageText) -> bool:
    return row.bottom > (1 - _MARGIN_BAND) * page.height


def _band_keys(rows: list[_Row], page: PageText) -> dict[int, str]:
    """Furniture keys (text lowercased, digits masked) of the page's margin-band rows, by row index."""
    return {
        index: _DIGITS.sub("#", _row_text(row.segments).lower())
        for index, row in enumerate(rows)
        if _in_top_band(row, page) or _in_bottom_band(row, page)
    }


def _running_keys(band_keys: list[dict[int, str]]) -> set[str]:
    """Keys of margin-band lines repeated on enough pages to be running headers."""
    counts: Counter[str] = Counter()
    for keys in band_keys:
        counts.update(set(keys.values()))
    needed = max(2, math.ceil(_REPEAT_SHARE * len(band_keys)))
    return {key for key, count in counts.items() if count >= needed and not _BARE_HEADING.fullmatch(key)}


def _strip_furniture(rows: list[_Row], page: PageText, keys: dict[int, str], running: set[str]) -> list[_Row]:
    """Rows without the headers and footers at the page's top and bottom edges.

    Only the outermost rows are stripped, stopping at the first body row, so a body line
    that happens to repeat ("[...]") survives.
    """
    start, end = 0, len(rows)
    while start < end and _in_top_band(rows[start], page) and _is_furniture(rows[start], keys[start], running):
        start += 1
    while end > start and _in_bottom_band(rows[end - 1], page) and _is_furniture(rows[end - 1], keys[end - 1], running):
        end -= 1
    return rows[start:end]


def _is_furniture(row: _Row, key: str, running: set[str]) -> bool:
    return key in running or bool(_PAGE_NUMBER.fullmatch(_row_text(row.segments)))


def _page_lines(page: PageText, segments: list[Segment]) -> list[Line]:
    lines: list[Line] = []
    for column, stream in enumerate(_columns(segments, page.width)):
        for row in _group_rows(stream):
            segs = row.segments
            lines.append(
                Line(
                    page=page.number,
                    number=len(lines) + 1,
                    stream=(page.number, column),
                    x0=segs[0].x0,  # rows run left to right
                    top=row.top,
                    x1=segs[0].x1 if len(segs) == 1 else max(s.x1 for s in segs),
                    bottom=row.bottom,
                    text=_row_text(segs),
                )
            )
    return lines


def _columns(segments: list[Segment], width: float) -> list[list[Segment]]:
    """Split a page into streams read one after another: the whole page when it has one
    column, else left column then right column, with full-width runs (a title across
    both columns) closing the column pair above them."""
    gutter = _find_gutter(segments, width)
    if gutter is None:
        return [segments] if segments else []
    start, end = gutter
    streams: list[list[Segment]] = []
    left: list[Segment] = []
    right: list[Segment] = []
    for seg in sorted(segments, key=_BY_TOP):
        if seg.x1 <= start + 1:
            left.append(seg)
        elif seg.x0 >= end - 1:
            right.append(seg)
        else:
            streams.extend(s for s in (left, right) if s)
            streams.append([seg])
            left, right = [], []
    streams.extend(s for s in (left, right) if s)
    return streams


def _find_gutter(segments: list[Segment], width: float) -> tuple[float, float] | None:
    """The empty vertical band between two text columns, or None for a one-column page.

    A band counts only if few runs cross it, both sides hold text, and the left side's
    lines mostly run up to it (prose wrapped at a column edge, not a table of short
    labels beside their values).
    """
    if len(segments) < 6:
        return None
    limit = 0.1 * len(segments)
    low, high = int(0.25 * width), int(0.75 * width)
    # Runs across the whole middle half cover every candidate gutter position, so when
    # they alone exceed the limit (any page of full-width prose) there is no gutter.
    if sum(1 for seg in segments if int(seg.x0) <= low and math.ceil(seg.x1) > high) > limit:
        return None
    size = int(width) + 2
    diff = [0] * (size + 1)
    for seg in segments:
        # Clamped to the page by comparisons: min() and max() calls cost twice as much here.
        first, last = int(seg.x0), math.ceil(seg.x1)
        diff[first if 0 <= first <= size else (0 if first < 0 else size)] += 1
        diff[last if 0 <= last <= size else (0 if last < 0 else size)] -= 1
    coverage = list(accumulate(diff))
    best: tuple[int, int] | None = None
    run_start = None
    for x in range(low, high + 1):
        if coverage[x] <= limit:
            run_start = x if run_start is None else run_start
            if best is None or x + 1 - run_start > best[1] - best[0]:
                best = (run_start, x + 1)
        else:
            run_start = None
    if best is None or best[1] - best[0] < 5:
        return None
    start, end = best
    left = [s for s in segments if s.x1 <= start + 1]
    right = [s for s in segments if s.x0 >= end - 1]
    if len(left) < 3 or len(right) < 3:
        return None
    left_edge = min(s.x0 for s in left)
    if median(s.x1 for s in left) < start - 0.3 * (start - left_edge):
        return None
    return float(start), float(end)
