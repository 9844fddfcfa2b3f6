"""Region names, units and the region axis of a sheet (speechgen.spec.tables.regionsheet)."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from conftest import workbook
from speechgen.errors import InputError
from speechgen.spec.tables.grid import Cell, Grid
from speechgen.spec.tables.regions import read_region_rows, region_table
from speechgen.spec.tables.regionsheet import is_region_name, level_of, region_axis, region_problem


@pytest.mark.parametrize("text, region", [
    ("青山县", True), ("东林区", True), ("临江市", True), ("城关镇", True), ("石门乡", True), ("城南街道", True),
    ("经济技术开发区", True), ("滨江新区", True), ("工业园区", True), ("达尔罕茂明安联合旗", True),
    ("全市", True), ("合计", True), ("1.青山县", True),
    ("亿元", False), ("%", False), ("万吨", False), ("万人", False), ("12", False), ("5.8", False),
    ("地区生产总值", False), ("社会消费品零售总额", False), ("区", False), ("注：数据为快报数", False),
])
def test_region_names(text: str, region: bool) -> None:
    assert is_region_name(text) is region


@pytest.mark.parametrize("text, why", [
    ("亿元", "像是计量单位"), ("%", "像是计量单位"), ("％", "像是计量单位"), ("万吨", "像是计量单位"),
    ("（亿元）", "像是计量单位"), ("亿元/%", "像是计量单位"), ("万千瓦时", "像是计量单位"), ("12", "是数字"),
    ("-3.5", "是数字"), ("第3位", "是数字"), ("青山县", None), ("甲", None), ("城关", None),
])
def test_region_problems(text: str, why: str | None) -> None:
    assert region_problem(text) == why


@pytest.mark.parametrize("name, level", [
    ("青山县", "全县"), ("东林区", "全区"), ("临江市", "全市"), ("城关镇", "全镇"), ("石门乡", "全乡"),
    ("城南街道", "全街道"), ("高新技术产业开发区", "全区"), ("滨江新区", "全区"), ("江北工业园区", "全园区"),
    ("阿拉善盟", "全盟"), ("峨边彝族自治县", "全县"), ("城关", None),
])
def test_levels(name: str, level: str | None) -> None:
    assert level_of(name) == level


def _grid(rows: list[list[Any]]) -> Grid:
    return Grid("t.xlsx", "表", [[Cell(v, r, c) for c, v in enumerate(row, start=1)]
                                for r, row in enumerate(rows, start=1)])


@pytest.mark.parametrize("rows, expected", [
    ([["地区", "指标名称", "同比增长(%)"], ["甲", "投资", 5.0], ["乙", "投资", 4.0]], ("rows", 1)),  # by header
    ([["指标名称", "单位", "本期值"], ["地区生产总值", "亿元", 5.0], ["人口", "万人", 4.0]], None),  # units
    ([["序号", "名称", "增速"], [1, "青山县", 5.0], [2, "白水县", 4.0]], ("rows", 2)),  # by its names
    ([["指标", "全市", "青山县", "白水县"], ["地区生产总值增速", 5.0, 6.0, 4.0]], ("columns", 0)),  # across
    ([["地区", "全市", "青山县", "白水县"], ["地区生产总值增速", 5.0, 6.0, 4.0]], ("columns", 0)),  # corner 地区
    ([["单位", "增速"], ["青山县", 5.0], ["白水县", 4.0]], ("rows", 1)),  # 单位 as the reporting unit
])
def test_region_axis(rows: list[list[Any]], expected: tuple[str, int] | None) -> None:
    axis = region_axis(_grid(rows))
    assert (None if axis is None else (axis.orientation, axis.index)) == expected


def test_across_table_ranks_and_total(tmp_path: Path) -> None:
    path = workbook(tmp_path / "r.xlsx", {"目录": [["一、主要指标"], ["二、分县区"]], "分县区": [
        ["指标名称", "单位", "全市", "甲县", "乙县", "丙区"],
        ["地区生产总值", "亿元", 300.0, 100.0, 120.0, 80.0],
        ["地区生产总值增速", "%", 5.5, 6.1, 4.2, 6.1],
        ["城镇调查失业率", "%", 5.0, 4.8, 5.2, 5.1],
    ]})
    table = region_table(path)
    gdp = {r: next(i for i in inds if i.name == "地区生产总值") for r, inds in table.regions.items()}
    assert table.total_label == "全市" and table.superior["地区生产总值"] == Decimal("5.5")
    assert (gdp["甲县"].value, gdp["甲县"].growth, gdp["甲县"].rank, gdp["乙县"].rank) == (Decimal("100"), Decimal("6.1"), 1, 3)
    assert gdp["丙区"].rank == 1 and gdp["甲县"].unit == "亿元"  # a tie shares the rank
    rate = next(i for i in table.regions["乙县"] if i.name == "城镇调查失业率")
    assert rate.value == Decimal("5.2") and rate.growth is None  # a rate in % is a value, not a growth


def test_across_table_bad_cell_is_located(tmp_path: Path) -> None:
    path = workbook(tmp_path / "r.xlsx", {"分县区": [["指标", "甲县", "乙县"], ["地区生产总值增速", 5.0, "五"]]})
    with pytest.raises(InputError, match=r"r.xlsx 分县区!C2（乙县·地区生产总值增速）：应为数字，收到 '五'"):
        read_region_rows(path)


def test_single_sheet_without_regions_says_so(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("指标名称,单位,本期值\n地区生产总值,亿元,5\n人口,万人,4\n", encoding="utf-8")
    with pytest.raises(InputError, match="找不到分地区指标表"):
        read_region_rows(path)
