"""Appendix table headers wrap at most once, at a sensible break, in columns wide enough for each line."""
from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from speechgen.core.draft import Draft, Table
from speechgen.exporters import export_bytes
from speechgen.exporters.docx.table import header_layouts

from word_helpers import q

CELL_MARGINS = 170  # twips (left + right)


def _header_cells(data: bytes) -> list[tuple[int, list[str]]]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        doc = etree.fromstring(zf.read("word/document.xml"))
    first_row = doc.find(f".//{q('tbl')}/{q('tr')}")
    out = []
    for tc in first_row.findall(q("tc")):
        width = int(tc.find(f"{q('tcPr')}/{q('tcW')}").get(q("w")))
        lines, line = [], ""
        for node in tc.iter(q("t"), q("br")):
            if node.tag == q("br"):
                lines.append(line)
                line = ""
            else:
                line += node.text or ""
        lines.append(line)
        out.append((width, lines))
    return out


def _ems(text: str) -> float:
    return sum(1.0 if ord(ch) > 0x2E80 else 0.55 for ch in text)


HEADERS = ["指标", "单位", "本期值", "同比增长（%）", "全省增速（%）", "全省排位", "年度目标", "目标增速（%）"]


@pytest.mark.parametrize("sup,name", [("全省", "社会消费品零售总额"), ("全自治区", "规模以上工业企业利润总额"),
                                      ("全市", "一般公共预算收入"), ("全国", "城镇居民人均可支配收入")])
def test_headers_take_at_most_two_lines_that_fit(sup: str, name: str) -> None:
    header = [h.replace("全省", sup) for h in HEADERS]
    rows = [[name, "亿元", "12201.75", "-16.2", "5.8", "13", "18300", "6.5"]]
    draft = Draft(title="标题", blocks=[Table("附表：主要经济指标", header, rows, ["left"] + ["right"] * (len(header) - 1))])
    size = 12  # 表格 style size in the default profile (小四)
    for width, lines in _header_cells(export_bytes(draft, "docx")):
        assert 1 <= len(lines) <= 2
        assert all(line and line != "（" and not line.startswith("%") for line in lines)
        assert "".join(lines) in header
        assert width >= max(_ems(line) for line in lines) * size * 20 + CELL_MARGINS - 20


def test_layouts() -> None:
    assert header_layouts("同比增长（%）") == [["同比增长（%）"], ["同比增长", "（%）"], ["同比", "增长（%）"]]
    assert header_layouts("指标") == [["指标"], ["指", "标"]]
    assert all(len(layout) <= 2 for h in HEADERS for layout in header_layouts(h))
