"""Read an existing document (.txt, .md, .docx) as numbered lines.

Used by the outliner and the checker.  For .docx, each paragraph is one line
(numbered from 1), and headings keep their style name so the outliner can use
it.  The zip is opened defensively: size limits, no external entities.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from speechgen.errors import InputError
from speechgen.core.files import check_docx_zip, stat_input
from speechgen.core.limits import LIMITS, breach, open_zip, read_bounded
from speechgen.core.yamlsrc import decode
from speechgen.outline.pdf import converted_doc, pdf_text

MAX_BYTES = LIMITS.document_bytes  # size of any input, counted while reading


@dataclass(frozen=True)
class Line:
    number: int          # 1-based line (txt/md) or paragraph number (docx)
    text: str
    style: str = ""      # Word paragraph style name ("Heading 2" for a Markdown ``##`` line)
    bold: bool = False   # the whole paragraph (or its first run) is bold in Word
    lead: str = ""       # the paragraph's leading bold text (Word runs, Markdown ``**…**``)
    numbered: bool = False  # Word automatic list numbering (the marker is not in ``text``)


MARKDOWN_SUFFIXES = (".md", ".markdown")


def read_lines(path: str | Path, *, markdown: bool = False) -> list[Line]:
    """The document's lines; raises :class:`InputError` with a Chinese message.

    With ``markdown=True`` a ``.md`` file's syntax is read instead of kept:
    ``## 一、…`` becomes text ``一、…`` with style ``Heading 2``, a leading
    ``**bold**`` span becomes :attr:`Line.lead`, other emphasis marks go.
    """
    path = Path(path)
    stat_input(path, max_bytes=MAX_BYTES)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return _docx_lines(path)
    if suffix == ".pdf":
        text = pdf_text(path)
        if len(text) > LIMITS.document_chars:
            raise breach(str(path), "document_chars", f"{len(text):,}")
        return [Line(i, t) for i, t in enumerate(text.splitlines(), start=1)]
    if suffix in {".doc", ".wps"}:
        docx, tmp = converted_doc(path)
        try:
            return _docx_lines(docx)
        finally:
            tmp.cleanup()
    if suffix in {".xls", ".xlsx", ".et", ".ppt", ".pptx", ".zip", ".rar"}:
        raise InputError(f"{path}：不支持 {path.suffix} 格式，请另存为 .docx 或 .txt")
    text = decode(read_bounded(path, MAX_BYTES), str(path))
    if len(text) > LIMITS.document_chars:
        raise breach(str(path), "document_chars", f"{len(text):,}")
    if markdown and path.suffix.lower() in MARKDOWN_SUFFIXES:
        return [markdown_line(i, t) for i, t in enumerate(text.splitlines(), start=1)]
    return [Line(i, t) for i, t in enumerate(text.splitlines(), start=1)]


_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_LEAD = re.compile(r"^\s*(?:\*\*|__)(.+?)(?:\*\*|__)")
_MD_MARKS = re.compile(r"\*\*|__|(?<!\*)\*(?!\*)|^\s{0,3}>\s?|^\s{0,3}[-+]\s+(?=\S)|\s{2,}$")


def markdown_line(number: int, text: str) -> Line:
    """One Markdown line as a :class:`Line` (heading level as style, bold lead kept)."""
    m = _MD_HEADING.match(text)
    if m:
        return Line(number, _MD_MARKS.sub("", m.group(2)), f"Heading {len(m.group(1))}")
    lead = _MD_LEAD.match(text)
    plain = _MD_MARKS.sub("", text)
    return Line(number, plain, "", bool(lead), lead.group(1) if lead else "")


def read_text(path: str | Path) -> str:
    return "\n".join(line.text for line in read_lines(path))


def _docx_lines(path: Path) -> list[Line]:
    import io

    raw = read_bounded(path, MAX_BYTES, what="Word 文件")
    check_docx_zip(path)
    open_zip(raw, str(path), what="Word 文件").close()  # members, sizes and ratios within the limits
    from docx import Document  # python-docx only when a .docx is read

    from speechgen.core.wordtext import paragraph_text

    try:
        doc = Document(io.BytesIO(raw))
    except Exception as exc:  # corrupt package, not a docx, …
        raise InputError(f"{path}：无法读取 Word 文件（{type(exc).__name__}），文件可能已损坏") from None
    lines = []
    styles = _style_table(doc)  # python-docx looks a style up by scanning all styles: once here, not per paragraph
    paragraphs = doc.paragraphs
    if len(paragraphs) > LIMITS.document_paragraphs:
        raise breach(str(path), "document_paragraphs", len(paragraphs))
    chars = 0
    for i, para in enumerate(paragraphs, start=1):
        runs = [r for r in para.runs if r.text.strip()]
        bold = bool(runs) and bool(runs[0].bold)
        ppr = para._p.pPr
        sid = ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None
        name, numbered_style = styles.get(sid, styles.get(None, ("", False)))
        numbered = (ppr is not None and ppr.numPr is not None) or numbered_style
        # the visible text (tracked insertions in, deletions out): the annotator's offsets are into it
        text = paragraph_text(para._p)
        chars += len(text)
        if chars > LIMITS.document_chars:
            raise breach(str(path), "document_chars")
        lines.append(Line(i, text, name, bold, _bold_lead(para.runs), numbered))
    return lines


def _style_table(doc) -> dict:  # type: ignore[no-untyped-def,type-arg]
    """style id → (name, numbered through the style or its bases); None → the default paragraph style."""
    from docx.enum.style import WD_STYLE_TYPE

    table = {}
    for style in doc.styles:
        try:
            if style.type != WD_STYLE_TYPE.PARAGRAPH:
                continue
        except ValueError:
            continue
        entry = (style.name or "", _style_numbered(style))
        table[style.style_id] = entry
        if style.element.default:
            table[None] = entry
    return table


def _style_numbered(style) -> bool:  # type: ignore[no-untyped-def]
    seen = 0
    while style is not None and seen < 20:
        spr = style.element.pPr
        if spr is not None and spr.numPr is not None:
            return True
        style, seen = style.base_style, seen + 1
    return False


def _bold_lead(runs: list) -> str:  # type: ignore[type-arg]
    """Text of the leading bold runs (a bold lead sentence such as “一要压实责任。”)."""
    lead = []
    for run in runs:
        if run.bold:
            lead.append(run.text)
        elif run.text.strip():
            break
        else:
            lead.append(run.text)
    return "".join(lead).strip()




