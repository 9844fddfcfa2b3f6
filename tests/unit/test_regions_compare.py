"""Regions compared inside one speech (issue 15): a 30-region table with ties, missing cells and a
全市 total row.  Every count, every named leader/laggard and every rank move in the draft is
recomputed here from the table, independently of speechgen's code."""
from __future__ import annotations

import re

import random
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

import speechgen
from speechgen.compose.narration import narrate
from speechgen.proof.checker import check_text
from speechgen.spec.loader import load_spec

PLACES = "东西南北中青白石柳云安平临江河山林泉川湖桥岭港塘峰溪源阳宁丰"
REGIONS = [f"{PLACES[i]}{'县' if i % 3 else '区'}" for i in range(30)]
INDICATORS = ["地区生产总值", "固定资产投资"]


def _table(seed: int) -> dict[str, list[tuple[str, Decimal | None, Decimal | None]]]:
    """indicator → [(region, growth, previous growth)]; ties, missing cells and negatives on purpose."""
    rng = random.Random(seed)
    out = {}
    for name in INDICATORS:
        rows = []
        for i, region in enumerate(REGIONS):
            g = Decimal(rng.randint(-40, 90)).scaleb(-1)
            p = Decimal(rng.randint(-40, 90)).scaleb(-1)
            if i in (4, 5, 17):  # ties
                g = Decimal("6.1")
            if i in (6, 7):
                p = g  # flat against the previous period
            rows.append((region, None if i == 11 and name == "固定资产投资" else g, None if i == 20 else p))
        out[name] = rows
    return out


def _workbook(path: Path, table, totals: dict[str, Decimal]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "主要指标"
    ws.append(["指标名称", "单位", "本期值", "同比增长(%)", "全省增速(%)"])
    ws.append(["地区生产总值", "亿元", 2186.4, 5.7, 5.3])
    ws.append(["固定资产投资", "亿元", 712.5, 2.6, 3.4])
    sheet = wb.create_sheet("分县区")
    sheet.append(["县（市、区）", "指标名称", "同比增长（%）", "上期增速（%）"])
    for name, rows in table.items():
        sheet.append(["全市", name, float(totals[name]), None])
        for region, g, p in rows:
            sheet.append([region, name, "—" if g is None else float(g), None if p is None else float(p)])
            sheet.cell(sheet.max_row, 3).number_format = "0.0"
            sheet.cell(sheet.max_row, 4).number_format = "0.0"
    wb.save(path)
    return path


def _ranks(values: dict[str, Decimal]) -> dict[str, int]:
    return {r: 1 + sum(w > v for w in values.values()) for r, v in values.items()}


def _spec(tmp_path: Path, seed: int):
    table = _table(seed)
    totals = {"地区生产总值": Decimal("5.7"), "固定资产投资": Decimal("2.6")}
    book = _workbook(tmp_path / "指标.xlsx", table, totals)
    spec = load_spec({"meeting": {"type": "quarterly_analysis", "title": "全市前三季度经济运行分析会", "period": "Q3",
                                  "year": 2025},
                      "indicators": {"file": str(book), "sheet": "主要指标"},
                      "regions": {"sheet": "分县区"},
                      "tasks": [{"title": "扩大有效投资", "items": ["抓项目开工"]}]}, base_dir=tmp_path)
    return spec, table, totals


@pytest.mark.parametrize("seed", [1, 2, 3, 15])
def test_every_figure_recomputes_from_the_table(tmp_path: Path, seed: int) -> None:
    spec, table, totals = _spec(tmp_path, seed)
    draft = speechgen.render(spec, seed=seed)
    text = speechgen.export(draft, fmt="md").decode("utf-8")
    report = narrate(spec).regions
    assert report is not None and report.label == "县（市、区）"
    review = "".join(report.review)
    for k, name in enumerate(INDICATORS):
        rows = table[name]
        growth = {r: g for r, g, _ in rows if g is not None}
        total = totals[name]
        above = [r for r, g in growth.items() if g > total]
        below = sorted((r for r, g in growth.items() if g < total), key=lambda r: growth[r])
        equal = [r for r, g in growth.items() if g == total]
        n = len(growth)
        assert f"{n}个县（市、区）" in review or f"共{n}个" in review
        assert f"高于全市的有{len(above)}个" in review and f"低于全市的有{len(below)}个" in review
        if equal:
            assert f"与全市持平的有{len(equal)}个" in review
        negative = [r for r, g in growth.items() if g < 0]
        positive = [r for r, g in growth.items() if g > 0]
        if negative:
            assert f"{len(positive)}个正增长、{len(negative)}个负增长" in review or \
                f"正增长的{len(positive)}个、负增长的{len(negative)}个" in review
        missing = [r for r, g, _ in rows if g is None]
        for r in missing:
            assert f"{r}暂无{name}增速数据" in review
        if k == 0:  # compared in full: 升降, leaders, rank moves
            prev = {r: p for r, _, p in rows if p is not None and r in growth}
            up = sum(growth[r] > p for r, p in prev.items())
            down = sum(growth[r] < p for r, p in prev.items())
            assert f"“{up}升{down}降”" in review or f"{up}个县（市、区）增速回升、{down}个回落" in review
            ranks, prev_ranks = _ranks(growth), _ranks(prev)
            leaders = [r for r in REGIONS if r in ranks and ranks[r] <= 3 and growth[r] > 0]
            if len(leaders) > 5:
                leaders = [r for r in REGIONS if r in ranks and ranks[r] == 1 and growth[r] > 0]
            assert all(r in review for r in leaders)
            for r in leaders:
                assert f"{abs(growth[r])}%" in review
            moves = {r: prev_ranks[r] - ranks[r] for r in prev_ranks}
            rises = sorted((r for r, m in moves.items() if m >= 2), key=lambda r: -moves[r])[:5]
            falls = sorted((r for r, m in moves.items() if m <= -2), key=lambda r: moves[r])[:5]
            for group in (rises, falls):
                if group:
                    assert "、".join(group) in review
            problems = "".join(report.problems)
            assert "、".join(below[:5]) in problems
            if len(below) > 5:
                assert f"{len(below)}个县（市、区）" in problems
            assert report.laggards == below
            head = f"对{name}增速低于全市的{'、'.join(below[:5])}"
            head += f"等{len(below)}个县（市、区），" if len(below) > 5 else "，"
            assert report.follow_up.startswith(head) and head in text
        for sentence in report.review:
            assert "全市平均水平" not in sentence  # a total row: compared with 全市 itself


def test_the_checker_verifies_region_figures(tmp_path: Path) -> None:
    spec, table, _ = _spec(tmp_path, 15)
    draft = speechgen.render(spec, seed=1)
    assert not [f for f in speechgen.proofread(draft, spec=spec) if f.rule == "number"]
    text = speechgen.export(draft, fmt="md").decode("utf-8")
    report = narrate(spec, ).regions
    leader = next(r for r in REGIONS if r in "".join(report.review))
    g = dict((r, g) for r, g, _ in table["地区生产总值"])[leader]
    wrong = text.replace(f"{abs(g)}%", f"{abs(g) + Decimal('0.3')}%", 1)
    assert wrong != text
    findings = check_text(wrong, spec=spec)
    assert any(f.rule == "number" and str(abs(g) + Decimal("0.3")) in f.text for f in findings)


def test_average_basis_without_a_total_row() -> None:
    rows = [{"region": r, "name": "地区生产总值", "growth": g}
            for r, g in zip(REGIONS[:5], ["6.0", "5.0", "4.0", "7.0", "3.0"])]
    spec = load_spec({"meeting": {"type": "quarterly_analysis", "title": "全市分析会", "period": "Q3", "year": 2025},
                      "indicators": [{"name": "地区生产总值", "growth": 5}], "regions": rows})
    report = narrate(spec).regions
    assert "高于全市平均水平的有2个" in report.review[0] and "低于全市平均水平的有2个" in report.review[0]
    assert "与全市平均水平持平的有1个" in report.review[0]


def test_inline_rows_with_one_indicator_and_a_label() -> None:
    spec = load_spec({"meeting": {"type": "quarterly_analysis", "title": "全县分析会", "period": "H1", "year": 2025,
                                  "region": "全县"},
                      "indicators": [{"name": "规上工业增加值", "growth": 5}],
                      "县区": {"比较指标": "规上工业增加值", "称谓": "乡镇（街道）",
                             "数据": [{"地区": "甲镇", "增速": 8}, {"地区": "乙镇", "增速": -1},
                                    {"地区": "丙街道", "增速": 4}, {"地区": "全县", "增速": 5}]}})
    report = narrate(spec).regions
    text = "".join(report.review)
    assert re.search(r"3个乡镇（街道）|乡镇（街道）共3个", text) and "高于全县的有1个" in text and "低于全县的有2个" in text
    assert "乙镇" in "".join(report.problems)


def test_regions_sheet_without_a_file_reads_the_indicators_workbook_given_on_the_command_line(tmp_path: Path) -> None:
    table = _table(3)
    book = _workbook(tmp_path / "指标.xlsx", table, {"地区生产总值": Decimal("5.7"), "固定资产投资": Decimal("2.6")})
    spec = load_spec({"meeting": {"type": "quarterly_analysis", "title": "全市分析会", "period": "Q3", "year": 2025},
                      "regions": {"sheet": "分县区"}})
    assert spec.regions.pending
    draft = speechgen.render(spec, indicators=book, sheet="主要指标")
    assert "30个县（市、区）" in speechgen.export(draft, fmt="md").decode("utf-8") or \
        "共30个" in speechgen.export(draft, fmt="md").decode("utf-8")


def test_a_regions_sheet_that_cannot_be_read_is_an_input_error(tmp_path: Path) -> None:
    table = _table(3)
    book = _workbook(tmp_path / "指标.xlsx", table, {"地区生产总值": Decimal("5.7"), "固定资产投资": Decimal("2.6")})
    with pytest.raises(speechgen.SpeechgenError, match="regions"):
        load_spec({"meeting": {"type": "quarterly_analysis", "title": "全市分析会", "period": "Q3", "year": 2025},
                   "indicators": {"file": str(book), "sheet": "主要指标"}, "regions": {"sheet": "没有这张表"}},
                  base_dir=tmp_path)


def test_a_regions_sheet_with_no_workbook_at_all_is_an_input_error() -> None:
    spec = load_spec({"meeting": {"type": "quarterly_analysis", "title": "全市分析会", "period": "Q3", "year": 2025},
                      "regions": {"sheet": "分县区"}})
    with pytest.raises(speechgen.SpeechgenError, match="regions"):
        speechgen.render(spec)


@pytest.mark.parametrize("name, total", [("全市", True), ("全市合计", True), ("合计", True), ("总计", True),
                                         ("全县汇总", True), ("东湖区", False), ("全椒县", False), ("市本级", False)])
def test_total_rows(name: str, total: bool) -> None:
    from speechgen.spec.tables.regions import is_total

    assert is_total(name) is total


def test_a_total_row_named_like_a_sum_is_the_basis_and_never_a_region() -> None:
    rows = [{"region": "全市合计", "name": "地区生产总值", "growth": 5.0}] + [
        {"region": r, "name": "地区生产总值", "growth": g} for r, g in zip(REGIONS[:4], ["6.0", "5.0", "4.0", "7.0"])]
    spec = load_spec({"meeting": {"type": "quarterly_analysis", "title": "全市分析会", "period": "Q3", "year": 2025},
                      "indicators": [{"name": "地区生产总值", "growth": 5}], "regions": rows})
    report = narrate(spec).regions
    text = "".join(report.review)
    assert "4个县（市、区）" in text or "共4个" in text
    assert "高于全市的有2个" in text and "合计" not in text


def test_a_wide_regions_sheet_one_column_group_per_indicator(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "分县区"
    ws.append(["2025年前三季度分县区主要指标"])
    ws.append(["县（市、区）", "地区生产总值", None, "固定资产投资", None])
    ws.append([None, "增速(%)", "上期增速(%)", "增速(%)", "上期增速(%)"])
    data = [("全市", 5.7, 5.9, 2.6, 4.1), ("甲县", 6.8, 6.5, -2.4, 1.0), ("乙区", 4.1, 4.8, 5.0, "—"),
            ("丙县", 6.8, 5.0, 3.3, 2.0), ("丁市", 3.9, 4.0, None, None)]
    for row in data:
        ws.append(list(row))
    ws.append(["注：增速按可比价计算。"])
    path = tmp_path / "宽表.xlsx"
    wb.save(path)
    spec = load_spec({"meeting": {"type": "quarterly_analysis", "title": "全市分析会", "period": "Q3", "year": 2025},
                      "indicators": [{"name": "地区生产总值", "growth": 5.7}],
                      "regions": {"file": str(path), "sheet": "分县区"}}, base_dir=tmp_path)
    rows = {(r.region, r.name): r for r in spec.regions.rows}
    assert rows[("甲县", "固定资产投资")].growth == Decimal("-2.4") and rows[("乙区", "固定资产投资")].prev_growth is None
    assert rows[("丙县", "地区生产总值")].prev_growth == Decimal("5.0") and ("注：增速按可比价计算。", "地区生产总值") not in rows
    report = narrate(spec).regions
    text = "".join(report.review)
    assert "高于全市的有2个、低于全市的有2个" in text  # 甲县、丙县 above 5.7; 乙区、丁市 below
    assert "甲县、丙县增速并列第一，均增长6.8%" in text  # four regions: only the first place is named
    assert re.search(r"乙区增速(最高|居首位)，增长5%", text) and "增长2.4%" not in text  # a decline is never a lead
    assert "丁市暂无固定资产投资增速数据" in text


def test_a_one_line_wide_header(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["县区", "地区生产总值增速(%)", "规上工业增加值增速(%)"])
    for row in (("甲县", 6.1, 7.0), ("乙县", 5.2, 8.1), ("丙县", 4.0, 6.6)):
        ws.append(list(row))
    path = tmp_path / "宽表.xlsx"
    wb.save(path)
    from speechgen.spec.tables.regions import read_region_rows

    rows = read_region_rows(path)
    assert {(r.region, r.name, r.growth) for r in rows} >= {("甲县", "地区生产总值", Decimal("6.1")),
                                                          ("乙县", "规上工业增加值", Decimal("8.1"))}
