"""The analysis fields of an indicator row (issue 15): pull, contribution, share + of, two-year
average, month growth, parent (其中), count/count_of, cause, headline — each present, absent,
zero, negative, with and without a parent; and every number of the narration explained."""
from __future__ import annotations

import random
import re
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from speechgen.compose.narration import narrate
from speechgen.errors import InputError
from speechgen.spec.loader import load_spec

NUM = re.compile(r"\d+(?:\.\d+)?")
GDP = {"name": "地区生产总值", "value": 1000, "unit": "亿元", "growth": 5.7}
PARENT = {"name": "规上工业增加值", "growth": 7.1}


def _narrate(rows: list[dict[str, Any]], period: str = "Q3", seed: int = 0):
    spec = load_spec({"meeting": {"type": "quarterly_analysis", "title": "全市经济运行分析会", "period": period,
                                  "year": 2025}, "indicators": rows})
    return spec, narrate(spec, rng=random.Random(seed))


def _statement(narration, name: str):
    return next(s for s in narration.statements if s.indicator == name)


def _row(extra: dict[str, Any], parent: bool) -> dict[str, Any]:
    row = {"name": "装备制造业增加值", "growth": 9.5, **extra}
    return {**row, "parent": "规上工业增加值"} if parent else row


# (fields, words that must appear without a parent, words with the parent 规上工业增加值)
CASES = [
    ({"pull": 0.4}, ["拉动地区生产总值增长0.4个百分点", "带动地区生产总值增长0.4个百分点"],
     ["拉动规上工业增加值增长0.4个百分点", "带动规上工业增加值增长0.4个百分点"]),
    ({"pull": -0.3}, ["下拉地区生产总值增速0.3个百分点", "拉低地区生产总值增速0.3个百分点"],
     ["下拉规上工业增加值增速0.3个百分点", "拉低规上工业增加值增速0.3个百分点"]),
    ({"pull": 0}, ["对地区生产总值增长未形成拉动"], ["对规上工业增加值增长未形成拉动"]),
    ({"contribution": 61.5}, ["地区生产总值增长的贡献率为61.5%", "地区生产总值增长的贡献率达到61.5%",
                              "贡献了地区生产总值增长的61.5%", "对地区生产总值增长贡献61.5%"],
     ["规上工业增加值增长的贡献率为61.5%", "规上工业增加值增长的贡献率达到61.5%",
      "贡献了规上工业增加值增长的61.5%", "对规上工业增加值增长贡献61.5%"]),
    ({"contribution": -4.2}, ["贡献率为负（-4.2%）"], ["贡献率为负（-4.2%）"]),
    ({"contribution": 0}, ["贡献率为0%", "贡献率达到0%", "增长的0%", "贡献0%"],
     ["贡献率为0%", "贡献率达到0%", "增长的0%", "贡献0%"]),
    ({"share": 48.3}, ["占地区生产总值的比重为48.3%", "占地区生产总值比重达到48.3%"],
     ["占规上工业增加值的比重为48.3%", "占规上工业增加值比重达到48.3%"]),
    ({"share": 48.3, "of": "全省"}, ["占全省的比重为48.3%", "占全省比重达到48.3%"],
     ["占全省的比重为48.3%", "占全省比重达到48.3%"]),
    ({"two_year_avg": 5.2}, ["两年平均增长5.2%", "两年平均增速为5.2%"], ["两年平均增长5.2%", "两年平均增速为5.2%"]),
    ({"two_year_avg": -1.5}, ["两年平均下降1.5%", "两年平均降幅为1.5%"], ["两年平均下降1.5%", "两年平均降幅为1.5%"]),
    ({"two_year_avg": 0}, ["两年平均与基期持平"], ["两年平均与基期持平"]),
    ({"month_growth": 10.6}, ["9月当月增长10.6%", "9月份当月增长10.6%"], ["9月当月增长10.6%", "9月份当月增长10.6%"]),
    ({"month_growth": -2.0}, ["9月当月下降2.0%", "9月份当月下降2.0%"], ["9月当月下降2.0%", "9月份当月下降2.0%"]),
    ({"month_growth": 0}, ["9月当月与上年同月持平"], ["9月当月与上年同月持平"]),
    ({"cause": "新投产项目集中释放产能"}, ["主要是新投产项目集中释放产能"], ["主要是新投产项目集中释放产能"]),
    ({"cause": "受订单减少影响。"}, ["，受订单减少影响"], ["，受订单减少影响"]),
]


@pytest.mark.parametrize("with_parent", [False, True], ids=["top", "sub-item"])
@pytest.mark.parametrize("fields, alone, under", CASES, ids=[str(c[0]) for c in CASES])
def test_each_field_is_narrated(fields, alone, under, with_parent) -> None:
    row = _row(fields, with_parent)
    for seed in range(4):
        _, n = _narrate([GDP, PARENT, row], seed=seed)
        text = _statement(n, "规上工业增加值").text if with_parent else _statement(n, "装备制造业增加值").text
        assert any(w in text for w in (under if with_parent else alone)), text
        assert "None" not in text and "{" not in text


@pytest.mark.parametrize("field", ["pull", "contribution", "share", "two_year_avg", "month_growth", "cause"])
def test_absent_field_says_nothing(field) -> None:
    _, n = _narrate([GDP, PARENT, _row({}, False)])
    text = _statement(n, "装备制造业增加值").text
    for word in ("拉动", "贡献", "比重", "两年平均", "当月", "主要是"):
        assert word not in text


def test_a_single_month_does_not_repeat_its_growth() -> None:
    _, n = _narrate([GDP, {"name": "规上工业增加值", "growth": 7.1, "month_growth": 7.1}], period="M5")
    assert "当月" not in _statement(n, "规上工业增加值").text


def test_sub_items_are_joined_to_their_parent_not_told_as_headline() -> None:
    rows = [GDP, {"name": "固定资产投资", "value": 712.5, "unit": "亿元", "growth": 6.9},
            {"name": "亿元以上项目", "count": 31, "unit": "个", "growth": -8, "parent": "固定资产投资"}]
    _, n = _narrate(rows)
    parent = _statement(n, "固定资产投资")
    child = _statement(n, "亿元以上项目")
    assert child.part == "joined" and child in parent.children
    assert child not in n.review and child not in n.problems
    assert "。其中，亿元以上项目" in parent.text and "31个" in parent.text and "8%" in parent.text
    assert "亿元以上项目" not in "".join(n.summary) + n.overall


def test_a_slumping_sub_item_rules_out_a_steady_verdict() -> None:
    rows = [GDP, {"name": "固定资产投资", "value": 712.5, "unit": "亿元", "growth": 6.9},
            {"name": "亿元以上项目", "count": 31, "unit": "个", "growth": -18, "parent": "固定资产投资"}]
    _, n = _narrate(rows)
    assert "平稳" not in n.overall and n.judgement != "总体平稳"


def test_a_pinned_sub_item_stays_in_its_own_part() -> None:
    rows = [GDP, {"name": "固定资产投资", "growth": 6.9},
            {"name": "民间投资", "growth": -3.0, "parent": "固定资产投资", "part": "problems"}]
    _, n = _narrate(rows)
    assert _statement(n, "民间投资") in n.problems and not _statement(n, "固定资产投资").children


@pytest.mark.parametrize("row, words, number", [
    ({"name": "当月产值负增长的企业", "count": 19, "count_of": 50, "unit": "家", "of": "重点企业"},
     ["50家重点企业中，当月产值负增长的企业19家", "在50家重点企业中，当月产值负增长的企业有19家"], "38.0"),
    ({"name": "亏损企业", "count": 48, "count_of": 100, "unit": "户"}, ["亏损企业48户"], "48.0"),
    ({"name": "亿元以上项目", "count": 31, "unit": "个"}, ["亿元以上项目31个", "亿元以上项目共31个"], None),
    ({"name": "新开工项目", "count": 0, "count_of": 12, "unit": "个"}, ["新开工项目0个"], "0.0"),
])
def test_counts(row, words, number) -> None:
    _, n = _narrate([GDP, row])
    st_ = _statement(n, row["name"])
    assert any(w in st_.text for w in words), st_.text
    if number is not None:
        assert f"占{number}%" in st_.text or f"的{number}%" in st_.text
        assert any(d.text == number and "÷" in d.formula for d in st_.numbers)


@pytest.mark.parametrize("bad, message", [
    ({"name": "甲", "count": 5, "count_of": 3}, "大于总数"),
    ({"name": "甲", "parent": "甲"}, "不能是指标自身"),
    ({"name": "甲", "share": -3}, "share.*不能小于 0"),
    ({"name": "甲", "count": -1}, "count.*不能小于 0"),
    ({"name": "甲", "count": 1, "count_of": 0}, "count_of.*不能小于 1"),
    ({"name": "甲", "parent": "乙"}, "不在指标表中"),
])
def test_bad_rows_are_input_errors(bad, message) -> None:
    with pytest.raises(InputError, match=message):
        _narrate([GDP, bad])


def test_parent_cycle_is_an_input_error() -> None:
    with pytest.raises(InputError, match="循环"):
        _narrate([{"name": "甲", "growth": 1, "parent": "乙"}, {"name": "乙", "growth": 2, "parent": "甲"}])


def test_chinese_aliases() -> None:
    spec, n = _narrate([GDP, {"名称": "第三产业增加值", "增速": 5.3, "拉动": 2.4, "贡献率": 42.1, "占比": 48.3,
                              "两年平均增长": 5.0, "当月增长": 6.0, "原因": "服务消费回暖", "主要指标": False}])
    ind = spec.indicator_rows[1]
    assert (ind.pull, ind.contribution, ind.share, ind.headline) == (Decimal("2.4"), Decimal("42.1"), Decimal("48.3"), False)
    assert "服务消费回暖" in _statement(n, "第三产业增加值").text


# ------------------------------------------------------------------ headline tallies

def test_tallies_count_headline_indicators_only() -> None:
    rows = [{**GDP, "superior_growth": 5.0}, {"name": "规上工业增加值", "growth": 7.1, "superior_growth": 6.0},
            {"name": "批发业销售额", "growth": 9.0, "superior_growth": 3.0},
            {"name": "住宿业营业额", "growth": 8.0, "superior_growth": 4.0},
            {"name": "固定资产投资", "growth": 1.0, "superior_growth": 4.0}]
    _, n = _narrate(rows)
    summary = "".join(n.summary)
    assert re.search(r"3项主要指标中，?有?2项", summary), summary
    _, pinned = _narrate(rows[:3] + [{**rows[3], "headline": True}] + rows[4:])
    assert re.search(r"4项主要指标中，?有?3项", "".join(pinned.summary))


# ------------------------------------------------------------------ every number explained (property)

def _dec(lo: int, hi: int) -> st.SearchStrategy[Decimal]:
    return st.builds(lambda i, p: Decimal(i).scaleb(-p), st.integers(lo * 10, hi * 10), st.sampled_from([0, 1]))


def _opt(s: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), s)


LETTERS = "甲乙丙丁戊己"


@st.composite
def analysis_rows(draw: Any) -> list[dict[str, Any]]:
    rows = [{"name": "地区生产总值", "growth": draw(_dec(-5, 10))}]
    for i in range(draw(st.integers(1, 5))):
        count = draw(_opt(st.integers(0, 60)))
        row = {"name": f"指标{LETTERS[i]}", "unit": draw(st.sampled_from(["亿元", "个", "家", ""])),
               "growth": draw(_opt(_dec(-30, 30))), "pull": draw(_opt(_dec(-3, 3))),
               "contribution": draw(_opt(_dec(-50, 120))), "share": draw(_opt(_dec(0, 100))),
               "two_year_avg": draw(_opt(_dec(-10, 20))), "month_growth": draw(_opt(_dec(-20, 20))),
               "count": count, "count_of": draw(_opt(st.integers(max(count or 0, 1), 100))) if count is not None else None,
               "parent": draw(st.sampled_from(["", "地区生产总值", *(f"指标{LETTERS[j]}" for j in range(i))]))}
        rows.append({k: v for k, v in row.items() if v not in (None, "")})
    return rows


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(analysis_rows(), st.integers(0, 3))
def test_every_number_is_an_input_or_recorded(rows, seed) -> None:
    spec, n = _narrate(rows, seed=seed)
    allowed = set()
    for ind in spec.indicator_rows:
        for v in (ind.value, ind.growth, ind.pull, ind.contribution, ind.share, ind.two_year_avg, ind.month_growth,
                  ind.count, ind.count_of):
            if v is not None:
                allowed.add(Decimal(abs(v)))
    allowed |= {Decimal(d.text) for d in n.numbers() if NUM.fullmatch(d.text)}
    allowed |= {Decimal(9), Decimal(75), Decimal(2025)}  # 9月当月, 时序进度
    text = "".join(s.text for s in n.statements) + "".join(n.summary) + n.overall
    for m in NUM.finditer(text):
        assert Decimal(m.group(0)) in allowed, (m.group(0), text)


def test_a_total_without_a_count_says_nothing_of_counts() -> None:
    _, n = _narrate([GDP, {"name": "重点企业", "count_of": 50, "unit": "家", "growth": 3.0}])
    assert "50" not in _statement(n, "重点企业").text
