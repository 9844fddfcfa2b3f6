"""An office template as the base document (``--reference-docx``): its page setup, headers and footers stay.

The template's body is emptied (its last section, with the header and footer references, is
kept) and the draft is written into it; its styles that ours do not replace stay for its headers
and footers.  Which of its styles replace ours is :mod:`.reference`'s business.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

import speechgen.exporters.docx.ooxml as ox
from speechgen.errors import ExportError


def base_document(Document: Any, path: Path) -> Any:
    """The office template opened as the base document, its body emptied (the last section kept).

    A .dotx opens too (its main part is declared a template; it is read as a document)."""
    data = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        ct = zf.read("[Content_Types].xml")
    if b"template.main+xml" in ct:
        data = _replace_part(data, "[Content_Types].xml", ct.replace(b"template.main+xml", b"document.main+xml"))
    try:
        doc = Document(io.BytesIO(data))
    except Exception as exc:  # a package python-docx cannot open
        raise ExportError(f"单位模板 {path} 无法作为底稿打开（{type(exc).__name__}），请用 Word 另存为 .docx") from None
    body = doc.element.body
    sect = body.findall(ox.qn("sectPr"))[-1:]
    for child in list(body):
        if not sect or child is not sect[0]:
            body.remove(child)
    if not sect:
        body.append(ox.el("sectPr"))
    return doc


def _replace_part(data: bytes, name: str, blob: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, blob if info.filename == name else src.read(info.filename))
    return out.getvalue()


def has_header_footer(doc: Any) -> bool:
    sect = doc.element.body.find(ox.qn("sectPr"))
    return sect is not None and (sect.find(ox.qn("headerReference")) is not None
                                 or sect.find(ox.qn("footerReference")) is not None)


def keep_other_styles(root: etree._Element, theirs: list[etree._Element]) -> None:
    """The template's styles that ours do not replace (its headers and footers use them) stay."""
    ids = {st.get(ox.qn("styleId")) for st in root.findall(ox.qn("style"))}
    names = {st.find(ox.qn("name")).get(ox.qn("val")) for st in root.findall(ox.qn("style"))
             if st.find(ox.qn("name")) is not None}
    for st in theirs:
        name = st.find(ox.qn("name"))
        if st.get(ox.qn("styleId")) in ids or (name is not None and name.get(ox.qn("val")) in names):
            continue
        if st.get(ox.qn("default")) in ("1", "true"):
            st.attrib.pop(ox.qn("default"))
        root.append(st)
