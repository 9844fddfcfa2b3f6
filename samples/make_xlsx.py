"""Regenerate samples/city_q1_indicators.xlsx (fictitious figures).

    python samples/make_xlsx.py

Sheet 一季度 is laid out like a statistics bureau's monthly table: a title row,
a two-row header with merged parent cells (1-3月 / 全省 / 上期), units in their
own column, number formats that carry the precision, a section row, a "—"
for "no target", and footnote rows.  Sheet 分县区 has one row per county and
indicator plus the 全市 total rows (for per-region ranks and averages).
"""
from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font

HERE = Path(__file__).resolve().parent
OUT = HERE / "city_q1_indicators.xlsx"

# name, unit, value, growth, superior growth, rank, total, prev growth, prev rank, target, target growth
ROWS = [
    ("地区生产总值", "亿元", 512.3, 5.8, 5.3, 4, 11, 5.1, 6, 2100, 6.5),
    ("规上工业增加值", "—", None, 4.1, 5.3, 9, 11, 6.2, 7, None, 7.0),
    ("固定资产投资", "亿元", 168.5, 8.9, 4.2, 2, 11, 6.0, 3, 760, 8.0),
    ("社会消费品零售总额", "亿元", 201.7, 6.2, 5.8, 3, 11, 5.9, 3, 830, 6.5),
    ("一般公共预算收入", "亿元", 38.62, -2.3, 1.5, 10, 11, -4.1, 10, 142, 3.0),
    ("进出口总额", "亿元", 46.8, 12.5, 3.6, 1, 11, 9.7, 2, "—", "—"),
    None,  # section row
    ("城镇居民人均可支配收入", "元", 14236, 5.1, 4.9, 5, 11, None, None, None, None),
    ("农村居民人均可支配收入", "元", 7318, 6.6, 6.3, 4, 11, None, None, None, None),
]
FORMATS = ["@", "@", "0.0", "0.0", "0.0", "0", "0", "0.0", "0", "0", "0.0"]

COUNTIES = ["东城区", "西城区", "临江县", "平山县", "青石县"]
# indicator, unit, city total growth, [(value, growth) per county]
REGION_ROWS = [
    ("地区生产总值", "亿元", 5.8, [(132.4, 6.1), (98.7, 5.2), (87.9, 6.4), (64.2, 4.8), (55.6, 5.2)]),
    ("固定资产投资", "亿元", 8.9, [(40.1, 9.5), (35.2, 12.3), (31.8, 7.6), (22.0, -3.4), (19.3, 10.1)]),
    ("社会消费品零售总额", "亿元", 6.2, [(61.0, 6.8), (47.5, 6.0), (30.2, 5.5), (21.1, 6.0), (16.4, 7.2)]),
]


def main() -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "一季度"
    _quarter_sheet(ws)
    _region_sheet(wb.create_sheet("分县区"))
    wb.properties.creator = "speechgen sample"
    wb.save(OUT)
    return OUT


def _quarter_sheet(ws) -> None:
    ws.append(["2025年一季度全市主要经济指标完成情况"])
    ws.merge_cells("A1:L1")
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append([])
    ws.append(["指标名称", "单位", "1-3月", None, "全省", None, None, "上期", None, "年度目标", "目标增速（%）"])
    ws.append([None, None, "累计", "同比增长（%）", "增速（%）", "排位", "参评数", "增速（%）", "排位"])
    for rng in ("A3:A4", "B3:B4", "C3:D3", "E3:G3", "H3:I3", "J3:J4", "K3:K4"):
        ws.merge_cells(rng)
    for row in ROWS:
        if row is None:
            ws.append(["居民收入"])
            continue
        ws.append(list(row))
        r = ws.max_row
        for col, fmt in enumerate(FORMATS, start=1):
            ws.cell(r, col).number_format = fmt
        if row[2] == 38.62:
            ws.cell(r, 3).number_format = "0.00"  # the bureau reports this one to 0.01亿元
        elif isinstance(row[2], int):
            ws.cell(r, 3).number_format = "0"
    ws.append([])
    ws.append(["注：1.地区生产总值为初步核算数，按可比价格计算增速；2.“—”表示无此项。"])
    ws.append(["资料来源：市统计局"])
    ws.column_dimensions["A"].width = 26


def _region_sheet(ws) -> None:
    ws.append(["2025年一季度分县区主要指标"])
    ws.append(["地区", "指标名称", "单位", "本期值", "同比增长（%）"])
    for name, unit, total, per_county in REGION_ROWS:
        ws.append(["全市", name, unit, None, total])
        for county, (value, growth) in zip(COUNTIES, per_county):
            ws.append([county, name, unit, value, growth])
            ws.cell(ws.max_row, 4).number_format = "0.0"
            ws.cell(ws.max_row, 5).number_format = "0.0"


if __name__ == "__main__":
    print(main())
