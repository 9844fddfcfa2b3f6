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
from speechgen.core.yamlsrc import decode

MAX_BYTES = 50 * 1024 * 1024        # on-disk size of any input


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
    if path.suffix.lower() == ".docx":
        return _docx_lines(path)
    if path.suffix.lower() in {".doc", ".wps", ".pdf", ".xls", ".xlsx", ".et", ".ppt", ".pptx", ".zip", ".rar"}:
        raise InputError(f"{path}：不支持 {path.suffix} 格式，请另存为 .docx 或 .txt")
    text = decode(path.read_bytes(), str(path))
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
    check_docx_zip(path)
    from docx import Document  # python-docx only when a .docx is read

    try:
        doc = Document(str(path))
    except Exception as exc:  # corrupt package, not a docx, …
        raise InputError(f"{path}：无法读取 Word 文件（{type(exc).__name__}），文件可能已损坏") from None
    lines = []
    for i, para in enumerate(doc.paragraphs, start=1):
        runs = [r for r in para.runs if r.text.strip()]
        bold = bool(runs) and bool(runs[0].bold)
        style = para.style.name if para.style is not None else ""
        lines.append(Line(i, para.text, style, bold, _bold_lead(para.runs), _numbered(para)))
    return lines


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


def _numbered(para) -> bool:  # type: ignore[no-untyped-def]
    """Word automatic numbering, on the paragraph or through its style."""
    ppr = para._p.pPr
    if ppr is not None and ppr.numPr is not None:
        return True
    style = para.style
    while style is not None:
        spr = style.element.pPr
        if spr is not None and spr.numPr is not None:
            return True
        style = style.base_style
    return False


