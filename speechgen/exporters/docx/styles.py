"""Word styles from a layout profile (``styles.xml``), optionally from an office's template.

Every style is named for what it is (标题, 署名, 一级标题 … 正文, 称谓, 表格标题, 表格,
页码), sets all four font slots (East Asian font by name, digits and Latin in
the profile's Latin font), never a theme font, language zh-CN.  Level headings
have a linked character style (一级标题 字符 …) used by run-in headings.

A house template (``--reference-docx``) is merged in by :mod:`.reference`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace

from lxml import etree

from speechgen.exporters.docx import ooxml as ox
from speechgen.exporters.profiles import Profile, StyleSpec

STYLE_IDS = {"标题": "DocTitle", "署名": "Byline", "正文": "Body", "称谓": "Salutation",
             "一级标题": "Level1", "二级标题": "Level2", "三级标题": "Level3", "四级标题": "Level4",
             "表格标题": "TableCaption", "表格": "TableText", "页码": "PageNo"}
LEVEL_NAMES = ("一级标题", "二级标题", "三级标题", "四级标题")
BUILTIN_ALIASES = {"标题": "title", "署名": "subtitle", "一级标题": "heading 1", "二级标题": "heading 2",
                   "三级标题": "heading 3", "四级标题": "heading 4"}
_NO_GRID = ("标题", "表格", "表格标题", "页码")  # these must not snap to the character grid


@dataclass(frozen=True)
class Face:
    """What a run in a style needs to carry: its style id and resolved fonts."""

    style_id: str
    east_asia: str
    latin: str
    size: float
    bold: bool = False
    pitch: float | None = None


def faces(profile: Profile) -> dict[str, Face]:
    out = {name: Face(STYLE_IDS[name], s.font, s.latin, s.size, s.bold, s.line_pitch)
           for name, s in profile.styles.items()}
    pn = profile.page_number
    out["页码"] = Face(STYLE_IDS["页码"], pn.font, pn.font, pn.size)
    return out


def char_id(level_name: str) -> str:
    return STYLE_IDS[level_name] + "Char"


def build_styles(root: etree._Element, profile: Profile) -> None:
    """Replace the content of ``w:styles`` *root* with the profile's styles."""
    for child in list(root):
        root.remove(child)
    body = profile.styles["正文"]
    root.append(_doc_defaults(body))
    root.append(_style("paragraph", "Normal", "Normal", None, _spec_ppr(replace(body, indent=0), grid=True),
                       _spec_rpr(body), default=True))
    root.append(_style("character", "DefaultParagraphFont", "Default Paragraph Font", None, None, None, default=True))
    for name, spec in profile.styles.items():
        level = LEVEL_NAMES.index(name) if name in LEVEL_NAMES else None
        ppr = _spec_ppr(spec, grid=name not in _NO_GRID, outline=level)
        tracking = char_spacing(profile, spec) if name not in _NO_GRID else 0
        if name == "表格标题":
            ox.set_ordered(ppr, ox.el("pageBreakBefore"), ox.PPR_ORDER)
        link = char_id(name) if level is not None else None
        root.append(_style("paragraph", STYLE_IDS[name], name, "Normal", ppr, _spec_rpr(spec, tracking),
                           link=link, next_id=STYLE_IDS["正文"] if name != "表格" else None))
        if link:
            root.append(_style("character", link, f"{name} 字符", "DefaultParagraphFont", None,
                               _spec_rpr(spec, tracking), link=STYLE_IDS[name]))
    pn = profile.page_number
    pn_spec = StyleSpec(font=pn.font, size=pn.size, latin=pn.font, align="center", line_pitch=None)
    root.append(_style("paragraph", STYLE_IDS["页码"], "页码", "Normal", _spec_ppr(pn_spec, grid=False),
                       _spec_rpr(pn_spec)))


def _doc_defaults(body: StyleSpec) -> etree._Element:
    defaults = ox.el("docDefaults")
    rpr = ox.sub(ox.sub(defaults, "rPrDefault"), "rPr")
    rpr.append(ox.rfonts(body.font, body.latin))
    rpr.extend(ox.size_els(body.size))
    rpr.append(ox.lang_zh())
    ppr = ox.sub(ox.sub(defaults, "pPrDefault"), "pPr")
    ox.sub(ppr, "widowControl", val=0)
    ppr.append(ox.spacing(None))
    return defaults


def _style(kind: str, style_id: str, name: str, based_on: str | None, ppr: etree._Element | None,
           rpr: etree._Element | None, *, default: bool = False, link: str | None = None,
           next_id: str | None = None) -> etree._Element:
    style = ox.el("style", type=kind, styleId=style_id)
    if default:
        style.set(ox.qn("default"), "1")
    else:
        style.set(ox.qn("customStyle"), "1")
    ox.sub(style, "name", val=name)
    if based_on:
        ox.sub(style, "basedOn", val=based_on)
    if next_id:
        ox.sub(style, "next", val=next_id)
    if link:
        ox.sub(style, "link", val=link)
    if not default:
        ox.sub(style, "uiPriority", val=1)
        ox.sub(style, "qFormat")
    for part in (ppr, rpr):
        if part is not None:
            style.append(part)
    return style


def _spec_ppr(spec: StyleSpec, *, grid: bool, outline: int | None = None) -> etree._Element:
    ppr = ox.el("pPr")
    if spec.keep_next:
        ox.sub(ppr, "keepNext")
    ox.sub(ppr, "widowControl", val=0)
    if not grid:
        ox.sub(ppr, "snapToGrid", val=0)
    ppr.append(ox.spacing(spec.line_pitch))
    ppr.append(ox.first_line_indent(spec.indent, spec.size))
    ox.sub(ppr, "jc", val=ox.JC[spec.align])
    if outline is not None:
        ox.sub(ppr, "outlineLvl", val=outline)
    return ppr


def char_spacing(profile: Profile, spec: StyleSpec) -> int:
    """Character spacing (twips) that puts ``chars_per_line`` characters of *spec* on a line.

    Only for styles at the body size: 28 × 16 pt = 448 pt does not fit the 442.2 pt
    type area, so each character gives up 0.25 pt (−5 twips); justification spreads
    the remainder.  0 when the profile sets no characters per line.
    """
    if not profile.chars_per_line or spec.size != profile.styles["正文"].size:
        return 0
    width_pt = (profile.page_mm[0] - profile.margins_mm[2] - profile.margins_mm[3]) / 25.4 * 72
    return math.floor((width_pt / profile.chars_per_line - spec.size) * 20)


def _spec_rpr(spec: StyleSpec, tracking: int = 0) -> etree._Element:
    rpr = ox.el("rPr")
    rpr.append(ox.rfonts(spec.font, spec.latin))
    ox.sub(rpr, "b", val=1 if spec.bold else 0)
    ox.sub(rpr, "bCs", val=1 if spec.bold else 0)
    if tracking:
        ox.sub(rpr, "spacing", val=tracking)
    rpr.extend(ox.size_els(spec.size))
    rpr.append(ox.lang_zh())
    return rpr


def face_runs(text: str, face: Face, *, bold: bool = False, char_style: str | None = None) -> list[etree._Element]:
    """Runs for *text* in *face*: Chinese punctuation whose width depends on the font slot
    (“ ” — …) goes in its own run with the CJK font in every slot and ``w:hint="eastAsia"``."""
    out = []
    for piece, cjk in ox.split_ambiguous(text):
        latin = face.east_asia if cjk else face.latin
        rpr = ox.run_props(face.east_asia, latin, bold=bold, style=char_style, hint=cjk)
        out.append(ox.text_run(piece, rpr))
    return out
