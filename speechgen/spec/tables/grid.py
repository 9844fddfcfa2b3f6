"""Raw cells from .xlsx and .csv files, and cell → number conversion that keeps precision.

openpyxl is imported only when an .xlsx file is read.  A cell remembers its
sheet, row and column so that every error can say ``一季度!D7``.
"""
from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from speechgen.errors import InputError
from speechgen.core.files import stat_input
from speechgen.core.yamlsrc import decode

MAX_TABLE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLS = 60

#: cell texts that mean "no figure" (a legitimate blank in an optional column)
MISSING = frozenset({"", "—", "——", "-", "--", "－", "–", "…", "……", "/", "／", "\\", "无", "暂无",
                     "n/a", "N/A", "NA", "#N/A", "null", "None", "空"})
_FULL = str.maketrans("０１２３４５６７８９．－＋，％", "0123456789.-+,%")
_SPACES = re.compile(r"[\s\u3000\u00a0]+")


@dataclass(frozen=True)
class Cell:
    value: Any  # str, int, float, datetime … as read
    row: int  # 1-based
    col: int  # 1-based
    fmt: str = "General"  # Excel number format ("0.0", "0.00%", …); CSV: "@"

    @property
    def text(self) -> str:
        if self.value is None:
            return ""
        return _SPACES.sub(" ", str(self.value)).strip()

    @property
    def blank(self) -> bool:
        return self.value is None or self.text in MISSING


@dataclass
class Grid:
    """One sheet (or a CSV file) as rows of cells."""

    source: str  # file name for messages
    sheet: str  # sheet title (CSV: the file name)
    rows: list[list[Cell]]

    @property
    def name(self) -> str:
        """'指标.xlsx 一季度' (a CSV file has no sheet: '指标.csv')."""
        return self.source if self.sheet == self.source else f"{self.source} {self.sheet}"

    def where(self, cell: Cell) -> str:
        """'指标.xlsx 一季度!D7' / '指标.csv!D7'."""
        return f"{self.name}!{col_letter(cell.col)}{cell.row}"

    def where_row(self, row: int) -> str:
        return f"{self.name}!第{row}行"


def col_letter(col: int) -> str:
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def read_grid(path: Path, sheet: str | None = None) -> Grid:
    """Read an .xlsx/.xlsm or .csv/.txt file into a :class:`Grid`."""
    _check_file(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, sheet)
    if suffix in (".csv", ".txt", ".tsv"):
        return _read_csv(path)
    if suffix in (".xls", ".et", ".wps"):
        raise InputError(f"{path.name}：不支持 {suffix} 格式，请在 Excel/WPS 中“另存为” .xlsx 或 .csv")
    raise InputError(f"{path.name}：无法识别的表格格式 {suffix or '（无扩展名）'}，应为 .xlsx 或 .csv")


def _check_file(path: Path) -> None:
    stat_input(path, what="指标表文件", max_bytes=MAX_TABLE_BYTES)


def _read_xlsx(path: Path, sheet: str | None) -> Grid:
    import openpyxl  # heavy: only when a workbook is read
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise InputError(f"{path.name}：无法打开 Excel 文件（文件已损坏、不是 .xlsx 或设有打开密码：{type(exc).__name__}）") from None
    try:
        ws = _pick_sheet(wb, sheet, path.name)
        ws.reset_dimensions()  # some writers record a wrong sheet size
        rows = [[Cell(c.value, r, col, c.number_format or "General") for col, c in enumerate(cells, start=1)]
                for r, cells in enumerate(ws.iter_rows(max_row=MAX_ROWS, max_col=MAX_COLS), start=1)]
        return Grid(path.name, ws.title, rows)
    finally:
        wb.close()


def _pick_sheet(wb: Any, sheet: str | None, name: str) -> Any:
    if sheet is None:
        return wb.worksheets[0]
    if sheet in wb.sheetnames:
        return wb[sheet]
    wanted = _SPACES.sub("", sheet).lower()
    for title in wb.sheetnames:
        if _SPACES.sub("", title).lower() == wanted:
            return wb[title]
    raise InputError(f"{name}：找不到工作表 “{sheet}”，现有工作表：{'、'.join(wb.sheetnames)}")


def _read_csv(path: Path) -> Grid:
    raw = path.read_bytes()
    try:
        text = decode(raw, path.name)
    except InputError:
        try:
            text = raw.decode("gb18030")  # Excel in a Chinese locale saves CSV as GBK
        except UnicodeDecodeError:
            raise InputError(f"{path.name}：无法识别文件编码，请另存为 UTF-8 的 CSV") from None
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",\t;，")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    rows = []
    for r, record in enumerate(reader, start=1):
        if r > MAX_ROWS:
            break
        rows.append([Cell(v, r, c, "@") for c, v in enumerate(record[:MAX_COLS], start=1)])
    return Grid(path.name, path.name, rows)


# ------------------------------------------------------------------ cell values

def format_decimals(fmt: str) -> int | None:
    """Decimals an Excel number format shows: '0.0' → 1, '#,##0.00' → 2, 'General' → None."""
    if not fmt or fmt in ("General", "@"):
        return None
    section = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", fmt.split(";")[0])
    m = re.search(r"\.([0#?]+)", section)
    if m:
        return len(m.group(1))
    return 0 if re.search(r"[0#?]", section) else None


def _from_float(value: float | int, fmt: str) -> Decimal:
    exact = Decimal(value) if isinstance(value, int) else Decimal(format(value, ".15g"))
    places = format_decimals(fmt)
    if places is None:
        return exact
    shown = exact.quantize(Decimal(1).scaleb(-places)) if places else exact.quantize(Decimal(1))
    if (shown == 0) != (exact == 0) or (shown < 0) != (exact < 0):
        return exact  # the format would hide a sign or a non-zero figure: keep the digits
    return shown


def cell_number(cell: Cell, *, percent_field: bool) -> Decimal | None:
    """The cell as a Decimal (None when blank); raise ValueError('…') if not a number.

    Floats take the decimals their number format shows (5.8 shown as "0.00" →
    5.80); a percent-formatted cell (0.058 shown as 5.8%) gives 5.8 in a
    percentage column.  Text keeps its digits ("5.80" → 5.80); a trailing %
    is accepted in percentage columns, thousands separators anywhere.
    """
    v = cell.value
    if cell.blank:
        return None
    if isinstance(v, bool):
        raise ValueError("应为数字")
    if isinstance(v, (int, float)):  # Excel stores 6.0 as 6: the format still shows 6.0
        if "%" in cell.fmt:
            places = format_decimals(cell.fmt)
            fmt = "0." + "0" * places if places else "0"
            return _from_float(v * 100, fmt)
        return _from_float(v, cell.fmt)
    return _text_number(cell.text, percent_field)


def _text_number(text: str, percent_field: bool) -> Decimal:
    t = text.translate(_FULL).replace(" ", "").replace("−", "-").replace("＋", "+")
    if percent_field and t.endswith("%"):
        t = t[:-1]
    if re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?", t):
        t = t.replace(",", "")
    try:
        d = Decimal(t)
    except InvalidOperation:
        raise ValueError("应为数字") from None
    if not d.is_finite():
        raise ValueError("应为数字")
    return d


def cell_int(cell: Cell) -> int | None:
    """A rank: 3, 3.0, "3", "第3位", "第3名"; None when blank."""
    if cell.blank:
        return None
    v = cell.value
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if float(v).is_integer():
            return int(v)
        raise ValueError("应为整数")
    t = cell.text.translate(_FULL).replace(" ", "")
    m = re.fullmatch(r"(?:第|倒数第)?(\d+)(?:位|名)?", t)
    if not m or t.startswith("倒数"):
        raise ValueError("应为整数")
    return int(m.group(1))
