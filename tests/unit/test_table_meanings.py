"""What a statistics table's columns and rows mean: completion is no growth, "%" of a growth-only row
is no rate, the column group of the meeting's period, regions filled down, prior-period sub-columns,
year headers, stated units, nesting (speechgen.spec.tables)."""
from __future__ import annotations

import logging
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.styles import Alignment

from speechgen.api import render
from speechgen.core.periods import parse_period
from speechgen.spec.loader import load_spec
from speechgen.spec.tables.headers import field_for
from speechgen.spec.tables.periodcols import When
from speechgen.spec.tables.regions import read_region_rows
from speechgen.spec.tables.rows import read_indicator_file

Q3 = When(parse_period("Q3"), 2025)


def _book(path: Path, rows: list[list[Any]], *, merges: tuple[str, ...] = (), indent: dict[int, int] | None = None,
          title: str = "表") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    for ref in merges:
        ws.merge_cells(ref)
    for r, n in (indent or {}).items():
        ws.cell(r, 1).alignment = Alignment(indent=n)
    wb.save(path)
    return path


def _by_name(rows: list[Any]) -> dict[str, Any]:
    return {r.name: r for r in rows}


def _text(draft: Any) -> str:
    text = "\n".join(b.text for b in draft.blocks if hasattr(b, "text"))
    return text + "".join(r.text for b in draft.blocks for r in getattr(b, "body", []))


def _spec(tmp_path: Path, table: Path, period: str, year: int) -> Path:
    path = tmp_path / "spec.yaml"
    path.write_text(f"meeting: {{type: quarterly_analysis, title: 全市经济运行分析会, period: {period}, year: {year}, "
                    f"date: {year + 1 if period == 'year' else year}-10-20, region: 全市, superior: 全省, "
                    f"speaker: {{name: 周立, post: 市长}}}}\nindicators: {{file: {table.name}}}\n", encoding="utf-8")
    return path


# ------------------------------------------------------------------ 1. completion is not growth

@pytest.mark.parametrize("header, fname", [
    ("完成预算(%)", None), ("完成年度目标(%)", None), ("完成年度目标（%）", None), ("完成率(%)", None),
    ("同比增减额", None), ("序号", None), ("上年同期", None), ("完成(%)", None), ("为预算的%", None),
    ("计划完成(%)", None), ("序时进度(%)", None), ("比上月±", None), ("环比增长(%)", None), ("全年预计增长(%)", None),
    ("预计全年完成", None), ("预计数", "estimate"), ("预期增长(%)", "target_growth"),
    ("同比增长(%)", "growth"), ("比上年增长(%)", "growth"), ("增速", "growth"), ("比上年同期增长%", "growth"),
    ("年初预算", "annual_target"), ("年度目标(%)", "target_growth"), ("2024年", "value"), ("2025年1-9月", "value"),
    ("工业增加值", None),
])
def test_header_meanings(header: str, fname: str | None) -> None:
    assert field_for(header, {}) == fname


def test_completion_column_is_not_read_as_growth(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = _book(tmp_path / "fin.xlsx", [
        ["项目", "年初预算", "1-9月完成", "完成预算(%)", "同比增减额", "同比增长(%)"],
        ["一般公共预算收入", 1350000, 987600, "73.2", 11700, "1.2"],
        ["税收收入", 980000, 701000, "71.5", -16500, "-2.3"],
    ])
    with caplog.at_level(logging.WARNING, logger="speechgen.notice"):
        rows = _by_name(read_indicator_file(path))
    revenue = rows["一般公共预算收入"]
    assert (revenue.growth, revenue.value, revenue.annual_target) == (D("1.2"), D("987600"), D("1350000"))
    assert rows["税收收入"].growth == D("-2.3")
    assert "完成预算(%)（完成进度）" in caplog.text  # told, not silently dropped


def test_a_note_in_brackets_is_no_unit(tmp_path: Path) -> None:
    path = _book(tmp_path / "n.xlsx", [["指标名称", "1-9月（预计）", "增速(%)"], ["地区生产总值", 1523.6, 5.2]])
    assert read_indicator_file(path)[0].unit == ""


def test_completion_of_annual_target_is_not_the_target(tmp_path: Path) -> None:
    path = _book(tmp_path / "t.xlsx", [["指标名称", "本期值", "完成年度目标(%)", "增速(%)"], ["税收收入", 70.1, 75.5, 3.0]])
    (row,) = read_indicator_file(path)
    assert (row.growth, row.annual_target, row.target_growth) == (D("3"), None, None)


# ------------------------------------------------------------------ 2. "%" of a growth-only row

def test_percent_unit_without_value_is_no_rate(tmp_path: Path) -> None:
    path = _book(tmp_path / "p.xlsx", [
        ["指标名称", "计量单位", "绝对值", "比上年增长(%)"],
        ["规模以上工业增加值", "%", "—", "7.1"], ["固定资产投资", "%", None, "-2.4"],
        ["城镇调查失业率", "%", 5.1, None], ["亏损面", "%", None, "1.2"], ["社会消费品零售总额", "亿元", 801.2, 5.9],
    ])
    rows = _by_name(read_indicator_file(path))
    assert rows["规模以上工业增加值"].unit == "" and rows["固定资产投资"].unit == ""
    assert rows["城镇调查失业率"].unit == "%" and rows["亏损面"].unit == "%"  # a rate by its value or its name
    assert rows["社会消费品零售总额"].unit == "亿元"


def test_growth_only_row_is_told_as_growth(tmp_path: Path) -> None:
    table = _book(tmp_path / "p.xlsx", [
        ["指标名称", "计量单位", "绝对值", "比上年增长(%)"],
        ["地区生产总值", "亿元", 2010.5, 5.6], ["规模以上工业增加值", "%", "—", 7.1],
    ])
    text = _text(render(_spec(tmp_path, table, "year", 2024), seed=1))
    assert "7.1%" in text and "7.1个百分点" not in text


def test_across_row_in_percent_is_growth_unless_a_rate(tmp_path: Path) -> None:
    path = _book(tmp_path / "a.xlsx", [["指标", "单位", "全市", "临河区", "青山县"],
                                       ["规模以上工业增加值", "%", 6.8, 8.2, 5.1], ["城镇调查失业率", "%", 5.1, 5.0, 5.3]])
    rows = {(r.region, r.name): r for r in read_region_rows(path)}
    industry, jobless = rows[("临河区", "规模以上工业增加值")], rows[("临河区", "城镇调查失业率")]
    assert (industry.growth, industry.value, industry.unit) == (D("8.2"), None, "")
    assert (jobless.value, jobless.unit, jobless.growth) == (D("5.0"), "%", None)


# ------------------------------------------------------------------ 3. column groups of two periods

def _groups(tmp_path: Path) -> Path:
    return _book(tmp_path / "c.xlsx", [
        ["2025年1-9月全市商务运行主要指标"],
        ["指标", "单位", "9月", None, "1-9月", None],
        [None, None, "当月", "同比增长", "累计", "同比增长"],
        ["社会消费品零售总额", "亿元", 70.2, "6.1%", 612.4, "5.2%"],
        ["实际使用外资", "万美元", "—", "—", 15230, "-18.6%"],
    ], merges=("C2:D2", "E2:F2"))


@pytest.mark.parametrize("when", [Q3, When(parse_period("M1-9"), 2025), None])
def test_cumulative_group_is_read_for_a_cumulative_meeting(tmp_path: Path, when: When | None) -> None:
    rows = _by_name(read_indicator_file(_groups(tmp_path), when=when))
    retail = rows["社会消费品零售总额"]
    assert (retail.value, retail.growth, retail.month_growth) == (D("612.4"), D("5.2"), D("6.1"))
    assert rows["实际使用外资"].value == D("15230")  # its monthly cells are "—": the row stays


def test_month_group_is_read_for_a_month_meeting(tmp_path: Path) -> None:
    rows = _by_name(read_indicator_file(_groups(tmp_path), when=When(parse_period("M9"), 2025)))
    assert (rows["社会消费品零售总额"].value, rows["社会消费品零售总额"].growth) == (D("70.2"), D("6.1"))


def test_this_month_and_this_year_columns(tmp_path: Path) -> None:
    path = _book(tmp_path / "i.xlsx", [["指标名称", "本月", "本年累计", "比上年同期增长(%)"], ["工业营业收入", 320.5, 2950.3, 4.1]])
    (row,) = read_indicator_file(path, when=When(parse_period("M1-9"), 2025))
    assert row.value == D("2950.3")


def test_this_month_growth_beside_the_growth_is_month_growth(tmp_path: Path) -> None:
    path = _book(tmp_path / "m.xlsx", [["指标名称", "本月增长(%)", "增长(%)"], ["工业增加值", 7.0, 6.8]])
    (row,) = read_indicator_file(path, when=Q3)
    assert (row.growth, row.month_growth) == (D("6.8"), D("7.0"))


def test_a_row_with_figures_only_in_unread_columns_is_named(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = _book(tmp_path / "u.xlsx", [["指标名称", "本期值", "同比增长(%)", "备注"], ["地区生产总值", 100, 5.0, None],
                                       ["新设企业", None, None, 21]])
    with caplog.at_level(logging.WARNING, logger="speechgen.notice"):
        rows = read_indicator_file(path)
    assert [r.name for r in rows] == ["地区生产总值"] and "第3行 新设企业" in caplog.text


# ------------------------------------------------------------------ 4. region written once per block

_LONG = [["2025年1-9月各县（市、区）主要指标"], ["地区", "指标名称", "单位", "1-9月", "增长(%)"],
         ["全市", "固定资产投资", "%", "—", -3.2], [None, "一般公共预算收入", "亿元", 98.76, 1.2],
         ["临河区", "固定资产投资", "%", "—", 1.5], [None, "一般公共预算收入", "亿元", 30.2, 3.0],
         ["青山县", "固定资产投资", "%", "—", -8.2], [None, "一般公共预算收入", "亿元", 12.1, -6.0]]


@pytest.mark.parametrize("merges", [(), ("A3:A4", "A5:A6", "A7:A8")])
def test_long_region_table_fills_the_region_down(tmp_path: Path, merges: tuple[str, ...]) -> None:
    rows = read_region_rows(_book(tmp_path / "l.xlsx", _LONG, merges=merges))
    got = {(r.region, r.name): r for r in rows}
    assert len(rows) == 6
    assert got[("青山县", "一般公共预算收入")].growth == D("-6.0") and got[("临河区", "固定资产投资")].unit == ""


def test_long_region_table_fills_the_indicator_down(tmp_path: Path) -> None:
    path = _book(tmp_path / "n.xlsx", [["指标名称", "地区", "增速(%)"], ["固定资产投资", "临河区", 1.5], [None, "青山县", -8.2],
                                       ["一般公共预算收入", "临河区", 3.0], [None, "青山县", -6.0]])
    rows = {(r.region, r.name): r.growth for r in read_region_rows(path)}
    assert rows == {("临河区", "固定资产投资"): D("1.5"), ("青山县", "固定资产投资"): D("-8.2"),
                    ("临河区", "一般公共预算收入"): D("3.0"), ("青山县", "一般公共预算收入"): D("-6.0")}


# ------------------------------------------------------------------ 5. prior-period sub-columns

def test_wide_prior_period_subcolumn_is_prev_growth(tmp_path: Path) -> None:
    path = _book(tmp_path / "w.xlsx", [
        ["县（市、区）", "地区生产总值", None, "规模以上工业增加值", "固定资产投资", None],
        [None, "总量(亿元)", "增速(%)", "增速(%)", "增速(%)", "上半年增速(%)"],
        ["全市", 1523.6, 5.2, 6.8, -3.2, -1.5], ["临河区", 402.1, 6.1, 8.2, 1.5, 2.0], ["青山县", 210.4, 4.0, 5.1, -8.2, -4.0],
    ], merges=("B1:C1", "E1:F1"))
    for when in (Q3, None):
        rows = read_region_rows(path, when=when)
        assert {r.name for r in rows} == {"地区生产总值", "规模以上工业增加值", "固定资产投资"}
        invest = next(r for r in rows if r.region == "青山县" and r.name == "固定资产投资")
        assert (invest.growth, invest.prev_growth, invest.prev_period) == (D("-8.2"), D("-4.0"), "上半年")
        gdp = next(r for r in rows if r.region == "临河区" and r.name == "地区生产总值")
        assert (gdp.value, gdp.unit, gdp.growth) == (D("402.1"), "亿元", D("6.1"))


def test_wide_single_row_prior_period_header(tmp_path: Path) -> None:
    path = _book(tmp_path / "w.xlsx", [["县区", "地区生产总值增速", "固定资产投资增速", "固定资产投资上半年增速"],
                                       ["临河区", 6.1, 1.5, 2.0], ["青山县", 4.0, -8.2, -4.0]])
    rows = read_region_rows(path, when=Q3)
    assert {r.name for r in rows} == {"地区生产总值", "固定资产投资"}
    invest = next(r for r in rows if r.region == "临河区" and r.name == "固定资产投资")
    assert (invest.growth, invest.prev_growth, invest.prev_period) == (D("1.5"), D("2.0"), "上半年")


def test_long_region_table_with_two_periods_of_growth(tmp_path: Path) -> None:
    path = _book(tmp_path / "l.xlsx", [["地区", "指标名称", "1-9月增速(%)", "上半年增速(%)"], ["临河区", "固定资产投资", 1.5, 2.0],
                                       ["青山县", "固定资产投资", -8.2, -4.0], ["临河区", "地区生产总值", 6.1, 6.0]])
    rows = {(r.region, r.name): r for r in read_region_rows(path, when=Q3)}
    assert len(rows) == 3  # not a wide table of indicators named "1-" and "上半年"
    invest = rows[("青山县", "固定资产投资")]
    assert (invest.growth, invest.prev_growth, invest.prev_period) == (D("-8.2"), D("-4.0"), "上半年")


def test_units_row_under_a_wide_header(tmp_path: Path) -> None:
    path = _book(tmp_path / "u.xlsx", [["县（市、区）", "地区生产总值", "地区生产总值增速", "规上工业增加值增速"],
                                       [None, "亿元", "%", "%"], ["临河区", 402.1, 6.1, 8.2], ["青山县", 210.4, 4.0, 5.1]])
    rows = {(r.region, r.name): r for r in read_region_rows(path)}
    gdp = rows[("临河区", "地区生产总值")]
    assert (gdp.value, gdp.unit, gdp.growth) == (D("402.1"), "亿元", D("6.1")) and len(rows) == 4


# ------------------------------------------------------------------ 6. year headers

def test_year_header_is_the_value_column(tmp_path: Path) -> None:
    path = _book(tmp_path / "y.xlsx", [["序号", "指标名称", "计量单位", "2023年", "2024年", "比上年增长(%)"],
                                       [1, "地区生产总值", "亿元", 1904.0, 2010.5, 5.6]])
    (row,) = read_indicator_file(path)
    assert (row.value, row.growth) == (D("2010.5"), D("5.6"))
    (row,) = read_indicator_file(path, when=When(parse_period("year"), 2024))
    assert row.value == D("2010.5")


# ------------------------------------------------------------------ 7. units stated outside the unit column

def test_units_from_title_row_and_name(tmp_path: Path) -> None:
    path = _book(tmp_path / "u.xlsx", [
        ["2025年1-9月财政收支执行情况表"], ["制表单位：市财政局", None, "单位：万元"],
        ["项目", "1-9月完成", "同比增长(%)"],
        ["一般公共预算收入", 987600, 1.2], ["工业用电量（亿千瓦时）", 98.7, 5.5], ["地区生产总值（GDP）", 100, 5.0],
    ])
    rows = _by_name(read_indicator_file(path))
    assert rows["一般公共预算收入"].unit == "万元"
    assert rows["工业用电量"].unit == "亿千瓦时"
    assert "地区生产总值（GDP）" in rows  # a bracket that is no unit stays in the name


def test_unit_in_brackets_of_the_title(tmp_path: Path) -> None:
    path = _book(tmp_path / "u.xlsx", [["2025年财政收支表（单位：万元）"], ["制表单位：市统计局"], ["项目", "本期值", "增速(%)"],
                                       ["税收收入", 701000, -2.3]])
    assert read_indicator_file(path)[0].unit == "万元"


def test_a_list_of_units_gives_the_one_besides_percent(tmp_path: Path) -> None:
    path = _book(tmp_path / "u.xlsx", [["单位：亿元、%"], ["指标名称", "本年累计", "增速(%)"], ["营业收入", 2950.3, 4.1]])
    assert read_indicator_file(path)[0].unit == "亿元"
    path = _book(tmp_path / "v.xlsx", [["单位：亿元、万美元、%"], ["指标名称", "本年累计", "增速(%)"], ["进出口", 10, 4.1]])
    assert read_indicator_file(path)[0].unit == ""


# ------------------------------------------------------------------ 8. nesting

def test_sub_items_nest_under_their_nearest_parent(tmp_path: Path) -> None:
    path = _book(tmp_path / "n.xlsx", [
        ["项目", "1-9月完成", "同比增长(%)"],
        ["一、一般公共预算收入", 987600, 1.2], ["  （一）税收收入", 701000, -2.3], ["     1.增值税", 310200, 1.7],
        ["     2.企业所得税", 98000, -10.9], ["  （二）非税收入", 286600, 10.9],
        ["二、一般公共预算支出", 1880000, 3.3], ["  其中：民生支出", 1466400, 5.1],
    ])
    parents = {r.name: r.parent for r in read_indicator_file(path)}
    assert parents == {"一般公共预算收入": "", "税收收入": "一般公共预算收入", "增值税": "税收收入", "企业所得税": "税收收入",
                       "非税收入": "一般公共预算收入", "一般公共预算支出": "", "民生支出": "一般公共预算支出"}


def test_excel_indent_and_grouping_rows(tmp_path: Path) -> None:
    path = _book(tmp_path / "i.xlsx", [
        ["指标名称", "本年累计", "增速(%)"], ["规模以上工业增加值", None, 6.8], ["按经济类型分", None, None],
        ["国有控股企业", None, 3.2], ["私营企业", None, 8.9], ["规模以上工业利润总额", 160, -12.5],
    ], indent={4: 2, 5: 2})
    parents = {r.name: r.parent for r in read_indicator_file(path)}
    assert parents == {"规模以上工业增加值": "", "国有控股企业": "规模以上工业增加值", "私营企业": "规模以上工业增加值",
                       "规模以上工业利润总额": ""}


def test_qizhong_siblings_line_up(tmp_path: Path) -> None:
    path = _book(tmp_path / "q.xlsx", [["指标名称", "本期值", "增速(%)"], ["固定资产投资", None, -3.2],
                                       ["其中：工业投资", None, 4.6], ["　　　房地产开发投资", None, -12.3]])
    parents = {r.name: r.parent for r in read_indicator_file(path)}
    assert parents["房地产开发投资"] == "固定资产投资" and parents["工业投资"] == "固定资产投资"


# ------------------------------------------------------------------ 9. the previous period a column names

@pytest.mark.parametrize("period, header, prev", [
    ("M1-9", "上月累计增速(%)", "1-8月"), ("Q3", "上月累计增速(%)", "1-8月"), ("Q3", "上半年增速(%)", "上半年"),
    ("Q3", "上期增速(%)", None),
])
def test_prev_period_from_header(tmp_path: Path, period: str, header: str, prev: str | None) -> None:
    path = _book(tmp_path / "p.xlsx", [["指标名称", "本年累计", "比上年同期增长(%)", header], ["营业收入", 2950.3, 4.1, 4.5]])
    (row,) = read_indicator_file(path, when=When(parse_period(period), 2025))
    assert (row.growth, row.prev_growth, row.prev_period) == (D("4.1"), D("4.5"), prev)


def test_spec_passes_the_meeting_period_to_the_table(tmp_path: Path) -> None:
    table = _book(tmp_path / "g.xlsx", [["指标名称", "单位", "本月", "本年累计", "增速(%)", "上月累计增速(%)"],
                                        ["地区生产总值", "亿元", 150.0, 1523.6, 5.2, 5.4]])
    (row,) = load_spec(_spec(tmp_path, table, "M1-9", 2025)).indicator_rows
    assert (row.value, row.prev_period) == (D("1523.6"), "1-8月")
