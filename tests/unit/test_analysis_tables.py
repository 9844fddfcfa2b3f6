"""Analysis columns of a statistics bureau's workbook (issue 15) and the checker on analysis figures."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

import speechgen
from speechgen.errors import InputError
from speechgen.proof.checker import check_text
from speechgen.spec.loader import load_spec
from speechgen.spec.tables.headers import field_for
from speechgen.spec.tables.rows import read_indicator_file

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.mark.parametrize("header, field", [
    ("拉动（百分点）", "pull"), ("拉动GDP增长(百分点)", "pull"), ("贡献率（%）", "contribution"),
    ("对GDP增长贡献率(%)", "contribution"), ("占比（%）", "share"), ("占GDP比重(%)", "share"), ("比重", "share"),
    ("两年平均增长（%）", "two_year_avg"), ("当月增长（%）", "month_growth"), ("9月当月增速(%)", "month_growth"),
    ("所属指标", "parent"), ("个数", "count"), ("总数", "count_of"), ("总体", "of"), ("原因", "cause"),
    ("是否主要指标", "headline"), ("主要指标", "name"), ("同比增长（%）", "growth"), ("全省增速（%）", "superior_growth"),
])
def test_analysis_headers(header: str, field: str) -> None:
    assert field_for(header, {}) == field


def test_sample_workbook_reads_analysis_columns_and_sub_items() -> None:
    rows = {r.name: r for r in read_indicator_file(SAMPLES / "city_q3_analysis.xlsx", sheet="前三季度")}
    assert rows["第一产业增加值"].pull == Decimal("0.4") and rows["第一产业增加值"].contribution == Decimal("7.0")
    assert rows["第三产业增加值"].share == Decimal("48.3")
    assert rows["规上工业增加值"].month_growth == Decimal("7.8")
    assert rows["地区生产总值"].two_year_avg == Decimal("5.5")
    assert rows["装备制造业增加值"].parent == "规上工业增加值"
    assert rows["当月产值负增长的企业"].parent == "规上工业增加值"  # a second 其中 row keeps the parent
    assert (rows["当月产值负增长的企业"].count, rows["当月产值负增长的企业"].count_of) == (19, 50)
    assert rows["当月产值负增长的企业"].of == "重点工业企业"
    assert rows["亿元以上项目"].parent == "固定资产投资" and rows["亿元以上项目"].count == 31
    assert rows["税收收入"].parent == "一般公共预算收入"
    assert rows["社会消费品零售总额"].parent == ""  # a top-level row after 其中 rows
    assert "房地产" in rows["固定资产投资"].cause


def _book(tmp_path: Path, rows: list[list]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表"
    ws.append(["指标名称", "同比增长(%)", "是否主要指标", "所属指标"])
    for row in rows:
        ws.append(row)
    path = tmp_path / "t.xlsx"
    wb.save(path)
    return path


def test_headline_column_and_bad_cells(tmp_path: Path) -> None:
    rows = read_indicator_file(_book(tmp_path, [["批发业销售额", 9.1, "是", None], ["  其中：限上批发", 3.0, "否", None]]))
    assert rows[0].headline is True and rows[1].headline is False and rows[1].parent == "批发业销售额"
    with pytest.raises(InputError, match="C2.*应为 是 或 否"):
        read_indicator_file(_book(tmp_path, [["批发业销售额", 9.1, "也许", None]]))
    with pytest.raises(InputError, match="不在指标表中"):
        read_indicator_file(_book(tmp_path, [["批发业销售额", 9.1, None, "零售业"]]))


@pytest.fixture(scope="module")
def analysis():
    spec = load_spec(SAMPLES / "city_q3_analysis.yaml")
    return spec, [speechgen.export(speechgen.render(spec, seed=seed), fmt="txt").decode("utf-8") for seed in range(8)]


def test_the_sample_passes_the_checker(analysis) -> None:
    spec, texts = analysis
    for text in texts[:3]:
        assert not [f for f in check_text(text, spec=spec) if f.severity == "error"]


@pytest.mark.parametrize("right, wrong", [
    ("拉动地区生产总值增长2.9个百分点", "拉动地区生产总值增长3.9个百分点"),
    ("占地区生产总值比重达到41.5%", "占地区生产总值比重达到45.1%"),
    ("占地区生产总值的比重为41.5%", "占地区生产总值的比重为45.1%"),
    ("贡献率为50.9%", "贡献率为59.0%"),
    ("贡献率达到50.9%", "贡献率达到59.0%"),
    ("对规上工业增加值增长的贡献率为38.6%", "对规上工业增加值增长的贡献率为36.8%"),
    ("对规上工业增加值增长的贡献率达到38.6%", "对规上工业增加值增长的贡献率达到36.8%"),
    ("贡献了规上工业增加值增长的38.6%", "贡献了规上工业增加值增长的36.8%"),
    ("对规上工业增加值增长贡献38.6%", "对规上工业增加值增长贡献36.8%"),
    ("当月产值负增长的企业有19家", "当月产值负增长的企业有21家"),
    ("南港区", "南港区"),
])
def test_the_checker_catches_wrong_analysis_and_region_figures(analysis, right, wrong) -> None:
    spec, texts = analysis
    text = next((t for t in texts if right in t), None)
    if text is None:
        pytest.skip("this wording was not chosen for any of the seeds")
    if right == wrong:  # region figure: change the leader's growth
        wrong_text = text.replace("分别增长7.2%", "分别增长7.4%")
        assert wrong_text != text
    else:
        wrong_text = text.replace(right, wrong)
    errors = [f for f in check_text(wrong_text, spec=spec) if f.rule == "number"]
    assert errors, wrong


def test_carry_forward_keeps_the_structure_and_clears_the_figures() -> None:
    from speechgen.spec.carry import carry_forward

    spec = load_spec({"meeting": {"type": "quarterly_analysis", "title": "全市前三季度分析会", "period": "Q3", "year": 2025},
                      "indicators": [{"name": "固定资产投资", "growth": 3.1, "headline": True},
                                     {"name": "亿元以上项目", "count": 31, "count_of": 40, "unit": "个",
                                      "parent": "固定资产投资", "of": "重点项目", "pull": 0.3, "cause": "开工偏少"}],
                      "regions": {"rows": [{"region": "甲县", "name": "固定资产投资", "growth": 2}],
                                  "label": "县区", "follow_up": "约谈"}})
    text = carry_forward(spec, "year")
    again = load_spec(text)
    child = again.indicator_rows[1]
    assert (child.parent, child.of, child.count_of, child.count) == ("固定资产投资", "重点项目", 40, None)
    assert child.pull is None and child.cause == "" and again.indicator_rows[0].headline is True
    assert again.regions is not None and again.regions.rows == [] and again.regions.follow_up == "约谈"


def test_a_header_naming_the_whole_gives_of_to_top_level_rows(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["指标名称", "同比增长(%)", "占GDP比重(%)", "拉动GDP增长(百分点)"])
    ws.append(["第三产业增加值", 5.3, 48.3, 2.4])
    ws.append(["其中：金融业增加值", 6.1, 9.0, None])
    ws.append(["第二产业增加值", 6.9, None, None])
    path = tmp_path / "w.xlsx"
    wb.save(path)
    rows = {r.name: r for r in read_indicator_file(path)}
    assert rows["第三产业增加值"].of == "GDP"
    assert rows["金融业增加值"].of == "" and rows["金融业增加值"].parent == "第三产业增加值"
    assert rows["第二产业增加值"].of == ""


def test_month_and_two_year_rates_are_not_read_as_the_cumulative_growth() -> None:
    spec = load_spec({"meeting": {"type": "quarterly_analysis", "title": "全市分析会", "period": "Q3", "year": 2025},
                      "indicators": [{"name": "规上工业增加值", "growth": 10.3, "month_growth": -10.3,
                                      "two_year_avg": -10.3}]})
    text = "规上工业增加值同比增长10.3%，9月当月下降10.3%，两年平均下降10.3%。"
    assert not [f for f in check_text(text, spec=spec) if f.severity == "error"]
    assert [f for f in check_text("规上工业增加值同比下降10.3%。", spec=spec) if f.rule == "sign-verb"]
