"""Issue 12: `speechgen check --indicators FILE [--sheet]` checks a draft made from Excel against the
same table, read as `render` reads it; with `--spec` the workbook's indicators replace the spec's."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from speechgen.cli import main

from conftest import workbook

SPEC = """\
meeting:
  type: quarterly_analysis
  title: 全市一季度经济运行分析会
  period: Q1
  year: 2025
  date: 2025-04-18
  region: 全市
  superior: 全省
  speaker: {name: 李华, post: 市长}
indicators:
  - {name: 地区生产总值, value: 300.0, unit: 亿元, growth: 4.0}
achievements:
  - {title: 项目建设加快推进, items: [新开工亿元以上项目46个]}
tasks:
  - {title: 抓项目扩投资, items: [推行项目周调度], lead: 市发改委}
"""
TABLE = [
    ["2025年一季度主要经济指标"],
    ["指标名称", "单位", "本期值", "同比增长(%)", "全省增速(%)", "全省排位", "参评数"],
    ["地区生产总值", "亿元", 512.3, 5.8, 5.3, 4, 11],
    ["固定资产投资", "亿元", 210.4, 7.9, 4.2, 2, 11],
    ["社会消费品零售总额", "亿元", 180.6, 3.1, 4.5, 9, 11],
]


def _book(path: Path, rows: list[list[Any]]) -> Path:
    return workbook(path, {"封面": [["说明：本表数据为虚构"]], "一季度": rows})


@pytest.fixture()
def made(runner, tmp_path: Path) -> tuple[Path, Path, Path]:
    """(spec, workbook, the draft rendered from the spec with the workbook's indicators)."""
    spec = tmp_path / "会议.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    book = _book(tmp_path / "指标.xlsx", TABLE)
    draft = tmp_path / "稿.md"
    result = runner.invoke(main, ["render", str(spec), "--indicators", str(book), "--sheet", "一季度", "-o", str(draft)])
    assert result.exit_code == 0, result.output
    assert "512.3亿元" in draft.read_text(encoding="utf-8")
    return spec, book, draft


def _tamper(draft: Path, old: str, new: str) -> None:
    text = draft.read_text(encoding="utf-8")
    assert old in text
    draft.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("with_spec", [True, False])
def test_a_draft_made_from_excel_passes_against_the_same_table(runner, made, with_spec: bool) -> None:
    spec, book, draft = made
    args = ["check", str(draft), "--indicators", str(book), "--sheet", "一季度"]
    result = runner.invoke(main, [*args, *(["--spec", str(spec)] if with_spec else [])])
    assert result.exit_code == 0, result.output
    assert "[错误]" not in result.output


def test_the_spec_alone_does_not_know_the_excel_figures(runner, made) -> None:
    spec, _, draft = made
    result = runner.invoke(main, ["check", str(draft), "--spec", str(spec)])
    assert result.exit_code == 1 and "512.3" in result.output  # why --indicators is needed


@pytest.mark.parametrize("with_spec", [True, False])
@pytest.mark.parametrize("old, new", [("512.3亿元", "521.3亿元"), ("增长5.8%", "增长6.8%"), ("增长7.9%", "增长9.7%")])
def test_a_changed_table_figure_is_an_error(runner, made, with_spec: bool, old: str, new: str) -> None:
    spec, book, draft = made
    _tamper(draft, old, new)
    args = ["check", str(draft), "--indicators", str(book), "--sheet", "一季度", "--json"]
    result = runner.invoke(main, [*args, *(["--spec", str(spec)] if with_spec else [])])
    assert result.exit_code == 1, result.output
    assert f'"text": "{new[2:] if new.startswith("增长") else new}"' in result.output
    assert '"severity": "error"' in result.output


@pytest.mark.parametrize("line, reminder", [
    ("全市新建5G基站320个，覆盖率达到98.5%。", False),  # no table indicator named: the writer's material
    ("社会消费品零售总额增长3.1%，网络零售额增长21.3%。", True),  # a new subject after the indicator's clause
    ("新增有固定资产投资入库项目的企业27家。", True),  # names the indicator, but a count it does not have
])
def test_writers_figures_without_spec_are_not_errors(runner, made, line: str, reminder: bool) -> None:
    _, book, draft = made
    text = draft.read_text(encoding="utf-8")
    draft.write_text(text + f"\n{line}\n", encoding="utf-8")
    result = runner.invoke(main, ["check", str(draft), "--indicators", str(book), "--sheet", "一季度"])
    assert result.exit_code == 0, result.output
    assert ("提醒" in result.output and "加 --spec 可完整核对" in result.output) is reminder, result.output
    assert "[错误]" not in result.output


def test_the_sheet_is_found_as_render_finds_it(runner, made) -> None:
    """No --sheet: the first sheet, as render reads it (here a cover sheet: a clean error naming it)."""
    _, book, draft = made
    result = runner.invoke(main, ["check", str(draft), "--indicators", str(book)])
    assert result.exit_code == 2 and "Traceback" not in result.output and "指标.xlsx 封面" in result.output


@pytest.mark.parametrize("case, message", [
    ("sheet-alone", "--sheet 需要与 --indicators 一起使用"),
    ("missing", "不存在"),
    ("bad-cell", "指标.xlsx 一季度!D4（同比增长(%)）：应为数字，收到 '五'"),
    ("no-sheet", "找不到工作表 “二季度”"),
])
def test_bad_tables_exit_2_with_a_chinese_message(runner, made, tmp_path: Path, case: str, message: str) -> None:
    spec, book, draft = made
    if case == "bad-cell":
        rows = [list(r) for r in TABLE]
        rows[3][3] = "五"
        book = _book(tmp_path / "指标.xlsx", rows)
    args = {"sheet-alone": ["--sheet", "一季度"],
            "missing": ["--indicators", str(tmp_path / "没有.xlsx")],
            "bad-cell": ["--indicators", str(book), "--sheet", "一季度"],
            "no-sheet": ["--indicators", str(book), "--sheet", "二季度"]}[case]
    result = runner.invoke(main, ["check", str(draft), "--spec", str(spec), *args])
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output


def test_render_and_check_share_one_table_option() -> None:
    def options(name: str) -> dict[str, str | None]:
        return {p.name: p.help for p in main.commands[name].params if p.name in ("indicators", "sheet")}

    assert options("check") == options("render") and set(options("check")) == {"indicators", "sheet"}
