"""Each profile, reopened: page setup, fonts of every style kind, sizes, pitch, indents, page numbers."""
from __future__ import annotations

import re

import pytest

from ooxml_helpers import draft, export, q, text, wval  # noqa: F401 (fixtures)

PROFILES = {
    # name: (body pt, exact pitch twips, page-number placement)
    "gbt9704": (16, 579, "outside"),
    "speech": (16, 579, "center"),
    "podium": (18, 640, "center"),
}
MM = 1440 / 25.4


@pytest.mark.parametrize("name", PROFILES)
def test_page_size_and_margins(export, draft, name):
    doc = export(draft, profile=name)
    sect = doc.document.find(f"{q('body')}/{q('sectPr')}")
    size, mar = sect.find(q("pgSz")), sect.find(q("pgMar"))
    assert (int(wval(size, "w")), int(wval(size, "h"))) == (11906, 16838)
    for side, mm in (("top", 37), ("bottom", 35), ("left", 28), ("right", 26)):
        assert abs(int(wval(mar, side)) - mm * MM) <= 1, side
    grid = sect.find(q("docGrid"))
    assert wval(grid, "linePitch") == str(PROFILES[name][1])


@pytest.mark.parametrize("name", PROFILES)
def test_every_run_names_all_four_fonts(export, draft, name):
    doc = export(draft, profile=name)
    roots = [doc.document, *doc.footers()]
    runs = [r for root in roots for r in root.iter(q("r"))]
    assert len(runs) > 20
    for r in runs:
        fonts = r.find(f"{q('rPr')}/{q('rFonts')}")
        assert fonts is not None, etree_text(r)
        for slot in ("eastAsia", "ascii", "hAnsi", "cs"):
            assert fonts.get(q(slot)), (slot, etree_text(r))


def etree_text(r) -> str:
    return "".join(t.text or "" for t in r.iter(q("t")))


@pytest.mark.parametrize("name", PROFILES)
def test_styles_set_east_asian_font_language_and_no_theme(export, draft, name):
    doc = export(draft, profile=name)
    for st in doc.styles.iter(q("style")):
        if wval(st, "styleId") == "DefaultParagraphFont":
            continue
        fonts = st.find(f"{q('rPr')}/{q('rFonts')}")
        assert fonts is not None and fonts.get(q("eastAsia")), wval(st.find(q("name")))
        assert fonts.get(q("ascii")) and fonts.get(q("hAnsi")) and fonts.get(q("cs"))
        lang = st.find(f"{q('rPr')}/{q('lang')}")
        assert wval(lang, "eastAsia") == "zh-CN"
    defaults = doc.styles.find(f"{q('docDefaults')}/{q('rPrDefault')}/{q('rPr')}")
    assert wval(defaults.find(q("lang")), "eastAsia") == "zh-CN"
    spacing = doc.styles.find(f"{q('docDefaults')}/{q('pPrDefault')}/{q('pPr')}/{q('spacing')}")
    assert (wval(spacing, "before"), wval(spacing, "after"), wval(spacing, "line")) == ("0", "0", "240")


@pytest.mark.parametrize("name", PROFILES)
def test_no_theme_fonts_or_japanese_defaults_anywhere(export, draft, name):
    doc = export(draft, profile=name)
    with __import__("zipfile").ZipFile(doc.path) as zf:
        for part in zf.namelist():
            if not part.endswith(".xml") or "theme/" in part:
                continue
            xml = zf.read(part).decode("utf-8")
            assert not re.search(r"w:(ascii|hAnsi|eastAsia|cs)Theme=|w:cstheme=", xml), part
            assert "ja-JP" not in xml, part


# (paragraph start, style name, East Asian font, bold, alignment, first-line chars)
KINDS = [
    ("在全市一季度", "标题", "方正小标宋简体", "0", "center", "0"),
    ("市长", "署名", "楷体_GB2312", "0", "center", "0"),
    ("（2025年", "署名", "楷体_GB2312", "0", "center", "0"),
    ("同志们：", "称谓", "仿宋_GB2312", "0", "left", "0"),
    ("今天召开会议", "正文", "仿宋_GB2312", "0", "both", "200"),
    ("一、客观看待", "一级标题", "黑体", "0", "both", "200"),
    ("（二）独立的二级标题", "二级标题", "楷体_GB2312", "0", "both", "200"),
    ("（1）四级标题", "四级标题", "仿宋_GB2312", "0", "both", "200"),
    ("同志们，任务艰巨", "正文", "仿宋_GB2312", "0", "both", "200"),
]


@pytest.mark.parametrize("name", PROFILES)
@pytest.mark.parametrize("start,style,font,bold,align,indent", KINDS)
def test_style_of_each_kind(export, draft, name, start, style, font, bold, align, indent):
    doc = export(draft, profile=name)
    p = doc.paragraph(start)
    style_id = wval(p.find(f"{q('pPr')}/{q('pStyle')}"))
    assert wval(doc.style(style_id).find(q("name"))) == style
    run = p.find(q("r"))
    assert doc.run_prop(p, run, "rFonts", "eastAsia") == font
    assert doc.run_prop(p, run, "rFonts", "ascii") == "Times New Roman"
    assert doc.run_prop(p, run, "b") in (bold, None if bold == "0" else bold)
    assert doc.para_prop(p, "jc", "val") == align
    assert doc.para_prop(p, "ind", "firstLineChars") == indent
    body_pt, pitch, _ = PROFILES[name]
    expected_size = 22 if style == "标题" else body_pt
    assert int(doc.run_prop(p, run, "sz")) == expected_size * 2
    assert doc.para_prop(p, "spacing", "lineRule") == "exact"
    assert doc.para_prop(p, "spacing", "line") == str(pitch)


def test_level3_heading_is_bold_fangsong(export, draft):
    doc = export(draft, profile="gbt9704")
    p = doc.paragraph("1.抓项目。")
    lead = p.find(q("r"))
    assert doc.run_prop(p, lead, "rFonts", "eastAsia") == "仿宋_GB2312"
    assert doc.run_prop(p, lead, "b") in ("1", "true", "on")
    assert wval(doc.style_by_name("三级标题").find(f"{q('rPr')}/{q('b')}")) == "1"


@pytest.mark.parametrize("name", PROFILES)
def test_page_number_field_with_em_dashes(export, draft, name):
    doc = export(draft, profile=name)
    footers = doc.footers()
    placement = PROFILES[name][2]
    assert len(footers) == (2 if placement == "outside" else 1)
    aligns = []
    for ftr in footers:
        p = ftr.find(q("p"))
        assert "".join(i.text for i in p.iter(q("instrText"))).strip() == "PAGE"
        kinds = [wval(f, "fldCharType") for f in p.iter(q("fldChar"))]
        assert kinds == ["begin", "separate", "end"]
        assert re.fullmatch("\u2014 1 \u2014", text(p))
        for r in p.iter(q("r")):
            fonts = r.find(f"{q('rPr')}/{q('rFonts')}")
            assert wval(fonts, "eastAsia") == "宋体" and wval(fonts, "ascii") == "宋体"
            if "\u2014" in etree_text(r):
                assert wval(fonts, "hint") == "eastAsia"
        assert int(doc.run_prop(p, p.find(q("r")), "sz")) == 28
        aligns.append((doc.para_prop(p, "jc", "val"), p.find(f"{q('pPr')}/{q('ind')}")))
    settings = doc.parts["word/settings.xml"]
    even_odd = settings.find(q("evenAndOddHeaders")) is not None
    if placement == "outside":
        assert even_odd
        (odd_jc, odd_ind), (even_jc, even_ind) = _odd_even(doc, aligns)
        assert odd_jc == "right" and wval(odd_ind, "rightChars") == "100"
        assert even_jc == "left" and wval(even_ind, "leftChars") == "100"
    else:
        assert not even_odd and aligns[0][0] == "center"


def _odd_even(doc, aligns):
    sect = doc.document.find(f"{q('body')}/{q('sectPr')}")
    rels = doc.parts["word/_rels/document.xml.rels"]
    targets = {r.get("Id"): r.get("Target") for r in rels}
    by_type = {}
    for ref in sect.findall(q("footerReference")):
        rid = ref.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
        by_type[wval(ref, "type")] = targets[rid]
    names = sorted(n for n in doc.parts if n.startswith("word/footer"))
    order = {n.split("/")[-1]: i for i, n in enumerate(names)}
    return aligns[order[by_type["default"]]], aligns[order[by_type["even"]]]


def test_default_profile_follows_draft_type(export, draft):
    assert len(export(draft).footers()) == 1  # speech: centred
    draft.meta["type"] = "work_report"
    assert len(export(draft).footers()) == 2  # gbt9704: odd/even


def test_body_fits_28_characters_per_line(export, draft):
    """16 pt characters in a 442.2 pt line: −0.25 pt tracking on body-size styles fits 28."""
    doc = export(draft, profile="gbt9704")
    tracking = int(wval(doc.style_by_name("正文").find(f"{q('rPr')}/{q('spacing')}")))
    assert 28 * (16 + tracking / 20) <= (210 - 28 - 26) / 25.4 * 72 < 29 * (16 + tracking / 20)
    assert doc.style_by_name("标题").find(f"{q('rPr')}/{q('spacing')}") is None
