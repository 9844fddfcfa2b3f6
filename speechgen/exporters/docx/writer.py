"""Draft → .docx in the official layout (GB/T 9704 profiles, speech title block, house styles).

The only module that imports python-docx, and only inside :func:`python_docx`:
python-docx supplies the package (parts, relationships, content types, core
properties) once per profile, reused as a cached :mod:`.skeleton`, and opens an
office template (``--reference-docx``); the WordprocessingML is written through :mod:`.ooxml`, the styles
through :mod:`.wordstyles`, the layout numbers come from a :mod:`.profiles`
profile.  The result is deterministic: the same Draft gives the same bytes
(core dates come from the meeting date, zip timestamps are fixed).
"""
from __future__ import annotations

import copy
import datetime as dt
import io
import logging
from pathlib import Path
from typing import Any, Iterable

from lxml import etree

from speechgen.core.markers import start_token
from speechgen.core.draft import Draft, Heading, Paragraph, Run, Table
from speechgen.errors import ExportError
from speechgen.exporters.docx import ooxml as ox
from speechgen.exporters.docx.report import REPORT_KINDS, report_ppr, right_indents
from speechgen.exporters.profiles import Profile, default_profile_name, load_profile
from speechgen.exporters.docx.skeleton import skeleton
from speechgen.exporters.docx.table import table_blocks
from speechgen.exporters.docx.styles import LEVEL_NAMES, Face, build_styles, char_id, face_runs, faces

log = logging.getLogger(__name__)

MM = 1440 / 25.4  # twips per millimetre
FALLBACK_DATE = dt.datetime(2000, 1, 1)
ALT_NAMES = {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "方正小标宋简体": "方正小标宋_GBK", "黑体": "SimHei",
             "宋体": "SimSun"}
_TITLE_BREAK_AFTER = "暨、，；："
_TITLE_SOFT_AFTER = "和及与"


def to_docx(draft: Draft, *, profile: "str | Path | Profile | None" = None,
            reference_docx: "str | Path | None" = None, explain: bool = False) -> bytes:
    """Serialise *draft* as a .docx in *profile* (default: speech; gbt9704 for work reports).

    With *explain*, every computed figure (``draft.provenance``) gets a Word comment saying how it was computed.
    Without an office template the draft goes into the profile's cached :mod:`.skeleton` (python-docx
    is imported only to build it once); with one, python-docx opens the template.
    """
    prof = load_profile(profile if profile is not None else default_profile_name(draft.meta))
    stamp = _meeting_date(draft.meta)
    date_time = (max(stamp.year, 1980), stamp.month, stamp.day, 0, 0, 0)
    if reference_docx:
        data = python_docx(draft, prof, Path(reference_docx))
    else:
        data = warm_skeleton(prof).fill(_blocks(draft, prof, faces(prof)), core_values(draft), date_time)
        if not (explain and draft.provenance):
            return data
    if explain and draft.provenance:
        from speechgen.exporters.docx.comments import annotate, paragraph_texts
        from speechgen.exporters.docx.explain import figure_comments

        data = annotate(data, figure_comments(paragraph_texts(data), draft.provenance))
    return ox.deterministic_zip(data, date_time)


def warm_skeleton(prof: Profile) -> Any:
    """The cached :mod:`.skeleton` of *prof* (built through python-docx the first time)."""
    return skeleton(repr(prof), lambda: python_docx(Draft(), prof, None))


def python_docx(draft: Draft, prof: Profile, reference_docx: Path | None) -> bytes:
    """The .docx as python-docx writes it (zip entries not yet normalised): the office template's
    path, and how a profile's :mod:`.skeleton` is built."""
    from speechgen.exporters.docx.base import base_document, has_header_footer, keep_other_styles
    from speechgen.exporters.docx.reference import apply_reference, read_reference

    ref = read_reference(reference_docx) if reference_docx else None
    try:
        from docx import Document
    except ImportError:  # pragma: no cover - python-docx is a dependency
        raise ExportError("缺少 python-docx，无法生成 Word 文件（pip install python-docx）") from None
    doc = base_document(Document, reference_docx) if reference_docx else Document()
    own_header_footer = ref is not None and has_header_footer(doc)
    _prune_package(doc, prof)
    styles_root = doc.styles.element
    theirs = [copy.deepcopy(st) for st in styles_root.findall(ox.qn("style"))] if ref is not None else []
    build_styles(styles_root, prof)
    table = faces(prof)
    if ref is not None:
        table = apply_reference(styles_root, ref, table)
        keep_other_styles(styles_root, theirs)
        log.info("styles and page setup taken from %s: %s", ref.source, ", ".join(ref.styles) or "page setup only")
    ox.strip_theme_fonts(styles_root)
    body = doc.element.body
    sect = body.find(ox.qn("sectPr"))
    for node in _blocks(draft, prof, table):
        sect.addprevious(node)
    _page_setup(doc, prof, ref)
    if not own_header_footer:  # a template's own headers and footers (and its page numbers) stay
        _footers(doc, prof, table["页码"])
    _settings(doc, prof)
    for name, value in core_values(draft):
        setattr(doc.core_properties, name, value)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------------------- package
def _prune_package(doc: Any, prof: Profile) -> None:
    """Drop the template's thumbnail, customXml and stylesWithEffects; patch theme and fonts."""
    part = doc.part
    for rid, rel in list(part.rels.items()):
        kind = rel.reltype.rsplit("/", 1)[-1]
        if kind in ("stylesWithEffects", "customXml"):
            part.drop_rel(rid)
        elif kind == "theme":
            rel.target_part._blob = ox.patch_theme(rel.target_part.blob, minor_ea=prof.styles["正文"].font,
                                                   major_ea=prof.styles["一级标题"].font, latin=prof.latin_font)
        elif kind == "fontTable":
            rel.target_part._blob = _font_table()
    pkg_rels = part.package.rels
    for rid, rel in list(pkg_rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            pkg_rels.pop(rid)


def _font_table() -> bytes:
    root = etree.Element(ox.qn("fonts"), nsmap={"w": ox.W_NS})
    for name in ("Times New Roman", "仿宋_GB2312", "楷体_GB2312", "黑体", "方正小标宋简体", "宋体"):
        font = ox.sub(root, "font", name=name)
        if name in ALT_NAMES:
            ox.sub(font, "altName", val=ALT_NAMES[name])
        ox.sub(font, "charset", val="86" if name != "Times New Roman" else "00")
        ox.sub(font, "family", val="roman" if name in ("Times New Roman", "宋体") else "modern")
        ox.sub(font, "pitch", val="variable")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# ---------------------------------------------------------------------------- body
def _blocks(draft: Draft, prof: Profile, table: dict[str, Face]) -> Iterable[etree._Element]:
    yield from _title_block(draft, prof, table)
    depth = 0  # level of the last heading: a bold enumerated lead (一是/一要/第一) sits one below it
    body = table["正文"]
    indents = right_indents(draft)
    attached = False
    for block in draft.blocks:
        if isinstance(block, Heading):
            depth = max(1, min(block.level, 4))
            yield _heading(block, table)
        elif isinstance(block, Paragraph):
            style = table["称谓"] if block.kind in ("salutation", "recipient") else body
            extra = [_outline(depth + 1)] if block.kind == "body" and _bold_lead(block) else []
            if block.kind in REPORT_KINDS:
                extra = report_ppr(block, body.size, body.pitch or prof.line_pitch, indents, not attached)
                attached = attached or block.kind == "attachment"
            yield ox.para(style.style_id, _runs(block.runs, body), extra=extra)
        elif isinstance(block, Table):
            yield from table_blocks(block, _text_width_pt(prof), table)


def _title_block(draft: Draft, prof: Profile, table: dict[str, Face]) -> list[etree._Element]:
    out = []
    title = table["标题"]
    if draft.title:
        per_line = int(_text_width_pt(prof) // title.size)
        p = ox.para(title.style_id)
        for i, line in enumerate(title_lines(draft.title, per_line)):
            runs = face_runs(line, title)
            if i:
                runs[0].insert(1, ox.el("br"))
            p.extend(runs)
        out.append(p)
    byline = table["署名"]
    out.extend(ox.para(byline.style_id, face_runs(line, byline)) for line in draft.subtitle if line.strip())
    if out and prof.title_gap_lines:
        pitch = table["正文"].pitch or prof.line_pitch
        gap = ox.el("spacing", after=round(prof.title_gap_lines * pitch * 20))
        ox.set_ordered(out[-1].find(ox.qn("pPr")), gap, ox.PPR_ORDER)
    return out


def title_lines(title: str, per_line: int) -> list[str]:
    """Split a long title into balanced lines at a natural break (暨、，和…); else one line."""
    if len(title) <= per_line or per_line < 4:
        return [title]
    best: tuple[float, int] | None = None
    for i in range(1, len(title)):
        first, second = title[:i], title[i:]
        if len(first) > per_line or len(second) > per_line:
            continue
        if title[i - 1] in _TITLE_BREAK_AFTER:
            weight = 0.0
        elif title[i - 1] in _TITLE_SOFT_AFTER:
            weight = 2.0
        elif second.startswith("上的") or title[i - 1] == "会":
            weight = 3.0
        else:
            continue
        score = abs(len(first) - len(second)) + weight
        if best is None or score < best[0]:
            best = (score, i)
    if best is None:
        return [title]
    return [title[: best[1]], *title_lines(title[best[1]:], per_line)]


def _heading(block: Heading, table: dict[str, Face]) -> etree._Element:
    level = max(1, min(block.level, 4))
    name = LEVEL_NAMES[level - 1]
    face = table[name]
    text = block.full_text
    if not block.run_in:
        return ox.para(face.style_id, face_runs(text, face))
    # a run-in heading is a body paragraph: its own outline level puts it in Word's navigation pane
    lead = face_runs(text, face, char_style=char_id(name))
    return ox.para(table["正文"].style_id, [*lead, *_runs(block.body, table["正文"])], extra=[_outline(level)])


def _outline(level: int) -> etree._Element:
    """``w:outlineLvl`` for heading level *level* (1-based; Word counts from 0, up to 8)."""
    return ox.el("outlineLvl", val=min(level, 9) - 1)


def _bold_lead(block: Paragraph) -> bool:
    """A paragraph led by a bold enumerated sentence ("一是……。", "第一，……", "首先，……") acts as a heading."""
    first = next((r for r in block.runs if r.text.strip()), None)
    if first is None or not first.bold:
        return False
    token = start_token(block.text.lstrip(), 0)
    return token is not None and first.text.lstrip().startswith(token.marker)


def _runs(runs: list[Run], face: Face) -> list[etree._Element]:
    return [el for r in runs if r.text for el in face_runs(r.text, face, bold=r.bold)]


# ---------------------------------------------------------------------------- section, footers, settings
def _text_width_pt(prof: Profile) -> float:
    return (prof.page_mm[0] - prof.margins_mm[2] - prof.margins_mm[3]) / 25.4 * 72


def _page_setup(doc: Any, prof: Profile, ref: Any) -> None:
    sect = doc.element.body.find(ox.qn("sectPr"))
    for tag in ("pgSz", "pgMar", "cols", "docGrid"):
        for node in sect.findall(ox.qn(tag)):
            sect.remove(node)
    top, bottom, left, right = (round(m * MM) for m in prof.margins_mm)
    new = [ox.el("pgSz", w=round(prof.page_mm[0] * MM), h=round(prof.page_mm[1] * MM)),
           ox.el("pgMar", top=top, right=right, bottom=bottom, left=left, header=round(prof.header_mm * MM),
                 footer=round(prof.footer_mm * MM), gutter=0),
           ox.el("cols", space=425), _doc_grid(prof)]
    if ref is not None:
        taken = {etree.QName(n).localname: n for n in ref.sect}
        new = [taken.get(etree.QName(n).localname, n) for n in new]
    for node in new:
        sect.append(node)  # after any footerReference, in schema order


def _doc_grid(prof: Profile) -> etree._Element:
    """A line grid at the profile's pitch.  Characters per line come from character
    spacing on the styles (see :func:`wordstyles.char_spacing`), not from a character
    grid: LibreOffice puts each glyph wider than a grid cell into two cells."""
    return ox.el("docGrid", type="lines", linePitch=round(prof.line_pitch * 20))


def _footers(doc: Any, prof: Profile, face: Face) -> None:
    section = doc.sections[0]
    pn = prof.page_number
    if pn.position == "outside":
        doc.settings.odd_and_even_pages_header_footer = True
        _fill_footer(section.footer, face, pn.dash, "right", face.size)
        _fill_footer(section.even_page_footer, face, pn.dash, "left", face.size)
    else:
        _fill_footer(section.footer, face, pn.dash, pn.position, face.size if pn.position == "right" else 0)


def _fill_footer(footer: Any, face: Face, dash: str, align: str, inset_pt: float) -> None:
    footer.is_linked_to_previous = False
    root = footer._element
    for child in list(root):
        root.remove(child)
    extra = [ox.el("jc", val=ox.JC[align])]
    if inset_pt:
        side = "right" if align == "right" else "left"
        extra.append(ox.el("ind", **{side: round(inset_pt * 20), f"{side}Chars": 100, "firstLine": 0}))

    def rpr(hint: bool) -> etree._Element:
        return ox.run_props(face.east_asia, face.latin, hint=hint)

    root.append(ox.para(face.style_id, ox.page_field(rpr, dash), extra=extra))


def _settings(doc: Any, prof: Profile) -> None:
    settings = doc.settings.element
    lang = settings.find(ox.qn("themeFontLang"))
    if lang is not None:
        lang.set(ox.qn("val"), "en-US")
        lang.set(ox.qn("eastAsia"), "zh-CN")
    for node in settings.findall(ox.qn("proofState")):
        settings.remove(node)


def _meeting_date(meta: dict[str, str]) -> dt.datetime:
    try:
        day = dt.date.fromisoformat(str(meta.get("date", ""))[:10])
    except ValueError:
        return FALLBACK_DATE
    return dt.datetime(day.year, day.month, day.day)


def core_values(draft: Draft) -> list[tuple[str, Any]]:
    """The document's core properties (python-docx names), from the draft's meeting facts."""
    meta = draft.meta
    author = meta.get("office") or meta.get("speaker") or ""
    when = _meeting_date(meta)
    return [("title", draft.title[:255]), ("author", author), ("last_modified_by", author),
            ("subject", meta.get("meeting", "")),
            ("keywords", "，".join(v for v in (meta.get("period"), meta.get("speaker")) if v)),
            ("comments", "speechgen 生成的初稿，请核对数字和提法后使用"),
            ("category", "讲话稿" if meta.get("type") != "work_report" else "工作报告"),
            ("created", when), ("modified", when), ("revision", 1)]
