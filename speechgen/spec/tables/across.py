"""Region tables with the regions across the top: ``指标 | 全市 | 东城区 | 西城区 …``.

One row per indicator, one column per region — or one column group per region when a second
header row names what each column holds (``东城区`` over ``本期值 | 增速(%) | 排位``).  Without
that row a cell is the indicator's growth when the row's name says so (…增速、…同比增长) or when its
unit is "%" and its name is no rate (规模以上工业增加值 | % | 6.8: published only as growth), else its
value (a rate in % such as 失业率 is a value, not a growth).
"""
from __future__ import annotations

import re
from typing import Any

from speechgen.errors import InputError
from speechgen.spec.model import RegionRow
from speechgen.spec.tables.grid import NOTE_ROW, Cell, Grid, cell_int, cell_number
from speechgen.spec.tables.headers import INT_FIELDS, PERCENT_FIELDS, field_for, is_header_row, normalise
from speechgen.spec.tables.regionsheet import RegionAxis, check_region_cells, is_region_name
from speechgen.spec.tables.units import is_rate_name

_GROWTH_NAME = re.compile(r"^(.{2,}?)(?:本期|累计)?(?:同比)?(?:增速|增长|增幅)%?$")
_NAME_PREFIX = re.compile(r"^(其中|内)[：:]\s*|^[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*|^[#*]+\s*")
_FIGURES = ("value", "growth", "superior_growth", "rank", "rank_total", "prev_growth", "prev_rank",
            "annual_target", "target_growth")


def read_across(grid: Grid, axis: RegionAxis) -> list[RegionRow]:
    """The region rows of a sheet whose header row ``axis.index`` names the regions."""
    head = grid.rows[axis.index]
    regions = {c.col: c for c in head if c.text and is_region_name(c.text)}
    check_region_cells(grid, regions.values())
    first = min(regions)
    labels = [c for c in head if c.text and c.col < first]
    name_col = next((c.col for c in labels if field_for(c.text, {}) == "name"), labels[0].col if labels else 1)
    unit_col = next((c.col for c in labels if field_for(c.text, {}) == "unit"), None)
    owner, fields, start = _columns(grid, axis.index, regions)
    merged: dict[tuple[str, str], dict[str, Any]] = {}  # (region, indicator) → fields: 值 and 增速 rows meet
    errors: list[str] = []
    for cells in grid.rows[start:]:
        by_col = {c.col: c for c in cells}
        name_cell = by_col.get(name_col)
        if name_cell is None or name_cell.blank or NOTE_ROW.match(name_cell.text):
            continue
        unit = by_col[unit_col].text if unit_col in by_col and not by_col[unit_col].blank else ""
        name, bracket_unit = normalise(_NAME_PREFIX.sub("", name_cell.text).strip())
        unit = unit or bracket_unit
        for col, region in owner.items():
            cell = by_col.get(col)
            if cell is None or cell.blank:
                continue
            field, row_name = _field(fields.get(col), name, unit)
            try:
                number = cell_int(cell) if field in INT_FIELDS else cell_number(cell, percent_field=field in PERCENT_FIELDS)
            except ValueError as exc:
                errors.append(f"{grid.where(cell)}（{region}·{name}）：{exc}，收到 '{cell.text}'")
                continue
            if number is None:
                continue
            slot = merged.setdefault((region, row_name), {"region": region, "name": row_name})
            slot[field] = number
            if unit and field == "value":
                slot["unit"] = unit
    if errors:
        raise InputError("\n".join(errors[:20]), problems=errors)
    return [RegionRow.model_validate(row) for row in merged.values()]


def _columns(grid: Grid, index: int, regions: dict[int, Cell]) -> tuple[dict[int, str], dict[int, str], int]:
    """Column → region (carried right over a merged region cell when a second header row names
    the figures), column → field from that row, and the first data row."""
    below = grid.rows[index + 1] if index + 1 < len(grid.rows) else []
    labels = {c.col: c.text for c in below if c.text}
    if not (below and is_header_row(below) and any(field_for(t, {}) in _FIGURES for t in labels.values())):
        return {col: cell.text for col, cell in regions.items()}, {}, index + 1
    owner: dict[int, str] = {}
    fields: dict[int, str] = {}
    current = ""
    texts = {c.col: c for c in grid.rows[index] if c.text}
    for col in sorted(labels):
        if col in texts:
            current = texts[col].text if col in regions else ""
        field = field_for(labels[col], {})
        if current and field in _FIGURES:
            owner[col], fields[col] = current, field
    return owner, fields, index + 2


def _field(given: str | None, name: str, unit: str = "") -> tuple[str, str]:
    """The field a cell fills and the indicator's name: the header's, else growth for a row named
    …增速 or for a row in "%" whose name is no rate (an indicator published only as its growth),
    else the value."""
    if given:
        return given, name
    m = _GROWTH_NAME.match(name)
    if m:
        return "growth", m.group(1)
    return ("growth" if unit in ("%", "％") and not is_rate_name(name) else "value"), name
