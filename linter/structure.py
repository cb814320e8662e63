"""Turn extracted Blocks into cited Provisions, whatever the input format.

Drafting traditions number their provisions differently (Westminster "12.—(1)(a)(ii)",
US codes "§ 541.22(b)(1)(A)(i)", civil-law "Article 5", Indian gazette bullets), so the
nesting of bracketed items is never read from a fixed table: each section keeps a
stack of the numbering styles in the order they appear under it, and an item joins
the level whose next expected number it is, or opens a new level below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from linter.definitions import is_definition
from linter.model import Block, Provision
from linter.numerals import to_roman

# --- line shapes -----------------------------------------------------------------

_ITEM = re.compile(r"\((\d{1,3}[A-Z]{0,2}|[a-z]{1,6}|[A-Z]{1,6})\)")
_GAP = re.compile(r"\[\s*(?:\.\.\.|…)\s*\]")
_HEADING_WORD = re.compile(
    r"(?P<word>PART|Part|SUBPART|Subpart|CHAPTER|Chapter|SUBCHAPTER|Subchapter|DIVISION|Division"
    r"|SUBDIVISION|Subdivision|TITLE|Title|SCHEDULE|Schedule|APPENDIX|Appendix|ANNEX|Annex)"
    r"(?:\s+[\w'’]{1,12})?(?=$|[\s.:—–-])"
)
_SECTION_SIGN = re.compile(r"\[?§+\s*(?P<num>\d+[A-Za-z]?(?:[.\-]\d+[A-Za-z]?)*)(?P<close>\])?\.?\s*[—–-]*\s*")
# "[s. 12] Use of holding cells" (Western Australia and other Commonwealth reprints): the
# bracketed reference numbers the block that follows and the words after it are its caption.
_SECTION_BRACKET = re.compile(
    r"\[\s*(?:s|ss|r|rr|reg|rule|art|sec|section|cl)\.?\s*(?P<num>\d+[A-Za-z]*(?:[.\-]\d+[A-Za-z]*)*)\s*\]\s*[—–-]*\s*",
    re.I,
)
_SECTION_WORD = re.compile(
    r"(?P<word>Section|SECTION|Sec\.|SEC\.|s\.|Article|ARTICLE|Art\.|Rule|RULE|Regulation|REGULATION"
    r"|Reg\.|Clause|CLAUSE|cl\.|Para\.|Para|PARA\.|PARA)\s+(?P<num>\d+[A-Za-z]*(?:[.\-]\d+[A-Za-z]*)*|[IVXLC]+)"
    r"(?=$|[\s.:—–(-])\.?\s*[—–-]*\s*"
)
_SECTION_DOTTED = re.compile(r"(?P<num>\d+[A-Z]?(?:[.\-]\d+[A-Za-z]?)*)\.(?=$|\s|[—–(-])\s*[—–-]*\s*")
# "3.8 A full search ..." (service instructions, standing orders): decimal paragraph numbers.
_SECTION_DECIMAL = re.compile(r"(?P<num>\d{1,3}(?:\.\d{1,3})+)\s+(?=[A-Z(“\"])")
# "12 Title" (Australia, New Zealand): no full stop, so only a short title may follow.
_SECTION_BARE = re.compile(r"(?P<num>\d+[A-Z]{0,2})\s+(?=[A-Z])")
# "A. No restraint ...", "1) Women ...", "b) ...": a letter with a full stop or a number or
# letter with a closing bracket only is an item label, not part of the sentence.
# Latin American codes number an article's items "I.", "II." (Mexico) or "I -", "II -" (Brazil);
# ASEAN regulations and US directives letter them "a.", "b.".
_PARA_LABEL = re.compile(
    r"(?:(?P<dotted>[A-Z]|[IVXL]{2,6}|[a-z])\.|(?P<paren>\d{1,3}|[a-z]{1,4}|[A-Z]{1,4})\)|(?P<dash>[IVXL]{1,6})\s+[-–—])\s+(?=\S)"
)
_INITIALS = re.compile(r"[A-Z]\.\s")
# Items run on inside one paragraph: "... shall not be: (a) ...; (b) ...; or (c) ...".
# Post-Soviet codes write "1) ...; 2) ..." with a closing bracket only; lists may run on commas.
# Latin American codes run "I. …; II. …" (Mexican fracciones), ASEAN regulations "a. …; b. …".
_INLINE_ITEM = re.compile(
    r"(?:[:—–]|[;,]\s*(?:(?:or|and)\s+)?)\s*"
    r"(?:\((?P<tok>\d{1,3}|[a-z]{1,4}|[A-Z]{1,4})\)|(?P<bare>\d{1,2}|[a-z])\)|(?P<dot>[IVX]{1,5}|[a-z])\.)\s+"
)
# Any item label that opens a capitalised run ("(B) Prohibition No information ..."), to see
# whether the paragraph holds more than the one list being split.
_ANY_INLINE_ITEM = re.compile(r"(?<=[\s.;:—–])\((?:\d{1,3}|[a-z]{1,4}|[A-Z]{1,4})\)\s+(?=[A-Z])")
# A label after a list or sentence break, in a flattened multi-level subsection.
_NESTED_ITEM = re.compile(r"(?:[:—–.]\s+|;\s*(?:(?:or|and)\s+)?)\((?P<tok>\d{1,3}|[a-z]{1,4}|[A-Z]{1,4})\)\s+")
_QUOTE_OPEN, _QUOTE_CLOSE = "“‘", "”’"
_FREE_LEAD_IN = re.compile(r"[:—–]\s*$")
_BULLET_RULE = re.compile(r"[-–•]\s+(?P<title>.+?)\s*\.\s*[-–—]+\s*(?P<rest>.*)")
_BULLET_HEADING = re.compile(r"[-–•]\s+(?P<title>[^.;:]{1,80})")
_TITLE_THEN_ITEM = re.compile(r"(?P<title>.{1,200}?)\s*\.\s*[-–—]*\s*(?P<rest>\(\w{1,6}\).*)")
_TITLE_THEN_TEXT = re.compile(r"(?P<title>[^.]{1,120}?)\.\s+(?P<rest>[A-Z“\"].*)")
_VERB = re.compile(r"\b(?:shall|may|must|will|is|are|was|were|means|includes|has|have|be)\b", re.I)
_LEAD_IN_END = re.compile(r"(?:[—:–-]|\b(?:shall|that|means|includes|to|of|the following))\s*$")
# A caption makes its whole section a definitions section only when every topic it lists is
# one ("Definitions", "Interpretation and application" does not; "Use of cells; definitions" does not).
_DEFINITION_TITLE = re.compile(
    r"(?:\d+\.?\s*)?(?:interpretation|(?:(?:certain|other|general|further|additional)\s+)?definitions?|terms used|(?:definitions?|meaning) of [\w\s’'-]{1,40})",
    re.I,
)
_TOPIC_SPLIT = re.compile(r"\s*(?:[;,]|\band\b)\s*", re.I)
_INSTRUMENT_TITLE = re.compile(r"\b(?:Rules|Regulations?|Act|Code|Order)\b.*\b\d{4}\b", re.I)
_BRACKETED = re.compile(r"\[(?P<title>[^\]]{1,100})\]")
_TERMINAL = ".;:,—–-"

# An editorial note or example of Australian and New Zealand acts ("Example—par (a) (ii)",
# "Examples for item 9", "Note for section 3", "Note 2—"): it illustrates the provision above it
# and is not part of it. A "Note:" of US directives is often an instruction, so a note needs a
# dash, a number or "for"; an example never binds.
_EDITORIAL_NOTE = re.compile(r"(?:Examples?(?:\s+\d+)?(?=$|\s*[—–:-]|\s+for\b)|Notes?(?:\s+\d+)?(?=\s*[—–]|\s+for\b))")

_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}

# Heading levels: keyword headings rank by the order they first appear (a US code puts
# Chapter above Part, a UK instrument Part above Chapter); unnamed headings rank below.
_CAPS_LEVEL = 100
_TITLE_LEVEL = 101
_FORMAT_LEVEL = 50


@dataclass
class _Line:
    kind: str  # "heading", "section", "item", "para"
    text: str = ""
    heading_kind: str = ""
    family: str = ""  # "§", "Article", "" (bare number), "bullet", ...
    label: str = ""
    title: str = ""
    items: list[str] = field(default_factory=list)
    title_had_period: bool = False  # "12. Searches." may be a title or a short sentence
    has_parts: bool = False  # "Article 1. Scope" followed by its parts "1.", "2."


def build_provisions(blocks: list[Block]) -> list[Provision]:
    """Split Blocks into Provisions with citation labels, heading paths and parent links."""
    lines = [_classify(block) for block in blocks]
    _drop_editorial_notes(lines)
    _number_parts(lines)
    _promote_titles(lines)
    _mark_toc(lines)
    builder = _Builder()
    for block, line in zip(blocks, lines):
        if line.kind != "skip":
            builder.add(block, line)
    return builder.provisions


# --- classifying one block ----------------------------------------------------------


def _classify(block: Block) -> _Line:
    text = " ".join(f"{block.number or ''} {block.text}".split())
    if not text or _GAP.fullmatch(text):
        return _Line("skip")
    if block.ref.row is not None:
        return _Line("row", text)
    heading = _HEADING_WORD.match(text)
    if block.heading_level is not None:
        # Word styles section titles ("§ 4042. Duties ...") as headings too; the number wins.
        section = None if heading else _section(text)
        return section or _Line("heading", text, heading_kind=f"h{block.heading_level}")
    if heading and _is_title(text, 25):
        # "TITLE II" is a division of a US code, not an unnamed cross-heading (kind "title").
        word = heading.group("word").lower()
        return _Line("heading", text, heading_kind="code-title" if word == "title" else word)
    section = _section(text)
    if section:
        return section
    items, rest = _leading_items(text)
    if items:
        return _Line("item", rest, items=items)
    if _is_caps_heading(text):
        return _Line("heading", text, heading_kind="caps")
    bracketed = _BRACKETED.fullmatch(text)
    if bracketed and _is_title(bracketed.group("title"), 8):
        return _Line("heading", bracketed.group("title"), heading_kind="title")
    bullet = _BULLET_HEADING.fullmatch(text)
    if bullet and _is_title(bullet.group("title"), 10):
        return _Line("heading", bullet.group("title"), heading_kind="title")
    return _Line("para", text)


def _section(text: str) -> _Line | None:
    match = _SECTION_BRACKET.match(text)
    if match:
        return _section_line("", match.group("num"), text[match.end() :])
    match = _SECTION_SIGN.match(text)
    if match:
        rest = text[match.end() :]
        if text.startswith("[") and not match.group("close"):
            rest = rest.removesuffix("]").rstrip()
        return _section_line("§", f"§ {match.group('num')}", rest)
    match = _SECTION_WORD.match(text)
    if match and not text[match.end() : match.end() + 1].islower():
        family = _WORD_FAMILY[match.group("word").lower()]
        return _section_line(family, f"{family} {match.group('num')}", text[match.end() :])
    match = _BULLET_RULE.fullmatch(text)
    if match:
        return _section_line("bullet", "", match.group("rest"), title=match.group("title"))
    match = _SECTION_DOTTED.match(text) or _SECTION_DECIMAL.match(text)
    if match:
        return _section_line("", match.group("num"), text[match.end() :])
    match = _SECTION_BARE.match(text)
    # Without a full stop only a title may follow the number ("53 Penalties ... may impose").
    if match and _is_short_line(text[match.end() :], 15):
        return _Line("section", "", family="", label=match.group("num"), title=text[match.end() :])
    return None


_WORD_FAMILY = {
    "section": "Section",
    "sec.": "Section",
    "s.": "Section",
    "article": "Article",
    "art.": "Article",
    "rule": "Rule",
    "regulation": "Regulation",
    "reg.": "Regulation",
    "clause": "Clause",
    "cl.": "Clause",
    # South Asian jail manuals and Commonwealth standing orders number their paragraphs "Para 801."
    "para": "Para",
    "para.": "Para",
}


def _section_line(family: str, label: str, rest: str, title: str = "") -> _Line:
    rest = rest.strip()
    items, body = _leading_items(rest)
    if not items and not title:
        title, body = _split_title(rest)
        items, body = _leading_items(body)
    line = _Line("section", body, family=family, label=label, title=title, items=items)
    line.title_had_period = bool(title) and not body and rest.endswith(".")
    return line


def _split_title(rest: str) -> tuple[str, str]:
    """Separate a section's title from the text that follows it on the same line."""
    match = _TITLE_THEN_ITEM.fullmatch(rest)
    if match and _is_title(match.group("title"), 20):
        return match.group("title"), match.group("rest")
    if _is_title(rest, 20) or (rest.endswith(".") and _is_title(rest.rstrip(" ."), 12)) or _is_infinitive_caption(rest):
        return rest.rstrip(" ."), ""
    match = _TITLE_THEN_TEXT.fullmatch(rest)
    if match and _is_title(match.group("title"), 10):
        return match.group("title"), match.group("rest")
    return "", rest


def _leading_items(text: str) -> tuple[list[str], str]:
    label = _PARA_LABEL.match(text)
    # "I. GENERAL PROVISIONS", "A. Searches": a lettered heading, not an item.
    # A lower-case text after the label ("d. deposit money ...; and") is an item's, never a heading.
    after = text[label.end() :] if label is not None else ""
    heading = after[:1].isupper() and (_is_caps_heading(after) or _is_title(after, 10))
    if label and not heading and not _INITIALS.match(text, label.end()):
        token = label.group("dotted") or label.group("paren") or label.group("dash")
        if _styles(token):
            return [token], text[label.end() :]
    items = []
    pos = 0
    while match := _ITEM.match(text, pos):
        token = match.group(1)
        if _styles(token) == ():
            break
        items.append(token)
        pos = match.end()
    if items and pos < len(text) and not text[pos].isspace() and text[pos] not in "—–-":
        return [], text  # "(a)bc" is not an item number
    return items, text[pos:].lstrip(" —–-")


def _is_title(text: str, max_words: int) -> bool:
    """A title is short, unpunctuated at the end and has no verb in it."""
    text = text.strip()
    if not text or text[-1] in _TERMINAL or len(text.split()) > max_words:
        return False
    return not _VERB.search(text)


_INFINITIVE = re.compile(r"\b(?:not\s+)?to\s+be\b|\b(?:not\s+)?to\s+(?=[a-z]+\b)", re.I)
_MODAL = re.compile(r"\b(?:shall|may|must|will|should|can|means|includes)\b", re.I)


def _is_infinitive_caption(text: str) -> bool:
    """South Asian and colonial captions state their rule in the infinitive ("Female prisoners
    to be searched by female warders"): no modal, no closing punctuation, short."""
    text = text.strip()
    if not text or text[-1] in _TERMINAL or len(text.split()) > 12 or _MODAL.search(text):
        return False
    # Only the infinitive may carry the verb: "... is responsible for women" is a sentence.
    return bool(_INFINITIVE.search(text)) and not _VERB.search(_INFINITIVE.sub(" ", text))


def _is_short_line(text: str, max_words: int) -> bool:
    text = text.strip()
    return bool(text) and text[-1] not in _TERMINAL and len(text.split()) <= max_words


def _is_caps_heading(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 1 and all(c.isupper() for c in letters) and len(text.split()) <= 25 and text[-1] not in ";:,"


def _drop_editorial_notes(lines: list[_Line]) -> None:
    """Skip an editorial note or example and the unnumbered paragraphs that make up its text.

    "Example—par (a) (ii)" and the case it describes, under a subsection of an Australian act,
    illustrate it: read as its words, an example naming a contact visit would put a visit into a
    strip-search power. Numbered lines after the note are provisions again.
    """
    in_note = False
    for i, line in enumerate(lines):
        if line.kind == "para" and _EDITORIAL_NOTE.match(line.text):
            lines[i] = _Line("skip")
            in_note = True
        elif in_note and line.kind == "para":
            lines[i] = _Line("skip")
        elif line.kind != "skip":
            in_note = False


def _number_parts(lines: list[_Line]) -> None:
    """Read "1.", "2." under a captioned Article, Section or § line as its numbered parts.

    Post-Soviet and civil-law codes number the parts of an article "1.", "2." on their
    own lines ("Article 90. Conditions for women" / "1. ..." / "2. ..."): they are cited
    Article 90(1), Article 90(2), not as sections 1 and 2.
    """
    for i, line in enumerate(lines):
        if line.kind != "section" or line.family in ("", "bullet") or line.text or line.items:
            continue
        expected = 1
        for j in range(i + 1, len(lines)):
            part = lines[j]
            # The first part follows the caption directly; later ones may have sub-items between.
            if part.kind == "skip" or (expected > 1 and part.kind in ("item", "para")):
                continue
            if part.kind != "section" or part.family != "" or part.label != str(expected):
                break
            text = ". ".join(t for t in (part.title, part.text) if t)
            lines[j] = _Line("item", text, items=[part.label, *part.items])
            line.has_parts = True
            expected += 1


def _promote_titles(lines: list[_Line]) -> None:
    """Read a short title-case paragraph that stands before a section as its heading,
    and a title-only section followed by a section of another kind ("Article 5.
    Classification" before "§ 1058.") as a heading above it."""
    following = None
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if line.kind == "skip":
            continue
        if (
            line.kind == "para"
            and following is not None
            and following.kind in ("section", "heading")
            and _is_caption_line(line.text, following, _previous_line(lines, i))
            and line.text[0].isupper()
        ):
            line.kind, line.heading_kind = "heading", "title"
            line.text = line.text.removesuffix(".")
        elif (
            line.kind == "section"
            and line.family not in ("", "§", "bullet")
            and line.title
            and not line.text
            and not line.items
            and following is not None
            and following.kind == "section"
            and following.family != line.family
        ):
            line.kind, line.heading_kind = "heading", line.family.lower()
            line.text = f"{line.label} {line.title}"
        following = line


def _is_caption_line(text: str, following: _Line, previous: _Line | None) -> bool:
    """A short verbless line standing before a section is its caption; South Asian acts end
    the marginal note with a full stop ("Short title and date of operation."), unless it is
    the only text of a captioned section ("3 Principal Act amended" / "This Act amends ...")."""
    if _is_title(text, 14):
        return True
    awaiting_text = previous is not None and previous.kind == "section" and not previous.text and not previous.items
    return following.kind == "section" and not awaiting_text and text.endswith(".") and _is_title(text[:-1], 10)


def _previous_line(lines: list[_Line], i: int) -> _Line | None:
    return next((lines[j] for j in range(i - 1, -1, -1) if lines[j].kind != "skip"), None)


def _mark_toc(lines: list[_Line]) -> None:
    """A run of numbered titles with no text between them is a table of contents; the
    last title of a run is an entry too unless text or items of its own follow it."""
    entries = {
        i for i, line in enumerate(lines) if line.kind == "section" and line.title and not line.text and not line.items
    }
    # A titled section whose own parts follow it ("Article 1. Scope" / "1. ...") has a body.
    entries -= {i for i in entries if lines[i].has_parts}
    toc: set[int] = set()
    for i in sorted(entries):
        nxt = _next_content(lines, i)
        if (
            nxt in entries
            or (i - 1 in toc or _previous_content(lines, i) in toc)
            and (nxt is None or lines[nxt].kind not in ("item", "para"))
        ):
            toc.add(i)
    toc -= _lists_after_the_body(lines, toc)
    for i in toc:
        lines[i].kind = "toc"
    for i in entries - toc:
        line = lines[i]
        nxt = _next_content(lines, i)
        if line.title_had_period and (nxt is None or lines[nxt].kind not in ("item", "para")):
            # Nothing of its own follows, so "13. Women receive care." was the text.
            line.text, line.title = f"{line.title}.", ""


def _lists_after_the_body(lines: list[_Line], toc: set[int]) -> set[int]:
    """Runs of titled entries that are a list, not a table of contents.

    A schedule of punishments ("1. Admonition." / "2. Loss of remission not exceeding thirty
    days.") looks like a run of numbered titles. A table of contents comes before the body or
    names provisions that follow it; a run that comes after operative text and whose titles
    never recur later is a list of the law's own, read as text (Commonwealth schedules).
    """
    # One pass over the law, not one per run: where its body starts, and where each title is last used.
    body = next(
        (i for i, line in enumerate(lines) if line.text and line.kind in ("section", "item", "para")), len(lines)
    )
    last_use = {
        _title_key(line.title or line.text): i for i, line in enumerate(lines) if line.kind in ("section", "heading")
    }
    listed: set[int] = set()
    for run in _runs(sorted(toc)):
        recurs = any(last_use.get(_title_key(lines[i].title), -1) > run[-1] for i in run)
        if body < run[0] and not recurs:
            listed.update(run)
    return listed


def _runs(indices: list[int]) -> list[list[int]]:
    """Consecutive runs of `indices` (sorted), allowing headings and skipped lines between."""
    runs: list[list[int]] = []
    for i in indices:
        if runs and i - runs[-1][-1] <= 3:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _title_key(title: str) -> str:
    return " ".join(title.lower().rstrip(".").split())


def _previous_content(lines: list[_Line], i: int) -> int | None:
    for j in range(i - 1, -1, -1):
        if lines[j].kind not in ("heading", "skip"):
            return j
    return None


def _next_content(lines: list[_Line], i: int) -> int | None:
    for j in range(i + 1, len(lines)):
        if lines[j].kind not in ("heading", "skip"):
            return j
    return None


# --- numbering styles ---------------------------------------------------------------


def _styles(token: str) -> tuple[str, ...]:
    """The numbering styles a token could belong to, most likely first."""
    if token[0].isdigit():
        return ("decimal",)
    lower = token.islower()
    styles = []
    if _roman_value(token.lower()):
        styles.append("roman" if lower else "ROMAN")
    if len(token) == 1:
        styles.insert(0 if token.lower() not in "ivx" else len(styles), "alpha" if lower else "ALPHA")
    elif len(set(token)) == 1 and not _roman_value(token.lower()):
        styles.append("alpha2" if lower else "ALPHA2")
    return tuple(styles)


def _roman_value(token: str) -> int:
    total = 0
    for i, ch in enumerate(token):
        value = _ROMAN_VALUES.get(ch)
        if value is None:
            return 0
        nxt = _ROMAN_VALUES.get(token[i + 1], 0) if i + 1 < len(token) else 0
        total += -value if value < nxt else value
    return total if total > 0 and to_roman(total) == token else 0


def _first(style: str) -> str:
    return {"decimal": "1", "alpha": "a", "ALPHA": "A", "roman": "i", "ROMAN": "I", "alpha2": "aa", "ALPHA2": "AA"}[
        style
    ]


def _next(style: str, token: str) -> str:
    if style == "decimal":
        digits = re.match(r"\d+", token)
        assert digits is not None  # a decimal label was recognised by its leading digits
        return str(int(digits.group()) + 1)
    if style in ("roman", "ROMAN"):
        following = to_roman(_roman_value(token.lower()) + 1)
        return following if style == "roman" else following.upper()
    letter = chr(ord(token[0]) + 1)
    return letter * len(token)


# --- assembling provisions ------------------------------------------------------------


@dataclass
class _Level:
    style: str
    token: str
    index: int  # provision holding this item's text (or its latest lead-in)
    label: str


class _Builder:
    def __init__(self) -> None:
        self.provisions: list[Provision] = []
        self._path: list[tuple[int, str]] = []  # (level, heading text)
        self._shared_headings: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._keyword_levels: dict[str, int] = {}
        self._title_used = False
        self._section_label = ""
        self._section_title = ""
        self._section_index: int | None = None
        self._definitions = False
        self._stack: list[_Level] = []
        self._bullet_count = 0
        self._free_lead_in = False  # the current items hang on an unnumbered lead-in
        self._table_header: int | None = None

    def add(self, block: Block, line: _Line) -> None:
        inline: list[tuple[str, str]] = []
        if line.kind in ("section", "item", "para"):
            line.text, inline = _split_inline_items(line.text)
        self._add_line(block, line)
        for token, body in inline:
            self._items(block, [token], body)

    def _add_line(self, block: Block, line: _Line) -> None:
        if line.kind == "row":
            self._table_row(block, line.text)
        elif line.kind == "heading":
            self._heading(line)
        elif line.kind == "toc":
            self._emit(block, line.label, line.title, None, kind="toc", headings=self._headings(""))
        elif line.kind == "section":
            self._section(block, line)
        elif line.kind == "item":
            self._items(block, line.items, line.text)
        else:
            self._paragraph(block, line.text)

    # headings

    def _heading(self, line: _Line) -> None:
        level = self._heading_level(line.heading_kind)
        if line.heading_kind in ("caps", "title") and _INSTRUMENT_TITLE.search(line.text):
            level = -1  # the title of a new instrument starts a fresh heading path
        self._path = [(lvl, text) for lvl, text in self._path if lvl < level]
        self._path.append((level, line.text))
        self._title_used = False
        self._section_index = None
        self._section_label = self._section_title = ""
        self._stack = []
        self._definitions = False
        self._free_lead_in = False
        if _INSTRUMENT_TITLE.search(line.text):
            self._bullet_count = 0  # a new instrument restarts its rule numbers

    def _heading_level(self, kind: str) -> int:
        if kind == "caps":
            return _CAPS_LEVEL
        if kind == "title":
            return _TITLE_LEVEL
        if kind in ("schedule", "appendix", "annex"):
            return 0  # back matter stands beside the Parts, never inside one
        if kind[0] == "h" and kind[1:].isdigit():
            return _FORMAT_LEVEL + int(kind[1:])
        return self._keyword_levels.setdefault(kind, len(self._keyword_levels))

    def _headings(self, title: str) -> tuple[str, ...]:
        path = tuple(text for _, text in self._path)
        headings = path + (title,) if title else path
        # One tuple for all the provisions under the same headings, not one each.
        return self._shared_headings.setdefault(headings, headings)

    # sections and items

    def _section(self, block: Block, line: _Line) -> None:
        if self._path and self._path[-1][0] == _TITLE_LEVEL and self._title_used:
            self._path.pop()  # that cross-heading named the previous section, not this one
        self._title_used = True
        label, title = line.label, line.title
        if line.family == "bullet":
            self._bullet_count += 1
            label = str(self._bullet_count)
        self._section_label, self._section_title = label, title
        last_title = self._path[-1][1] if self._path else ""
        self._definitions = _is_definitions_caption(title or last_title)
        self._stack = []
        self._free_lead_in = False
        text = "" if line.items else line.text
        self._section_index = self._emit(block, label, text, None)
        if line.items:
            self._items(block, line.items, line.text)

    def _items(self, block: Block, tokens: list[str], text: str) -> None:
        for n, token in enumerate(tokens):
            depth = self._place(token)
            parent = self._stack[depth - 1].index if depth else self._section_index
            prefix = self._stack[depth - 1].label if depth else self._section_label
            label = f"{prefix}({token})"
            body = text if n == len(tokens) - 1 else ""
            index = self._emit(block, label, body, parent)
            style = self._chosen_style
            del self._stack[depth:]
            self._stack.append(_Level(style, token, index, label))

    def _place(self, token: str) -> int:
        """Return the stack depth the item goes to, setting self._chosen_style."""
        styles = _styles(token)
        stack = self._stack
        top = stack[-1] if stack else None
        if top and len(token) == 2 and token[0] == top.token and top.style in ("alpha", "ALPHA"):
            self._chosen_style = top.style  # "(aa)" inserted after "(a)"
            return len(stack) - 1
        fresh = [s for s in styles if token == _first(s) and all(lvl.style != s for lvl in stack)]
        for depth in range(len(stack) - 1, -1, -1):
            level = stack[depth]
            if level.style in styles and token == _next(level.style, level.token):
                # The lead-in is searched last: most items are no fresh style's first token.
                if fresh and depth == len(stack) - 1 and _LEAD_IN_END.search(self.provisions[level.index].text):
                    break  # "(h) the following—" then "(i)": a roman child, not letter i
                self._chosen_style = level.style
                return depth
        if fresh:
            self._chosen_style = fresh[0]
            return len(stack)
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth].style in styles:
                self._chosen_style = stack[depth].style
                return depth
        self._chosen_style = styles[0]
        return len(stack)

    def _table_row(self, block: Block, text: str) -> None:
        """A table row is a unit of its own, read with the header row as its lead-in (a
        punishment table "offence | punishment | maximum" is read row by row); its label
        says which row it is."""
        # The table belongs to the item that introduces it ("... as follows:"), else to the section.
        row = block.ref.row
        assert row is not None  # _classify makes a "row" line only of a block in a table row
        holder = self._stack[-1] if self._stack else None
        if holder is not None and not _FREE_LEAD_IN.search(self.provisions[holder.index].text):
            holder = None
        base = holder.label if holder else self._section_label
        if row == 1:
            parent = holder.index if holder else self._section_index
            self._table_header = self._emit(block, f"{base} table header".strip(), text, parent, kind="table-header")
            return
        label = f"{base} table row {row - 1}".strip()
        self._emit(block, label, text, self._table_header)

    def _paragraph(self, block: Block, text: str) -> None:
        """Unnumbered text continues the current provision: it fills an empty one, joins a
        bare caption, or becomes a provision with the same label that later items hang on."""
        if self._free_lead_in:
            # The list under an unnumbered lead-in ended: this paragraph stands on its own.
            self._stack, self._section_index, self._free_lead_in = [], None, False
        if self._stack:
            holder = self._stack[-1]
        elif self._section_index is not None:
            holder = _Level("", "", self._section_index, self._section_label)
        else:
            index = self._emit(block, "", text, None)
            if _FREE_LEAD_IN.search(text):
                # "A prisoner ... shall be liable to any of the following punishments:" with
                # no number of its own is still the lead-in of the items that follow.
                self._section_index, self._section_label, self._free_lead_in = index, "", True
            return
        current = self.provisions[holder.index]
        if not current.text:
            current.text = text
            current.changed = current.changed or block.changed
            self._refresh_kind(current, block)
        elif _is_caption(current.text) and not self._has_children(holder.index):
            current.text = f"{current.text} {text}"
            current.changed = current.changed or block.changed
            self._refresh_kind(current, block)
        else:
            holder.index = self._emit(block, holder.label, text, current.parent)
            if not self._stack:
                self._section_index = holder.index

    def _has_children(self, index: int) -> bool:
        return any(p.parent == index for p in self.provisions[index + 1 :])

    # output

    def _emit(
        self,
        block: Block,
        label: str,
        text: str,
        parent: int | None,
        kind: str = "body",
        headings: tuple[str, ...] | None = None,
    ) -> int:
        index = len(self.provisions)
        provision = Provision(
            label=label,
            text=text,
            headings=headings if headings is not None else self._headings(self._section_title),
            page=block.ref.page,
            line=block.ref.line,
            ref=block.ref,
            parent=parent,
            changed=block.changed,
            index=index,
            kind=kind,
            identifier=block.identifier,
        )
        if kind == "body":
            self._refresh_kind(provision, block)
        self.provisions.append(provision)
        return index

    def _refresh_kind(self, provision: Provision, block: Block) -> None:
        # block.definition: the format itself marks a term being defined (Akoma Ntoso <def>).
        if self._definitions or block.definition or is_definition(provision.text):
            provision.kind = "definition"


def _split_inline_items(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Split "... shall not be: (a) X; (b) Y; or (c) Z" into its lead-in and (token, text) items.

    Only a run that starts with a first number after ":" or a dash and goes on in sequence
    after ";" counts, so a cross-reference ("paragraph (a) or (b)") is never split; items
    inside quotation marks are text an amendment inserts, not items of this provision.
    """
    if text[:1] in _QUOTE_OPEN + '"' or not _INLINE_ITEM.search(text):
        return text, []
    run: list[re.Match] = []
    style = ""
    for match in _INLINE_ITEM.finditer(text):
        if _inside_quotes(text, match.start()):
            continue
        token, opener = _token(match), match.group(0)[0]
        if not run:
            style = next((s for s in _styles(token) if token == _first(s)), "")
            if opener in ":—–" and style:
                run.append(match)
        elif opener in ";," and style in _styles(token) and token == _next(style, _token(run[-1])):
            run.append(match)
        else:
            return _split_nested_items(text)  # a second list or a nested one
    if len(run) < 2:
        return text, []
    starts = {m.end() for m in run}
    if any(m.end() not in starts and not _inside_quotes(text, m.start()) for m in _ANY_INLINE_ITEM.finditer(text)):
        return _split_nested_items(text)
    head = text[: run[0].start() + 1].rstrip()
    bodies = [text[m.end() : nxt.start() + 1].strip() for m, nxt in zip(run, run[1:])]
    bodies.append(text[run[-1].end() :].strip())
    return head, [(_token(m), body) for m, body in zip(run, bodies)]


def _split_nested_items(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Split a whole flattened subsection ("... shall be— (i) X; (ii) Y; and (iii) Z— (I) ...;
    (II) .... (D) Caption ...") at every label that follows a sentence or list break.

    The labels are handed to the builder in order, which nests them by numbering style
    exactly as it nests labels that stand on their own lines. Every label must either start
    a numbering style or continue one already seen, otherwise (a cross-reference slipped in)
    the paragraph is left whole.
    """
    found = [m for m in _NESTED_ITEM.finditer(text) if not _inside_quotes(text, m.start())]
    if len(found) < 3:
        return text, []
    last: dict[str, str] = {}
    for m in found:
        token = m.group("tok")
        styles = _styles(token)
        if not any(token == _first(s) or (s in last and token == _next(s, last[s])) for s in styles):
            return text, []
        for s in styles:
            if token == _first(s) or (s in last and token == _next(s, last[s])):
                last[s] = token
    head = text[: found[0].start() + 1].rstrip()
    bodies = [text[m.end() : nxt.start() + 1].strip() for m, nxt in zip(found, found[1:])]
    bodies.append(text[found[-1].end() :].strip())
    return head, [(m.group("tok"), body) for m, body in zip(found, bodies)]


def _token(match: re.Match) -> str:
    return match.group("tok") or match.group("bare") or match.group("dot")


def _inside_quotes(text: str, pos: int) -> bool:
    before = text[:pos]
    curly = sum(before.count(c) for c in _QUOTE_OPEN[:1]) - sum(before.count(c) for c in _QUOTE_CLOSE[:1])
    return curly > 0 or before.count('"') % 2 == 1


def _is_definitions_caption(caption: str) -> bool:
    topics = [t for t in _TOPIC_SPLIT.split(caption.strip(" .:")) if t]
    return bool(topics) and all(_DEFINITION_TITLE.fullmatch(t) for t in topics)


def _is_caption(text: str) -> bool:
    return len(text.split()) <= 10 and not _VERB.search(text) and text[-1:] not in ";:,—–"
