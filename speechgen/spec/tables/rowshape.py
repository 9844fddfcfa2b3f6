"""How a data row sits in its table: the region it belongs to (written once per block), its depth
and parent (indent, 其中：, list markers), and whether it was left out with figures beside it."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from speechgen.spec.tables.grid import Cell, cell_number
from speechgen.spec.tables.headers import TEXT_FIELDS, Header

#: a row under the table that annotates it (注：…, 资料来源：…), not a row of data
FOOTNOTE = re.compile(r"^(注\d*|附注|说明|备注|资料来源|数据来源|来源|制表|填报|审核|统计口径)\s*[：:.．]|^[*※]")


def fill_region(by_col: dict[int, Cell], header: Header, last: dict[str, Cell]) -> dict[int, Cell]:
    """A long region table's region (or indicator) cell filled down from the row above when blank —
    written once per block, or merged (merged cells read blank) — in a row that has the other one;
    *last* (field → cell) is updated."""
    cols = {f: header.column(f) or 0 for f in ("region", "name")}
    cells = {f: by_col.get(c) for f, c in cols.items()}
    present = {f: c is not None and not c.blank and not FOOTNOTE.match(c.text) for f, c in cells.items()}
    out = dict(by_col)
    for fname, other in (("region", "name"), ("name", "region")):
        if present[fname]:
            last[fname] = cells[fname]  # type: ignore[assignment]
        elif present[other] and fname in last:
            row = cells[other].row  # type: ignore[union-attr]
            out[cols[fname]] = replace(last[fname], row=row)
    return out


def figures_elsewhere(by_col: dict[int, Cell], header: Header, key_field: str) -> bool:
    """A named row skipped for want of figures in the columns read while other columns hold some."""
    key = by_col.get(header.column(key_field) or 0)
    if key is None or key.blank or FOOTNOTE.match(key.text):
        return False
    read = {c for c, f in header.fields.items() if f in TEXT_FIELDS or f == "region"}
    return any(not c.blank and c.col not in read and c.col in header.titles and _numeric(c) for c in by_col.values())


def _numeric(cell: Cell) -> bool:
    try:
        return cell_number(cell, percent_field=True) is not None
    except ValueError:
        return False


_MARKERS = ((re.compile(r"^[一二三四五六七八九十]+[、.．]"), 0), (re.compile(r"^[（(][一二三四五六七八九十]+[)）]"), 1),
            (re.compile(r"^\d+[、.．](?!\d)"), 2), (re.compile(r"^[（(]\d+[)）]"), 3))


def _depth(cell: Cell | None) -> int:
    """How deep a name sits: where its text starts (a CJK character two wide, an Excel indent step
    two), after 其中：, plus the rank of a list marker (一、 < （一） < 1. < （1））."""
    raw = str(cell.value) if cell is not None and cell.value is not None else ""
    width = 2 * cell.indent if cell is not None else 0
    for ch in raw:
        if ch not in " \u3000\u00a0\t":
            break
        width += 2 if ch == "\u3000" else 1
    text = raw.strip(" \u3000\u00a0\t")
    m = re.match(r"(其中|内)[：:]\s*", text)
    if m:
        return width + 2 * len(m.group().strip())
    rank = next((r for pattern, r in _MARKERS if pattern.match(text)), 0)
    return width + rank


def nest(values: dict[str, Any], cell: Cell | None, stack: list[tuple[int, str]]) -> None:
    """Give a row the nearest row above at a lesser depth as ``parent`` (unless the table names one)."""
    depth = _depth(cell)
    while stack and stack[-1][0] >= depth:
        stack.pop()
    if stack and "parent" not in values:
        values["parent"] = stack[-1][1]
    stack.append((depth, str(values.get("name", ""))))
