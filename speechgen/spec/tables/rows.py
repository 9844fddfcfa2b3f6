"""Indicator tables from .xlsx/.csv files, and the appendix table of a draft.

``indicators: {file: 指标.xlsx, sheet: 一季度}`` in a spec (or ``speechgen
render --indicators 指标.xlsx --sheet 一季度``) reads the table here.

* The header row is found among the first 20 rows (title rows above it are
  skipped); headers are matched as :mod:`speechgen.table_headers` documents
  (指标名称, 单位, 本期值/累计值, 同比增长(%), 全省增速(%), 全省排位, 上期增速,
  上期排位, 年度目标, 目标增速 and variants), extensible with ``columns``.
* Of several columns with one meaning (本月 | 本年累计, 9月 and 1-9月 groups,
  2023年 | 2024年) the one of the meeting's period is read (:mod:`.periodcols`);
  completion (完成预算%), amounts of change, 环比 and last year's figures are
  recognised and never read as growth.
* Blank rows, section rows without figures ("一、工业") and footnote rows
  (注：…, 资料来源：…, 说明：…) are skipped (a named row with figures only in
  unread columns is named in a notice); "其中：" and list markers before a
  name are dropped, and a row indented under another gets it as ``parent``
  (:mod:`.rowshape`).
* Units: a title row's 单位：万元 and a name's （亿千瓦时） give a row its
  unit; a "%" row without a value is growth-only, not a rate (:mod:`.units`).
* "—", "-", "/", "…" or an empty cell mean *no figure* (every figure is
  optional); anything else that is not a number is an error naming sheet,
  cell and column: ``指标.xlsx 一季度!D7（同比增长(%)）：应为数字，收到 '五'``.
* Precision is kept: a float cell takes the decimals its number format shows
  (5.8 formatted "0.00" → 5.80), a CSV cell keeps its text ("5.80").  A
  percent-formatted cell (0.058 as "5.8%") gives 5.8 in a percentage column.
"""
from __future__ import annotations

import logging
import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from speechgen.errors import InputError
from speechgen.spec.model import Indicator, Spec, check_parents
from speechgen.spec.tables.headers import INT_FIELDS, PERCENT_FIELDS, TEXT_FIELDS, Header, find_header, resolve_field
from speechgen.spec.tables.grid import Cell, Grid, cell_int, cell_number, col_letter, read_grid
from speechgen.spec.tables.periodcols import When
from speechgen.spec.tables.rowshape import FOOTNOTE as _FOOTNOTE, fill_region, figures_elsewhere, nest
from speechgen.spec.tables.units import settle_units, stated_unit

if TYPE_CHECKING:
    from speechgen.core.draft import Table

log = logging.getLogger(__name__)
#: what the writer should be told (the command line prints these; the library never does)
notice = logging.getLogger("speechgen.notice")

MAX_ERRORS = 20
_NAME_PREFIX = re.compile(r"^(其中|内)[：:]\s*|^[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*|^[#*]+\s*")
_YES = {"是": True, "否": False, "√": True, "×": False, "yes": True, "no": False, "true": True, "false": False,
        "1": True, "0": False, "Y": True, "N": False}
_PARTS = {"成绩": "review", "问题": "problems", "不写": "hidden", "隐藏": "hidden", "自动": "auto", "": "auto"}


def read_indicator_file(
    path: Path, *, sheet: str | None = None, columns: dict[str, str] | None = None, origin: str = "",
    when: When | None = None,
) -> list[Indicator]:
    """Read an indicator table; raise :class:`InputError` with every bad cell located.  *when* (the
    meeting's period and year) chooses between columns of several periods (本月 | 本年累计)."""
    path = Path(path)
    prefix = f"{origin} → " if origin else ""
    try:
        grid = read_grid(path, sheet)
        header = locate_header(grid, columns or {}, when=when)
        rows, errors = parse_rows(grid, header)
    except InputError as exc:
        raise InputError(prefix + str(exc), problems=[prefix + p for p in exc.problems]) from None
    if errors:
        problems = [prefix + e for e in errors[:MAX_ERRORS]]
        if len(errors) > MAX_ERRORS:
            problems.append(f"……另有 {len(errors) - MAX_ERRORS} 处错误")
        raise InputError("\n".join(problems), problems=problems)
    if not rows:
        raise InputError(f"{prefix}{grid.name}：表头下没有任何指标行")
    try:
        check_parents([ind for ind, _ in rows])
    except ValueError as exc:
        raise InputError(f"{prefix}{grid.name}：{exc}") from None
    log.info("read %d indicators from %s", len(rows), grid.source)
    tell_unread(grid, header, prefix)
    return [ind for ind, _ in rows]


_IGNORED = {"progress": "完成进度", "change": "增减额", "prev_year_growth": "上年同期增速", "prev_value": "上年同期数",
            "mom": "环比", "forecast": "预计数", "other_period": "另一时期的数"}


def tell_unread(grid: Grid, header: Header, prefix: str = "") -> None:
    """Notices for columns with data that were not read: unrecognised, or recognised and not used."""
    unread = unread_columns(grid, header)
    if unread:
        notice.warning("%s%s：未读取的列：%s（表头无法识别；如需使用，请用 columns 指定对应字段，"
                       "如 columns: {省里名次: rank}）", prefix, grid.name, "、".join(unread))
    kept = [f"{header.titles[c]}（{_IGNORED[k]}）" for c, k in sorted(header.ignored.items())
            if k in _IGNORED and _has_data(grid, header, c)]
    if kept:
        notice.warning("%s%s：以下列已识别、未用于讲话稿：%s", prefix, grid.name, "、".join(kept))


def _has_data(grid: Grid, header: Header, col: int) -> bool:
    return any(c.col == col and not c.blank for row in grid.rows[header.row + 1:] for c in row)


def unread_columns(grid: Grid, header: Header) -> list[str]:
    """Titles of header columns that hold data below the header but map to no field."""
    return [title for col, title in sorted(header.titles.items())
            if col not in header.fields and col not in header.ignored and _has_data(grid, header, col)]


def checked_columns(columns: dict[str, str], where: str) -> dict[str, str]:
    """User header mapping with field names resolved (Chinese or English)."""
    out = {}
    for header, fname in columns.items():
        resolved = resolve_field(str(fname))
        if resolved is None:
            fields = "、".join(f for f in Indicator.model_fields if f != "part")
            raise InputError(f"{where} columns：“{header}: {fname}” 中的字段名无法识别，可用：{fields}")
        out[str(header)] = resolved
    return out


def locate_header(grid: Grid, columns: dict[str, str], *, key_field: str = "name", when: When | None = None) -> Header:
    header = find_header(grid, checked_columns(columns, grid.source), key_field=key_field, when=when)
    if header is None:
        need = "“地区”（或 县区、单位）" if key_field == "region" else "“指标名称”（或 指标、项目）"
        raise InputError(f"{grid.name}：前20行中找不到表头行；表头应包含{need}列，"
                         "以及 单位、本期值、同比增长(%)、全省增速(%)、全省排位 等列中的至少一列"
                         "（其他表头可用 columns 指定对应字段）")
    log.debug("header of %s: %s", grid.source, header.fields)
    return header


def parse_rows(grid: Grid, header: Header, *, key_field: str = "name", defaults: dict[str, Any] | None = None,
               ) -> tuple[list[tuple[Indicator, dict[str, Any]]], list[str]]:
    """Data rows under *header* → (indicator, extra fields such as region) pairs and error messages.

    A region written only on its first row (the cells below blank or merged) fills down; a row
    indented under another (spaces, Excel indent, 其中：, （一）/1. markers) gets the nearest row above
    at a lesser depth as ``parent``; a row with figures only in unread columns is named in a notice."""
    rows: list[tuple[Indicator, dict[str, Any]]] = []
    errors: list[str] = []
    unused: list[str] = []
    stack: list[tuple[int, str]] = []  # (depth, name) of the rows a deeper row may belong to
    unit = stated_unit(grid, header.row)
    last: dict[str, Cell] = {}
    fill = key_field == "region" and header.column("name") is not None
    for cells in grid.rows[header.row + 1:]:
        by_col = {c.col: c for c in cells}
        if fill:
            by_col = fill_region(by_col, header, last)
        if _skip(cells, by_col, header, key_field):
            if figures_elsewhere(by_col, header, key_field):
                unused.append(f"第{cells[0].row}行 {by_col[header.column(key_field) or 0].text}")
            continue
        values, extra = _row_values(grid, header, by_col, errors)
        if values is None:
            continue
        settle_units(values, unit)
        if header.prev_period and values.get("prev_growth") is not None and not values.get("prev_period"):
            values["prev_period"] = header.prev_period
        if key_field == "name":
            nest(values, by_col.get(header.column("name") or 0), stack)
            _whole_from_header(values, header)
        try:
            rows.append((Indicator.model_validate({**(defaults or {}), **values}), extra))
        except ValidationError as exc:
            row = cells[0].row if cells else 0
            for err in exc.errors():
                errors.append(f"{grid.where_row(row)}：{err.get('msg', '')}".replace("Value error, ", ""))
    if unused:
        notice.warning("%s：以下行在所读的列中没有数据，未采用：%s（数据在未读取的列中；如需使用，请用 columns 指定对应字段）",
                       grid.name, "、".join(unused[:10]) + ("等" if len(unused) > 10 else ""))
    return rows, errors


_WHOLE_HEADER = re.compile(r"(?:占|拉动|对)([^%()（）]{1,12}?)(?:的)?(?:比重|比例|增长|增速|贡献)")


def _whole_from_header(values: dict[str, Any], header: Header) -> None:
    """A header that names the whole (占GDP比重, 拉动GDP增长, 对GDP增长的贡献率) gives ``of`` to the
    top-level rows that fill that column."""
    if values.get("parent") or values.get("of"):
        return
    for col, fname in header.fields.items():
        if fname in ("pull", "contribution", "share") and values.get(fname) is not None:
            m = _WHOLE_HEADER.search(header.titles.get(col, "").replace(" ", ""))
            if m:
                values["of"] = m.group(1)
                return


def _skip(cells: list[Cell], by_col: dict[int, Cell], header: Header, key_field: str) -> bool:
    texts = [c.text for c in cells if c.text]
    if not texts or _FOOTNOTE.match(texts[0]):
        return True
    key_col = header.column(key_field)
    key = by_col.get(key_col) if key_col else None
    if key is None or key.blank:
        return True
    data_cols = [c for c, f in header.fields.items() if f not in TEXT_FIELDS and f != "region"]
    return all(by_col.get(c) is None or by_col[c].blank for c in data_cols)


def _row_values(grid: Grid, header: Header, by_col: dict[int, Cell], errors: list[str]) -> tuple[dict[str, Any] | None, dict[str, Any]]:
    values: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    ok = True
    for col, fname in header.fields.items():
        cell = by_col.get(col)
        if cell is None:
            continue
        if fname == "rank" and re.fullmatch(r"\d+\s*/\s*\d+", cell.text):  # "4/11": rank of total
            values["rank"], values["rank_total"] = (int(x) for x in cell.text.split("/"))
            continue
        if fname not in TEXT_FIELDS and _ESTIMATE.search(cell.text):  # "5.5（预计）": an estimate
            values["estimate"] = True
            cell = replace(cell, value=_ESTIMATE.sub("", cell.text).strip() or None)
        try:
            value = _convert(cell, fname)
        except ValueError as exc:
            title = header.titles.get(col, "")
            errors.append(f"{grid.where(cell)}（{title}）：{exc}，收到 '{cell.text}'")
            ok = False
            continue
        if value is None:
            continue
        (extra if fname == "region" else values)[fname] = value
    if "unit" not in values:
        unit = next((u for c, u in header.units.items() if header.fields[c] == "value"), "")
        if unit:
            values["unit"] = unit
    return (values if ok else None), extra


def _convert(cell: Cell, fname: str) -> Any:
    if fname in ("name", "region"):
        return _NAME_PREFIX.sub("", cell.text).strip() or None
    if fname == "unit":
        return "" if cell.blank else cell.text
    if fname in ("period", "prev_period", "basis"):
        return None if cell.blank else cell.text.strip()
    if fname == "estimate":
        return None if cell.blank else _estimate_flag(cell.text)
    if fname in ("parent", "of", "cause"):
        return None if cell.blank else _NAME_PREFIX.sub("", cell.text).strip() if fname == "parent" else cell.text
    if fname == "headline":
        if cell.blank:
            return None
        if cell.text in _YES or cell.text.lower() in _YES:
            return _YES.get(cell.text, _YES.get(cell.text.lower()))
        raise ValueError("应为 是 或 否")
    if fname == "part":
        if cell.text in _PARTS:
            return _PARTS[cell.text]
        if cell.text in ("auto", "review", "problems", "hidden"):
            return cell.text
        raise ValueError("应为 成绩、问题、不写 或 自动")
    if fname in INT_FIELDS:
        return cell_int(cell)
    return cell_number(cell, percent_field=fname in PERCENT_FIELDS)


_ESTIMATE = re.compile(r"[（(]?预计(数|值)?[）)]?")
_ESTIMATE_YES = ("预计", "是", "√", "✓", "y", "yes", "true", "1", "预计数", "估计")
_ESTIMATE_NO = ("实际", "否", "", "-", "—", "n", "no", "false", "0", "实际数")


def _estimate_flag(text: str) -> bool:
    t = text.strip().lower()
    if t in _ESTIMATE_YES:
        return True
    if t in _ESTIMATE_NO:
        return False
    raise ValueError("应为 预计 或 实际（是/否）")


# ------------------------------------------------------------------ appendix table

def indicator_table(spec: Spec) -> "Table":
    """The appendix table of the indicators (a 三线表 in Word); empty columns are left out."""
    from speechgen.core.draft import Table
    from speechgen.core.numbers import fmt_number

    sup = spec.meeting.superior
    cols: list[tuple[str, str, str]] = [
        ("unit", "单位", "left"), ("value", "本期值", "right"), ("growth", "同比增长（%）", "right"),
        ("superior_growth", f"{sup}增速（%）", "right"), ("rank", f"{sup}排位", "right"),
        ("annual_target", "年度目标", "right"), ("target_growth", "目标增速（%）", "right"),
        ("count", "个数", "right"), ("pull", "拉动（百分点）", "right"), ("contribution", "贡献率（%）", "right"),
        ("share", "占比（%）", "right"),
    ]
    rows_src = [i for i in spec.indicator_rows if i.part != "hidden"]
    used = [c for c in cols if any(getattr(i, c[0]) not in (None, "") for i in rows_src)]
    mixed = any(i.period or i.estimate for i in rows_src)  # figures of several vintages: say which
    if mixed:
        used.insert(0, ("period", "时期", "left"))
    rows = []
    for ind in rows_src:
        cells = [f"其中：{ind.name}" if ind.parent.strip() else ind.name]
        if mixed:
            label = (ind.period_info or spec.meeting.period_info).label
            cells.append(("预计" if ind.estimate else "") + label)
            used_rest = used[1:]
        else:
            used_rest = used
        for fname, _, _ in used_rest:
            v = getattr(ind, fname)
            cells.append("—" if v in (None, "") else fmt_number(v) if isinstance(v, (Decimal, int)) else str(v))
        rows.append(cells)
    period = spec.meeting.period_info.label
    return Table(caption=f"附表：{spec.meeting.year}年{period}主要经济指标", header=["指标", *(c[1] for c in used)],
                 rows=rows, align=["left", *(c[2] for c in used)])


__all__ = ["read_indicator_file", "indicator_table", "locate_header", "parse_rows", "col_letter"]
