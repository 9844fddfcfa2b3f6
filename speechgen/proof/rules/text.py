"""Surface rules: leftover placeholders, dates (GB/T 15835) and number forms."""
from __future__ import annotations

import calendar
import re
from typing import Iterator

from speechgen.core.chars import bad_char
from speechgen.core.placeholders import MARKS, RENDER_MARKS, find_marks
from speechgen.proof.rules.base import HAN, Doc, Finding, finditer, register, snippet

# ------------------------------------------------------------------ placeholder

_PLACEHOLDERS = [*RENDER_MARKS, *MARKS]  # one list of marks (core.placeholders), template syntax first


PER_LINE = 20


@register("placeholder", "遗留的占位符：X/XX/×××/**/某某/〇〇、{{ }}、{地区}、None、nan、【待补】")
def placeholder(doc: Doc) -> Iterator[Finding]:
    """Linear in the line's length: patterns are bounded, covered spans are marked in a bitmap,
    and a line reports at most :data:`PER_LINE` placeholders plus a count of the rest."""
    for ln in doc.lines:
        shown = more = 0
        for m, why in find_marks(ln.text, _PLACEHOLDERS):
            if shown == PER_LINE:
                more += 1
                continue
            shown += 1
            yield Finding("placeholder", "error", ln.number, m.group(0),
                          f"{why}：“{snippet(ln.text, m.start(), m.end(), 6)}”，请填入实际内容后再定稿").at(m)
        if more:
            yield Finding("placeholder", "error", ln.number, ln.text[:20], f"本行另有 {more} 处占位符未列出")


@register("invisible", "控制字符、方向控制符（如 U+202E）等不可见字符：改变显示、不改变文字，须删除")
def invisible(doc: Doc) -> Iterator[Finding]:
    for ln in doc.lines:
        found = bad_char(ln.text)
        if found:
            pos, what = found
            yield Finding("invisible", "error", ln.number, ln.text[max(0, pos - 6):pos + 5],
                          f"第{pos}个字是{what}，显示时会打乱或隐藏文字，请删除", start=pos - 1, end=pos)


# ------------------------------------------------------------------ date

_DASHED = re.compile(r"(?<![\d.])((?:19|20)\d{2})([-/.])(\d{1,2})\2(\d{1,2})(?![\d.])")
_CN_DATE = re.compile(r"(?<![\d.])(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})([日号]))?")
_LOOSE_HAO = re.compile(r"(?<![\d号月])([1-9]|[12]\d|3[01])号(?=前|之前|以前|以后|左右|起|至|到|—|当天|上午|下午)")


@register("date", "日期写法：2025年4月18日（不写 2025-4-18、不补零、用“日”不用“号”）")
def date(doc: Doc) -> Iterator[Finding]:
    for ln, m in finditer(_DASHED, doc.prose()):
        y, mo, d = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if 1 <= mo <= 12 and 1 <= d <= 31:
            yield Finding("date", "error", ln.number, m.group(0),
                          f"公文正文日期应写作“{y}年{mo}月{d}日”，不用“{m.group(0)}”的形式").at(m)
    for ln, m in finditer(_CN_DATE, doc.prose()):
        yield from _cn_date(ln.number, m)
    for ln, m in finditer(_LOOSE_HAO, doc.prose()):
        yield Finding("date", "warning", ln.number, snippet(ln.text, m.start(), m.end(), 2),
                      f"公文中日期用“日”不用“号”：应为“{m.group(1)}日”").at(m)


def _cn_date(line: int, m: re.Match[str]) -> Iterator[Finding]:
    year, month, day, suffix = m.group(1), m.group(2), m.group(3), m.group(4)
    text = m.group(0)
    fixed = f"{year + '年' if year else ''}{int(month)}月{f'{int(day)}日' if day else ''}"
    if month.startswith("0") or (day or "").startswith("0"):
        yield Finding("date", "error", line, text, f"日期中的月、日不补零：应为“{fixed}”")
        return
    if suffix == "号":
        yield Finding("date", "error", line, text, f"公文中日期用“日”不用“号”：应为“{fixed}”")
        return
    mo = int(month)
    if not 1 <= mo <= 12:
        yield Finding("date", "error", line, text, f"月份“{mo}月”不存在，请核对")
    elif day is not None:
        last = calendar.monthrange(int(year) if year else 2024, mo)[1]  # 2024: leap year
        if not 1 <= int(day) <= last:
            yield Finding("date", "error", line, text, f"日期“{text}”不存在（{mo}月只有{last}天），请核对")


# ------------------------------------------------------------------ numeral

_FULLWIDTH_DIGITS = re.compile(r"[０-９]+(?:[．.][０-９]+)?")
_THOUSANDS = re.compile(rf"(?<![\d.,])\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?(?=[{HAN}%％])")


@register("numeral", "数字形式：用半角阿拉伯数字，正文不用千分位逗号（GB/T 15835）")
def numeral(doc: Doc) -> Iterator[Finding]:
    for ln, m in finditer(_FULLWIDTH_DIGITS, doc.prose()):
        half = m.group(0).translate({0xFF10 + i: 0x30 + i for i in range(10)} | {0xFF0E: 0x2E})
        yield Finding("numeral", "warning", ln.number, m.group(0),
                      f"数字应使用半角阿拉伯数字：“{m.group(0)}”应为“{half}”").at(m)
    for ln, m in finditer(_THOUSANDS, doc.prose()):
        yield Finding("numeral", "warning", ln.number, m.group(0),
                      f"正文数字一般不加千分位逗号：“{m.group(0)}”应为“{m.group(0).replace(',', '')}”").at(m)
