"""Plain YAML with comments: block style, no tags, keys in the order given.

PyYAML cannot write comments and tags Decimals (``!!float '7'``); this small emitter writes
mappings and lists in block style, scalars through ``yaml.safe_dump`` (so quoting is always
right), numbers as plain numbers, and a :class:`~speechgen.outline.extract.Val`'s comment after
its value.  ``_notes`` keys become comment lines above the mapping's other keys.
"""
from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Any

import yaml

from speechgen.outline.extract import Val

INDENT = "  "


def scalar(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return {True: "true", False: "false", None: "null"}[value]
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    text = yaml.safe_dump(str(value), allow_unicode=True, width=10**9, default_flow_style=True)
    return text.strip().removesuffix("...").strip()


def _comment(text: str) -> str:
    return f"  # {' '.join(text.split())}" if text else ""


def emit(data: Any, level: int = 0) -> list[str]:
    """YAML lines for *data* (a mapping at the top level)."""
    pad = INDENT * level
    lines: list[str] = []
    if isinstance(data, dict):
        for note in data.get("_notes", []):
            lines.append(f"{pad}# {' '.join(note.split())}")
        for key, value in data.items():
            if key == "_notes":
                continue
            lines += _entry(f"{pad}{key}:", value, level)
    elif isinstance(data, list):
        for value in data:
            lines += _item(value, level)
    return lines


def _entry(head: str, value: Any, level: int) -> list[str]:
    if isinstance(value, Val):
        return [f"{head} {scalar(value.value)}{_comment(value.comment)}"]
    if isinstance(value, dict):
        return [head] + emit(value, level + 1) if value else [f"{head} {{}}"]
    if isinstance(value, list):
        return [head] + emit(value, level + 1) if value else [f"{head} []"]
    return [f"{head} {scalar(value)}"]


def _item(value: Any, level: int) -> list[str]:
    pad = INDENT * level
    if isinstance(value, dict):
        inner = emit(value, level + 1)
        if not inner:
            return [f"{pad}- {{}}"]
        notes = [l for l in inner if l.lstrip().startswith("#")]
        rest = [l for l in inner if not l.lstrip().startswith("#")]
        first = rest[0][len(INDENT * (level + 1)):]
        return [l.replace(INDENT * (level + 1), pad, 1) for l in notes] + [f"{pad}- {first}"] + rest[1:]
    if isinstance(value, Val):
        return [f"{pad}- {scalar(value.value)}{_comment(value.comment)}"]
    return [f"{pad}- {scalar(value)}"]


def plain(data: Any) -> Any:
    """The data without comments (for ``outline_spec`` and tests)."""
    if isinstance(data, Val):
        return plain(data.value)
    if isinstance(data, dict):
        return {k: plain(v) for k, v in data.items() if k != "_notes"}
    if isinstance(data, list):
        return [plain(v) for v in data]
    return data
