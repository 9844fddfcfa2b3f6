""".xls workbooks (statistics bureaus still send them) read like .xlsx, keeping the shown decimals."""
from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from speechgen.cli import main
from speechgen.errors import InputError
from speechgen.spec.tables.grid import read_grid
from speechgen.spec.tables.rows import read_indicator_file

from xls_fixture import COMMITTED, ROWS, make_xls

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture(params=["committed", "fresh"])
def workbook(request, tmp_path: Path) -> Path:
    if request.param == "committed":
        return COMMITTED
    target = tmp_path / "统计局.xls"
    if not make_xls(target):
        pytest.skip("LibreOffice (Calc) not installed")
    return target


def test_values_keep_the_shown_decimals(workbook: Path) -> None:
    rows = {i.name: i for i in read_indicator_file(workbook, sheet="一季度", origin="--indicators")}
    assert list(rows) == [r[0] for r in ROWS]
    gdp = rows["地区生产总值"]
    assert (str(gdp.value), gdp.unit, str(gdp.growth), gdp.rank) == ("412.6", "亿元", "5.80", 3)
    assert str(rows["固定资产投资"].value) == "96.0" and str(rows["固定资产投资"].growth) == "6.0"
    assert rows["规上工业增加值"].value is None and Decimal(str(rows["规上工业增加值"].growth)) == Decimal("-1.2")
    retail = rows["社会消费品零售总额"]
    assert str(retail.growth) == "4.7" and retail.rank == 4  # 0.047 shown as 4.7%; "第4位"


def test_sheet_by_name_and_errors_name_the_cell(workbook: Path, tmp_path: Path) -> None:
    assert read_grid(workbook, "说明").sheet == "说明"
    with pytest.raises(InputError, match="找不到工作表 “二季度”.*一季度、说明"):
        read_grid(workbook, "二季度")


def test_render_with_an_xls_table(runner, workbook: Path) -> None:
    result = runner.invoke(main, ["render", str(SAMPLES / "city_q1.yaml"), "--indicators", str(workbook),
                                  "--sheet", "一季度", "--no-check"])
    assert result.exit_code == 0, result.output
    assert "412.6亿元" in result.output and "5.80%" in result.output


@pytest.mark.parametrize("name,content,message", [
    ("坏.xls", b"not a workbook at all", "无法打开 .xls"),
    ("新.xls", None, "内容却是 .xlsx"),
    ("表.et", b"PK\x03\x04 zip", "无法打开 Excel 文件"),
    ("表.ods", b"PK\x03\x04 zip", "不支持 .ods"),
])
def test_unreadable_workbooks_get_clear_messages(tmp_path: Path, name: str, content: bytes | None,
                                                 message: str) -> None:
    path = tmp_path / name
    if content is None:
        shutil.copyfile(SAMPLES / "city_q1_indicators.xlsx", path)
    else:
        path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_grid(path)


def test_wps_et_in_biff_format_is_read(tmp_path: Path) -> None:
    et = tmp_path / "表格.et"
    shutil.copyfile(COMMITTED, et)
    assert read_grid(et).sheet == "一季度"


def test_wps_et_in_zip_format_is_read_as_xlsx(tmp_path: Path) -> None:
    et = tmp_path / "表格.et"
    shutil.copyfile(SAMPLES / "city_q1_indicators.xlsx", et)
    assert read_grid(et, "一季度").rows


def test_a_column_not_read_is_named(runner, tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "一季度"
    ws.append(["指标名称", "单位", "本期值", "同比增长(%)", "备注说明", "空列"])
    ws.append(["地区生产总值", "亿元", 512.3, 5.8, "初步核算", None])
    path = tmp_path / "指标.xlsx"
    wb.save(path)
    result = runner.invoke(main, ["render", str(SAMPLES / "city_q1.yaml"), "--indicators", str(path), "--no-check"])
    assert result.exit_code == 0, result.output
    assert "未读取的列：备注说明（" in result.output  # named; the empty column is not worth a word
    assert "空列" not in result.output.split("未读取的列")[1].split("）")[0]
