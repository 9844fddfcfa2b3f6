"""Draft → .docx (basic layout; the profile-driven GB/T 9704 exporter refines it)."""
from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ..document import Draft, Heading, Paragraph, Run


def _font(run, name: str, size: float, bold: bool = False) -> None:  # type: ignore[no-untyped-def]
    run.font.size = Pt(size)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), "Times New Roman")
    fonts.set(qn("w:eastAsia"), name)


def to_docx(draft: Draft, **_options: object) -> bytes:
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Mm(37), Mm(35), Mm(28), Mm(26)
    if draft.title:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(p.add_run(draft.title), "方正小标宋简体", 22)
    for line in draft.subtitle:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(p.add_run(line), "楷体_GB2312", 16)
    for block in draft.blocks:
        if isinstance(block, Heading):
            p = doc.add_paragraph()
            face = {1: "黑体", 2: "楷体_GB2312"}.get(block.level, "仿宋_GB2312")
            _font(p.add_run(block.full_text), face, 16, bold=block.level == 3)
            _runs(p, block.body)
        elif isinstance(block, Paragraph):
            p = doc.add_paragraph()
            _runs(p, block.runs)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _runs(p, runs: list[Run]) -> None:  # type: ignore[no-untyped-def]
    for r in runs:
        _font(p.add_run(r.text), "仿宋_GB2312", 16, bold=r.bold)
