"""`speechgen render --indicators FILE --sheet NAME`."""
from __future__ import annotations

from pathlib import Path

from speechgen.cli import main

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def test_render_with_indicator_workbook(runner) -> None:
    result = runner.invoke(main, ["render", str(SAMPLES / "city_q1.yaml"), "--indicators",
                                  str(SAMPLES / "city_q1_indicators.xlsx"), "--sheet", "一季度", "--seed", "4"])
    assert result.exit_code == 0, result.output
    assert "512.3亿元" in result.output and "38.62亿元" in result.output


def test_render_excel_sample(runner) -> None:
    result = runner.invoke(main, ["render", str(SAMPLES / "city_q1_excel.yaml")])
    assert result.exit_code == 0, result.output
    assert "全省" in result.output and "None" not in result.output


def test_sheet_without_indicators_is_a_usage_error(runner) -> None:
    result = runner.invoke(main, ["render", str(SAMPLES / "city_q1.yaml"), "--sheet", "一季度"])
    assert result.exit_code == 2 and "--indicators" in result.output


def test_bad_table_gives_located_chinese_error(runner, tmp_path: Path) -> None:
    bad = tmp_path / "t.csv"
    bad.write_text("指标名称,同比增长(%)\n甲,五\n", encoding="utf-8")
    result = runner.invoke(main, ["render", str(SAMPLES / "city_q1.yaml"), "--indicators", str(bad)])
    assert result.exit_code == 2
    assert "t.csv!B2（同比增长(%)）：应为数字，收到 '五'" in result.output
