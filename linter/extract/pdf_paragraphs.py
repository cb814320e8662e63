"""Join PDF body lines into paragraph Blocks.

A PDF has no paragraphs, only positioned lines, so paragraph ends are inferred: a line
that opens a provision ("12.", "(a)", "§ 3", "Article 5"), a vertical gap wider than the
usual line spacing, a change of indentation, or a line that stops well short of the
column edge. Across a page or column break the paragraph carries on unless it had ended
a sentence. Words hyphenated at a line break are rejoined.
"""

from __future__ import annotations

import re
from statistics import median

from linter.extract.pdf_layout import Line
from linter.model import Block, SourceRef

# A line opening a provision: "12.", "12.—(1)", "4015.", "(a)", "(1)", "(iv)", "1)", "§ 3".
_NUMBER_START = re.compile(r"§+\s*[0-9]|(?:\(\s*[0-9A-Za-z]{1,6}\s*\)|[0-9]+[A-Za-z]?(?:\.[0-9]+)*[.)])(?=\s|$|[—–(-])")
# Labels written as words, or a bare section number before a capitalised title ("1 Name of Act").
_LABEL_START = re.compile(
    r"(?i:article|rule|section|regulation|part|chapter|schedule|division)\s+(?:[0-9]+|[IVXLC]+)[A-Za-z]?\b"
    r"|[0-9]+[A-Z]?\s+[A-Z][a-z]"
)
# A line ending mid cross-reference: "subparagraph" / "(B) or ...", "paragraphs (3) and" / "(4) ...".
_REFERENCE_END = re.compile(
    r"\b(?:sub-?)?(?:paragraphs?|clauses?|sections?|rules?|articles?|regulations?|items?|parts?|chapters?"
    r"|schedules?|divisions?)$|§$|\)\s+(?:and|or|to|through)$",
    re.IGNORECASE,
)
# The last letter of every _REFERENCE_END alternative: a line ending otherwise (most end in
# punctuation) cannot match it, and the check is far cheaper than searching the whole line.
_REFERENCE_LAST = re.compile(r"[hsenmtrdo§]$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.:;!?][\"'”’)\]]*$")
_HYPHENATED_END = re.compile(r"(\w+)-$")
_FIRST_WORD = re.compile(r"\w+")
# Prefixes that keep their hyphen when a compound is broken at it ("pre-" / "trial").
_COMPOUND_PREFIXES = frozenset(
    {"pre", "post", "non", "self", "ex", "co", "anti", "semi", "quasi", "cross", "well", "full", "half", "part"}
)
_GAP_FACTOR = 1.2


def build_blocks(lines: list[Line]) -> list[Block]:
    """Group `lines` (in reading order) into paragraphs, one Block each."""
    if not lines:
        return []
    layout = _Layout(lines)
    paragraphs: list[list[Line]] = []
    for line in lines:
        if paragraphs and not layout.starts_paragraph(paragraphs[-1], line):
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    vocabulary = _Vocabulary(lines)
    return [_block(paragraph, vocabulary) for paragraph in paragraphs]


class _Layout:
    """Document-wide measures the paragraph decisions compare a line against."""

    def __init__(self, lines: list[Line]) -> None:
        steps = [
            b.top - a.top
            for a, b in zip(lines, lines[1:])
            if a.stream == b.stream and 0 < b.top - a.top < 3 * (a.bottom - a.top)
        ]
        self.pitch = median(steps) if steps else 0.0
        ends: dict[tuple[int, int], list[float]] = {}
        for line in lines:
            ends.setdefault(line.stream, []).append(line.x1)
        # The 90th percentile, so one overlong line does not make every other line look short.
        self.right_edge = {stream: sorted(xs)[int(0.9 * (len(xs) - 1))] for stream, xs in ends.items()}

    def starts_paragraph(self, paragraph: list[Line], line: Line) -> bool:
        prev = paragraph[-1]
        if _opens_provision(line.text, prev.text):
            return True
        if line.stream != prev.stream and (line.page != prev.page or line.top <= prev.top):
            # Reading jumped to the next page or back up to the top of the next column.
            return bool(_SENTENCE_END.search(prev.text)) or self._is_short(prev, line)
        step = line.top - prev.top
        if step <= 0 or (self.pitch and step > _GAP_FACTOR * self.pitch):
            return True
        tolerance = max(2.5, 0.3 * (prev.bottom - prev.top))
        shift = line.x0 - prev.x0
        if abs(shift) > tolerance and len(paragraph) >= 2:
            # Indented after continuation lines: a new first-line indent, or a new item
            # leaving a hanging indent.
            return True
        if shift > tolerance:
            # The second line of a hanging-indent item, unless the first line had ended.
            return bool(_SENTENCE_END.search(prev.text)) or self._is_short(prev, line)
        return self._is_short(prev, line)

    def _is_short(self, prev: Line, line: Line) -> bool:
        """Whether `prev` stopped early: the first word of `line` would have fitted after it."""
        if prev.text.endswith(("-", "-\n")) and _HYPHENATED_END.search(prev.text[-40:]):
            return False  # a word broken across the lines; the break is where it fitted
        first = line.text.split(" ", 1)[0]
        char_width = (line.x1 - line.x0) / max(1, len(line.text))
        room = self.right_edge[prev.stream] - prev.x1
        return room > (len(first) + 2) * char_width


def _opens_provision(text: str, prev_text: str) -> bool:
    if _NUMBER_START.match(text):
        return not (_REFERENCE_LAST.search(prev_text[-2:]) and _REFERENCE_END.search(prev_text))
    match = _LABEL_START.match(text)
    if not match:
        return False
    label_is_caps = match.group(0)[:4].isupper()
    return label_is_caps or bool(_SENTENCE_END.search(prev_text)) or prev_text.endswith(("—", "–"))


class _Vocabulary:
    """Words and hyphenated compounds seen mid-line, to judge a hyphen at a line break."""

    def __init__(self, lines: list[Line]) -> None:
        self._lines = lines
        self._words: set[str] | None = None
        self._compounds: set[str] = set()

    def keeps_hyphen(self, head: str, tail: str) -> bool:
        if self._words is None:
            text = "\n".join(line.text for line in self._lines).lower()
            self._words = set(re.findall(r"\w+", text))
            # A compound lies within one line, so only lines with a hyphen are searched.
            hyphenated = "\n".join(part for part in text.split("\n") if "-" in part)
            self._compounds = set(re.findall(r"\w+-\w+", hyphenated))
        head, tail = head.lower(), tail.lower()
        if head + tail in self._words:
            return False
        return f"{head}-{tail}" in self._compounds or head in _COMPOUND_PREFIXES


def _separator(text: str, following: str, vocabulary: _Vocabulary) -> tuple[str, str]:
    """How line `text` meets the next line: (text with any hyphen dropped, separator)."""
    if not text.endswith("-"):
        return text, " "  # most lines: the first word of the next line is not needed
    hyphenated = _HYPHENATED_END.search(text[-40:])
    first = _FIRST_WORD.match(following)
    if not hyphenated or not first:
        return text, " "
    head = hyphenated.group(1)
    if head[-1].isdigit() and following[0].isdigit():
        return text, ""  # "20-" / "902": a number range or code
    if following[0].islower() and not vocabulary.keeps_hyphen(head, first.group(0)):
        return text[:-1], ""  # "impris-" / "onment"
    if following[0].isalpha():
        return text, ""  # "pre-" / "trial", "Anti-" / "Slavery"
    return text, " "


def _block(paragraph: list[Line], vocabulary: _Vocabulary) -> Block:
    parts = []
    for line, following in zip(paragraph, paragraph[1:]):
        text, separator = _separator(line.text, following.text, vocabulary)
        parts += [text, separator]
    parts.append(paragraph[-1].text)
    text = "".join(parts)
    first = paragraph[0]
    on_first_page = [line for line in paragraph if line.page == first.page]
    bbox = (
        min([line.x0 for line in on_first_page]),
        min([line.top for line in on_first_page]),
        max([line.x1 for line in on_first_page]),
        max([line.bottom for line in on_first_page]),
    )
    return Block(text=text, ref=SourceRef(page=first.page, line=first.number, bbox=bbox))
