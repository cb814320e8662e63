"""Make document text and file names safe to print, one way for every output.

A regulation's text and a file's name are data from outside: they may hold terminal
escape sequences (an OSC hyperlink or window title, a CSI "clear screen"), other control
characters, bidirectional overrides that visually reorder a quoted clause, newlines that
split a one-line error, or bytes that are not UTF-8. Every reporter runs what it prints
through these functions, so a report shows the text without acting on it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import fields, is_dataclass, replace

# ESC-introduced sequences as terminals parse them: CSI (ESC [ ... final byte), OSC / DCS /
# APC / PM / SOS strings (ended by BEL or ESC \), and two-byte escapes. The C1 forms
# (U+009B CSI, U+009D OSC ...) are matched too.
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]P^_X]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -~]?"
)
# C0 and C1 controls and DEL; tab and newline are layout, not controls, in multi-line text.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Lone surrogates: undecodable bytes carried in a str, which no UTF-8 output can hold.
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Bidirectional embeddings, overrides and isolates (U+202A-202E, U+2066-2069).
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
# Markdown syntax that would become a link, emphasis, code, heading, list or table cell.
# Parentheses stay as they are: with the brackets escaped they can no longer make a link,
# and clause labels like "12(3)" and "(line 3)" stay readable in the Markdown source.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>#+!|~])")


def clean_text(text: str) -> str:
    """Document text as plain characters: escape sequences removed, controls and bidi shown as code points."""
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = _CONTROL.sub(_code_point, text)
    text = _SURROGATE.sub(_code_point, text)
    return _BIDI.sub(_code_point, text)


def valid_unicode(text: str) -> str:
    """Text any UTF-8 output can hold: lone surrogates shown as code points, the rest untouched."""
    return _SURROGATE.sub(_code_point, text)


def printable_path(path: str) -> str:
    """A file name on one printable line of valid UTF-8, whatever bytes it holds.

    Undecodable bytes (surrogate escapes of a non-UTF-8 name) become `\\xNN`, controls
    (a newline, ESC) and bidi controls become `\\n`, `\\x1b`, `\\u202e`: the name stays
    recognisable and one error stays one line, in every format.
    """
    out = []
    for ch in path:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # a byte the file system name held that is not UTF-8
            out.append(f"\\x{code - 0xDC00:02x}")
        elif 0xD800 <= code <= 0xDFFF:
            out.append(f"\\u{code:04x}")
        elif _CONTROL.match(ch) or ch in "\t\n" or _BIDI.match(ch):
            out.append(repr(ch)[1:-1] if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def one_line(message: str) -> str:
    """An error message on one line: line breaks folded to spaces, everything else cleaned."""
    return clean_text(" ".join(message.split()))


def markdown_escape(text: str) -> str:
    """Text shown literally in Markdown: HTML special characters and Markdown syntax escaped."""
    from html import escape

    return _MARKDOWN.sub(r"\\\1", escape(clean_text(text), quote=False))


def cleaned(value, text: Callable[[str], str] = clean_text, path_fields: frozenset[str] = frozenset({"path"})):
    """A copy of a result object (dataclasses, lists, dicts) with every string made safe.

    Fields named in `path_fields` go through `printable_path`, all other strings through
    `text` (`clean_text` for reports people read, `valid_unicode` for JSON and SARIF,
    whose own escaping handles controls). Reporters receive the copy, so no format can
    forget a field.
    """
    if isinstance(value, str):
        return text(value)
    if isinstance(value, (list, tuple)):
        return type(value)(cleaned(v, text, path_fields) for v in value)
    if isinstance(value, dict):
        return {k: cleaned(v, text, path_fields) for k, v in value.items()}
    if is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in fields(value):
            if not f.init:
                continue
            current = getattr(value, f.name)
            if f.name in path_fields and isinstance(current, str):
                changes[f.name] = printable_path(current)
            elif isinstance(current, (str, list, tuple, dict)) or is_dataclass(current):
                changes[f.name] = cleaned(current, text, path_fields)
        return replace(value, **changes)
    return value


def _code_point(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
