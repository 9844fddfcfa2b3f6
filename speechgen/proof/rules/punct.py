"""Punctuation (GB/T 15834 as 公文 use it) and paired marks."""
from __future__ import annotations

import re
from typing import Iterator

from speechgen.proof.rules.base import HAN, Doc, DocLine, Finding, finditer, register, snippet

_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_LEFT = rf"[{HAN}%％）”’》」』]"
_RIGHT = rf"[{HAN}“‘《（「『]"
_HALF = re.compile(rf"(?<={_LEFT})[ \t]*([,;:?!])(?=[ \t]*{_RIGHT})|(?<=[{HAN}])[ \t]*([,;:?!])(?=[ \t]*\d|[ \t]*$)")
_HALF_PAREN = re.compile(rf"\(([^()\n]*[{HAN}][^()\n]*)\)")
_HALF_STOP = re.compile(rf"(?<=[{HAN}])\.(?=[{HAN}]|\s*$)")
_STRAIGHT_QUOTE = re.compile(rf"(?<=[{HAN}，。：；、])[\"'](?=\S)|(?<=\S)[\"'](?=[{HAN}，。：；、]|\s*$)")
_DOUBLED = re.compile(r"[，。；：、]{2,}|！{2,}|？{2,}|[。，；]{1}[？！]")
_MARKER_TAIL = re.compile(r"^[（(][一二三四五六七八九十\d]{1,3}[）)]、")
_CN_MARKER_DOT = re.compile(r"^[一二三四五六七八九十]{1,3}[.．]")


@register("punctuation", "标点：汉字间的半角标点、引号混用、重复标点、标题末尾标点")
def punctuation(doc: Doc) -> Iterator[Finding]:
    prose = [ln for ln in doc.prose()]
    yield from _half_width(prose)
    yield from _quotes(doc, prose)
    for ln, m in finditer(_DOUBLED, prose):
        yield Finding("punctuation", "error", ln.number, snippet(ln.text, m.start(), m.end(), 3),
                      f"标点重复或连用：“{m.group(0)}”，请保留一个" + ("（省略号应写作“……”）" if m.group(0) == "。。。" else "")).at(m)
    for ln in prose:
        if ln.heading is not None:
            yield from _heading_end(ln)


def _half_width(prose: list[DocLine]) -> Iterator[Finding]:
    for ln, m in finditer(_HALF, prose):
        mark = m.group(1) or m.group(2)
        yield Finding("punctuation", "error", ln.number, snippet(ln.text, m.start(), m.end(), 3),
                      f"汉字之间用了半角标点“{mark}”，应为全角“{_FULL[mark]}”").at(m)
    for ln, m in finditer(_HALF_PAREN, prose):
        yield Finding("punctuation", "error", ln.number, m.group(0),
                      f"中文括注应使用全角括号：应为“（{m.group(1)}）”").at(m)
    for ln, m in finditer(_HALF_STOP, prose):
        if ln.heading is not None and m.start() < len(ln.heading.marker):
            continue  # reported as a marker problem below
        yield Finding("punctuation", "error", ln.number, snippet(ln.text, m.start(), m.end(), 3),
                      "汉字后用了半角句点“.”，句末应为“。”").at(m)
    for ln in prose:
        if ln.heading is None:
            continue
        if _CN_MARKER_DOT.match(ln.text):
            yield Finding("punctuation", "error", ln.number, ln.heading.marker,
                          f"汉字序号后应用顿号：“{ln.heading.marker}”应为“{ln.heading.marker[:-1]}、”")
        elif _MARKER_TAIL.match(ln.text):
            yield Finding("punctuation", "warning", ln.number, ln.heading.marker,
                          f"括号序号后不加顿号：“{ln.heading.marker}”应为“{ln.heading.marker[:-1]}”")


def _quotes(doc: Doc, prose: list[DocLine]) -> Iterator[Finding]:
    for ln, m in finditer(_STRAIGHT_QUOTE, prose):
        yield Finding("punctuation", "error", ln.number, snippet(ln.text, m.start(), m.end(), 3),
                      f"中文里用了英文引号 {m.group(0)}，应使用中文引号“”（内层用‘’）").at(m)
    curly = any("“" in ln.text for ln in prose)
    for ln in prose:
        if curly and ("「" in ln.text or "『" in ln.text):
            pos = min(i for i in (ln.text.find("「"), ln.text.find("『")) if i >= 0)
            yield Finding("punctuation", "warning", ln.number, snippet(ln.text, pos, pos + 1, 4),
                          "引号样式混用：全文已用“”，此处用了「」，应统一为“”")
        pos = _outer_single_quote(ln.text)
        if pos is not None:
            yield Finding("punctuation", "warning", ln.number, snippet(ln.text, pos, pos + 1, 4),
                          "单引号‘’只用于引号内的引用，外层应使用双引号“”")


def _outer_single_quote(text: str) -> int | None:
    depth = 0
    for i, ch in enumerate(text):
        if ch == "“":
            depth += 1
        elif ch == "”":
            depth = max(0, depth - 1)
        elif ch == "‘" and depth == 0 and not _latin_neighbour(text, i):
            return i
    return None


def _latin_neighbour(text: str, i: int) -> bool:
    return any(0 <= j < len(text) and text[j].isascii() and text[j].isalpha() for j in (i - 1, i + 1))


def _heading_level(ln: DocLine) -> int:
    info = ln.heading
    assert info is not None
    if info.level is not None:
        return info.level
    return {"cn": 1, "pcn": 2, "num": 3, "pnum": 4}.get(info.scheme, 2)


def _heading_end(ln: DocLine) -> Iterator[Finding]:
    info = ln.heading
    assert info is not None
    title = info.title.rstrip()
    if not title:
        return
    last = title[-1]
    level = _heading_level(ln)
    if last in "，、；,;":
        yield Finding("punctuation", "warning", ln.number, title,
                      f"标题末尾不应是“{last}”：{'一级标题末尾不加标点' if level == 1 else '应以“。”结束或不加标点'}")
    elif level == 1 and not info.run_in and last == "。":
        yield Finding("punctuation", "warning", ln.number, title, "一级标题末尾一般不加标点，请删去“。”")
    elif level > 1 and info.run_in and info.level is not None and last not in "。！？：:":
        yield Finding("punctuation", "warning", ln.number, title,
                      "接排的标题（后面紧跟正文）应以“。”结束")


# ------------------------------------------------------------------ pairs

_PAIRS = {"“": "”", "‘": "’", "（": "）", "《": "》", "【": "】", "「": "」", "『": "』"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}


@register("pairs", "成对标点不配对：“” ‘’ （） 《》 【】")
def pairs(doc: Doc) -> Iterator[Finding]:
    for ln in doc.prose():
        yield from _pairs_in(ln)


def _pairs_in(ln: DocLine) -> Iterator[Finding]:
    stack: list[tuple[str, int]] = []
    text = ln.text
    for i, ch in enumerate(text):
        if ch in "‘’" and _latin_neighbour(text, i):
            continue  # an apostrophe in a Latin word
        if ch in _PAIRS:
            stack.append((ch, i))
        elif ch in _CLOSERS:
            if stack and stack[-1][0] == _CLOSERS[ch]:
                stack.pop()
            elif any(o == _CLOSERS[ch] for o, _ in stack):
                opener, pos = stack.pop()
                yield Finding("pairs", "error", ln.number, snippet(text, pos, i + 1, 2),
                              f"“{opener}”与“{_PAIRS[opener]}”未配对（在“{ch}”之前没有闭合），请检查嵌套")
                while stack and stack[-1][0] != _CLOSERS[ch]:
                    stack.pop()
                if stack:
                    stack.pop()
            else:
                yield Finding("pairs", "error", ln.number, snippet(text, i, i + 1, 6),
                              f"多出一个“{ch}”：前面没有对应的“{_CLOSERS[ch]}”")
    for opener, pos in stack:
        yield Finding("pairs", "error", ln.number, snippet(text, pos, pos + 1, 6),
                      f"“{opener}”缺少配对的“{_PAIRS[opener]}”")
