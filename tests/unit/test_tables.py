"""Indicator tables from .xlsx/.csv: headers, skipped rows, precision, located errors, regions."""
from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from speechgen.api import render
from speechgen.errors import InputError
from speechgen.spec.loader import load_spec
from speechgen.spec.tables.regions import competition_ranks, region_rows, region_table
from speechgen.spec.tables.headers import field_for
from speechgen.spec.tables.grid import format_decimals
from speechgen.spec.tables.rows import indicator_table, read_indicator_file

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _xlsx(path: Path, rows: list[list[Any]], *, title: str = "一季度", formats: dict[str, str] | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    for ref, fmt in (formats or {}).items():
        ws[ref].number_format = fmt
    wb.save(path)
    return path


HEADER = ["指标名称", "单位", "本期值", "同比增长(%)", "全省增速(%)", "全省排位"]


def test_sample_workbook_reads_with_precision() -> None:
    rows = read_indicator_file(SAMPLES / "city_q1_indicators.xlsx", sheet="一季度")
    assert [r.name for r in rows][:3] == ["地区生产总值", "规上工业增加值", "固定资产投资"]
    assert len(rows) == 8  # section row, blank row and footnotes skipped
    gdp, industry, invest, _, revenue, trade = rows[:6]
    assert (gdp.value, gdp.unit, gdp.growth, gdp.rank, gdp.rank_total, gdp.prev_rank) == (D("512.3"), "亿元", D("5.8"), 4, 11, 6)
    assert str(revenue.value) == "38.62" and str(invest.prev_growth) == "6.0" and str(industry.target_growth) == "7.0"
    assert industry.value is None and industry.unit == ""  # "—" unit means none
    assert trade.annual_target is None and trade.target_growth is None  # "—" target


def test_sample_excel_spec_renders_end_to_end() -> None:
    draft = render(SAMPLES / "city_q1_excel.yaml", seed=2)
    text = "\n".join(b.text for b in draft.blocks if hasattr(b, "text"))
    text += "".join(r.text for b in draft.blocks for r in getattr(b, "body", []))
    assert "512.3亿元" in text and "38.62亿元" in text and "None" not in text


def test_render_indicators_parameter_replaces_table() -> None:
    draft = render(SAMPLES / "city_q1.yaml", indicators=SAMPLES / "city_q1_indicators.xlsx", sheet="一季度", seed=1)
    assert draft.blocks


def test_csv_with_variant_headers(tmp_path: Path) -> None:
    path = tmp_path / "指标.csv"
    path.write_text("\ufeff2025年1-4月主要指标\n\n指标,计量单位,本期累计,增速(%),全省增速（%）,排名,上期排名,年度目标（亿元）\n"
                    "地区生产总值,亿元,\"1,234.50\",5.80%,5.3,第3位,4,4000\n"
                    "其中：工业增加值,,—,-1.0,2.1,8/11,,\n"
                    ",,,,,,,\n"
                    "注：本表为快报数。\n", encoding="utf-8")
    gdp, industry = read_indicator_file(path)
    assert (str(gdp.value), str(gdp.growth), gdp.rank, gdp.prev_rank, str(gdp.annual_target)) == ("1234.50", "5.80", 3, 4, "4000")
    assert industry.name == "工业增加值" and industry.value is None and industry.growth == D("-1.0")
    assert (industry.rank, industry.rank_total) == (8, 11)


def test_gbk_csv_and_unit_from_header(tmp_path: Path) -> None:
    path = tmp_path / "gbk.csv"
    path.write_bytes("指标名称,本期值（亿元）,同比增长(%)\n固定资产投资,168.5,8.9\n".encode("gbk"))
    (row,) = read_indicator_file(path)
    assert (row.name, row.unit, str(row.value)) == ("固定资产投资", "亿元", "168.5")


def test_percent_format_and_hidden_digits(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "p.xlsx", [HEADER, ["甲", "亿元", 12.0, 0.058, 0.04, 2]],
                 formats={"C2": "0.00", "D2": "0.0%", "E2": "0.0"})
    (row,) = read_indicator_file(path)
    assert str(row.value) == "12.00" and str(row.growth) == "5.8"
    assert str(row.superior_growth) == "0.04"  # "0.0" would show 0.0: the digits are kept


def test_header_below_title_and_two_row_header() -> None:
    rows = read_indicator_file(SAMPLES / "city_q1_indicators.xlsx")  # first sheet by default
    assert rows[0].superior_growth == D("5.3") and rows[0].target_growth == D("6.5")


def test_user_columns_extend_the_mapping(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "c.xlsx", [["指标名称", "同比增长(%)", "省里名次", "备用"], ["甲", 5.1, 7, "x"]])
    with pytest.raises(InputError):
        read_indicator_file(path, columns={"省里名次": "不存在的字段"})
    (row,) = read_indicator_file(path, columns={"省里名次": "排位"})
    assert row.rank == 7


@pytest.mark.parametrize("cell, raw", [("D3", "五"), ("D3", "5.8亿"), ("F3", "3.5"), ("C3", "约100")])
def test_bad_cells_are_located(tmp_path: Path, cell: str, raw: str) -> None:
    rows = [["一季度主要指标"], HEADER, ["甲", "亿元", 100, 5.8, 5.3, 3]]
    path = _xlsx(tmp_path / "bad.xlsx", rows)
    wb = openpyxl.load_workbook(path)
    wb.active[cell] = raw
    wb.save(path)
    with pytest.raises(InputError) as err:
        read_indicator_file(path, origin="q1.yaml 第9行 indicators")
    msg = str(err.value)
    assert msg.startswith("q1.yaml 第9行 indicators → bad.xlsx 一季度!" + cell), msg
    assert f"'{raw}'" in msg and ("应为数字" in msg or "应为整数" in msg)


def test_all_bad_cells_reported_at_once(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "bad.xlsx", [HEADER, ["甲", "亿元", "x", 5.8, 5.3, 3], ["乙", "亿元", 1, "y", 5.3, 3]])
    with pytest.raises(InputError) as err:
        read_indicator_file(path)
    assert len(err.value.problems) == 2 and "一季度!C2" in err.value.problems[0] and "一季度!D3" in err.value.problems[1]


def test_rank_beyond_total_names_the_row(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "r.xlsx", [["指标名称", "全省排位", "参评数"], ["甲", 12, 11]])
    with pytest.raises(InputError, match=r"一季度!第2行：.*rank=12"):
        read_indicator_file(path)


def test_spec_reference_error_names_spec_line(tmp_path: Path) -> None:
    _xlsx(tmp_path / "t.xlsx", [HEADER, ["甲", "亿元", 1, "五", 5.3, 3]])
    spec = tmp_path / "q1.yaml"
    spec.write_text("meeting: {type: quarterly_analysis, title: 会, period: Q1, year: 2025}\n"
                    "indicators: {file: t.xlsx, sheet: 一季度}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"q1.yaml 第2行 indicators → t.xlsx 一季度!D2（同比增长\(%\)）：应为数字，收到 '五'"):
        load_spec(spec)


@pytest.mark.parametrize("name, content, message", [
    ("old.xls", b"\xd0\xcf\x11\xe0", "另存为"),
    ("broken.xlsx", b"not a zip", "无法打开"),
    ("notes.docx", b"x", "无法识别的表格格式"),
])
def test_unreadable_files(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_indicator_file(path)


def test_missing_file_sheet_and_header(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="不存在"):
        read_indicator_file(tmp_path / "none.xlsx")
    path = _xlsx(tmp_path / "s.xlsx", [HEADER, ["甲", "亿元", 1, 2, 3, 4]])
    with pytest.raises(InputError, match="找不到工作表 “二季度”，现有工作表：一季度"):
        read_indicator_file(path, sheet="二季度")
    path = _xlsx(tmp_path / "h.xlsx", [["甲", "乙"], [1, 2]])
    with pytest.raises(InputError, match="找不到表头行"):
        read_indicator_file(path)


@pytest.mark.parametrize("header, fname", [
    ("指标名称", "name"), ("指 标", "name"), ("计量单位", "unit"), ("1-3月累计", "value"), ("本期值（亿元）", "value"),
    ("同比增长（%）", "growth"), ("比上年同期增长%", "growth"), ("增速", "growth"), ("全省增速(%)", "superior_growth"),
    ("全市", "superior_growth"), ("全省排位", "rank"), ("增速排名", "rank"), ("上期增速", "prev_growth"),
    ("上月排位", "prev_rank"), ("年度目标", "annual_target"), ("全年计划（亿元）", "annual_target"),
    ("目标增速（%）", "target_growth"), ("年度目标(%)", "target_growth"), ("参评数", "rank_total"), ("备注", None),
])
def test_header_patterns(header: str, fname: str | None) -> None:
    assert field_for(header, {}) == fname


@pytest.mark.parametrize("fmt, places", [("General", None), ("0", 0), ("0.0", 1), ("#,##0.00", 2), ("0.0%", 1),
                                         ('0.00"亿元"', 2), ("0.0_);[Red](0.0)", 1)])
def test_format_decimals(fmt: str, places: int | None) -> None:
    assert format_decimals(fmt) == places


def test_region_rows_from_sample_use_total_row() -> None:
    table = region_table(SAMPLES / "city_q1_indicators.xlsx", sheet="分县区")
    assert table.total_label == "全市" and table.basis["地区生产总值"] == "total"
    gdp = {region: inds[0] for region, inds in table.regions.items()}
    assert list(gdp) == ["东城区", "西城区", "临江县", "平山县", "青石县"]
    assert [gdp[r].rank for r in gdp] == [2, 3, 1, 5, 3]  # 5.2 twice: tied third, no fourth
    assert all(i.rank_total == 5 and i.superior_growth == D("5.8") for i in gdp.values())


def test_region_average_when_no_total_row(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("县区,指标名称,同比增长(%),上期增速\n甲县,投资,5.2,3.0\n乙县,投资,5.1,4.0\n丙县,投资,5.31,\n"
                    "甲县,能耗,-3.0,\n乙县,能耗,-1.0,\n", encoding="utf-8")
    table = region_table(path)
    assert table.basis["投资"] == "average" and table.superior["投资"] == D("5.203")  # not 5.20: 甲县 would tie
    invest = {r: i[0] for r, i in table.regions.items()}
    assert [invest[r].rank for r in ("甲县", "乙县", "丙县")] == [2, 3, 1]
    assert (invest["甲县"].prev_rank, invest["乙县"].prev_rank, invest["丙县"].prev_rank) == (2, 1, None)
    energy = {r: i[1] for r, i in table.regions.items() if len(i) > 1}
    assert energy["甲县"].rank == 1  # lower is better for 能耗


def test_region_rows_single_indicator_sheet(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "gdp.xlsx", [["地区", "本期值", "增速"], ["甲", 10.0, 6.0], ["乙", 12.0, 6.5]],
                 title="GDP")
    rows = region_rows(path, indicator="地区生产总值")
    assert rows["乙"][0].name == "地区生产总值" and rows["乙"][0].rank == 1
    rows = region_rows(path, indicator="地区生产总值", region_column="地区")
    assert rows["甲"][0].rank == 2


def test_competition_ranks() -> None:
    vals = [D("5"), D("7"), D("5"), None, D("1")]
    assert competition_ranks(vals) == [2, 1, 2, None, 4]
    assert competition_ranks(vals, ascending=True) == [2, 4, 2, None, 1]


def test_indicator_table_drops_empty_columns(make_spec) -> None:
    spec = make_spec(indicators=[{"name": "甲", "growth": "5.80", "superior_growth": "5.3"},
                                 {"name": "乙", "growth": "-1", "part": "hidden"}])
    table = indicator_table(spec)
    assert table.header == ["指标", "同比增长（%）", "全省增速（%）"] and table.rows == [["甲", "5.80", "5.3"]]
