"""GB/T 15835 number rules: precision kept, no separators, rounding never crosses a bar."""
from __future__ import annotations

from decimal import Decimal as D
from fractions import Fraction as F

import pytest

from speechgen.core.numbers import cn_count, cn_int, decimals, enum_word, fmt_abs, fmt_number, fmt_points, heading_marker, mean, percent_of, percent_places, progress_percent, round_keeping_side


@pytest.mark.parametrize("n, text", [(0, "零"), (3, "三"), (10, "十"), (12, "十二"), (20, "二十"), (21, "二十一"),
                                     (105, "一百零五"), (110, "一百一十"), (2025, "二千零二十五")])
def test_cn_int(n: int, text: str) -> None:
    assert cn_int(n) == text


@pytest.mark.parametrize("n, text", [(1, "一"), (2, "两"), (3, "三"), (12, "十二")])
def test_cn_count_uses_liang_for_two(n: int, text: str) -> None:
    assert cn_count(n) == text


@pytest.mark.parametrize("level, n, marker", [(1, 2, "二、"), (2, 3, "（三）"), (3, 4, "4."), (4, 5, "（5）")])
def test_heading_marker(level: int, n: int, marker: str) -> None:
    assert heading_marker(level, n) == marker


@pytest.mark.parametrize("n, style, word", [(1, "是", "一是"), (2, "要", "二要"), (3, "第", "第三，"), (2, "首先", "其次，")])
def test_enum_word(n: int, style: str, word: str) -> None:
    assert enum_word(n, style) == word


@pytest.mark.parametrize("value, text", [
    (D("5.80"), "5.80"), (D("512.3"), "512.3"), (D("14236"), "14236"), (D("1234567.5"), "1234567.5"),
    (D("1E+3"), "1000"), (D("-0"), "0"), (7, "7"), (5.8, "5.8"), (D("0.040"), "0.040"),
])
def test_fmt_number_keeps_given_digits_without_separators(value, text: str) -> None:
    assert fmt_number(value) == text


def test_differences_keep_the_larger_precision() -> None:
    assert fmt_abs(D("5.80") - D("5.3")) == "0.50"
    assert fmt_points(D("4.1") - D("5.3")) == "1.2个百分点"
    assert decimals(D("5.80")) == 2 and decimals(D("12")) == 0


@pytest.mark.parametrize("rates, places", [((D("5.8"), None), 1), ((D("5.80"), D("5.3")), 2), ((D("5"),), 1),
                                           ((D("5.812"),), 2), ((), 1)])
def test_percent_places(rates, places: int) -> None:
    assert percent_places(*rates) == places


@pytest.mark.parametrize("part, whole, places, bars, text", [
    (D("512.3"), D("2100"), 1, [], "24.4"),
    (D("49.96"), D("100"), 1, [D(50)], "49.96"),  # not 50.0 against the 双过半 bar
    (D("99.96"), D("100"), 1, [D(100)], "99.96"),  # not "100.0%": not yet completed
    (D("100.04"), D("100"), 1, [D(100)], "100.04"),
    (D("0.0004"), D("1"), 1, [], "0.04"),  # a rise never prints as 0.0
    (D("1"), D("3"), 2, [], "33.33"),
    (D("49.99999"), D("100"), 1, [D(50)], "49.9999"),  # directed rounding as a last resort
])
def test_percent_of_never_crosses_a_bar(part, whole, places, bars, text: str) -> None:
    assert fmt_number(percent_of(part, whole, places, bars)) == text


def test_round_keeping_side_keeps_sign() -> None:
    assert round_keeping_side(D("-0.04"), 1) == D("-0.04")
    assert round_keeping_side(D("0.26"), 1) == D("0.3")


@pytest.mark.parametrize("share, text", [(F(1, 4), "25"), (F(1, 2), "50"), (F(3, 4), "75"), (F(1, 3), "33.3"),
                                         (F(5, 12), "41.7"), (F(1, 12), "8.3"), (F(11, 12), "91.7")])
def test_progress_percent(share: F, text: str) -> None:
    assert fmt_number(progress_percent(share)) == text


def test_mean_adds_a_digit_rather_than_fake_a_tie() -> None:
    vals = [D("5.1"), D("5.2"), D("5.25")]
    assert mean(vals) == D("5.18")  # largest input precision
    growths = [D("5.2"), D("5.1"), D("5.31")]  # exact mean 5.2033…
    assert mean(growths, avoid=growths) == D("5.203")  # 5.20 would tie with 5.2
    assert mean([D("4"), D("6")]) == D("5")
