"""Word styles from a layout profile (``styles.xml``), optionally from an office's template.

Every style is named for what it is (标题, 署名, 一级标题 … 正文, 称谓, 表格标题, 表格,
页码), sets all four font slots (East Asian font by name, digits and Latin in
the profile's Latin font), never a theme font, language zh-CN.  Level headings
have a linked character style (一级标题 字符 …) used by run-in headings.

``--reference-docx house.docx`` (see :func:`apply_reference`) takes from the
template exactly: the page size and orientation, the four margins, header and
footer distances and gutter, and the document grid of its last section; and,
for each style above, the template's style of the same name (or the built-in
equivalent: Title → 标题, Subtitle → 署名, heading 1–4 → 一级～四级标题, Normal →
正文), flattened through its ``basedOn`` chain and the template's defaults:
paragraph properties (alignment, indents, spacing, keep, outline level) and run
properties (fonts, size, bold, colour).  Theme fonts are resolved to names,
numbering is dropped and the language is set to zh-CN.  Nothing else (text,
headers, footers, page numbers, pictures, other styles) is taken.
"""
from __future__ import annotations

import copy
import math
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

from lxml import etree

from ..errors import ExportError
from . import ooxml as ox
from .profiles import Profile, StyleSpec

STYLE_IDS = {"标题": "DocTitle", "署名": "Byline", "正文": "Body", "称谓": "Salutation",
             "一级标题": "Level1", "二级标题": "Level2", "三级标题": "Level3", "四级标题": "Level4",
             "表格标题": "TableCaption", "表格": "TableText", "页码": "PageNo"}
LEVEL_NAMES = ("一级标题", "二级标题", "三级标题", "四级标题")
BUILTIN_ALIASES = {"标题": "title", "署名": "subtitle", "一级标题": "heading 1", "二级标题": "heading 2",
                   "三级标题": "heading 3", "四级标题": "heading 4", "正文": "normal"}
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


# ---------------------------------------------------------------------------- reference .docx
@dataclass
class Reference:
    styles: dict[str, etree._Element]  # our style name → flattened template style (pPr, rPr)
    sect: list[etree._Element]  # pgSz, pgMar, docGrid copies
    source: str


def read_reference(path: Path) -> Reference:
    from ..errors import InputError
    from ..readers import _check_zip

    try:
        _check_zip(path)
    except InputError as exc:
        raise ExportError(f"单位模板：{exc}") from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            document = etree.fromstring(zf.read("word/document.xml"), parser)
            styles = etree.fromstring(zf.read("word/styles.xml"), parser) if "word/styles.xml" in names else None
            theme = zf.read("word/theme/theme1.xml") if "word/theme/theme1.xml" in names else b""
    except (etree.XMLSyntaxError, zipfile.BadZipFile, KeyError) as exc:
        raise ExportError(f"{path}：单位模板无法解析（{type(exc).__name__}），请用 Word 另存为 .docx 后再试") from None
    sects = document.findall(f".//{ox.qn('body')}/{ox.qn('sectPr')}")
    sect = [copy.deepcopy(n) for s in sects[-1:] for tag in ("pgSz", "pgMar", "docGrid")
            for n in s.findall(ox.qn(tag))]
    return Reference(_flatten_all(styles, _theme_fonts(theme)) if styles is not None else {}, sect, str(path))


def _theme_fonts(blob: bytes) -> dict[str, str]:
    """minorEastAsia / majorHAnsi … → typeface, from the template's theme."""
    out: dict[str, str] = {}
    if not blob:
        return out
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    root = etree.fromstring(blob, etree.XMLParser(resolve_entities=False, no_network=True))
    for kind, prefix in (("majorFont", "major"), ("minorFont", "minor")):
        node = root.find(f".//{a}{kind}")
        if node is None:
            continue
        hans = node.find(f"{a}font[@script='Hans']")
        ea = node.find(f"{a}ea")
        latin = node.find(f"{a}latin")
        out[f"{prefix}EastAsia"] = (ea.get("typeface") if ea is not None else "") or (
            hans.get("typeface") if hans is not None else "")
        for slot in ("HAnsi", "Bidi"):
            out[f"{prefix}{slot}"] = latin.get("typeface", "") if latin is not None else ""
    return out


def _flatten_all(styles: etree._Element, theme: dict[str, str]) -> dict[str, etree._Element]:
    by_name = {}
    by_id = {}
    for st in styles.findall(ox.qn("style")):
        name = st.find(ox.qn("name"))
        if st.get(ox.qn("type")) == "paragraph" and name is not None:
            by_name[(name.get(ox.qn("val")) or "").strip().lower()] = st
        by_id[st.get(ox.qn("styleId"))] = st
    defaults = styles.find(ox.qn("docDefaults"))
    out = {}
    for ours in STYLE_IDS:
        st = by_name.get(ours.lower())
        if st is None:
            st = by_name.get(BUILTIN_ALIASES.get(ours, "\0"))
        if st is not None:
            out[ours] = _flatten(st, by_id, defaults, theme)
    return out


def _flatten(style: etree._Element, by_id: dict[str, etree._Element], defaults: etree._Element | None,
             theme: dict[str, str]) -> etree._Element:
    chain = []
    node: etree._Element | None = style
    while node is not None and len(chain) < 20:
        chain.append(node)
        based = node.find(ox.qn("basedOn"))
        node = by_id.get(based.get(ox.qn("val"))) if based is not None else None
    layers = [defaults.find(f"{ox.qn('pPrDefault')}/{ox.qn('pPr')}") if defaults is not None else None,
              defaults.find(f"{ox.qn('rPrDefault')}/{ox.qn('rPr')}") if defaults is not None else None]
    ppr, rpr = ox.el("pPr"), ox.el("rPr")
    for src, dst, order in ((layers[0], ppr, ox.PPR_ORDER), (layers[1], rpr, ox.RPR_ORDER)):
        _overlay(dst, src, order)
    for st in reversed(chain):
        _overlay(ppr, st.find(ox.qn("pPr")), ox.PPR_ORDER)
        _overlay(rpr, st.find(ox.qn("rPr")), ox.RPR_ORDER)
    for drop in ("numPr", "pStyle", "rPr", "sectPr", "pPrChange"):
        for n in ppr.findall(ox.qn(drop)):
            ppr.remove(n)
    _resolve_theme(rpr, theme)
    holder = ox.el("style")
    holder.extend([ppr, rpr])
    return holder


def _overlay(dst: etree._Element, src: etree._Element | None, order: tuple[str, ...]) -> None:
    """Lay *src*'s children over *dst*; spacing/ind/rFonts/lang merge attribute by attribute."""
    if src is None:
        return
    for child in src:
        if not isinstance(child.tag, str):
            continue
        name = etree.QName(child).localname
        old = dst.find(ox.qn(name))
        new = copy.deepcopy(child)
        if old is not None and name in ("spacing", "ind", "rFonts", "lang"):
            merged = copy.deepcopy(old)
            if name == "rFonts":  # an explicit name and a theme reference for one slot exclude each other
                for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
                    theme_attr = "cstheme" if slot == "cs" else f"{slot}Theme"
                    if new.get(ox.qn(slot)) is not None or new.get(ox.qn(theme_attr)) is not None:
                        merged.attrib.pop(ox.qn(slot), None)
                        merged.attrib.pop(ox.qn(theme_attr), None)
            for key, val in new.attrib.items():
                merged.set(key, val)
            new = merged
        ox.set_ordered(dst, new, order)


def _resolve_theme(rpr: etree._Element, theme: dict[str, str]) -> None:
    fonts = rpr.find(ox.qn("rFonts"))
    if fonts is None:
        return
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        attr = ox.qn("cstheme" if slot == "cs" else f"{slot}Theme")
        ref = fonts.get(attr)
        if ref is not None:
            name = theme.get(ref, "")
            if name and fonts.get(ox.qn(slot)) is None:
                fonts.set(ox.qn(slot), name)
            del fonts.attrib[attr]


def apply_reference(root: etree._Element, ref: Reference, table: dict[str, Face]) -> dict[str, Face]:
    """Put the template's flattened styles into our ``w:styles``; return updated faces."""
    by_id = {st.get(ox.qn("styleId")): st for st in root.findall(ox.qn("style"))}
    out = dict(table)
    for name, holder in ref.styles.items():
        ours = by_id[STYLE_IDS[name]]
        ppr_new, rpr_new = copy.deepcopy(holder[0]), copy.deepcopy(holder[1])
        old_ppr, old_rpr = ours.find(ox.qn("pPr")), ours.find(ox.qn("rPr"))
        face = table[name]
        _complete_fonts(rpr_new, face)
        ox.set_ordered(rpr_new, ox.lang_zh(), ox.RPR_ORDER)
        for keep in ("outlineLvl", "pageBreakBefore", "snapToGrid"):
            node = old_ppr.find(ox.qn(keep)) if old_ppr is not None else None
            if node is not None and ppr_new.find(ox.qn(keep)) is None:
                ox.set_ordered(ppr_new, copy.deepcopy(node), ox.PPR_ORDER)
        for old, new in ((old_ppr, ppr_new), (old_rpr, rpr_new)):
            if old is not None:
                ours.replace(old, new)
            else:
                ours.append(new)
        out[name] = _face_from(rpr_new, ppr_new, face)
        if name in LEVEL_NAMES and char_id(name) in by_id:
            char = by_id[char_id(name)]
            char.replace(char.find(ox.qn("rPr")), copy.deepcopy(rpr_new))
    return out


def _complete_fonts(rpr: etree._Element, face: Face) -> None:
    fonts = rpr.find(ox.qn("rFonts"))
    east = fonts.get(ox.qn("eastAsia")) if fonts is not None else None
    latin = (fonts.get(ox.qn("ascii")) or fonts.get(ox.qn("hAnsi"))) if fonts is not None else None
    full = ox.rfonts(east or face.east_asia, latin or face.latin)
    ox.set_ordered(rpr, full, ox.RPR_ORDER)


def _face_from(rpr: etree._Element, ppr: etree._Element, face: Face) -> Face:
    fonts = rpr.find(ox.qn("rFonts"))
    sz = rpr.find(ox.qn("sz"))
    b = rpr.find(ox.qn("b"))
    bold = b is not None and b.get(ox.qn("val"), "1") not in ("0", "false", "off")
    size = int(sz.get(ox.qn("val"))) / 2 if sz is not None and (sz.get(ox.qn("val")) or "").isdigit() else face.size
    sp = ppr.find(ox.qn("spacing"))
    pitch = face.pitch
    if sp is not None and sp.get(ox.qn("lineRule")) == "exact" and (sp.get(ox.qn("line")) or "").isdigit():
        pitch = int(sp.get(ox.qn("line"))) / 20
    return Face(face.style_id, fonts.get(ox.qn("eastAsia")), fonts.get(ox.qn("ascii")), size, bold, pitch)
