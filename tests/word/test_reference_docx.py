"""--reference-docx with a template whose built-in Title is blue with a border and Subtitle italic blue."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Pt, RGBColor
from lxml import etree

from speechgen.cli import main

from word_helpers import q

ROOT = Path(__file__).resolve().parents[2]


def _template(path: Path, *, own_title: bool = False) -> Path:
    doc = Document()
    styles = doc.styles
    title = styles["Title"]  # Word's built-in look, as in many office templates: blue, bordered
    title.font.color.rgb = RGBColor(0x17, 0x36, 0x5D)
    title.font.size = Pt(26)
    ppr = title.element.get_or_add_pPr()
    bdr = etree.SubElement(ppr, q("pBdr"))
    etree.SubElement(bdr, q("bottom"), {q("val"): "single", q("sz"): "8", q("space"): "4", q("color"): "4F81BD"})
    sub = styles["Subtitle"]
    sub.font.italic = True
    sub.font.color.rgb = RGBColor(0x4F, 0x81, 0xBD)
    body = styles.add_style("正文", WD_STYLE_TYPE.PARAGRAPH)  # the office's own body style, by our name
    body.font.size = Pt(15)
    body.font.color.rgb = RGBColor(0x20, 0x20, 0x20)
    if own_title:
        mine = styles.add_style("标题", WD_STYLE_TYPE.PARAGRAPH)
        mine.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)  # red-head style the office chose itself
        mine.font.size = Pt(22)
    doc.save(path)
    return path


def _style(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        styles = etree.fromstring(zf.read("word/styles.xml"))
    for st in styles.iter(q("style")):
        if st.find(q("name")).get(q("val")) == name:
            return st
    raise AssertionError(name)


def test_builtin_title_look_is_not_taken(runner, tmp_path: Path) -> None:
    out = tmp_path / "讲话.docx"
    result = runner.invoke(main, ["render", str(ROOT / "samples" / "city_q1.yaml"), "-o", str(out),
                                  "--reference-docx", str(_template(tmp_path / "模板.docx"))])
    assert result.exit_code == 0, result.output
    assert "取用模板样式：正文" in result.output
    assert "按 Word 内置样式取用" in result.output and "：标题←Title" in result.output
    data = out.read_bytes()
    title, byline, body = _style(data, "标题"), _style(data, "署名"), _style(data, "正文")
    for st in (title, byline):
        assert st.find(f".//{q('color')}") is None and st.find(f".//{q('pBdr')}") is None
        assert st.find(f".//{q('i')}") is None
    assert title.find(f"{q('rPr')}/{q('sz')}").get(q("val")) == "52"  # the size is the template's
    assert body.find(f"{q('rPr')}/{q('sz')}").get(q("val")) == "30"  # a style named like ours is taken whole
    assert body.find(f"{q('rPr')}/{q('color')}").get(q("val")) == "202020"


def test_title_style_the_office_named_is_taken_whole(runner, tmp_path: Path) -> None:
    out = tmp_path / "讲话.docx"
    result = runner.invoke(main, ["render", str(ROOT / "samples" / "city_q1.yaml"), "-o", str(out),
                                  "--reference-docx", str(_template(tmp_path / "模板.docx", own_title=True))])
    assert result.exit_code == 0, result.output
    title = _style(out.read_bytes(), "标题")
    assert title.find(f"{q('rPr')}/{q('color')}").get(q("val")) == "C00000"
    assert "取用模板样式：标题、正文" in result.output and "标题←Title" not in result.output


def test_template_is_the_base_document(runner, tmp_path: Path) -> None:
    template = _template(tmp_path / "模板.docx")
    doc = Document(template)
    doc.add_paragraph("模板里的示例正文，不应出现在讲话稿中。")
    section = doc.sections[0]
    section.header.paragraphs[0].text = "某某县人民政府办公室文件"
    section.footer.paragraphs[0].text = "内部资料　注意保存"
    section.left_margin = Pt(90)
    doc.save(template)
    out = tmp_path / "讲话.docx"
    result = runner.invoke(main, ["render", str(ROOT / "samples" / "city_q1.yaml"), "-o", str(out),
                                  "--reference-docx", str(template)])
    assert result.exit_code == 0, result.output
    made = Document(io.BytesIO(out.read_bytes()))
    texts = [p.text for p in made.paragraphs]
    assert texts[0].startswith("在全市一季度经济运行分析会上的讲话") and "模板里的示例正文" not in "".join(texts)
    assert made.sections[-1].header.paragraphs[0].text == "某某县人民政府办公室文件"
    assert made.sections[-1].footer.paragraphs[0].text == "内部资料　注意保存"
    assert made.sections[-1].left_margin == Pt(90)
    data = out.read_bytes()
    assert _style(data, "header") is not None  # the template's own styles used by its header stay
