"""Render Word automatic numbering ("12.", "(b)", "(iv)") the way Word displays it.

Word keeps list numbers out of the paragraph text: a paragraph points (directly or through
its style) at a numbering instance `w:num`, which points at an abstract definition
`w:abstractNum` holding one `w:lvl` per indent level. The numbers themselves exist only
as counters Word advances while laying the document out, so they are recomputed here by
visiting the paragraphs in reading order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import overload

from lxml import etree

from linter.numerals import to_roman

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = f"{W}val"
_MAX_LEVELS = 9
# Word's own ceiling for a list counter; a file claiming more (a w:start of 300,000,000 in a
# letter format would render an 11-million-character label) is hostile or broken.
_MAX_COUNTER = 32_767
# No citation label is longer; a longer rendering cites nothing useful.
_MAX_LABEL = 40


@dataclass(frozen=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart: restart after this 1-based level; 0 = never
    legal: bool = False  # w:isLgl: show every level's counter as a decimal
    style: str | None = None  # w:pStyle: the paragraph style this level belongs to


@dataclass
class _Instance:
    """A `w:num`: which abstract definition it uses and the levels it overrides."""

    abstract_id: str
    levels: dict[int, Level]
    restarts: dict[int, int]  # ilvl -> startOverride value


@dataclass
class _ListState:
    counters: list[int | None] = field(default_factory=lambda: [None] * _MAX_LEVELS)
    started_instances: set[str] = field(default_factory=set)


@overload
def _int(el: etree._Element | None, default: int) -> int: ...


@overload
def _int(el: etree._Element | None, default: None = None) -> int | None: ...


def _int(el: etree._Element | None, default: int | None = None) -> int | None:
    if el is None:
        return default
    try:
        return max(-_MAX_COUNTER, min(int(el.get(_VAL, "")), _MAX_COUNTER))
    except ValueError:
        return default


def _parse_level(lvl: etree._Element) -> Level:
    fmt_el = lvl.find(f"{W}numFmt")
    text_el = lvl.find(f"{W}lvlText")
    legal_el = lvl.find(f"{W}isLgl")
    style_el = lvl.find(f"{W}pStyle")
    return Level(
        start=_int(lvl.find(f"{W}start"), 1),
        fmt=fmt_el.get(_VAL, "decimal") if fmt_el is not None else "decimal",
        text=text_el.get(_VAL, "") if text_el is not None else "",
        restart=_int(lvl.find(f"{W}lvlRestart")),
        legal=legal_el is not None and legal_el.get(_VAL, "true") not in ("0", "false", "off"),
        style=style_el.get(_VAL) if style_el is not None else None,
    )


def _levels_of(parent: etree._Element) -> dict[int, Level]:
    levels = {}
    for lvl in parent.iterfind(f"{W}lvl"):
        ilvl = _int_attr(lvl, "ilvl")
        if ilvl is not None and 0 <= ilvl < _MAX_LEVELS:
            levels[ilvl] = _parse_level(lvl)
    return levels


def _int_attr(el: etree._Element, name: str) -> int | None:
    try:
        return int(el.get(f"{W}{name}", ""))
    except ValueError:
        return None


class Numbering:
    """Numbering definitions of one document plus the running counters of its lists.

    Call `render(num_id, ilvl)` once per numbered paragraph, in reading order; it advances
    the counters and returns the label Word shows, or None for bullets and empty labels.
    Instances sharing an abstract definition share counters (Word continues such lists);
    an instance with `w:startOverride` restarts the overridden levels the first time it is used.
    """

    def __init__(self, numbering: etree._Element | None, style_num_ids: dict[str, str]) -> None:
        self._abstract: dict[str, dict[int, Level]] = {}
        self._abstract_link: dict[str, str] = {}  # abstractNumId -> numbering style it follows
        self._instances: dict[str, _Instance] = {}
        self._style_num_ids = style_num_ids
        self._lists: dict[str, _ListState] = {}
        if numbering is not None:
            self._load(numbering)

    def _load(self, numbering: etree._Element) -> None:
        for abstract in numbering.iterfind(f"{W}abstractNum"):
            aid = abstract.get(f"{W}abstractNumId")
            if aid is None:
                continue
            self._abstract[aid] = _levels_of(abstract)
            link = abstract.find(f"{W}numStyleLink")
            style = link.get(_VAL) if link is not None else None
            if style:
                self._abstract_link[aid] = style
        for num in numbering.iterfind(f"{W}num"):
            num_id = num.get(f"{W}numId")
            ref = num.find(f"{W}abstractNumId")
            abstract_id = ref.get(_VAL) if ref is not None else None
            if num_id is None or abstract_id is None:
                continue
            levels: dict[int, Level] = {}
            restarts: dict[int, int] = {}
            for override in num.iterfind(f"{W}lvlOverride"):
                ilvl = _int_attr(override, "ilvl")
                if ilvl is None or not 0 <= ilvl < _MAX_LEVELS:
                    continue
                lvl = override.find(f"{W}lvl")
                if lvl is not None:
                    levels[ilvl] = _parse_level(lvl)
                start = _int(override.find(f"{W}startOverride"))
                if start is not None:
                    restarts[ilvl] = start
            self._instances[num_id] = _Instance(abstract_id, levels, restarts)

    def _abstract_id(self, num_id: str) -> str | None:
        """Follow num -> abstractNum, and numStyleLink -> style -> num, as far as it goes."""
        seen: set[str] = set()
        instance = self._instances.get(num_id)
        while instance is not None and instance.abstract_id not in seen:
            aid = instance.abstract_id
            seen.add(aid)
            linked_style = self._abstract_link.get(aid)
            linked_num = self._style_num_ids.get(linked_style) if linked_style else None
            if linked_num is None or linked_num not in self._instances:
                return aid
            instance = self._instances[linked_num]
        return None

    def level_for_style(self, num_id: str, style_id: str) -> int | None:
        """The level whose `w:pStyle` names `style_id` (how a style's numbering picks its level)."""
        aid = self._abstract_id(num_id)
        if aid is None:
            return None
        for ilvl, level in self._abstract.get(aid, {}).items():
            if level.style == style_id:
                return ilvl
        return None

    def render(self, num_id: str, ilvl: int) -> str | None:
        instance = self._instances.get(num_id)
        aid = self._abstract_id(num_id)
        if instance is None or aid is None or not 0 <= ilvl < _MAX_LEVELS:
            return None
        levels = {**self._abstract.get(aid, {}), **instance.levels}
        level = levels.get(ilvl)
        if level is None:
            return None
        starts = {i: instance.restarts.get(i, lv.start) for i, lv in levels.items()}
        state = self._lists.setdefault(aid, _ListState())
        if num_id not in state.started_instances:
            state.started_instances.add(num_id)
            for restarted in instance.restarts:
                state.counters[restarted] = None
        self._advance(state, levels, starts, ilvl)
        if level.fmt == "bullet":
            return None
        label = _fill(level, levels, starts, state.counters).strip()
        # A label with no digit or letter ("", ".", a symbol) cites nothing.
        return label if any(ch.isalnum() for ch in label) and len(label) <= _MAX_LABEL else None

    @staticmethod
    def _advance(state: _ListState, levels: dict[int, Level], starts: dict[int, int], ilvl: int) -> None:
        current = state.counters[ilvl]
        state.counters[ilvl] = starts.get(ilvl, 1) if current is None else min(current + 1, _MAX_COUNTER)
        for deeper in range(ilvl + 1, _MAX_LEVELS):
            restart = levels[deeper].restart if deeper in levels else None
            # lvlRestart=N (1-based) restarts only after level N or a shallower one is used.
            if restart is None or (restart != 0 and ilvl < restart):
                state.counters[deeper] = None


def _fill(level: Level, levels: dict[int, Level], starts: dict[int, int], counters: list[int | None]) -> str:
    out = []
    text = level.text[:_MAX_LABEL]  # each %N may render long: never start from a long template
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "%" and i + 1 < len(text) and text[i + 1] in "123456789":
            ref = int(text[i + 1]) - 1
            ref_level = levels.get(ref, Level())
            value = counters[ref]
            if value is None:  # a level never used shows its start value, as Word does
                value = starts.get(ref, 1)
            fmt = "decimal" if level.legal and ref_level.fmt != "none" else ref_level.fmt
            out.append(format_number(value, fmt))
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _ordinal_suffix(n: int) -> str:
    if n % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def format_number(n: int, fmt: str) -> str:
    """One counter value in a Word `w:numFmt`; unknown formats fall back to decimal."""
    if fmt == "none" or fmt == "bullet":
        return ""
    if fmt in ("lowerLetter", "upperLetter") and n > 0:
        # Word repeats the letter past z: 27 -> "aa", 28 -> "bb".
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt in ("lowerRoman", "upperRoman") and 0 < n < 4000:
        numeral = to_roman(n)
        return numeral if fmt == "lowerRoman" else numeral.upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "ordinal":
        return f"{n}{_ordinal_suffix(n)}"
    return str(n)
