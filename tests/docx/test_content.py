"""Blocks in Word: run-in headings, bold leads, the 三线表, core properties, determinism."""
from __future__ import annotations

import datetime as dt
import zipfile

import pytest
from ooxml_helpers import draft, export, q, text, wval  # noqa: F401 (fixtures)


def test_run_in_heading_is_one_paragraph_with_two_fonts(export, draft):
    doc = export(draft, profile="speech")
    p = doc.paragraph("（一）项目建设提速增效。")
    assert text(p) == "（一）项目建设提速增效。新开工项目46个，完成投资73.2亿元。"
    lead, body = p.findall(q("r"))
    assert wval(doc.style(wval(lead.find(f"{q('rPr')}/{q('rStyle')}"))).find(q("name"))) == "二级标题 字符"
    assert doc.run_prop(p, lead, "rFonts", "eastAsia") == "楷体_GB2312"
    assert doc.run_prop(p, body, "rFonts", "eastAsia") == "仿宋_GB2312"
    assert doc.para_prop(p, "ind", "firstLineChars") == "200"
    assert wval(doc.style(wval(p.find(f"{q('pPr')}/{q('pStyle')}"))).find(q("name"))) == "正文"


def test_level3_run_in_heading_bold_then_plain(export, draft):
    doc = export(draft, profile="gbt9704")
    p = doc.paragraph("1.抓项目。")
    lead, body = p.findall(q("r"))
    assert doc.run_prop(p, lead, "b") == "1" and doc.run_prop(p, body, "b") == "0"
    assert doc.run_prop(p, lead, "rFonts", "eastAsia") == doc.run_prop(p, body, "rFonts", "eastAsia") == "仿宋_GB2312"


def test_bold_lead_sentence_inside_the_paragraph(export, draft):
    doc = export(draft)
    p = doc.paragraph("一要压实责任。")
    lead, rest = p.findall(q("r"))
    assert "".join(t.text for t in lead.iter(q("t"))) == "一要压实责任。"
    assert lead.find(f"{q('rPr')}/{q('b')}") is not None and doc.run_prop(p, rest, "b") == "0"


def test_chinese_punctuation_runs_carry_the_cjk_font(export, draft):
    doc = export(draft)
    p = doc.paragraph("今天召开会议")
    assert text(p).endswith("“十五五”开局之年——任务艰巨……")
    seen = set()
    for r in p.iter(q("r")):
        piece = "".join(t.text for t in r.iter(q("t")))
        fonts = r.find(f"{q('rPr')}/{q('rFonts')}")
        if set(piece) <= set("“”——…"):
            seen.add(piece)
            assert wval(fonts, "hint") == "eastAsia"
            assert {wval(fonts, s) for s in ("ascii", "hAnsi", "eastAsia", "cs")} == {"仿宋_GB2312"}
        else:
            assert not set(piece) & set("“”—…"), piece
            assert wval(fonts, "hint") is None and wval(fonts, "ascii") == "Times New Roman"
    assert seen == {"“", "”", "——", "……"}


def test_three_line_table(export, draft):
    doc = export(draft)
    tbl = doc.document.find(f".//{q('tbl')}")
    borders = tbl.find(f"{q('tblPr')}/{q('tblBorders')}")
    assert [(wval(borders.find(q(s))), wval(borders.find(q(s)), "sz")) for s in ("top", "bottom")] == [
        ("single", "12"), ("single", "12")]
    for side in ("left", "right", "insideH", "insideV"):
        assert wval(borders.find(q(side))) == "nil"
    rows = tbl.findall(q("tr"))
    header = rows[0]
    assert header.find(f"{q('trPr')}/{q('tblHeader')}") is not None
    for tc in header.findall(q("tc")):
        rule = tc.find(f"{q('tcPr')}/{q('tcBorders')}/{q('bottom')}")
        assert (wval(rule), wval(rule, "sz")) == ("single", "6")
    assert "同比增长（%）" in [text(tc) for tc in header.findall(q("tc"))]
    cells = rows[1].findall(q("tc"))
    assert [text(c) for c in cells] == ["地区生产总值", "亿元", "512.3", "5.8"]
    paras = [c.find(q("p")) for c in cells]
    assert [doc.para_prop(p, "jc", "val") for p in paras] == ["left", "left", "right", "right"]
    for p in paras:
        assert wval(doc.style(wval(p.find(f"{q('pPr')}/{q('pStyle')}"))).find(q("name"))) == "表格"
        assert doc.para_prop(p, "spacing", "lineRule") == "auto" and doc.para_prop(p, "spacing", "line") == "240"
        assert doc.para_prop(p, "snapToGrid", "val") == "0"
        assert doc.para_prop(p, "ind", "firstLineChars") == "0"
        run = p.find(q("r"))
        assert doc.run_prop(p, run, "rFonts", "eastAsia") == "仿宋_GB2312" and int(doc.run_prop(p, run, "sz")) < 32
    widths = [int(wval(c.find(f"{q('tcPr')}/{q('tcW')}"), "w")) for c in cells]
    assert sum(widths) == round((210 - 28 - 26) / 25.4 * 72 * 20)
    caption = doc.paragraph("附表：主要指标")
    assert doc.para_prop(caption, "pageBreakBefore", "val") is not None or \
        doc.style(wval(caption.find(f"{q('pPr')}/{q('pStyle')}"))).find(f"{q('pPr')}/{q('pageBreakBefore')}") is not None


def test_core_properties_from_meta(export, draft):
    from docx import Document

    props = Document(str(export(draft).path)).core_properties
    assert props.title == draft.title
    assert props.author == "市政府办公室"
    assert props.created.replace(tzinfo=None) == dt.datetime(2025, 4, 18) == props.modified.replace(tzinfo=None)
    assert props.revision == 1


def test_author_falls_back_to_speaker(export, draft):
    from docx import Document

    draft.meta.pop("office")
    assert Document(str(export(draft).path)).core_properties.author == "市长张明"


@pytest.mark.parametrize("name", ["gbt9704", "speech", "podium"])
def test_same_draft_twice_same_document(export, draft, name):
    first, second = export(draft, profile=name), export(draft, profile=name)
    with zipfile.ZipFile(first.path) as a, zipfile.ZipFile(second.path) as b:
        assert a.namelist() == b.namelist()
        for part in ("word/document.xml", "word/styles.xml", "docProps/core.xml", "word/settings.xml"):
            assert a.read(part) == b.read(part), part
        assert {i.date_time for i in a.infolist()} == {(2025, 4, 18, 0, 0, 0)}


def test_no_template_leftovers(export, draft):
    with zipfile.ZipFile(export(draft).path) as zf:
        names = zf.namelist()
        assert not [n for n in names if "thumbnail" in n or "customXml" in n or "stylesWithEffects" in n]
        assert b"python-docx" not in zf.read("docProps/core.xml")


@pytest.mark.parametrize("title,per_line,expected", [
    ("在全市一季度经济运行分析会上的讲话", 20, ["在全市一季度经济运行分析会上的讲话"]),
    ("在全市2025年一季度经济运行分析暨重点项目推进会议上的讲话", 20,
     ["在全市2025年一季度经济运行分析暨", "重点项目推进会议上的讲话"]),
    ("在全市优化营商环境、推进项目建设和扩大有效投资工作会议上的讲话", 20,
     ["在全市优化营商环境、推进项目建设和", "扩大有效投资工作会议上的讲话"]),
    ("一个没有任何自然断开位置而且超过二十个字的很长很长的标题文字", 20,
     ["一个没有任何自然断开位置而且超过二十个字的很长很长的标题文字"]),
])
def test_long_titles_break_at_natural_points(title, per_line, expected):
    from speechgen.exporters.docx.writer import title_lines

    assert title_lines(title, per_line) == expected


def test_long_title_gets_a_line_break_in_word(export, draft):
    draft.title = "在全市2025年一季度经济运行分析暨重点项目推进会议上的讲话"
    p = export(draft).paragraph("在全市2025年")
    assert p.find(f".//{q('br')}") is not None and text(p) == draft.title
