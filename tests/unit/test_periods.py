from __future__ import annotations

from fractions import Fraction

import pytest

from speechgen.core.periods import parse_period


@pytest.mark.parametrize(
    ("code", "label", "progress", "next_label"),
    [
        ("Q1", "一季度", Fraction(1, 4), "二季度"),
        ("H1", "上半年", Fraction(1, 2), "下半年"),
        ("Q3", "前三季度", Fraction(3, 4), "四季度"),
        ("year", "全年", Fraction(1), "明年"),
        ("M1-4", "1—4月", Fraction(1, 3), "5月份"),
        ("M1-6", "上半年", Fraction(1, 2), "下半年"),
        ("M5", "5月份", None, "6月份"),
        ("一季度", "一季度", Fraction(1, 4), "二季度"),
        ("1-11月", "1—11月", Fraction(11, 12), "12月份"),
        ("前三季度", "前三季度", Fraction(3, 4), "四季度"),
    ],
)
def test_periods(code: str, label: str, progress: Fraction | None, next_label: str) -> None:
    p = parse_period(code)
    assert (p.label, p.time_progress, p.next_label) == (label, progress, next_label)


@pytest.mark.parametrize("bad", ["Q5", "M13", "M0", "M3-5", "soon", ""])
def test_bad_periods(bad: str) -> None:
    with pytest.raises(ValueError, match="无法识别的时期"):
        parse_period(bad)
