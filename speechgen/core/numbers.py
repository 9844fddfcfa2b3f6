"""Number wording in one place (GB/T 15835-2011 用法).

Rules the whole package follows (tests in ``tests/unit/test_numbers.py``):

* Arabic digits for every measured quantity, percentage, rank and count of
  indicators ("8项主要指标中6项"); Chinese numerals only in fixed expressions
  and heading markers ("两个第一、一个第二", 一、（一）, 一是).
* No thousands separators, no exponent, no unit conversion (亿元 stays 亿元).
* Precision is never invented and never dropped: a :class:`~decimal.Decimal`
  prints with the digits the user gave (5.80 stays 5.80).  A difference of two
  inputs keeps the larger precision of the two (5.80 − 5.3 = 0.50), because
  Decimal subtraction is exact.
* A *computed* percentage (completion of a target, 时序进度) has one decimal,
  or two when the indicator's own rates were given with two
  (:func:`percent_places`), rounded half up (四舍五入) — except that rounding
  may never move a figure across zero or across a threshold it is compared
  with (:func:`round_keeping_side` adds a digit instead: 49.96 is not 50.0
  when 50 is the bar).
* Differences of rates are 个百分点, never % (:func:`fmt_points`).
"""
from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from typing import Iterable

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


def cn_to_int(text: str) -> int | None:
    """The inverse of :func:`cn_int` for 0–9999 (一 → 1, 十二 → 12, 二十一 → 21, 一百零五 → 105,
    两 → 2); None for anything that is not one well-formed numeral.  The project's one reader of
    Chinese numerals: the outline, the checker and the markup numberer all use it."""
    text = text.strip()
    if not text or any(ch not in _CN_VALUES for ch in text):
        return None
    if text in ("零", "〇"):
        return 0
    for n in _candidates(text):
        if cn_int(n) == text or cn_int(n) == text.replace("两", "二").replace("〇", "零"):
            return n
    return None


_CN_VALUES = set("零〇一二两三四五六七八九十百千")


def _candidates(text: str) -> range:
    """Numbers whose numeral could be *text* (by its largest unit), so the inverse is a short search."""
    if "千" in text:
        return range(1000, 10000)
    if "百" in text:
        return range(100, 1000)
    return range(0, 100)


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


# --------------------------------------------------------------------- GB/T 15835 helpers

def cn_count(n: int) -> str:
    """Chinese numeral for a count before a measure word: 2 → 两 (两个第一), else :func:`cn_int`."""
    return "两" if n == 2 else cn_int(n)


def decimals(value: Decimal | int) -> int:
    """Number of digits after the point as written: 5.80 → 2, 12 → 0."""
    if isinstance(value, int):
        return 0
    exp = value.as_tuple().exponent
    return max(0, -exp) if isinstance(exp, int) else 0


def max_decimals(*values: Decimal | int | None) -> int:
    """The largest precision among the given values (missing ones ignored)."""
    return max((decimals(v) for v in values if v is not None), default=0)


def percent_places(*rates: Decimal | None, default: int = 1, cap: int = 2) -> int:
    """Decimals for a computed percentage: one, or more when the rates the user
    gave for the same indicator carry more (capped at *cap*)."""
    return max(default, min(cap, max_decimals(*rates)))


def fmt_abs(value: Decimal | int) -> str:
    """The magnitude as printed after 增长/下降/高于/低于 (sign carried by the verb)."""
    return fmt_number(abs(value))


def fmt_points(value: Decimal | int) -> str:
    """A difference of two rates: 0.5 → '0.5个百分点' (never '%')."""
    return f"{fmt_abs(value)}个百分点"


def quantize(value: Decimal, places: int, rounding: str = ROUND_HALF_UP) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=rounding)


def _side(a: Decimal, b: Decimal) -> int:
    return (a > b) - (a < b)


def round_keeping_side(exact: Decimal, places: int, thresholds: Iterable[Decimal] = (),
                       *, extra: int = 3) -> Decimal:
    """Round *exact* half up to *places* decimals, but never across 0 or a threshold.

    When plain rounding would land on or across zero or one of *thresholds*
    (so that 49.96 would print as 50.0 against a bar of 50, or 0.04 as 0.0),
    one more digit is kept, up to *extra* more; failing that the value is
    rounded towards the side it really lies on.
    """
    bars = [Decimal(0), *thresholds]
    for p in range(places, places + extra + 1):
        q = quantize(exact, p)
        if all(_side(q, t) == _side(exact, t) for t in bars):
            return q
    p = places + extra
    below = [t for t in bars if exact < t and quantize(exact, p) >= t]
    return quantize(exact, p, ROUND_FLOOR if below else ROUND_CEILING)


def percent_of(part: Decimal, whole: Decimal, places: int, thresholds: Iterable[Decimal] = ()) -> Decimal:
    """part / whole × 100, rounded by :func:`round_keeping_side` (whole ≠ 0)."""
    with localcontext() as ctx:
        ctx.prec = 34
        exact = part * 100 / whole
    return round_keeping_side(exact, places, thresholds)


def progress_percent(share: Fraction) -> Decimal:
    """时序进度 as printed: 1/4 → 25, 1/2 → 50, 1/3 → 33.3, 5/12 → 41.7 (one decimal
    unless whole)."""
    exact = Decimal(share.numerator) * 100 / Decimal(share.denominator)
    whole = quantize(exact, 0)
    return whole if whole == exact else quantize(exact, 1)


def mean(values: Iterable[Decimal], *, avoid: Iterable[Decimal] = (), extra: int = 2) -> Decimal:
    """Arithmetic mean rounded half up to the inputs' largest precision; one more
    digit (up to *extra*) while the rounded mean would equal one of *avoid* that
    the exact mean does not equal (so no region reads as 持平 by rounding)."""
    vals = list(values)
    if not vals:
        raise ValueError("mean of no values")
    with localcontext() as ctx:
        ctx.prec = 34
        exact = sum(vals, Decimal(0)) / len(vals)
    places = max_decimals(*vals)
    avoid = list(avoid)
    for p in range(places, places + extra + 1):
        q = quantize(exact, p)
        if all(q != a or exact == a for a in avoid):
            return q
    return quantize(exact, places + extra)
