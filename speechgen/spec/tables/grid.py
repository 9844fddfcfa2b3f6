"""Raw cells from .xlsx and .csv files, and cell → number conversion that keeps precision.

openpyxl is imported only when an .xlsx file is read.  A cell remembers its
sheet, row and column so that every error can say ``一季度!D7``.
"""
from __future__ import annotations

import csv
import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from speechgen.core.chars import ASCII_FIGURES, FULL_WIDTH_FIGURES
from speechgen.core.limits import LIMITS, breach, number_problem, open_zip, read_bounded
from speechgen.core.yamlsrc import decode
from speechgen.errors import InputError

MAX_TABLE_BYTES = LIMITS.table_bytes
MAX_ROWS = LIMITS.table_rows
MAX_COLS = LIMITS.table_cols

#: cell texts that mean "no figure" (a legitimate blank in an optional column)
MISSING = frozenset({"", "—", "——", "-", "--", "－", "–", "…", "……", "/", "／", "\\", "无", "暂无",
                     "n/a", "N/A", "NA", "#N/A", "null", "None", "空"})
#: a row under the table that annotates it (注：增速按可比价计算), not a row of data
NOTE_ROW = re.compile(r"^(注|说明|资料来源|数据来源)")
_FULL = str.maketrans(FULL_WIDTH_FIGURES + "，％", ASCII_FIGURES + ",%")
_SPACES = re.compile(r"[\s\u3000\u00a0]+")


@dataclass(frozen=True)
class Cell:
    value: Any  # str, int, float, datetime … as read
    row: int  # 1-based
    col: int  # 1-based
    fmt: str = "General"  # Excel number format ("0.0", "0.00%", …); CSV: "@"
    indent: int = 0  # Excel cell indent (Alignment(indent=N)): a sub-item's mark in an indicator column

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
    """Read an .xlsx/.xlsm or .csv/.txt file into a :class:`Grid`.

    The file is read once, bounded (devices and pipes refused); a workbook's archive is checked
    against the zip limits before anything is inflated; a sheet larger than the row, column or
    cell limits is an error naming the limit, never a silent cut."""
    raw = read_bounded(path, MAX_TABLE_BYTES, what="指标表文件")  # devices, pipes, sizes: before the format
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, raw, sheet)
    if suffix in (".csv", ".txt", ".tsv"):
        return _read_csv(path, raw)
    if suffix in (".xls", ".et"):
        return _read_xls(path, raw, sheet)
    if suffix in (".ods", ".numbers", ".wps"):
        raise InputError(f"{path.name}：不支持 {suffix} 格式，请在 Excel/WPS/LibreOffice 中“另存为” .xlsx 或 .csv")
    raise InputError(f"{path.name}：无法识别的表格格式 {suffix or '（无扩展名）'}，应为 .xlsx、.xls 或 .csv")


def read_grids(path: Path) -> list[Grid]:
    """Every sheet of a workbook (a CSV file: its one grid), the file read and opened once, to choose
    a sheet from; formulas saved without results are not looked for: read the chosen one with
    :func:`read_grid`."""
    raw = read_bounded(path, MAX_TABLE_BYTES, what="指标表文件")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm") or (suffix == ".et" and raw[:4] == b"PK\x03\x04"):
        return _xlsx_grids(path, raw, None, every=True)
    if suffix in (".xls", ".et"):
        from speechgen.spec.tables.legacy import read_xls

        titles: list[str] = []
        read_xls(path, lambda found: titles.extend(found) or None, 0, 0, data=raw)
        return [_read_xls(path, raw, title) for title in titles]
    return [read_grid(path)]


def _read_xlsx(path: Path, raw: bytes, sheet: str | None) -> Grid:
    return _xlsx_grids(path, raw, sheet, every=False)[0]


def _xlsx_grids(path: Path, raw: bytes, sheet: str | None, *, every: bool) -> list[Grid]:
    import openpyxl  # heavy: only when a workbook is read
    from openpyxl.utils.exceptions import InvalidFileException

    if not zipfile.is_zipfile(io.BytesIO(raw)):  # a password-protected workbook is not a zip either
        raise InputError(f"{path.name}：无法打开 Excel 文件（文件已损坏、不是 .xlsx 或设有打开密码）")
    archive = open_zip(raw, path.name, what=" Excel 文件")
    formulas = any(_has_formulas(archive, i) for i in archive.infolist() if i.filename.startswith("xl/worksheets/"))
    try:
        # raw bytes: a WPS .et in zip form is an .xlsx under another name, and openpyxl checks names
        wb = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, EOFError, TypeError,
            AttributeError, IndexError, SyntaxError, zlib.error, struct.error, NotImplementedError) as exc:  # SyntaxError: broken XML (ParseError)
        raise InputError(f"{path.name}：无法打开 Excel 文件（文件已损坏、不是 .xlsx 或设有打开密码：{type(exc).__name__}）") from None
    grids = []
    try:
        for ws in (wb.worksheets if every else [_pick_sheet(wb, sheet, path.name)]):
            ws.reset_dimensions()  # some writers record a wrong sheet size
            grids.append(Grid(path.name, ws.title, _sheet_rows(ws, path.name)))
    except InputError:
        raise
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError, TypeError, SyntaxError, AttributeError,
            IndexError, zlib.error, struct.error, NotImplementedError) as exc:
        raise InputError(f"{path.name}：Excel 文件已损坏，无法读取（{type(exc).__name__}）") from None
    finally:
        wb.close()
    if formulas and not every:
        _check_formulas(raw, grids[0], grids[0].sheet)
    return grids


def _has_formulas(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    try:
        with archive.open(info) as fh:
            tail = b""
            while chunk := fh.read(1 << 20):
                if b"<f>" in tail + chunk or b"<f " in tail + chunk:
                    return True
                tail = chunk[-3:]
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error, NotImplementedError):
        return False
    return False


def _sheet_rows(ws: Any, name: str) -> list[list[Cell]]:
    """Rows of cells up to the last non-empty one; a value beyond the limits is an error."""
    rows: list[list[Cell]] = []
    cells = 0
    for r, rcells in enumerate(ws.iter_rows(), start=1):
        row = []
        for col, c in enumerate(rcells, start=1):
            value = getattr(c, "value", None)
            if value is None or value == "":
                if col <= MAX_COLS:
                    row.append(Cell(None, r, col, "General"))
                continue
            cells = _within_limits(f"{name} {ws.title}", r, col, value, cells)
            row.append(Cell(value, r, col, c.number_format or "General", _indent(c)))
        if r <= MAX_ROWS:
            rows.append(row)
    return rows


def _indent(cell: Any) -> int:
    try:
        return int(cell.alignment.indent or 0) if isinstance(cell.value, str) else 0
    except (AttributeError, TypeError, ValueError, IndexError):
        return 0


def _within_limits(sheet: str, r: int, col: int, value: Any, filled: int) -> int:
    """One more filled cell at row *r*, column *col* of *sheet* ("指标.xlsx 分县区"): an error naming
    the limit when the table grows past a row, column, cell or cell-length limit; the new count."""
    if col > MAX_COLS:
        raise breach(f"{sheet}!{col_letter(col)}{r}", "table_cols", col)
    if r > MAX_ROWS:
        raise breach(f"{sheet}!第{r}行", "table_rows", r)
    if filled + 1 > LIMITS.table_cells:
        raise breach(sheet, "table_cells")
    if isinstance(value, str) and len(value) > LIMITS.cell_chars:
        raise breach(f"{sheet}!{col_letter(col)}{r}", "cell_chars", len(value))
    return filled + 1


def _check_formulas(raw: bytes, grid: Grid, title: str) -> None:
    """A formula cell saved without its result (a file written by a program and never opened in
    Excel) reads as blank: say so instead of dropping the figure."""
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    except Exception:  # noqa: BLE001 - the values were read; a formula pass that fails adds nothing
        return
    try:
        ws = wb[title]
        ws.reset_dimensions()
        for r, rcells in enumerate(ws.iter_rows(max_row=len(grid.rows), max_col=MAX_COLS), start=1):
            row = grid.rows[r - 1]
            for col, c in enumerate(rcells, start=1):
                formula = getattr(c, "value", None)
                if isinstance(formula, str) and formula.startswith("=") and (col > len(row) or row[col - 1].value is None):
                    raise InputError(f"{grid.name}!{col_letter(col)}{r}：公式 {formula[:60]} 没有保存计算结果"
                                     "（文件可能由程序生成、未在 Excel/WPS 中打开保存过），请打开后保存，或改填数值")
    except InputError:
        raise
    except Exception:  # noqa: BLE001 - same as above: the values were already read
        return
    finally:
        wb.close()


def _read_xls(path: Path, raw: bytes, sheet: str | None) -> Grid:
    """.xls (and WPS .et, which is either BIFF like .xls or a zip like .xlsx), within the same
    row, column, cell and cell-length limits as a workbook (an error, never a silent cut)."""
    if raw[:4] == b"PK\x03\x04":
        if path.suffix.lower() == ".et":
            return _read_xlsx(path, raw, sheet)
        raise InputError(f"{path.name}：无法打开 .xls 文件（扩展名是 .xls，内容却是 .xlsx），请把扩展名改为 .xlsx")
    from speechgen.spec.tables.legacy import read_xls  # xlrd only when an old workbook is read

    title, cells = read_xls(path, lambda titles: sheet_title(titles, sheet, path.name) if sheet else None,
                            MAX_ROWS + 1, MAX_COLS + 1, data=raw)
    rows: list[list[Cell]] = []
    filled = 0
    for r, row in enumerate(cells, start=1):
        out = []
        for c, (value, fmt) in enumerate(row, start=1):
            if value is not None and value != "":
                filled = _within_limits(f"{path.name} {title}", r, c, value, filled)
            if c <= MAX_COLS:
                out.append(Cell(value, r, c, fmt))
        if r <= MAX_ROWS:
            rows.append(out)
    return Grid(path.name, title, rows)


def _pick_sheet(wb: Any, sheet: str | None, name: str) -> Any:
    if sheet is None:
        return wb.worksheets[0]
    return wb[sheet_title(wb.sheetnames, sheet, name)]


def sheet_title(titles: list[str], sheet: str, name: str) -> str:
    """The title among *titles* that *sheet* names (spaces and case ignored); InputError if none."""
    if sheet in titles:
        return sheet
    wanted = _SPACES.sub("", sheet).lower()
    for title in titles:
        if _SPACES.sub("", title).lower() == wanted:
            return title
    raise InputError(f"{name}：找不到工作表 “{sheet}”，现有工作表：{'、'.join(titles)}")


def _read_csv(path: Path, raw: bytes) -> Grid:
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
    limit = csv.field_size_limit()
    csv.field_size_limit(LIMITS.cell_chars)
    try:
        for r, record in enumerate(reader, start=1):
            filled = [c for c, v in enumerate(record, start=1) if v.strip()]
            if not filled:
                rows.append([])
                continue
            if r > MAX_ROWS:
                raise breach(f"{path.name}!第{r}行", "table_rows", r)
            if filled[-1] > MAX_COLS:
                raise breach(f"{path.name}!{col_letter(filled[-1])}{r}", "table_cols", filled[-1])
            rows.append([Cell(v, r, c, "@") for c, v in enumerate(record[:MAX_COLS], start=1)])
    except csv.Error as exc:
        line = reader.line_num
        if "field larger" in str(exc):
            raise breach(f"{path.name}!第{line}行", "cell_chars") from None
        raise InputError(f"{path.name} 第{line}行：CSV 格式错误（{exc}）") from None
    finally:
        csv.field_size_limit(limit)
    while rows and not rows[-1]:
        rows.pop()
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
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        raise ValueError("应为数字")
    exact = Decimal(value) if isinstance(value, int) else Decimal(format(value, ".15g"))
    places = format_decimals(fmt)
    problem = number_problem(exact)
    if problem:
        raise ValueError(problem)
    if places is None:
        if isinstance(value, float) and len(repr(value).split(".")[-1].split("e")[0]) > 6:
            raise ValueError(f"小数位过多（{value!r}），像是公式的计算结果：请在 Excel/WPS 中给该列设置数字格式"
                             "（如 0.0），或填写讲话稿要用的数值")
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
    problem = number_problem(d)
    if problem:
        raise ValueError(problem)
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
