"""Profiles as data: built-ins, user files, errors in Chinese; house templates (--reference-docx); CLI."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from ooxml_helpers import draft, export, q, wval  # noqa: F401 (fixtures)

from speechgen.errors import ExportError, InputError

ROOT = Path(__file__).resolve().parents[2]


def test_builtins_load_with_documented_numbers():
    from speechgen.exporters.profiles import list_profiles

    gbt, speech, podium = list_profiles()
    assert gbt.margins_mm == (37, 35, 28, 26) and gbt.page_mm == (210, 297)
    assert (gbt.line_pitch, gbt.lines_per_page, gbt.chars_per_line) == (28.95, 22, 28)
    assert gbt.page_number.position == "outside" and speech.page_number.position == "center"
    assert podium.styles["正文"].size == 18 and podium.line_pitch == 32 and podium.lines_per_page == 19
    assert (podium.styles["标题"].font, podium.styles["标题"].size) == ("方正小标宋简体", 22)
    assert podium.styles["标题"].line_pitch == 32  # every line on the podium grid
    assert speech.styles["正文"] == gbt.styles["正文"]


def _write(tmp_path: Path, text: str, name: str = "house.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_user_profile_file_extends_a_builtin(tmp_path, export, draft):
    path = _write(tmp_path, "extends: speech\npage:\n  margins_mm: {left: 30}\n"
                            "styles:\n  一级标题: {font: 方正黑体_GBK, size: 小二}\n")
    doc = export(draft, profile=str(path))
    mar = doc.document.find(f"{q('body')}/{q('sectPr')}/{q('pgMar')}")
    assert abs(int(wval(mar, "left")) - 30 * 1440 / 25.4) <= 1
    assert abs(int(wval(mar, "top")) - 37 * 1440 / 25.4) <= 1
    p = doc.paragraph("一、客观看待")
    assert doc.run_prop(p, p.find(q("r")), "rFonts", "eastAsia") == "方正黑体_GBK"
    assert doc.run_prop(p, p.find(q("r")), "sz") == "36"
    assert len(doc.footers()) == 1  # inherited from speech: centred


@pytest.mark.parametrize("text,fragment", [
    ("styles:\n  正文: {size: 大号}\n", "第2行 styles.正文.size：字号应为磅值"),
    ("page:\n  margins_mm: {top: abc}\n", "page.margins_mm.top：应为数字"),
    ("grid:\n  line_pitch_pt: 500\n", "grid.line_pitch_pt：应在 6～120 磅之间"),
    ("styles:\n  正文: {align: middle}\n", "styles.正文.align：对齐方式应为"),
    ("styles:\n  正文: {colour: red}\n", "styles.正文.colour：未知字段"),
    ("stylez: {}\n", "第1行 stylez：未知字段"),
    ("page_number: {position: top}\n", "page_number.position：应为 outside"),
    ("grid:\n  chars_per_line: 2.5\n", "grid.chars_per_line：每行字数应为 5～80 的整数"),
    ("page:\n  margins_mm: {top: 150, bottom: 140}\n", "页边距过大"),
    ("styles: [1, 2\n", "YAML 格式错误"),
    ("extends: nosuch.yaml\n", "版式文件"),
])
def test_bad_profile_files_fail_in_chinese_with_location(tmp_path, text, fragment):
    from speechgen.exporters.profiles import load_profile

    path = _write(tmp_path, text)
    with pytest.raises((InputError, ExportError)) as info:
        load_profile(str(path))
    assert fragment in str(info.value)
    if "nosuch" not in text:
        assert str(path) in str(info.value)


def test_unknown_profile_name(draft):
    from speechgen.exporters import export_bytes

    with pytest.raises(ExportError, match="未知的版式 'ministry'.*gbt9704、speech、podium"):
        export_bytes(draft, "docx", profile="ministry")


def test_extends_cycle_is_reported(tmp_path):
    from speechgen.exporters.profiles import load_profile

    _write(tmp_path, "extends: b.yaml\n", "a.yaml")
    _write(tmp_path, "extends: a.yaml\n", "b.yaml")
    with pytest.raises(InputError, match="循环"):
        load_profile(str(tmp_path / "a.yaml"))


def _house_template(path: Path) -> None:
    """An office template: 30/30/25/25 mm margins, a '正文' style in 仿宋 15 pt, Heading 1 in 方正黑体."""
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    doc = Document()
    sec = doc.sections[0]
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Mm(30), Mm(30), Mm(25), Mm(25)
    body = doc.styles.add_style("正文", WD_STYLE_TYPE.PARAGRAPH)
    body.font.size = Pt(15)
    body.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋")
    body.paragraph_format.line_spacing = Pt(28)
    title = doc.styles["Title"].element  # Word saves only styles in use: drop the unused Title
    title.getparent().remove(title)
    head = doc.styles["Heading 1"]  # carries theme fonts in python-docx's template
    head.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "方正黑体_GBK")
    doc.save(str(path))


def test_reference_docx_gives_page_setup_and_styles(tmp_path, export, draft):
    ref = tmp_path / "house.docx"
    _house_template(ref)
    doc = export(draft, profile="gbt9704", reference_docx=ref)
    mar = doc.document.find(f"{q('body')}/{q('sectPr')}/{q('pgMar')}")
    for side, mm in (("top", 30), ("bottom", 30), ("left", 25), ("right", 25)):
        assert abs(int(wval(mar, side)) - mm * 1440 / 25.4) <= 1, side
    p = doc.paragraph("全市地区生产总值")
    run = p.find(q("r"))
    assert doc.run_prop(p, run, "rFonts", "eastAsia") == "仿宋"
    assert doc.run_prop(p, run, "sz") == "30"
    assert doc.para_prop(p, "spacing", "line") == "560"
    head = doc.paragraph("一、客观看待")
    assert doc.run_prop(head, head.find(q("r")), "rFonts", "eastAsia") == "方正黑体_GBK"
    assert wval(doc.style_by_name("一级标题").find(f"{q('pPr')}/{q('outlineLvl')}")) == "0"
    styles_xml = (doc.styles.getroottree().getroot())
    assert not [f for f in styles_xml.iter(q("rFonts")) if any("Theme" in k or "theme" in k for k in f.attrib)]
    # not taken from the template: the title keeps the profile's font
    title = doc.paragraph("在全市一季度")
    assert doc.run_prop(title, title.find(q("r")), "rFonts", "eastAsia") == "方正小标宋简体"


@pytest.mark.parametrize("content", [b"not a zip at all", b"\xd0\xcf\x11\xe0old word file", None])
def test_bad_reference_docx(tmp_path, draft, content):
    from speechgen.exporters import export_bytes

    ref = tmp_path / "house.docx"
    if content is not None:
        ref.write_bytes(content)
    with pytest.raises(ExportError, match="单位模板"):
        export_bytes(draft, "docx", reference_docx=ref)


def test_cli_profiles_lists_and_checks(runner, tmp_path):
    from speechgen.cli import main

    result = runner.invoke(main, ["profiles"])
    assert result.exit_code == 0
    for name in ("gbt9704：", "speech：", "podium：", "每页22行", "每页19行"):
        assert name in result.output
    detail = runner.invoke(main, ["profiles", "gbt9704"])
    assert "一级标题：黑体" in detail.output and "页码：宋体 14磅，“— 1 —”" in detail.output
    bad = runner.invoke(main, ["profiles", "nosuch"])
    assert bad.exit_code == 2 and "未知的版式" in bad.output
    dumped = runner.invoke(main, ["profiles", "--yaml", "podium"])
    assert dumped.exit_code == 0 and "extends: speech" in dumped.output


def test_cli_render_with_profile_and_table(runner, tmp_path):
    from speechgen.cli import main

    out = tmp_path / "讲话.docx"
    result = runner.invoke(main, ["render", str(ROOT / "samples" / "city_q1.yaml"), "-o", str(out),
                                  "--profile", "podium", "--table"])
    assert result.exit_code == 0, result.output
    from ooxml_helpers import read_parts

    parts = read_parts(out)
    assert parts["word/document.xml"].find(f".//{q('tbl')}") is not None
    grid = parts["word/document.xml"].find(f"{q('body')}/{q('sectPr')}/{q('docGrid')}")
    assert wval(grid, "linePitch") == "640"


def test_import_speechgen_and_profiles_do_not_load_python_docx():
    code = ("import sys, speechgen, speechgen.exporters, speechgen.exporters.profiles as p;"
            "p.list_profiles(); speechgen.exporters.export_bytes;"
            "assert 'docx' not in sys.modules and 'lxml' not in sys.modules, sorted(sys.modules)")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
