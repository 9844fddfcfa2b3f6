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


def format_for_path(path: str, default: str = "md") -> str:
    """Infer the format from a file name's extension."""
    suffix = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    return {"markdown": "md", "text": "txt"}.get(suffix, suffix) if suffix in (*FORMATS, "markdown", "text") else default
