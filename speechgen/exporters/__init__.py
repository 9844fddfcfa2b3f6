"""Exporters: a Draft → bytes in one format.  Only :mod:`.docx` imports python-docx."""
from __future__ import annotations

from typing import Any

from speechgen.core.draft import Draft
from speechgen.errors import ExportError

FORMATS = ("docx", "md", "txt", "json")


def export_bytes(draft: Draft, fmt: str, **options: Any) -> bytes:
    """Serialise *draft* as *fmt* (``docx``, ``md``, ``txt`` or ``json``)."""
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


#: suffix → format, for every file speechgen writes (the one place that decides it).
SUFFIXES = {"docx": "docx", "md": "md", "markdown": "md", "txt": "txt", "text": "txt", "json": "json"}


def format_for_path(path: str, default: str = "md") -> str:
    """The format a file name asks for; *default* when it has no suffix.  A suffix speechgen does
    not write (.pdf, .doc, .wps…) is an :class:`ExportError`, never Markdown bytes in a .pdf."""
    from pathlib import PurePath

    suffix = PurePath(str(path)).suffix.lower().lstrip(".")
    if not suffix:
        return default
    if suffix not in SUFFIXES:
        known = "、".join(f".{s}" for s in SUFFIXES)
        hint = "（Word 97 格式请用 .docx，再用 Word 另存）" if suffix == "doc" else \
            "（PDF 请先生成 .docx，再用 Word 或 WPS 导出）" if suffix == "pdf" else ""
        raise ExportError(f"不支持输出 .{suffix} 文件：{path}。可用的扩展名：{known}{hint}")
    return SUFFIXES[suffix]
