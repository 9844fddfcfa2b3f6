"""Note punctuation made sentence punctuation.

Departments write notes with bullets, ``1)``, half-width commas, trailing ``；`` or ``：`` and
line breaks.  :func:`normalise` turns that into the genre's full-width punctuation without ever
touching a character inside a quotation (“…” 《…》 「…」) or inside a number (``1,234``, ``10:30``),
and :func:`clauses` cuts the result into the writer's clauses with the stop that ended each one.
"""
from __future__ import annotations

import re

from speechgen.core.markers import MIXABLE, run_in_tokens, start_token

_CJK = "\u4e00-\u9fff"
_BULLET = re.compile(
    r"^\s*(?:[-–—•·*◆◇■□●○▪▶►√→Ø]+\s*"
    r"|[（(]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[)）][、.．]?\s*"
    r"|\d{1,2}\s*(?:[)）]|[.．、])(?!\s*\d)\s*"
    r"|[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]\s*"
    r"|[一二三四五六七八九十]{1,3}\s*[、.．]\s*"
    r"|[一二三四五六七八九十]{1,3}(?:是|要)(?![要是])"
    r"|第[一二三四五六七八九十]{1,3}\s*[，、,]\s*"
    r"|(?:首先|其次|再次|最后)\s*[，,]\s*)"
)
_OPEN = {"“": "”", "《": "》", "「": "」", "‘": "’", "『": "』"}
_STOP = "。；！？"
#: stops a clause may end with in the writer's text, and what they become
_HALF = {",": "，", ";": "；", "!": "！", "?": "？"}


def quoted(text: str) -> bool:
    """Does *text* open a quotation anywhere?  (Without one, :func:`protected` flags nothing.)"""
    return any(mark in text for mark in _OPEN)


def protected(text: str) -> list[bool]:
    """For every character: is it inside a quotation (or its quote marks)?"""
    flags = [False] * len(text)
    if not quoted(text):
        return flags
    i = 0
    while i < len(text):
        close = _OPEN.get(text[i])
        end = text.find(close, i + 1) if close else -1
        if end > 0:
            for k in range(i, end + 1):
                flags[k] = True
            i = end + 1
        else:
            i += 1
    return flags


_ASCII_QUOTED = re.compile(r'"([^"\n]*)"')


def ascii_quotes(text: str) -> str:
    """"三保" → “三保” (paired straight quotes only; an odd count is left for the writer to see)."""
    return _ASCII_QUOTED.sub(r"“\1”", text) if '"' in text and text.count('"') % 2 == 0 else text


_ascii_quotes = ascii_quotes


def strip_bullet(line: str) -> str:
    """Drop one leading bullet or enumerator ('- ', '1)', '（2）', '③', '一是', '第一，')."""
    return _BULLET.sub("", line, count=1)


def _digit(ch: str) -> bool:
    return ch.isascii() and ch.isdigit()


_CJKISH = re.compile(f"[{_CJK}，。；：、！？“”《》（）%]")


def _cjkish(ch: str) -> bool:
    return bool(_CJKISH.match(ch))


def _fix_char(text: str, i: int) -> str:
    ch = text[i]
    prev, nxt = text[i - 1] if i else "", text[i + 1] if i + 1 < len(text) else ""
    if ch in ",:" and _digit(prev) and _digit(nxt):
        return ch  # 1,234 · 10:30
    if ch == ":":
        return "：" if (_cjkish(prev) or _cjkish(nxt) or not nxt) else ch
    if ch in _HALF:
        return _HALF[ch]
    if ch == "." and not nxt and not _digit(prev):
        return "。"
    if ch in " \t\u3000" and (_cjkish(prev) or _cjkish(nxt) or not prev or not nxt):
        return ""
    return ch


#: the characters :func:`_fix_char` may change (every other one it returns as it is)
_FIXABLE = re.compile(r"[,:;!?.\s]")
_CJK_PARENS = re.compile(r"\(([^()]*[" + _CJK + r"][^()]*)\)")
_DOUBLED = re.compile(r"([，；。、：！？])\1+")
_BEFORE_STOP = re.compile(r"[，、；：]+([。！？])")
#: 1-9月 / 2024-2026年: a span of months or years takes the dash (连接号 —, GB/T 15834)
_SPAN = re.compile(r"(?<![\d.])(\d{1,2}|\d{4})\s*[-－–~～]\s*(\d{1,2}|\d{4})(?=月|年)")


def _span_dash(m: "re.Match[str]") -> str:
    a, b = m.group(1), m.group(2)
    if len(a) != len(b) or int(a) >= int(b) or (len(a) <= 2 and not 1 <= int(b) <= 12):
        return m.group()
    return f"{a}—{b}"


#: where an enumerator may run on without a mark before it: （2） （二） ② after a character, 2. after a space
_RUN_ON = re.compile(r"(?<=[\u4e00-\u9fff）)”’》」%])(?=[（(](?:\d{1,2}|[一二三四五六七八九十]{1,3})[）)]|[①-⑳])"
                     r"|(?<=[\u4e00-\u9fff”’》」%])[ \t\u3000]+(?=\d{1,2}[.．、](?!\d))")
_SEP_TAIL = re.compile(r"[，,；;、\s]+$")


def split_enumeration(line: str) -> str:
    """'1.防止返贫;2.帮扶产业;3.易地搬迁扶持' → '1.防止返贫；帮扶产业；易地搬迁扶持': the numbers of a
    series inside one note (1. 2、 （2） ② 二是, counting on from the first) become clause stops."""
    marked = _RUN_ON.sub("；", line)
    start = start_token(marked, 0)
    scheme, last = (start.scheme, start.ordinal) if start else (None, 0)
    series = []
    for tok in run_in_tokens(marked, 0):
        same = scheme is None or tok.scheme == scheme or {tok.scheme, scheme} <= MIXABLE
        if same and tok.ordinal == last + 1:
            series.append(tok)
            scheme, last = tok.scheme, tok.ordinal
    if not series:
        return line
    out = marked[:series[0].pos]
    for i, tok in enumerate(series):
        head = _SEP_TAIL.sub("", out)
        out = head + ("" if not head or head.endswith(("：", ":")) else "；")
        out += marked[tok.end:series[i + 1].pos if i + 1 < len(series) else len(marked)]
    return out


def normalise(note: str) -> str:
    """One note as one line of sentence punctuation (bullets, half-width marks, line breaks fixed)."""
    lines = [strip_bullet(split_enumeration(line)).strip()
             for line in str(note).replace("\r", "\n").split("\n")]
    lines = [ln for ln in lines if ln]
    text = "".join(ln if ln[-1] in _STOP + "，：、" or i == len(lines) - 1 else ln + "；"
                   for i, ln in enumerate(lines))
    text = _ascii_quotes(text)
    if _FIXABLE.search(text):
        flags = protected(text)
        text = _FIXABLE.sub(lambda m: m.group() if flags[m.start()] else _fix_char(text, m.start()), text)
    text = _CJK_PARENS.sub(r"（\1）", text)
    if _SPAN.search(text):
        flags = protected(text)
        text = _SPAN.sub(lambda m: m.group() if flags[m.start()] else _span_dash(m), text)
    text = _DOUBLED.sub(r"\1", text)
    text = _BEFORE_STOP.sub(r"\1", text)
    return text.strip().lstrip("，。；：、")


def clauses(text: str) -> list[tuple[str, str]]:
    """(clause, stop) pairs: the text cut at 。；！？ outside quotations; a trailing ：、， is dropped."""
    flags = protected(text)
    out: list[tuple[str, str]] = []
    start = 0
    for i, ch in enumerate(text):
        if ch in _STOP and not flags[i]:
            out.append((text[start:i], ch))
            start = i + 1
    out.append((text[start:], ""))
    return [(c.strip().strip("，：、 "), s) for c, s in out if c.strip().strip("，：、 ")]


def split_outside(text: str, mark: str) -> list[str]:
    """*text* split at *mark* (e.g. '、') where it is not inside a quotation."""
    if len(mark) == 1 and not quoted(text):
        return text.split(mark)  # no quotation: every mark counts
    flags = protected(text)
    parts, start = [], 0
    for i, ch in enumerate(text):
        if ch == mark and not flags[i]:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def has_outside(text: str, marks: str) -> bool:
    """Is one of *marks* (characters) in *text* outside every quotation?"""
    if not any(ch in text for ch in marks):
        return False
    if not quoted(text):
        return True
    flags = protected(text)
    return any(ch in marks and not flags[i] for i, ch in enumerate(text))
