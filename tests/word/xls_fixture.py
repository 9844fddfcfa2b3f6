"""A .xls workbook for tests, made from an .xlsx written here (openpyxl) and converted by LibreOffice.

``python tests/word/xls_fixture.py`` rewrites ``tests/data/tables/bureau.xls`` (committed, so the
reader is tested where LibreOffice is missing); the tests also make a fresh one when it is installed.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl

COMMITTED = Path(__file__).resolve().parents[1] / "data" / "tables" / "bureau.xls"
# (name, unit, value, value format, growth, growth format, rank): figures invented for the tests
ROWS = [
    ("地区生产总值", "亿元", 412.6, "0.0", 5.8, "0.00", 3),
    ("规上工业增加值", "—", None, "General", -1.2, "0.0", 9),
    ("固定资产投资", "亿元", 96.0, "0.0", 6.0, "0.0", 2),
    ("社会消费品零售总额", "亿元", 150.25, "0.00", 0.047, "0.0%", "第4位"),
]


def make_xlsx(path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "一季度"
    ws.append(["测试市2025年一季度主要经济指标"])
    ws.append(["指标名称", "单位", "本期值", "同比增长(%)", "全省排位"])
    for name, unit, value, vfmt, growth, gfmt, rank in ROWS:
        ws.append([name, unit, value, growth, rank])
        r = ws.max_row
        ws.cell(r, 3).number_format = vfmt
        ws.cell(r, 4).number_format = gfmt
    wb.create_sheet("说明").append(["本表数据为测试用"])
    wb.save(path)


def make_xls(target: Path) -> bool:
    """Write the .xls to *target*; False when LibreOffice is not installed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return False
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "bureau.xlsx"
        make_xlsx(src)
        subprocess.run([soffice, f"-env:UserInstallation={(Path(tmp) / 'p').as_uri()}", "--headless",
                        "--convert-to", "xls:MS Excel 97", "--outdir", tmp, str(src)],
                       check=True, capture_output=True, timeout=120)
        shutil.copyfile(Path(tmp) / "bureau.xls", target)
    return True


if __name__ == "__main__":
    COMMITTED.parent.mkdir(parents=True, exist_ok=True)
    sys.exit(0 if make_xls(COMMITTED) else 1)
