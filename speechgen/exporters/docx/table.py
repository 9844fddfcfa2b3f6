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
    widths, head_lines = _column_widths(block, ncols, round(width_pt * 20), face.size)
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
        tbl.append(_row(["\n".join(lines) for lines in head_lines], widths, ["center"] * ncols, face, header=True))
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
        runs: list[etree._Element] = []
        for k, line in enumerate(text.split("\n") if text else []):
            if k:  # a header's chosen line break
                brk = ox.el("r")
                brk.append(ox.el("br"))
                runs.append(brk)
            runs.extend(face_runs(line, face, bold=header))
        tc.append(ox.para(face.style_id, runs, extra=[jc]))
    return tr


def header_layouts(header: str) -> list[list[str]]:
    """Ways to print a header, fewest lines first and never more than two lines:
    one line; the label over its bracketed unit (同比增长 / （%）); the label halved, the unit
    kept whole with the second half (同比 / 增长（%）)."""
    layouts = [[header]]
    label, bracket, unit = header.partition("（")
    unit = bracket + unit
    if unit and label:
        layouts.append([label, unit])
    if len(label) >= 2:  # halve the label (Chinese headers are word pairs: 同比/增长, 全省/排位)
        cut = (len(label) + 1) // 2
        layouts.append([label[:cut], label[cut:] + unit])
    return layouts


def _ems(text: str) -> float:
    return sum(1.0 if ord(ch) > 0x2E80 else 0.55 for ch in text)


def _column_widths(block: Table, ncols: int, total: int, size: float) -> tuple[list[int], list[list[str]]]:
    """Column widths (twips) and each header's lines: body cells do not wrap if the page
    allows; a header takes the fewest lines (at most two, broken at a sensible place) that
    fit; spare width is shared evenly."""
    def need(texts: list[str]) -> int:
        ems = max([_ems(t) for t in texts] or [1.0])
        return round((ems * size + 9.5) * 20)  # 170 twips of cell margins, a little slack

    body = [need([row[i] for row in block.rows if i < len(row)]) for i in range(ncols)]
    heads = [block.header[i] if i < len(block.header) else "" for i in range(ncols)]
    options = [header_layouts(h) for h in heads]
    chosen = [opts[0] for opts in options]
    widths_now = [max(b, need(c)) for b, c in zip(body, chosen)]
    # narrow the widest header column by one more line break while the table is too wide
    while sum(widths_now) > total:
        gains = [(widths_now[i] - max(body[i], need(options[i][options[i].index(chosen[i]) + 1])), i)
                 for i in range(ncols) if options[i].index(chosen[i]) + 1 < len(options[i])]
        gains = [g for g in gains if g[0] > 0]
        if not gains:
            break
        _, i = max(gains)
        chosen[i] = options[i][options[i].index(chosen[i]) + 1]
        widths_now[i] = max(body[i], need(chosen[i]))
    if sum(widths_now) > total:  # text cells (names) wrap; figures and header lines keep their width
        align = [(block.align[i] if i < len(block.align) else "left") for i in range(ncols)]
        floor = [need(chosen[i]) if align[i] == "left" else widths_now[i] for i in range(ncols)]
        spare = total - sum(floor)
        wrap = [i for i in range(ncols) if align[i] == "left"]
        if spare >= 0 and wrap:
            want = sum(widths_now[i] - floor[i] for i in wrap) or 1
            widths = [floor[i] + (spare * (widths_now[i] - floor[i]) // want if i in wrap else 0) for i in range(ncols)]
        else:  # nothing can give: share the width in proportion
            widths = [w * total // sum(widths_now) for w in widths_now]
    else:
        widths = [w + (total - sum(widths_now)) // ncols for w in widths_now]
    widths[-1] += total - sum(widths)
    return widths, chosen
