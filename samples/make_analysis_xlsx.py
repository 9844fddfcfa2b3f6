"""Regenerate samples/city_q3_analysis.xlsx (fictitious figures) for samples/city_q3_analysis.yaml.

    python samples/make_analysis_xlsx.py

Sheet 前三季度: the main indicators with the analysis columns of a statistics bureau's
table — 拉动(百分点), 贡献率(%), 占比(%), 当月增长(%), 两年平均增长(%), counts (个数/总数),
the whole a share or count refers to (总体), the writer's cause (原因) — and "其中：" rows
that belong to the row above them.  Sheet 分县区: ten counties/districts × three indicators
plus the 全市 total rows; one tie, one missing cell, negative growth.
"""
from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.styles import Font

HERE = Path(__file__).resolve().parent
OUT = HERE / "city_q3_analysis.xlsx"

HEADER = ["指标名称", "单位", "1-9月累计", "同比增长（%）", "全省增速（%）", "全省排位", "参评数", "上期增速（%）",
          "上期排位", "年度目标", "目标增速（%）", "拉动（百分点）", "贡献率（%）", "占比（%）", "当月增长（%）",
          "两年平均增长（%）", "个数", "总数", "总体", "原因"]
N = None
ROWS = [
    ("地区生产总值", "亿元", 2186.4, 5.7, 5.3, 3, 11, 5.9, 4, N, 6.0, N, N, N, N, 5.5, N, N, N, N),
    ("第一产业增加值", "亿元", 223.0, 3.4, N, N, N, 4.3, N, N, N, 0.4, 7.0, 10.2, N, N, N, N, N, N),
    ("第二产业增加值", "亿元", 907.4, 6.9, N, N, N, 6.5, N, N, N, 2.9, 50.9, 41.5, N, N, N, N, N, N),
    ("第三产业增加值", "亿元", 1056.0, 5.3, N, N, N, 5.6, N, N, N, 2.4, 42.1, 48.3, N, N, N, N, N, N),
    ("规上工业增加值", "—", N, 7.1, 6.2, 2, 11, 6.6, 4, N, 7.0, N, N, N, 7.8, N, N, N, N, N),
    ("其中：装备制造业增加值", "—", N, 12.4, N, N, N, N, N, N, N, N, 38.6, N, N, N, N, N, N, N),
    ("其中：当月产值负增长的企业", "家", N, N, N, N, N, N, N, N, N, N, N, N, N, N, 19, 50, "重点工业企业", N),
    ("固定资产投资", "亿元", 712.5, 2.6, 3.4, 8, 11, 4.1, 6, 1020, 7.0, N, N, N, N, N, N, N, N,
     "受房地产开发投资下降13.6%的拖累"),
    ("其中：亿元以上项目", "个", N, -18.0, N, N, N, N, N, N, N, N, N, N, N, N, 31, N, N, N),
    ("其中：工业投资", "亿元", 231.6, 10.8, N, N, N, N, N, N, N, N, N, 32.5, N, N, N, N, N, N),
    ("社会消费品零售总额", "亿元", 856.2, 5.9, 5.5, 4, 11, 5.4, 5, 1150, 6.0, N, N, N, 6.1, N, N, N, N, N),
    ("一般公共预算收入", "亿元", 128.36, 3.2, 2.4, 5, 11, 1.9, 6, 165, 3.5, N, N, N, N, N, N, N, N, N),
    ("其中：税收收入", "亿元", 96.81, 4.5, N, N, N, N, N, N, N, N, N, 75.4, N, N, N, N, N, N),
    ("进出口总额", "亿元", 198.7, -4.6, 2.1, 10, 11, -2.3, 9, N, N, N, N, N, N, N, N, N, N,
     "主要是机电产品出口订单减少"),
]

REGIONS = ["东湖区", "西岭区", "南港区", "北塘区", "青川县", "白水县", "石门县", "柳河县", "云台县", "安平市"]
# indicator, unit, 全市 growth, growth per region, previous growth per region ("—": no figure)
REGION_DATA = [
    ("地区生产总值", "亿元", 5.7, [6.8, 5.9, 7.2, 4.6, 5.9, 3.8, 6.1, 4.9, 5.2, 6.3],
     [6.5, 6.2, 6.9, 4.2, 4.8, 4.4, 4.9, 4.5, 5.0, 6.6]),
    ("规上工业增加值", "—", 7.1, [7.5, 6.2, 9.1, 5.0, 7.1, 4.3, 8.8, 6.0, 7.1, 7.9], None),
    ("固定资产投资", "亿元", 2.6, [5.1, -2.4, 8.3, 1.2, 3.6, -6.8, 9.5, "—", 2.6, 4.0], None),
]


def main() -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "前三季度"
    ws.append(["2025年前三季度全市主要经济指标"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(HEADER)
    for row in ROWS:
        ws.append(["—" if v is None and i in (9, 10) else v for i, v in enumerate(row)])
        r = ws.max_row
        for col in range(3, 17):
            ws.cell(r, col).number_format = "0.0"
        if row[2] == 128.36 or row[2] == 96.81:
            ws.cell(r, 3).number_format = "0.00"
        for col in (6, 7, 9, 10, 17, 18):
            ws.cell(r, col).number_format = "0"
    ws.append(["注：地区生产总值及三次产业增加值为初步核算数；“—”表示无此项。"])
    ws.column_dimensions["A"].width = 28
    regions = wb.create_sheet("分县区")
    regions.append(["县（市、区）", "指标名称", "单位", "同比增长（%）", "上期增速（%）"])
    for name, unit, total, growth, prev in REGION_DATA:
        regions.append(["全市", name, unit, total, None])
        for i, region in enumerate(REGIONS):
            regions.append([region, name, unit, growth[i], prev[i] if prev else None])
            regions.cell(regions.max_row, 4).number_format = "0.0"
            regions.cell(regions.max_row, 5).number_format = "0.0"
    wb.properties.creator = "speechgen sample"
    wb.save(OUT)
    return OUT


if __name__ == "__main__":
    print(main())
