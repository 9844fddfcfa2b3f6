"""Wide region tables: regions as rows, one column (group) per indicator.

``县区 | 地区生产总值增速(%) | 固定资产投资增速(%)``, or in a two-row header ``地区生产总值`` over
``总量(亿元) | 增速(%)`` and ``固定资产投资`` over ``增速(%) | 上半年增速(%)``; a row of units under
the header (亿元 | % | %) gives each column its unit.  A sub-column of an earlier period (上半年增速,
上期增速) is the indicator's ``prev_growth`` (with ``prev_period`` when it names the period), never an
indicator of its own; a column of the indicator's name alone is its value when it has a unit.
"""
from __future__ import annotations

import re
from typing import Any

from speechgen.errors import InputError
from speechgen.spec.model import RegionRow
from speechgen.spec.tables.grid import NOTE_ROW, Cell, Grid, cell_int, cell_number
from speechgen.spec.tables.headers import INT_FIELDS, REGION_HEADER, is_header_row, match_field, normalise
from speechgen.spec.tables.periodcols import When, resolve, tag
from speechgen.spec.tables.regionsheet import check_region_cells, region_cells
from speechgen.spec.tables.units import is_unit

_WIDE_PREV = re.compile(r"^(.{2,}?)((?:上期|上月|上季度?|前期)(?:累计)?(?:同比)?(?:增速|增长|增幅)%?)$")
_WIDE_GROWTH = re.compile(r"^(.{2,}?)((?:上半年|一季度|前三季度|\d{1,2}-\d{1,2}月|\d{1,2}月份?|本期|本月|累计)?"
                          r"(?:同比)?(?:增速|增长|增幅)%?)$")
_NOT_NAME = re.compile(r"^(同比|本期|上期|上月|上年|上季|全[省市国])|排[位名]|指标")
_KINDS = frozenset({"value", "growth", "prev_growth", "month_growth", "rank", "prev_rank"})
Column = tuple[str, str, str]  # (indicator, field, unit)


def read_wide(grid: Grid, region_title: str | None = None, when: When | None = None) -> list[RegionRow] | None:
    """The region rows of a wide sheet; None when the sheet is not laid out so."""
    when = when or When()
    for i, row in enumerate(grid.rows[:20]):
        texts = {c.col: c.text for c in row if c.text}
        region_col = next((c for c, t in texts.items()
                           if re.search(REGION_HEADER, normalise(t)[0]) or t == region_title), None)
        if region_col is None:
            continue
        if any(match_field(t, {})[0] == "name" for c, t in texts.items() if c != region_col):
            return None  # 地区 | 指标名称 | …: a long table
        start, subs, units = i + 1, {}, {}
        below = {c.col: c.text for c in grid.rows[start] if c.text} if start < len(grid.rows) else {}
        if below and all(isinstance(c.value, str) for c in grid.rows[start] if c.text) and all(
                is_unit(t.strip("()（）")) for t in below.values()):
            units, start = below, start + 1  # 亿元 | % | %: a row of units
        elif below and is_header_row(grid.rows[start]):
            subs, start = below, start + 1
        columns, prev = _columns(_pairs(texts, subs, region_col), units, when)
        names = {name for name, kind, _ in columns.values() if kind == "growth"}
        if len(names) < 2 and not any(k == "prev_growth" for _, k, _ in columns.values()):
            return None  # one growth column: an ordinary (long) table
        check_region_cells(grid, region_cells(grid, region_col, start))
        return _wide_rows(grid, start, region_col, columns, prev)
    return None


def _pairs(texts: dict[int, str], subs: dict[int, str], region_col: int) -> dict[int, tuple[str, str]]:
    """Column → (indicator header, sub-header): the parent carried right over merged cells."""
    out: dict[int, tuple[str, str]] = {}
    carry = ""
    for col in sorted(set(texts) | set(subs)):
        if col == region_col:
            carry = ""
            continue
        if col in texts:
            carry = texts[col]
        out[col] = (carry, subs.get(col, ""))
    return out


def _columns(pairs: dict[int, tuple[str, str]], units: dict[int, str], when: When
             ) -> tuple[dict[int, Column], dict[str, str]]:
    """Column → (indicator, field, unit), several periods of one indicator's growth resolved, and
    indicator → the period its prev_growth column names."""
    found: dict[str, list[tuple[int, str, str, str]]] = {}  # indicator → (col, field, period text, unit)
    for col, (top, sub) in pairs.items():
        top_text, top_unit = normalise(top)
        sub_text, sub_unit = normalise(sub)
        unit = normalise(units.get(col, ""))[0].strip("()") or sub_unit or top_unit
        if sub_text:
            kind = match_field(sub, {})[0]
            name, period = top_text, sub_text
            kind = "value" if kind is None and is_unit(sub_text) else kind
        else:
            m = _WIDE_PREV.match(top_text)
            kind = "prev_growth" if m else None
            m = m or _WIDE_GROWTH.match(top_text)
            kind = kind or ("growth" if m else None)
            name, period = (m.group(1), m.group(2)) if m else (top_text, "")
        if kind in ("superior_growth", "target_growth"):
            continue
        if kind not in _KINDS or len(name) < 2 or _NOT_NAME.search(name) or tag(name).kind or name[0].isdigit():
            if not (sub_text or kind) and unit and len(name) >= 2 and not _NOT_NAME.search(name):
                found.setdefault(name, []).append((col, "value", "", unit))  # 地区生产总值(亿元)
            continue
        found.setdefault(name, []).append((col, kind, period, unit))
    columns: dict[int, Column] = {}
    prevs: dict[str, str] = {}
    for name, cols in found.items():
        if not any(kind != "value" for _, kind, _, _ in cols) and not any(u for *_, u in cols):
            continue
        fields, _, prev = resolve([(c, k, 1) for c, k, _, _ in cols], {c: p for c, _, p, _ in cols}, when)
        for col, kind, _, unit in cols:
            if col in fields:
                columns[col] = (name, fields[col], unit if fields[col] == "value" else "")
        if prev:
            prevs[name] = prev
    return dict(sorted(columns.items())), prevs


def _wide_rows(grid: Grid, start: int, region_col: int, columns: dict[int, Column],
               prevs: dict[str, str]) -> list[RegionRow]:
    rows: list[RegionRow] = []
    errors: list[str] = []
    names = list(dict.fromkeys(name for name, _, _ in columns.values()))
    for cells in grid.rows[start:]:
        by_col = {c.col: c for c in cells}
        region = by_col.get(region_col)
        if region is None or region.blank or NOTE_ROW.match(region.text):
            continue
        values: dict[str, dict[str, Any]] = {}
        for col, (name, kind, unit) in columns.items():
            number = _number(grid, by_col.get(col), kind, errors)
            if number is not None:
                values.setdefault(name, {})[kind] = number
                if kind == "value" and unit:
                    values[name]["unit"] = unit
        for name, label in prevs.items():
            if "prev_growth" in values.get(name, {}):
                values[name]["prev_period"] = label
        rows += [RegionRow(region=region.text, name=name, **values.get(name, {})) for name in names]
    if errors:
        raise InputError("\n".join(errors[:20]), problems=errors)
    return rows


def _number(grid: Grid, cell: Cell | None, kind: str, errors: list[str]) -> Any:
    if cell is None:
        return None
    try:
        return cell_int(cell) if kind in INT_FIELDS else cell_number(cell, percent_field=kind != "value")
    except ValueError as exc:
        errors.append(f"{grid.where(cell)}：{exc}，收到 '{cell.text}'")
        return None
