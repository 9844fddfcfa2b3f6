"""Number wording in one place (GB/T 15835): Arabic digits for quantities,
Chinese numerals for counts in fixed expressions and heading markers.

Precision is never invented: a :class:`~decimal.Decimal` prints with the digits
the user gave (5.80 stays 5.80).
"""
from __future__ import annotations

from decimal import Decimal

_CN = "零一二三四五六七八九"


def cn_int(n: int) -> str:
    """Chinese numeral for 0 ≤ n < 10000: 3 → 三, 10 → 十, 12 → 十二, 21 → 二十一, 105 → 一百零五."""
    if n < 0:
        return "负" + cn_int(-n)
    if n < 10:
        return _CN[n]
    if n < 20:
        return "十" + (_CN[n % 10] if n % 10 else "")
    if n < 100:
        return _CN[n // 10] + "十" + (_CN[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if rest == 0 else ("零" + _CN[rest] if rest < 10 else _cn_tens(rest))
        return _CN[n // 100] + "百" + tail
    if n < 10000:
        rest = n % 1000
        tail = "" if rest == 0 else ("零" + cn_int(rest) if rest < 100 else cn_int(rest))
        return _CN[n // 1000] + "千" + tail
    return str(n)


def _cn_tens(n: int) -> str:
    return _CN[n // 10] + "十" + (_CN[n % 10] if n % 10 else "")


def heading_marker(level: int, n: int) -> str:
    """一、 （一） 1. （1） for levels 1–4."""
    if level == 1:
        return f"{cn_int(n)}、"
    if level == 2:
        return f"（{cn_int(n)}）"
    if level == 3:
        return f"{n}."
    return f"（{n}）"


_ENUM_PREFIX = {"是": "{}是", "要": "{}要", "第": "第{}，", "个": "{}个"}


def enum_word(n: int, style: str = "是") -> str:
    """Run-in enumerators: 一是 二是, 一要 二要, 第一， 第二，, 首先 其次 再次 最后."""
    if style == "首先":
        return ("首先，", "其次，", "再次，")[n - 1] if n <= 3 else f"第{cn_int(n)}，"
    fmt = _ENUM_PREFIX.get(style)
    if fmt is None:
        raise ValueError(f"unknown enumeration style {style!r}")
    return fmt.format(cn_int(n))


def fmt_number(value: Decimal | int | float) -> str:
    """Digits as given, no thousands separators, no exponent: 512.30 → '512.30'."""
    if isinstance(value, float):
        value = Decimal(repr(value))
    if isinstance(value, int):
        return str(value)
    text = format(value, "f")
    return "0" if text in {"-0", "0"} else text.lstrip("+")
