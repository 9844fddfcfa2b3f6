"""Which sheet holds the region table, which column (or row) names the regions, and whether a
region name is one.

A region table is a table whose rows (or columns) are region names — 县、区、市、镇、乡、街道、
开发区、新区、园区… (suffixes in ``corpora/regions.yaml``) or the total (全市、合计) — and whose
other axis is indicators.  A column is the region column when its header says so (地区、县区、
单位…) or when most of its texts are region names; a column of measurement units (亿元、%、
万人, also in ``corpora/regions.yaml``) never is, whatever its header ("单位" names both).
A region name that is a unit or a number is refused, naming file, sheet and cell.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Literal

from speechgen.core.chars import ASCII_FIGURES, FULL_WIDTH_FIGURES
from speechgen.core.resources import corpora_dir
from speechgen.core.yamlsrc import decode, load_yaml
from speechgen.errors import InputError
from speechgen.spec.regionwords import RegionWords, region_words  # noqa: F401 - RegionWords: its old home
from speechgen.spec.tables.grid import Cell, Grid, read_grid, read_grids
from speechgen.spec.tables.headers import REGION_HEADER, normalise

TOTAL_NAMES = frozenset({"全省", "全市", "全县", "全区", "全州", "全盟", "全国", "合计", "总计", "全部", "总体"})
_TOTAL = re.compile(r"^(?:全[省市县区州盟旗国]|本[省市县区])?(?:合计|总计|汇总|小计)?$|^全[省市县区州盟旗国](?:合计|总计|汇总)?$")
_FULL = str.maketrans(FULL_WIDTH_FIGURES + "，％（）", ASCII_FIGURES + ",%()")
_NUMBER = re.compile(r"[+-]?(?:\d[\d,]*)?\.?\d+%?|第?\d+[位名]?")
_MARKER = re.compile(r"^(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*|[#*]+\s*)")
_FOOTNOTE = re.compile(r"^(注\d*|附注|说明|备注|资料来源|数据来源|来源|制表|填报|审核)\s*[：:.．]")
MESSAGES_LIMIT = 20
SCAN_ROWS = 500  # rows looked at to tell which column names the regions


def is_total(region: str) -> bool:
    """The table's total row: 全市, 合计, 全市合计, 总计… (not a region to compare)."""
    name = region.strip()
    return bool(name) and (name in TOTAL_NAMES or bool(_TOTAL.match(name)))


def _plain(text: str) -> str:
    return re.sub(r"[\s\u3000]+", "", str(text)).translate(_FULL)


@lru_cache(maxsize=8192)
def _kind(text: str) -> str:
    """'region', 'unit', 'number' or 'word' (cached: a sheet repeats its names and units)."""
    t = _plain(text)
    inner = t.strip("()")
    units = region_words().units
    if inner and (inner in units or (bool(re.search(r"[/、,]", inner))
                                     and all(p in units for p in re.split(r"[/、,]", inner) if p))):
        return "unit"
    if _NUMBER.fullmatch(t):
        return "number"
    bare = _MARKER.sub("", t)  # "1.青山县": a numbered list
    if (bare != t and _kind(bare) != "region") or not 2 <= len(bare) <= 24 or _FOOTNOTE.match(bare):
        return "word"
    if is_total(bare) or any(bare.endswith(s) and len(bare) > len(s) for s in region_words().suffixes):
        return "region"
    return "word"


def unit_like(text: str) -> bool:
    """'亿元', '%', '万吨', '（万人）', '亿元/%' — a measurement unit, not a name."""
    return _kind(str(text)) == "unit"


def number_like(text: str) -> bool:
    return _kind(str(text)) == "number"


def region_problem(text: str) -> str | None:
    """Why *text* cannot be a region's name (None when it can)."""
    kind = _kind(str(text))
    return "像是计量单位" if kind == "unit" else "是数字" if kind == "number" else None


def is_region_name(text: str) -> bool:
    """A name ending in a region suffix (青山县、城关镇、高新区), or the total (全市、合计)."""
    return _kind(str(text)) == "region"


def level_of(region: str) -> str | None:
    """The level word a region's own speech uses for itself: 青山县 → 全县, 城关镇 → 全镇 (None if unknown)."""
    t = _MARKER.sub("", _plain(region))
    return next((w for s, w in region_words().levels if t.endswith(s) and len(t) > len(s)), None)


# ------------------------------------------------------------------ where the regions are

@dataclass(frozen=True)
class RegionAxis:
    """Where a sheet names its regions: a column (``rows``: one region per row) or a header row
    (``columns``: one region per column)."""

    orientation: Literal["rows", "columns"]
    index: int  # column number (rows) or index in grid.rows (columns)
    title: str  # the header over the region column ("" when it has none or for columns)
    names: int  # region names found


def _column_cells(grid: Grid, col: int) -> list[Cell]:
    return [c for row in grid.rows[:SCAN_ROWS] for c in row[col - 1:col] if c.text]


def _header_title(cells: list[Cell], by: str | None) -> Cell | None:
    """The cell of the first 20 rows whose text is a region header (or *by*)."""
    for c in cells:
        if c.row > 20:
            break
        text = normalise(c.text)[0]
        if (by and (c.text == by or text == normalise(by)[0])) or (not by and re.search(REGION_HEADER, text)):
            return c
    return None


def _cell_kind(cell: Cell) -> str:
    if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
        return "number"
    return _kind(cell.text)


def _column_axis(grid: Grid, col: int, by: str | None) -> RegionAxis | None:
    cells = _column_cells(grid, col)
    head = _header_title(cells, by)
    below = [c for c in cells if head is None or c.row > head.row]
    kinds = [_cell_kind(c) for c in below]
    names, units = kinds.count("region"), kinds.count("unit")
    if head is not None:
        if not by and normalise(head.text)[0] == "单位" and (units >= names or not names):
            return None  # the measurement units (亿元、%), not the reporting units
        return RegionAxis("rows", col, head.text, names)
    if by:
        return None  # the column the user named, or none
    words = sum(k != "number" and not _FOOTNOTE.match(c.text) for c, k in zip(below, kinds))
    if names < 2 or names * 2 < words or units:
        return None
    first = below[kinds.index("region")]
    above = [c for c in cells if c.row < first.row]
    return RegionAxis("rows", col, above[-1].text if above else "", names)


def _row_axis(grid: Grid) -> RegionAxis | None:
    for i, row in enumerate(grid.rows[:20]):
        names = [c for c in row if c.text and is_region_name(c.text)]
        if len(names) >= 2:
            return RegionAxis("columns", i, "", len(names))
    return None


def region_axis(grid: Grid, by: str | None = None) -> RegionAxis | None:
    """The region column of *grid* (or, for a table with regions across, its region header row);
    None when the sheet holds no region table.  *by* names the region column's header."""
    width = max((len(r) for r in grid.rows[:200]), default=0)
    columns = [a for col in range(1, width + 1) if (a := _column_axis(grid, col, by)) is not None]
    if by:
        return columns[0] if columns else None
    named = [a for a in columns if re.search(REGION_HEADER, normalise(a.title)[0])]
    best = max(named or columns, key=lambda a: a.names, default=None)
    across = _row_axis(grid)
    if across is not None and (best is None or best.names == 0):
        return across  # 指标 | 全市 | 东城区 | 西城区 …: regions across the top
    return best


def sheet_titles(path: Path) -> list[str]:
    """The sheet titles of a workbook (a CSV file: none)."""
    grids = read_grids(path)
    return [g.sheet for g in grids] if grids and grids[0].sheet != grids[0].source else []


def region_grid(path: Path, sheet: str | None, *, by: str | None = None) -> Grid:
    """The sheet *sheet* names, else the one sheet of the workbook that holds a region table;
    InputError listing the sheets when none does, or when several do."""
    if sheet is not None:
        return read_grid(path, sheet)
    grids = read_grids(path)
    if len(grids) == 1:
        return read_grid(path)
    titles = [g.sheet for g in grids]
    found = [g for g in grids if region_axis(g, by) is not None]
    if len(found) == 1:
        return read_grid(path, found[0].sheet)  # read again: its formulas are checked
    if not found:
        raise InputError(no_region_table(path.name, titles))
    raise InputError(f"{path.name}：有 {len(found)} 张工作表都像分地区指标表（{'、'.join(g.sheet for g in found)}），"
                     f"现有工作表：{'、'.join(titles)}；请用 --sheet 指明用哪一张")


def no_region_table(name: str, titles: list[str]) -> str:
    """The message for a file without a region table, listing its sheets."""
    where = f"现有工作表：{'、'.join(titles)}；请用 --sheet 指明分地区数据所在的工作表" if titles else \
        "表中应有一列地区名称（表头如 地区、县区），或一行地区名称（指标 | 全市 | 东城区 …）"
    return f"{name}：找不到分地区指标表（地区名称成行或成列、另一边是指标的表），{where}"


def check_region_cells(grid: Grid, cells: Iterable[Cell]) -> None:
    """Refuse region names that are units or numbers, each named by sheet and cell."""
    problems = []
    for cell in cells:
        why = region_problem(cell.text) if cell.text else None
        if why:
            problems.append(f"{grid.where(cell)}：地区名称“{cell.text}”{why}，不是地区；地区列应写各县（市、区）、"
                            "乡镇等的名称（若选错了列，请用 --by 指明地区所在列的表头）")
    if problems:
        shown = problems[:MESSAGES_LIMIT]
        if len(problems) > MESSAGES_LIMIT:
            shown.append(f"……另有 {len(problems) - MESSAGES_LIMIT} 处")
        raise InputError("\n".join(shown), problems=shown)


def region_cells(grid: Grid, col: int, start: int) -> list[Cell]:
    """The region cells of the data rows from grid.rows[start] on (rows with a figure beside the name)."""
    out = []
    for row in grid.rows[start:]:
        by_col = {c.col: c for c in row}
        cell = by_col.get(col)
        if cell is None or cell.blank or _FOOTNOTE.match(cell.text):
            continue
        if any(not c.blank for c in row if c.col != col):
            out.append(cell)
    return out
