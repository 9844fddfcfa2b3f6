"""An uploaded indicator table as the writer sees it: each header and the field it was read as
(changeable), every cell, and the cell errors on their cells.

The reading is the library's own (the same header recognition and cell conversion as
``speechgen render --indicators``); a writer's mapping overrides the recognised one column by
column, and a column mapped to "" is ignored.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from speechgen.errors import InputError
from speechgen.spec.model import CHINESE_KEYS, Indicator
from speechgen.spec.tables.grid import Grid, col_letter, read_grid
from speechgen.spec.tables.rows import locate_header, parse_rows
from speechgen.web.specform import plain

MAX_SHOWN_ROWS = 300


@dataclass
class Column:
    col: int
    letter: str
    title: str
    field: str  # "" when ignored


@dataclass
class Inspection:
    source: str
    sheet: str
    sheets: list[str]
    header_row: int  # 1-based row of the (last) header row
    columns: list[Column]
    rows: list[list[dict[str, Any]]]  # data rows: cells {col, text, error}
    indicators: list[dict[str, Any]]
    errors: list[str]
    fields: list[tuple[str, str]] = field(default_factory=list)  # selectable (field, label)

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "sheet": self.sheet, "sheets": self.sheets, "header_row": self.header_row,
                "columns": [c.__dict__ for c in self.columns], "indicators": self.indicators,
                "errors": self.errors, "count": len(self.indicators)}


def field_choices() -> list[tuple[str, str]]:
    """Indicator fields a column can be mapped to, with Chinese labels."""
    out = [("", "（不读取此列）")]
    for name, info in Indicator.model_fields.items():
        label = (CHINESE_KEYS.get(name) or (info.description or name,))[-1 if name == "name" else 0]
        out.append((name, f"{label}（{name}）"))
    return out


def inspect(path: Path, *, sheet: str | None = None, mapping: dict[int, str] | None = None) -> Inspection:
    """Read *path* (.xlsx/.csv); *mapping* (column → field, "" to ignore) overrides the recognised headers."""
    grid = read_grid(path, sheet or None)
    header = locate_header(grid, {})
    for col, fname in (mapping or {}).items():
        _remap(header, col, fname, grid)
    if "name" not in header.fields.values():
        raise InputError(f"{grid.name}：没有一列对应“指标名称”（name），请为指标名称所在的列选择 name")
    parsed, errors = parse_rows(grid, header)
    columns = [Column(c, col_letter(c), header.titles.get(c, ""), header.fields.get(c, ""))
               for c in sorted(set(header.titles) | set(header.fields))]
    return Inspection(grid.source, grid.sheet, _sheets(path), header.row + 1, columns,
                      _cells(grid, header.row, columns, errors), [_row_dict(ind) for ind, _ in parsed],
                      errors, field_choices())


def _remap(header: Any, col: int, fname: str, grid: Grid) -> None:
    if fname and fname not in Indicator.model_fields:
        raise InputError(f"{grid.name}：第{col_letter(col)}列的字段 “{fname}” 无法识别")
    for other, f in list(header.fields.items()):
        if fname and f == fname and other != col:
            del header.fields[other]  # one column per field: the writer's choice wins
    if fname:
        header.fields[col] = fname
    else:
        header.fields.pop(col, None)


def _cells(grid: Grid, header_index: int, columns: list[Column], errors: list[str]) -> list[list[dict[str, Any]]]:
    rows = []
    for cells in grid.rows[header_index + 1: header_index + 1 + MAX_SHOWN_ROWS]:
        if not any(c.text for c in cells):
            continue
        by_col = {c.col: c for c in cells}
        row = []
        for column in columns:
            cell = by_col.get(column.col)
            text = cell.text if cell else ""
            where = grid.where(cell) if cell else ""
            error = next((e[len(where):].lstrip("（").split("）：", 1)[-1] for e in errors
                          if cell and e.startswith(where + "（")), "")
            row.append({"col": column.col, "row": cells[0].row, "text": text, "error": error})
        rows.append(row)
    return rows


def _row_dict(ind: Indicator) -> dict[str, Any]:
    return plain(ind.model_dump(mode="python", exclude_defaults=True))


def _sheets(path: Path) -> list[str]:
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return []
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return list(wb.sheetnames)
    finally:
        wb.close()
