"""Old binary workbooks (.xls, BIFF5/8 — what statistics bureaus still send; WPS .et saved as BIFF) via xlrd.

xlrd is imported only here, when such a file is read.  Each cell keeps the number
format Excel shows it with (``formatting_info``), so 5.8 shown as "0.00" reads as
5.80 exactly as with .xlsx; dates come through as text of the date.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from typing import Callable

from speechgen.errors import InputError

#: (value, Excel number format) per cell, row by row
Rows = list[list[tuple[Any, str]]]


def read_xls(path: Path, pick: Callable[[list[str]], str | None], max_rows: int, max_cols: int,
             *, data: bytes | None = None) -> tuple[str, Rows]:
    """The title and cells of the sheet *pick* chooses among the workbook's titles (None: the first);
    *data*: the file's bytes when already read (bounded) by the caller."""
    try:
        import xlrd
    except ImportError:  # pragma: no cover - xlrd is a dependency
        raise InputError(f"{path.name}：读取 .xls 需要 xlrd（pip install xlrd），或在 Excel/WPS 中另存为 .xlsx") from None
    if data is None:
        data = path.read_bytes()
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    except xlrd.biffh.XLRDError as exc:
        raise InputError(f"{path.name}：无法打开 .xls 文件（{_why(str(exc))}），请在 Excel/WPS 中另存为 .xlsx") from None
    except Exception as exc:  # xlrd raises assorted errors on damaged files
        raise InputError(f"{path.name}：无法打开 .xls 文件（文件已损坏或格式不符：{type(exc).__name__}）") from None
    try:
        title = pick(book.sheet_names())
        ws = book.sheet_by_name(title) if title else book.sheet_by_index(0)
        return ws.name, [[_cell(book, ws, r, c) for c in range(min(ws.ncols, max_cols))]
                         for r in range(min(ws.nrows, max_rows))]
    finally:
        book.release_resources()


def _why(message: str) -> str:
    if "encrypt" in message.lower():
        return "文件设有打开密码"
    if "xlsx" in message.lower():
        return "扩展名是 .xls，内容却是 .xlsx"
    return "不是 Excel 97-2003 格式"


def _cell(book: Any, ws: Any, r: int, c: int) -> tuple[Any, str]:
    import xlrd

    kind = ws.cell_type(r, c)
    value: Any = ws.cell_value(r, c)
    fmt = _format(book, ws.cell_xf_index(r, c))
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        value = None
    elif kind == xlrd.XL_CELL_ERROR:
        value = xlrd.error_text_from_code.get(value, "#错误")
    elif kind == xlrd.XL_CELL_BOOLEAN:
        value = bool(value)
    elif kind == xlrd.XL_CELL_DATE:
        try:
            value = dt.datetime(*xlrd.xldate_as_tuple(value, book.datemode))
        except (ValueError, xlrd.xldate.XLDateError):
            pass
        fmt = "General"
    elif kind == xlrd.XL_CELL_NUMBER and float(value).is_integer() and "." not in fmt:
        value = int(value)
    return value, fmt


def _format(book: Any, xf_index: int) -> str:
    try:
        xf = book.xf_list[xf_index]
        return book.format_map[xf.format_key].format_str or "General"
    except (IndexError, KeyError, AttributeError):
        return "General"
