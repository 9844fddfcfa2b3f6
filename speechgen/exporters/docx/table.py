"""A Table block → a 三线表 (three-line table) in WordprocessingML.

Thick rules above and below the table, a thin rule under the header, no
vertical rules; 表格 style (仿宋, small size, single spacing, not snapped to the
line grid so rows stay compact); numbers right aligned; the header row repeats
on every page and rows never split.
"""
from __future__ import annotations

import re

from lxml import etree

from speechgen.core.draft import Table
from speechgen.exporters.docx import ooxml as ox
from speechgen.exporters.docx.styles import Face, face_runs

_NUMERIC = re.compile(r"^[\s+\-−]?[\d,.]+%?$")


def table_blocks(block: Table, width_pt: float, table: dict[str, Face]) -> list[etree._Element]:
    """Caption (new page), the 三线表 and its note."""
    out = []
    if block.caption:
        cap = table["表格标题"]
        out.append(ox.para(cap.style_id, face_runs(block.caption, cap)))
    out.append(_three_line_table(block, width_pt, table["表格"]))
    if block.note:
        out.append(ox.para(table["表格"].style_id, face_runs(block.note, table["表格"])))
    return out


def _three_line_table(block: Table, width_pt: float, face: Face) -> etree._Element:
    ncols = max([len(block.header), *(len(r) for r in block.rows)] or [1])
    widths = _column_widths(block, ncols, round(width_pt * 20), face.size)
    tbl = ox.el("tbl")
    tpr = ox.sub(tbl, "tblPr")
    ox.sub(tpr, "tblW", w=sum(widths), type="dxa")
    ox.sub(tpr, "jc", val="center")
    borders = ox.sub(tpr, "tblBorders")
    for side, size in (("top", 12), ("left", 0), ("bottom", 12), ("right", 0), ("insideH", 0), ("insideV", 0)):
        ox.sub(borders, side, val="single" if size else "nil", sz=size, space=0, color="000000")
    ox.sub(tpr, "tblLayout", type="fixed")
    mar = ox.sub(tpr, "tblCellMar")
    for side, w in (("top", 45), ("left", 85), ("bottom", 45), ("right", 85)):
        ox.sub(mar, side, w=w, type="dxa")
    ox.sub(tpr, "tblLook", val="0020", firstRow=1, lastRow=0, firstColumn=0, lastColumn=0, noHBand=1, noVBand=1)
    grid = ox.sub(tbl, "tblGrid")
    for w in widths:
        ox.sub(grid, "gridCol", w=w)
    align = [(block.align[i] if i < len(block.align) else "left") for i in range(ncols)]
    if block.header:
        tbl.append(_row(block.header, widths, ["center"] * ncols, face, header=True))
    for cells in block.rows:
        row_align = [a if a != "right" or _NUMERIC.match(c or "") else "center" if c in ("—", "-", "") else a
                     for a, c in zip(align, cells)]
        tbl.append(_row(cells, widths, row_align, face, header=False))
    return tbl


def _row(cells: list[str], widths: list[int], align: list[str], face: Face, *, header: bool) -> etree._Element:
    tr = ox.el("tr")
    trpr = ox.sub(tr, "trPr")
    ox.sub(trpr, "cantSplit")
    if header:
        ox.sub(trpr, "tblHeader")
    for i, width in enumerate(widths):
        text = cells[i] if i < len(cells) else ""
        tc = ox.sub(tr, "tc")
        tcpr = ox.sub(tc, "tcPr")
        ox.sub(tcpr, "tcW", w=width, type="dxa")
        if header:
            ox.sub(ox.sub(tcpr, "tcBorders"), "bottom", val="single", sz=6, space=0, color="000000")
        ox.sub(tcpr, "vAlign", val="center")
        jc = ox.el("jc", val=ox.JC[align[i] if i < len(align) else "left"])
        tc.append(ox.para(face.style_id, face_runs(text, face, bold=header) if text else [], extra=[jc]))
    return tr


def _halves(header: str) -> list[str]:
    """A header label broken into two lines (before its bracketed unit, which gets its own)."""
    label, _, unit = header.partition("（")
    cut = (len(label) + 1) // 2
    return [label[:cut], label[cut:]] + (["（" + unit] if unit else [])


def _column_widths(block: Table, ncols: int, total: int, size: float) -> list[int]:
    """Column widths (twips): body cells do not wrap if the page allows; a header may wrap
    before its bracketed unit (同比增长 / （%）); spare width is shared evenly."""
    def need(texts: list[str]) -> int:
        ems = max([sum(1.0 if ord(ch) > 0x2E80 else 0.55 for ch in t) for t in texts] or [1.0])
        return round((ems * size + 9.5) * 20)  # 170 twips of cell margins, a little slack

    body = [need([row[i] for row in block.rows if i < len(row)]) for i in range(ncols)]
    heads = [block.header[i] if i < len(block.header) else "" for i in range(ncols)]
    head = [max(b, need(re.split(r"(?=（)", h))) for b, h in zip(body, heads)]
    two_line = [max(b, need(_halves(h))) for b, h in zip(body, heads)]  # label wraps once
    base = next((c for c in (head, two_line, body) if sum(c) <= total), None)
    if base is None:  # even body cells must wrap: share the width in proportion
        widths = [w * total // sum(body) for w in body]
    else:
        widths = [w + (total - sum(base)) // ncols for w in base]
    widths[-1] += total - sum(widths)
    return widths
