"""Placeholders left in a spec (【待填】, XX, 某某…): located, so ``render`` can refuse with the list.

A starter from ``speechgen init`` or a carried-forward spec is full of 【待填】 on purpose; it
loads (so it can be edited and checked) but must not become a draft that reads as finished.
"""
from __future__ import annotations

from typing import Any, Iterator, Mapping

from speechgen.core.placeholders import find_marks
from speechgen.core.yamlsrc import dotted, nearest_line
from speechgen.errors import PlaceholderError

Located = tuple[str, str]  # (where: "file 第3行 indicators[0].value", the mark)


def scan(data: Any, *, name: str = "", lines: Mapping[tuple[Any, ...], int] | None = None) -> list[Located]:
    """Every string in the raw spec *data* holding a placeholder mark, with file, line and field."""
    out = []
    for path, text in _strings(data, ()):
        for m, _why in find_marks(text):
            line = nearest_line(lines or {}, path)
            where = " ".join(x for x in (name, f"第{line}行" if line else "") if x)
            out.append((f"{where} {dotted(path)}".strip(), m.group(0)))
            break
    return out


def unfilled(spec: Any) -> list[Located]:
    """Placeholders of a loaded spec: located at load time, or found in its fields now."""
    found = getattr(spec, "_placeholders", None)
    if found is None:
        found = scan(spec.model_dump(mode="json", exclude_none=True))
    return list(found)


def ensure_filled(spec: Any) -> None:
    """Raise :class:`PlaceholderError` listing every field that still holds a placeholder."""
    found = unfilled(spec)
    if found:
        listing = "\n".join(f"  {where}：{mark}" for where, mark in found)
        problems = [f"{where}：{mark}" for where, mark in found]
        raise PlaceholderError(f"spec 中还有 {len(found)} 处内容没有填写（【待填】等占位），不生成讲话稿。"
                               f"请先填写：\n{listing}", problems=problems)


#: fields that name files, sheets and columns: "x.xlsx" or a sheet called "X" is a name, not a placeholder
_NAMES = frozenset({"file", "文件", "sheet", "工作表", "columns", "列", "avoid", "避免重复", "上期讲话",
                    "wording_files"})


def _strings(node: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    if path and path[-1] in _NAMES:
        return
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, Mapping):
        for k, v in node.items():
            yield from _strings(v, (*path, k))
    elif isinstance(node, (list, tuple)):
        for i, v in enumerate(node):
            yield from _strings(v, (*path, i))
