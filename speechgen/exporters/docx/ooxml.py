"""Raw OOXML (WordprocessingML) helpers: the one place that writes w: elements by hand.

Everything here works on lxml elements and knows the schema's child order, so
Word (which is strict about order) and LibreOffice read the result.  Units:
twips (1/20 pt) for lengths, half-points for sizes.  No python-docx import.
"""
from __future__ import annotations

import io
import re
import zipfile
from typing import Iterable

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_NS = "http://www.w3.org/XML/1998/namespace"

# Schema order of the children we write (ECMA-376 Part 1, §17.3.1.26 / §17.3.2.28 / §17.7.4.17).
PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
             "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
             "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
             "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
             "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
             "sectPr", "pPrChange")
RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
             "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing",
             "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
             "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath")
THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")
JC = {"left": "left", "center": "center", "right": "right", "justify": "both"}
# Punctuation whose width Word decides by font slot: these need w:hint="eastAsia" to stay in the CJK font.
AMBIGUOUS = re.compile("[\u2014\u2015\u2018\u2019\u201c\u201d\u2026\u00b7\u2013\u2016\u2032\u2033\u00b0\u00d7\u00f7\u00a7]")
_AMBIGUOUS_RUNS = re.compile(AMBIGUOUS.pattern + "+")


_QN: dict[str, str] = {}


def qn(tag: str) -> str:
    """``"w:spacing"`` or ``"spacing"`` → Clark name in the w: namespace."""
    name = _QN.get(tag)
    if name is None:
        name = _QN[tag] = f"{{{W_NS}}}{tag.split(':', 1)[-1]}"
    return name


def el(tag: str, /, **attrs: str | int | float) -> etree._Element:
    """A new w: element with w: attributes in the order given (numbers become strings)."""
    return etree.Element(qn(tag), {qn(key): _num(val) for key, val in attrs.items()} if attrs else None)


def _num(val: str | int | float) -> str:
    return str(int(round(val))) if isinstance(val, float) else str(val)


def sub(parent: etree._Element, tag: str, /, **attrs: str | int | float) -> etree._Element:
    """A new w: element appended to *parent* (made in its document: no move, no namespace fix-up)."""
    return etree.SubElement(parent, qn(tag), {qn(key): _num(val) for key, val in attrs.items()} if attrs else None)


def set_ordered(parent: etree._Element, child: etree._Element, order: tuple[str, ...]) -> etree._Element:
    """Insert *child* (replacing one of the same tag) at its schema position in *parent*."""
    name = etree.QName(child).localname
    for old in parent.findall(qn(name)):
        parent.remove(old)
    rank = order.index(name) if name in order else len(order)
    for i, sibling in enumerate(parent):
        sib = etree.QName(sibling).localname
        if sib in order and order.index(sib) > rank:
            parent.insert(i, child)
            return child
    parent.append(child)
    return child


# ---------------------------------------------------------------------------- run properties
def rfonts(east_asia: str, latin: str, *, hint: bool = False) -> etree._Element:
    """``w:rFonts`` with every slot named (never a theme font)."""
    node = el("rFonts", ascii=latin, hAnsi=latin, eastAsia=east_asia, cs=latin)
    if hint:
        node.set(qn("hint"), "eastAsia")
    return node


def size_els(pt: float) -> list[etree._Element]:
    half = round(pt * 2)
    return [el("sz", val=half), el("szCs", val=half)]


def lang_zh() -> etree._Element:
    return el("lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA")


#: run properties already built, by their arguments: a draft has hundreds of runs in a few faces,
#: and copying a finished ``w:rPr`` costs a fraction of building one element by element
_RUN_PROPS: dict[tuple[object, ...], etree._Element] = {}
_RUN_PROPS_KEPT = 512


def run_props(east_asia: str, latin: str, *, size: float | None = None, bold: bool = False,
              style: str | None = None, hint: bool = False) -> etree._Element:
    """A new ``w:rPr``: style, fonts (every slot named), bold, size."""
    key = (east_asia, latin, size, bold, style, hint)
    proto = _RUN_PROPS.get(key)
    if proto is None:
        if len(_RUN_PROPS) >= _RUN_PROPS_KEPT:  # office templates bring their own fonts: stay bounded
            _RUN_PROPS.clear()
        proto = _RUN_PROPS[key] = _build_run_props(east_asia, latin, size=size, bold=bold, style=style, hint=hint)
    return proto.__copy__()  # lxml copies an element with its whole subtree


def _build_run_props(east_asia: str, latin: str, *, size: float | None, bold: bool, style: str | None,
                     hint: bool) -> etree._Element:
    rpr = el("rPr")
    if style:
        sub(rpr, "rStyle", val=style)
    rpr.append(rfonts(east_asia, latin, hint=hint))
    if bold:
        sub(rpr, "b")
        sub(rpr, "bCs")
    if size:
        rpr.extend(size_els(size))
    return rpr


def text_run(text: str, rpr: etree._Element) -> etree._Element:
    run = _RUN.__copy__()  # <w:r><w:t/></w:r>: copying it is cheaper than making two elements
    run.insert(0, rpr)
    t = run[1]
    t.text = text
    if text != text.strip() or "  " in text:
        t.set(f"{{{XML_NS}}}space", "preserve")
    return run




_RUN = el("r")
sub(_RUN, "t")


def split_ambiguous(text: str) -> list[tuple[str, bool]]:
    """Split *text* into (piece, is_ambiguous_punctuation) pieces, in order."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for match in _AMBIGUOUS_RUNS.finditer(text):
        if match.start() > pos:
            out.append((text[pos:match.start()], False))
        out.append((match.group(), True))
        pos = match.end()
    if pos < len(text):
        out.append((text[pos:], False))
    return out


# ---------------------------------------------------------------------------- paragraph properties
def spacing(pitch_pt: float | None, *, after_pt: float = 0, before_pt: float = 0) -> etree._Element:
    """Exact line pitch (or single spacing when None) with before/after in points."""
    node = el("spacing", before=round(before_pt * 20), after=round(after_pt * 20))
    if pitch_pt is None:
        node.set(qn("line"), "240")
        node.set(qn("lineRule"), "auto")
    else:
        node.set(qn("line"), str(round(pitch_pt * 20)))
        node.set(qn("lineRule"), "exact")
    return node


def first_line_indent(chars: float, font_pt: float) -> etree._Element:
    """First-line indent in characters (``firstLineChars``) plus the twips fallback."""
    return el("ind", firstLineChars=round(chars * 100), firstLine=round(chars * font_pt * 20))


def para(style_id: str, runs: Iterable[etree._Element] = (), *, extra: Iterable[etree._Element] = ()) -> etree._Element:
    p = el("p")
    ppr = sub(p, "pPr")
    sub(ppr, "pStyle", val=style_id)
    for child in extra:
        set_ordered(ppr, child, PPR_ORDER)
    p.extend(runs)
    return p


def page_field(rpr_factory, dash: str) -> list[etree._Element]:  # type: ignore[no-untyped-def]
    """Runs for ``— PAGE —``: text, a complex PAGE field, text."""
    runs = []
    if dash:
        runs.append(text_run(f"{dash} ", rpr_factory(True)))
    for kind in ("begin", None, "separate", "1", "end"):
        run = el("r")
        run.append(rpr_factory(False))
        if kind is None:
            instr = sub(run, "instrText")
            instr.text = " PAGE "
            instr.set(f"{{{XML_NS}}}space", "preserve")
        elif kind == "1":
            sub(run, "t").text = "1"
        else:
            sub(run, "fldChar", fldCharType=kind)
        runs.append(run)
    if dash:
        runs.append(text_run(f" {dash}", rpr_factory(True)))
    return runs


# ---------------------------------------------------------------------------- cleaning
def strip_theme_fonts(root: etree._Element) -> int:
    """Remove every theme font attribute under *root*; returns how many were removed."""
    count = 0
    for node in root.iter(qn("rFonts")):
        for attr in THEME_ATTRS:
            if node.get(qn(attr)) is not None:
                del node.attrib[qn(attr)]
                count += 1
    return count


def patch_theme(blob: bytes, *, minor_ea: str, major_ea: str, latin: str) -> bytes:
    """Give the theme's font scheme Chinese East Asian fonts and the Latin font."""
    text = blob.decode("utf-8")
    for kind, ea in (("majorFont", major_ea), ("minorFont", minor_ea)):
        start, end = text.find(f"<a:{kind}>"), text.find(f"</a:{kind}>")
        if start < 0 or end < 0:
            continue
        part = text[start:end]
        part = re.sub(r'<a:latin typeface="[^"]*"', f'<a:latin typeface="{latin}"', part, count=1)
        part = re.sub(r'<a:ea typeface="[^"]*"', f'<a:ea typeface="{ea}"', part, count=1)
        part = re.sub(r'(<a:font script="Hans" typeface=")[^"]*"', rf'\g<1>{ea}"', part, count=1)
        text = text[:start] + part + text[end:]
    return text.encode("utf-8")


def deterministic_zip(data: bytes, date_time: tuple[int, int, int, int, int, int]) -> bytes:
    """Rewrite a zip with fixed timestamps and attributes (same content ⇒ same bytes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=date_time)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
