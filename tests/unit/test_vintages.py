"""Every figure knows its period: three vintages in one spec, and the period × comparison-word table."""
from __future__ import annotations

import pytest

from speechgen.compose.narration import narrate
from speechgen.compose.filters import era_ok, parse_years


def _narr(make_spec, rows, period="H1", seed=0):
    import random

    return narrate(make_spec(meeting={"period": period}, indicators=rows), rng=random.Random(seed))


THREE = [
    {"name": "地区生产总值", "period": "一季度", "value": 512.3, "unit": "亿元", "growth": 5.1, "superior_growth": 5.3},
    {"name": "固定资产投资", "period": "1-5月", "growth": 7.6, "superior_growth": 5.9, "prev_growth": 6.8},
    {"name": "规上工业增加值", "period": "1-5月", "growth": 6.2, "superior_growth": 6.6},
    {"name": "社会消费品零售总额", "period": "1-5月", "growth": 4.3, "superior_growth": 4.1},
    {"name": "地区生产总值", "estimate": True, "growth": 5.5, "target_growth": 7},
]


@pytest.mark.parametrize("seed", range(5))
def test_three_vintages_each_labelled(make_spec, seed) -> None:
    from speechgen.compose.narration.vintage import chain

    n = _narr(make_spec, THREE, seed=seed)
    assert n.mixed
    by = {(s.indicator, s.vintage): s for s in n.statements}
    assert by[("地区生产总值", "一季度")].text.startswith("一季度，地区生产总值")
    assert by[("固定资产投资", "1—5月")].text.startswith("1—5月，固定资产投资")
    estimate = by[("地区生产总值", "预计上半年")]
    assert estimate.text.startswith("预计上半年地区生产总值") and "5.5%左右" in estimate.text
    assert "增速比1—4月" in by[("固定资产投资", "1—5月")].text or "较1—4月" in by[("固定资产投资", "1—5月")].text
    # one vintage together, estimates last; a repeated label is dropped, 预计 never is
    text = chain(n.statements)
    assert text.count("1—5月，") == 1 and text.index("一季度，") < text.index("1—5月，") < text.index("预计上半年")
    # the tallies count the 1—5月 figures only (3 comparable), and say so
    assert n.summary and n.summary[0].startswith("1—5月，") and "3项" in n.summary[0]


def test_single_vintage_reads_as_before(make_spec) -> None:
    n = _narr(make_spec, [{"name": "地区生产总值", "growth": 5.1}, {"name": "固定资产投资", "growth": 3.0}])
    assert not n.mixed and all(not s.lead and s.text.startswith(s.indicator) for s in n.statements)


@pytest.mark.parametrize("period, row, present, absent", [
    ("year", {"growth": 5.9}, ("比上年增长", "增长5.9%"), ("同期", "同比")),
    ("year", {"growth": -2.0}, ("下降2.0%",), ("同期", "同比")),
    ("year", {"growth": 5.9, "prev_growth": 5.1}, ("比上年增长",), ("同期", "同比")),
    ("M1-5", {"growth": 7.6, "prev_growth": 7.1}, ("1—4月",), ("比上年增长",)),
    ("M5", {"growth": 9.2, "prev_growth": 7.6}, ("4月份",), ("比上年增长",)),
    ("M5", {"growth": 1.2, "basis": "环比"}, ("环比",), ("同比", "同期")),
    ("Q1", {"growth": 5.1, "prev_growth": 4.8}, ("上年",), ()),
    ("H1", {"growth": 5.5, "prev_growth": 5.1, "prev_period": "Q1"}, ("一季度",), ()),
    ("H1", {"growth": 5.5, "prev_growth": 5.1, "prev_period": "1-4月"}, ("1—4月",), ()),
    ("H1", {"growth": 5.5, "estimate": True}, ("预计上半年", "5.5%左右"), ()),
    ("H1", {"growth": 5.5, "period": "year"}, ("比上年增长",), ("同比", "同期")),
])
@pytest.mark.parametrize("seed", range(4))
def test_comparison_words_fit_the_period(make_spec, period, row, present, absent, seed) -> None:
    n = _narr(make_spec, [{"name": "地区生产总值", **row}], period=period, seed=seed)
    text = n.statements[0].text
    for w in present:
        if w in ("比上年增长",):
            assert w in text or "增长" in text and "同比" not in text
        else:
            assert w in text, (w, text)
    assert not any(w in text for w in absent), text


def test_estimates_are_left_out_of_judgement_and_tallies(make_spec) -> None:
    rows = [{"name": "甲", "growth": 6, "superior_growth": 5}, {"name": "乙", "growth": 7, "superior_growth": 5},
            {"name": "丙", "growth": -3, "superior_growth": 5, "estimate": True}]
    n = _narr(make_spec, rows)
    assert all("3项" not in s for s in n.summary)
    assert "丙" not in n.overall


@pytest.mark.parametrize("raw, years, ok, bad", [
    ("2024-", (2024, None), (2024, 2030), (2023,)),
    ("2020-2022", (2020, 2022), (2020, 2022), (2019, 2023)),
    ("-2021", (None, 2021), (2015, 2021), (2022,)),
    ("2023", (2023, 2023), (2023,), (2022, 2024)),
])
def test_years_tags(raw, years, ok, bad) -> None:
    class E:
        pass

    entry = E()
    entry.years = parse_years(raw)
    assert entry.years == years
    assert all(era_ok(entry, y) for y in ok) and not any(era_ok(entry, y) for y in bad)
    assert era_ok(object(), 1990)  # no years: timeless


@pytest.mark.parametrize("raw", ["20-", "2024-2020", "abc", ""])
def test_bad_years_are_refused(raw) -> None:
    with pytest.raises(ValueError):
        parse_years(raw)
