"""Take page setup and style definitions from an office's own template (``--reference-docx``).

``--reference-docx house.docx`` (see :func:`apply_reference`) takes from the
template exactly: the page size and orientation, the four margins, header and
footer distances and gutter, and the document grid of its last section; and,
for each of our styles (see :mod:`.wordstyles`), the template's style of the same name (or the built-in
equivalent: Title → 标题, Subtitle → 署名, heading 1–4 → 一级～四级标题; Normal is
*not* taken, since every template has one whether or not the office styled it),
flattened through its ``basedOn`` chain and the template's defaults:
paragraph properties (alignment, indents, spacing, keep, outline level) and run
properties (fonts, size, bold, colour).  Theme fonts are resolved to names,
numbering is dropped and the language is set to zh-CN.  Nothing else (text,
headers, footers, page numbers, pictures, other styles) is taken.
"""
from __future__ import annotations

import copy
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from speechgen.errors import ExportError
from speechgen.exporters.docx import ooxml as ox
from speechgen.exporters.docx.styles import BUILTIN_ALIASES, LEVEL_NAMES, STYLE_IDS, Face, char_id


#: what a style taken through a built-in alias (Title, Subtitle, heading 1…) leaves behind: Word's
#: theme colours, borders, shading, italics and caps are the built-in look, not the office's choice
_BUILTIN_LOOK = ("color", "pBdr", "shd", "i", "iCs", "caps", "smallCaps", "u", "effect", "bdr", "highlight",
                 "contextualSpacing")


@dataclass
class Reference:
    styles: dict[str, etree._Element]  # our style name → flattened template style (pPr, rPr)
    sect: list[etree._Element]  # pgSz, pgMar, docGrid copies
    source: str
    origin: dict[str, str] = field(default_factory=dict)  # our style name → the template style it came from

    def describe(self) -> str:
        """Which styles came from the template, in Chinese (for the command line)."""
        if not self.origin:
            return "未取用模板样式（模板中没有同名样式），仅取页面设置"
        own = [ours for ours, theirs in self.origin.items() if theirs == ours]
        builtin = [f"{ours}←{theirs}" for ours, theirs in self.origin.items() if theirs != ours]
        parts = [f"取用模板样式：{'、'.join(own)}"] if own else []
        if builtin:
            parts.append(f"按 Word 内置样式取用（只取字体、字号、对齐和间距，不取主题颜色、边框和斜体）：{'、'.join(builtin)}")
        return "；".join(parts)


def read_reference(path: Path) -> Reference:
    from speechgen.core.files import check_docx_zip
    from speechgen.errors import InputError

    if not path.is_file():
        raise ExportError(f"单位模板 {path} 不存在（--reference-docx 需要一个 .docx 文件）")
    try:
        check_docx_zip(path)
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
    taken, origin = _flatten_all(styles, _theme_fonts(theme)) if styles is not None else ({}, {})
    return Reference(taken, sect, str(path), origin)


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


def _flatten_all(styles: etree._Element, theme: dict[str, str]) -> tuple[dict[str, etree._Element], dict[str, str]]:
    by_name = {}
    by_id = {}
    for st in styles.findall(ox.qn("style")):
        name = st.find(ox.qn("name"))
        if st.get(ox.qn("type")) == "paragraph" and name is not None:
            by_name[(name.get(ox.qn("val")) or "").strip().lower()] = st
        by_id[st.get(ox.qn("styleId"))] = st
    defaults = styles.find(ox.qn("docDefaults"))
    out, origin = {}, {}
    for ours in STYLE_IDS:
        st = by_name.get(ours.lower())
        builtin = st is None
        if builtin:
            st = by_name.get(BUILTIN_ALIASES.get(ours, "\0"))
        if st is None:
            continue
        # a built-in style counts only for what it sets itself (not Normal's or the defaults')
        holder = _flatten(st, by_id, None if builtin else defaults, theme, stop_at_default=builtin)
        if builtin:  # the template did not name this style itself: keep Word's built-in look out
            for part in holder:
                for tag in _BUILTIN_LOOK:
                    for node in part.findall(ox.qn(tag)):
                        part.remove(node)
        out[ours] = holder
        origin[ours] = st.find(ox.qn("name")).get(ox.qn("val"), ours)
    return out, origin


def _flatten(style: etree._Element, by_id: dict[str, etree._Element], defaults: etree._Element | None,
             theme: dict[str, str], *, stop_at_default: bool = False) -> etree._Element:
    chain = []
    node: etree._Element | None = style
    while node is not None and len(chain) < 20:
        if stop_at_default and node.get(ox.qn("default")) in ("1", "true"):
            break
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
        if ref.origin.get(name, name) != name:  # a built-in style: what it sets goes over ours, the rest stays ours
            ppr_new, rpr_new = _over(old_ppr, ppr_new, ox.PPR_ORDER), _over(old_rpr, rpr_new, ox.RPR_ORDER)
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


def _over(base: etree._Element | None, top: etree._Element, order: tuple[str, ...]) -> etree._Element:
    merged = copy.deepcopy(base) if base is not None else ox.el(etree.QName(top).localname)
    _overlay(merged, top, order)
    return merged


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
