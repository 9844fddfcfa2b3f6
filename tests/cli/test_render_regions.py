"""`speechgen render` with a regions sheet in the indicators workbook (issue 15)."""
from __future__ import annotations

import shutil
from pathlib import Path

from speechgen.cli import main

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def test_render_the_analysis_sample(runner) -> None:
    result = runner.invoke(main, ["render", str(SAMPLES / "city_q3_analysis.yaml"), "--seed", "2"])
    assert result.exit_code == 0, result.output
    assert "10个县（市、区）" in result.output or "共10个" in result.output
    assert "拉动地区生产总值增长" in result.output or "带动地区生产总值增长" in result.output


def test_indicators_and_regions_from_one_workbook_on_the_command_line(runner, tmp_path: Path) -> None:
    spec = tmp_path / "会议.yaml"
    spec.write_text("meeting: {type: 经济运行分析会, title: 全市前三季度经济运行分析会, period: Q3, year: 2025}\n"
                    "分地区: {工作表: 分县区}\n", encoding="utf-8")
    book = tmp_path / "指标.xlsx"
    shutil.copy(SAMPLES / "city_q3_analysis.xlsx", book)
    result = runner.invoke(main, ["render", str(spec), "--indicators", str(book), "--sheet", "前三季度"])
    assert result.exit_code == 0, result.output
    assert "南港区" in result.output and "2186.4亿元" in result.output


def test_a_missing_regions_sheet_is_a_chinese_error_with_exit_2(runner, tmp_path: Path) -> None:
    spec = tmp_path / "会议.yaml"
    spec.write_text("meeting: {type: 经济运行分析会, title: 全市分析会, period: Q3, year: 2025}\n"
                    f"indicators: {{file: {SAMPLES / 'city_q3_analysis.xlsx'}, sheet: 前三季度}}\n"
                    "regions: {sheet: 没有这张表}\n", encoding="utf-8")
    out = tmp_path / "x.md"
    result = runner.invoke(main, ["render", str(spec), "-o", str(out)])
    assert result.exit_code == 2 and "regions" in result.output and "Traceback" not in result.output
    assert not out.exists()
