"""Invisible characters: C0/C1 controls, bidi overrides and isolates, lone surrogates.

They change how text is displayed, not what it says, so a spec field carrying one is refused
(with its position), ``check`` reports them, and terminal output shows them as ``<U+202E>``.
"""
from __future__ import annotations

import re

#: C0/C1 controls except tab and newline, the Unicode bidi overrides/isolates and other invisible
#: format characters that change how text is displayed, not what it says (see :data:`_BAD_RE`).
_NAMES = {0x202E: "从右向左覆盖符 U+202E", 0x202D: "从左向右覆盖符 U+202D", 0x200F: "从右向左标记 U+200F",
          0x200E: "从左向右标记 U+200E", 0xFEFF: "零宽不换行空格 U+FEFF"}


_BAD_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069"
                     "\ufeff\ufffe\uffff\ud800-\udfff]")


def bad_char(text: str) -> tuple[int, str] | None:
    """(1-based position, name) of the first control, bidi override or lone surrogate in
    *text*, or None.  Tab, line feed and carriage return are allowed."""
    m = _BAD_RE.search(text)
    if m is None:
        return None
    cp = ord(m.group())
    if 0xD800 <= cp <= 0xDFFF:
        return m.start() + 1, f"孤立的代理字符 U+{cp:04X}"
    return m.start() + 1, _NAMES.get(cp, f"控制字符 U+{cp:04X}" if cp < 0x200E else f"方向控制符 U+{cp:04X}")


def strip_bad_chars(text: str) -> str:
    """*text* without the characters :func:`bad_char` names (for display of foreign text)."""
    return _BAD_RE.sub("", text)


def visible(text: str) -> str:
    """*text* for a terminal or a report: each control, bidi or lone-surrogate character shown as
    ``<U+202E>`` instead of acting on the display."""
    return _BAD_RE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def json_visible(text: str) -> str:
    """JSON text with those characters as ``\\uXXXX`` escapes (still the same JSON value)."""
    return _BAD_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def unquoted(text: str) -> str:
    """*text* without one pair of quotation marks around the whole of it (the writer's typing)."""
    t = text.strip()
    return t[1:-1].strip() if len(t) >= 2 and t[0] in "“\"" and t[-1] in "”\"" else t


def nested_quotes(text: str) -> str:
    """Quotation marks inside a quotation as single ones: 确保实现“双过半” → 确保实现‘双过半’ (to go
    inside “…”, GB/T 15834); straight double quotes count too."""
    if not any(ch in text for ch in "“”\""):
        return text
    out, open_ = [], True
    for ch in text:
        if ch == "“":
            out.append("‘")
        elif ch == "”":
            out.append("’")
        elif ch == '"':
            out.append("‘" if open_ else "’")
            open_ = not open_
        else:
            out.append(ch)
    return "".join(out)


#: full-width digits and number marks (typed with a Chinese input method) and their ASCII forms:
#: the one list every reader of figures translates with (spec fields, table cells, region sheets)
FULL_WIDTH_FIGURES = "０１２３４５６７８９．－＋"
ASCII_FIGURES = "0123456789.-+"
FIGURES_TO_ASCII = str.maketrans(FULL_WIDTH_FIGURES, ASCII_FIGURES)
