"""Exporters: a Draft → bytes in one format.  Only :mod:`.docx` imports python-docx."""
from __future__ import annotations

from typing import Any

from speechgen.core.draft import Draft
from speechgen.errors import ExportError

FORMATS = ("docx", "md", "txt", "json", "pdf")
SUFFIXES = {"docx": "docx", "md": "md", "markdown": "md", "txt": "txt", "text": "txt", "json": "json", "pdf": "pdf"}


def export_bytes(draft: Draft, fmt: str, **options: Any) -> bytes:
    """Serialise *draft* as *fmt* (``docx``, ``md``, ``txt``, ``json``, or ``pdf`` through LibreOffice)."""
    if fmt == "pdf":
        from speechgen.exporters.docx.writer import to_docx
        from speechgen.exporters.pdf import docx_to_pdf

        return docx_to_pdf(to_docx(draft, **options)).data
    if fmt == "docx":
        from speechgen.exporters.docx.writer import to_docx

        return to_docx(draft, **options)
    if fmt == "md":
        from speechgen.exporters.markdown import to_markdown as writer
    elif fmt == "txt":
        from speechgen.core.draft import to_text as writer
    elif fmt == "json":
        from speechgen.exporters.jsonfmt import to_json as writer
    else:
        raise ExportError(f"不支持的输出格式 {fmt!r}，可选：{'、'.join(FORMATS)}")
    return writer(draft).encode("utf-8")


def format_for_path(path: str, default: str = "md") -> str:
    """The format a file name's extension asks for (*default* without one); ExportError for an unknown one."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name.lstrip(".") else ""
    if not suffix:
        return default
    if suffix not in SUFFIXES:
        raise ExportError(f"{path}：不支持输出 .{suffix} 文件，请用 .docx、.pdf、.md、.txt 或 .json"
                          "（或用 --format 指定格式）")
    return SUFFIXES[suffix]
