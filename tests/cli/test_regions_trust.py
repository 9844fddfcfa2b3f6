"""Issue 12 trust bugs of `batch --regions`: the region sheet is found (or the sheets are listed), a
column of units is never the region column, unit-like or numeric region names are refused, and
every `{地区}` of the shared spec becomes the region's name (its level in the body)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from speechgen.cli import main

from conftest import workbook

INDICATORS = [  # an ordinary indicator sheet: its 单位 column holds units, never regions
    ["2025年一季度主要经济指标"],
    ["指标名称", "单位", "本期值", "同比增长(%)"],
    ["地区生产总值", "亿元", 512.3, 5.8],
    ["规上工业增加值", "%", None, 4.1],
    ["常住人口", "万人", 96.2, 0.3],
    ["城镇调查失业率", "%", 5.1, None],
]
COUNTIES = ["青山县", "白水县", "东林区", "城关镇"]
GROWTH = {"青山县": 6.4, "白水县": 5.2, "东林区": 4.1, "城关镇": -1.5}
INVEST = {"青山县": 8.0, "白水县": -3.2, "东林区": 2.5, "城关镇": 1.1}


def _long() -> list[list[Any]]:
    rows: list[list[Any]] = [["分县区主要指标"], ["地区", "指标名称", "单位", "本期值", "同比增长(%)"],
                             ["全市", "地区生产总值", "亿元", 512.3, 5.8]]
    for c in COUNTIES:
        rows.append([c, "地区生产总值", "亿元", 80.0, GROWTH[c]])
        rows.append([c, "固定资产投资", "亿元", 30.0, INVEST[c]])
    return rows


def _wide() -> list[list[Any]]:
    rows: list[list[Any]] = [["县（市、区）", "地区生产总值增速(%)", "固定资产投资增速(%)"]]
    rows += [[c, GROWTH[c], INVEST[c]] for c in COUNTIES]
    return rows


def _own_header() -> list[list[Any]]:  # regions under a header no pattern knows: found by their names
    rows: list[list[Any]] = [["名称", "地区生产总值增速(%)", "固定资产投资增速(%)"]]
    rows += [[c, GROWTH[c], INVEST[c]] for c in COUNTIES]
    return rows


def _across() -> list[list[Any]]:  # regions across the top, one row per indicator
    return [["指标", "单位", "全市", *COUNTIES],
            ["地区生产总值", "亿元", 512.3, 80.0, 70.0, 60.0, 20.0],
            ["地区生产总值增速", "%", 5.8, *(GROWTH[c] for c in COUNTIES)],
            ["固定资产投资增速", "%", 3.0, *(INVEST[c] for c in COUNTIES)]]


def _across_two_rows() -> list[list[Any]]:  # each region over 本期值 | 增速(%)
    top: list[Any] = ["指标名称"]
    sub: list[Any] = [None]
    for c in COUNTIES:
        top += [c, None]
        sub += ["本期值", "增速(%)"]
    gdp: list[Any] = ["地区生产总值"]
    inv: list[Any] = ["固定资产投资"]
    for c in COUNTIES:
        gdp += [80.0, GROWTH[c]]
        inv += [30.0, INVEST[c]]
    return [top, sub, gdp, inv]


SHARED = """\
meeting:
  type: quarterly_analysis
  title: 全市一季度经济运行分析会
  period: Q1
  year: 2025
  region: 全市
  superior: 全省
  speaker: {name: 王强, post: 县长}
tasks:
  - {title: 抓项目扩投资, items: [推行项目周调度], lead: 发改部门}
"""


def _spec(tmp_path: Path, text: str = SHARED) -> Path:
    path = tmp_path / "shared.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("layout", [_long, _wide, _own_header, _across, _across_two_rows])
def test_the_region_sheet_is_found_without_sheet(runner, tmp_path: Path, layout: Any) -> None:
    book = workbook(tmp_path / "指标.xlsx", {"一季度": INDICATORS, "说明": [["本表数据为虚构"]], "分县区": layout()})
    out = tmp_path / "out"
    result = runner.invoke(main, ["batch", str(_spec(tmp_path)), "--regions", str(book), "-o", str(out),
                                  "--format", "md", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert sorted(p.stem for p in out.glob("*.md")) == sorted(COUNTIES)  # never 亿元.md, %.md, 万人.md
    for county in COUNTIES:
        text = (out / f"{county}.md").read_text(encoding="utf-8")
        assert text.startswith(f"# 在{county}一季度经济运行分析会上的讲话")
        g = GROWTH[county]
        assert f"增长{g}%" in text or f"下降{abs(g)}%" in text


def test_a_workbook_without_region_table_lists_its_sheets(runner, tmp_path: Path) -> None:
    book = workbook(tmp_path / "指标.xlsx", {"一季度": INDICATORS, "上年同期": INDICATORS})
    out = tmp_path / "out"
    result = runner.invoke(main, ["batch", str(_spec(tmp_path)), "--regions", str(book), "-o", str(out)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "找不到分地区指标表" in result.output and "一季度、上年同期" in result.output and "--sheet" in result.output
    assert not out.exists()  # nothing made, not even the folder


def test_two_region_sheets_are_named_and_none_is_guessed(runner, tmp_path: Path) -> None:
    book = workbook(tmp_path / "指标.xlsx", {"一季度": INDICATORS, "分县区": _long(), "分县区上月": _wide()})
    result = runner.invoke(main, ["batch", str(_spec(tmp_path)), "--regions", str(book), "-o",
                                  str(tmp_path / "out")])
    assert result.exit_code == 2 and "分县区、分县区上月" in result.output and "--sheet" in result.output
    ok = runner.invoke(main, ["batch", str(_spec(tmp_path)), "--regions", str(book), "--sheet", "分县区上月",
                              "-o", str(tmp_path / "out"), "--format", "md", "-j", "1"])
    assert ok.exit_code == 0, ok.output
    by = runner.invoke(main, ["batch", str(_spec(tmp_path)), "--regions", str(book), "--by", "县（市、区）",
                              "-o", str(tmp_path / "by"), "--format", "md", "-j", "1"])
    assert by.exit_code == 0, by.output  # only 分县区上月 has a column headed 县（市、区）
    assert sorted(p.stem for p in (tmp_path / "by").glob("*.md")) == sorted(COUNTIES)


@pytest.mark.parametrize("sheet_args", [[], ["--sheet", "一季度"]])
def test_a_unit_column_is_never_the_region_column(runner, tmp_path: Path, sheet_args: list[str]) -> None:
    book = workbook(tmp_path / "指标.xlsx", {"一季度": INDICATORS})
    out = tmp_path / "out"
    result = runner.invoke(main, ["batch", str(_spec(tmp_path)), "--regions", str(book), *sheet_args,
                                  "-o", str(out), "--format", "md"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "找不到分地区指标表" in result.output and "一季度" in result.output
    assert not list(out.glob("*.md"))


@pytest.mark.parametrize("bad, why", [("亿元", "像是计量单位"), ("%", "像是计量单位"), ("万吨", "像是计量单位"),
                                      ("（万人）", "像是计量单位"), ("12", "是数字"), ("5.8", "是数字")])
@pytest.mark.parametrize("layout", ["long", "wide"])
def test_a_region_named_like_a_unit_or_number_is_refused(runner, tmp_path: Path, bad: str, why: str,
                                                          layout: str) -> None:
    rows = _long() if layout == "long" else _wide()
    where = 5 if layout == "long" else 3  # the second county's row
    rows[where - 1][0] = bad
    book = workbook(tmp_path / "指标.xlsx", {"一季度": INDICATORS, "分县区": rows})
    out = tmp_path / "out"
    result = runner.invoke(main, ["batch", str(_spec(tmp_path)), "--regions", str(book), "--sheet", "分县区",
                                  "-o", str(out), "--format", "md"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"指标.xlsx 分县区!A{where}" in result.output and f"“{bad}”{why}" in result.output
    assert not list(out.glob("*.md"))


def test_csv_regions_with_a_unit_name_name_the_file_and_cell(runner, tmp_path: Path) -> None:
    table = tmp_path / "县区.csv"
    table.write_text("地区,指标名称,同比增长(%)\n青山县,投资,5.0\n亿元,投资,3.0\n", encoding="utf-8")
    result = runner.invoke(main, ["batch", str(_spec(tmp_path)), "--regions", str(table), "-o", str(tmp_path / "o")])
    assert result.exit_code == 2 and "县区.csv!A3" in result.output and "“亿元”像是计量单位" in result.output
