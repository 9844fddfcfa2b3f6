"""Spec loading: YAML text/file or a dict → validated :class:`~speechgen.model.Spec`.

Every failure becomes an :class:`InputError` whose message names the file, the
line and the field, in Chinese, e.g.
``samples/q1.yaml 第12行 indicators[2].growth：应为数字，收到 "5.6%"``.
"""
from __future__ import annotations

import difflib
import os
from pathlib import Path
from typing import Any, Iterable, Mapping

from pydantic import BaseModel, ValidationError

from speechgen.core.chars import bad_char
from speechgen.core.limits import LIMITS, breach, read_bounded
from speechgen.errors import InputError
from speechgen.spec.model import CHINESE_KEYS, IndicatorFile, Spec
from speechgen.spec.placeholders import ensure_filled, scan
from speechgen.spec.tables.periodcols import When
from speechgen.core.yamlsrc import decode, dotted, load_yaml, nearest_line

MAX_SPEC_BYTES = LIMITS.spec_bytes


def load_spec(source: str | Path | Mapping[str, Any], *, base_dir: Path | None = None,
              allow_outside: bool = False) -> Spec:
    """Load a spec from a path, a YAML string or a mapping.

    A ``str`` that names an existing file, or any :class:`~pathlib.Path`, is
    read as a file; another ``str`` is parsed as YAML text.  A table the spec names
    (``indicators: {file: …}``) must lie inside the spec's folder (*base_dir*) unless
    *allow_outside*: an untrusted spec cannot make us read any local file.
    """
    kw = {"allow_outside": allow_outside}
    if isinstance(source, Mapping):
        return validate(dict(source), name="<dict>", lines={}, base_dir=base_dir or Path.cwd(), **kw)
    if isinstance(source, Path) or (isinstance(source, str) and "\n" not in source and _is_file(source)):
        path = Path(source)
        return load_spec_text(read_text(path), name=str(path), base_dir=base_dir or path.parent, **kw)
    return load_spec_text(str(source), name="<文本>", base_dir=base_dir or Path.cwd(), **kw)


def _is_file(s: str) -> bool:
    try:
        return len(s) < 4096 and Path(s).is_file()
    except OSError:
        return False


def read_text(path: Path) -> str:
    """Read a UTF-8 text file with Chinese errors for the usual mishaps."""
    return decode(read_bounded(path, MAX_SPEC_BYTES), str(path))


def load_spec_text(text: str, *, name: str = "<文本>", base_dir: Path | None = None,
                   allow_outside: bool = False) -> Spec:
    data, lines = load_yaml(text, name)
    if not isinstance(data, dict):
        raise InputError(f"{name} 第1行：顶层应为字段表（meeting、indicators……），收到{_kind(data)}")
    return validate(data, name=name, lines=lines, base_dir=base_dir or Path.cwd(), allow_outside=allow_outside)


def validate(
    data: dict[str, Any], *, name: str, lines: Mapping[tuple[Any, ...], int], base_dir: Path,
    allow_outside: bool = False
) -> Spec:
    problems = list(_screen(data, (), name, lines))
    if problems:
        raise InputError("\n".join(problems[:20]), problems=problems)
    marks = scan(data, name=name, lines=lines)
    try:
        spec = Spec.model_validate(data)
    except ValidationError as exc:
        located = sorted(
            (_describe(err, data, name, lines) for err in exc.errors()), key=lambda p: p[0]
        )
        unfilled = dict(marks)  # where → mark
        places = [text.split("：", 1)[0] for _, text in located]
        if marks and all(place in unfilled for place in places):
            ensure_filled(_Marked(marks))  # only 【待填】 in number fields: say what is unfilled, not "应为数字"
        problems = list(dict.fromkeys(
            f"{place}：{unfilled[place]} 尚未填写（【待填】等占位）" if place in unfilled else text
            for place, (_, text) in zip(places, located)))
        raise InputError("\n".join(problems), problems=problems) from None
    workbook: Path | None = None
    if isinstance(spec.indicators, IndicatorFile):
        from speechgen.spec.tables.rows import read_indicator_file  # openpyxl only when a table is referenced

        ref = spec.indicators
        line = lines.get(_key_path(data, ("indicators",)), 0)
        where = f"{name} 第{line}行 indicators.file" if line else f"{name} indicators.file"
        workbook = _confined(base_dir, ref.file, where) if not allow_outside else base_dir / ref.file
        rows = read_indicator_file(workbook, sheet=ref.sheet, columns=ref.columns, when=meeting_when(spec),
                                   origin=f"{name} 第{line}行 indicators" if line else name)
        spec = spec.model_copy(update={"indicators": rows})
    if spec.avoid:  # earlier speeches are named relative to the spec file
        spec = spec.model_copy(update={"avoid": [str(base_dir / a) for a in spec.avoid]})
    if spec.regions is not None and spec.regions.pending:
        line = lines.get(_key_path(data, ("regions",)), 0)
        file = workbook
        if spec.regions.file:
            where = f"{name} 第{line}行 regions.file" if line else f"{name} regions.file"
            file = (_confined(base_dir, spec.regions.file, where) if not allow_outside
                    else base_dir / spec.regions.file)
        if file is not None:
            spec = with_regions(spec, file, origin=f"{name} 第{line}行 regions" if line else f"{name} regions")
    spec._placeholders = marks
    if len(spec.indicator_rows) > LIMITS.indicators:
        raise breach(f"{name} indicators", "indicators", len(spec.indicator_rows))
    return spec


def with_regions(spec: Spec, path: Path, *, origin: str) -> Spec:
    """*spec* with its pending ``regions`` reference read from *path* (the sheet it names): the rows
    replace the reference, as a table replaces ``indicators: {file: …}``."""
    from speechgen.spec.tables.regions import read_region_rows

    ref = spec.regions
    assert ref is not None
    rows = read_region_rows(path, indicator=ref.indicator, sheet=ref.sheet, columns=ref.columns, origin=origin,
                            when=meeting_when(spec))
    updated = spec.model_copy(update={"regions": ref.model_copy(update={"rows": rows, "file": None, "sheet": None})})
    updated._placeholders = getattr(spec, "_placeholders", [])
    return updated


def meeting_when(spec: Spec) -> When:
    """The meeting's period and year, which choose a table's columns of several periods."""
    return When(spec.meeting.period_info, spec.meeting.year)


class _Marked:
    def __init__(self, marks: list[tuple[str, str]]) -> None:
        self._placeholders = marks


def _confined(base_dir: Path, name: str, where: str) -> Path:
    """*name* resolved against *base_dir*, refused when it (links followed) leaves that folder."""
    target = base_dir / name
    root = os.path.realpath(base_dir)
    real = os.path.realpath(target)
    if real != root and not real.startswith(root.rstrip(os.sep) + os.sep):
        raise InputError(f"{where}：{name} 在 spec 所在目录以外，默认不读取（防止不可信的 spec 读取本机其他文件）；"
                         "确需读取请加 --allow-outside，或把表格放到 spec 旁边")
    return target


def _screen(node: Any, path: tuple[Any, ...], name: str, lines: Mapping[tuple[Any, ...], int]) -> Iterable[str]:
    """Text no draft may carry: control characters, bidi overrides, lone surrogates (named with
    their position), and text fields beyond ``text_chars``.  Locations are worked out only for
    the strings that fail."""
    stack: list[tuple[Any, tuple[Any, ...]]] = [(node, path)]
    while stack:
        value, where = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                stack.append((item, where + (key,)))
                if isinstance(key, str) and bad_char(key):
                    stack.append((key, where + (key,)))
        elif isinstance(value, list):
            stack.extend((item, where + (i,)) for i, item in enumerate(value))
        elif isinstance(value, str):
            found = bad_char(value)
            if found:
                yield f"{_place(name, lines, where)}：第{found[0]}个字是{found[1]}（不可见的控制或方向字符），请删除"
            elif len(value) > LIMITS.text_chars:
                yield str(breach(_place(name, lines, where), "text_chars", f"{len(value):,} 字"))


def _place(name: str, lines: Mapping[tuple[Any, ...], int], path: tuple[Any, ...]) -> str:
    line = nearest_line(lines, path)
    field = dotted(path) or "（顶层）"
    return f"{name} 第{line}行 {field}" if line else f"{name} {field}"


# --------------------------------------------------------------------------- errors

def _describe(
    err: Mapping[str, Any], data: Any, name: str, lines: Mapping[tuple[Any, ...], int]
) -> tuple[int, str]:
    path = _data_path(data, err["loc"])
    line = nearest_line(lines, path)
    where = f"{name} 第{line}行" if line else name
    field = dotted(path) or "（顶层）"
    return line, f"{where} {field}：{_message(err, data, path)}"


def _data_path(data: Any, loc: Iterable[Any]) -> tuple[Any, ...]:
    """Keep the parts of a pydantic ``loc`` that really index into *data* (drops union tags)."""
    path: list[Any] = []
    node = data
    loc = list(loc)
    for i, part in enumerate(loc):
        if isinstance(node, dict) and part in node:
            node = node[part]
            path.append(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            path.append(part)
        elif i == len(loc) - 1 and isinstance(part, str) and isinstance(node, dict):
            path.append(part)  # a missing or extra key: name it anyway
    return tuple(path)


def _key_path(data: Any, path: tuple[Any, ...]) -> tuple[Any, ...]:
    """Map an English field path to the key actually used in *data* (maybe Chinese)."""
    if isinstance(data, dict):
        for key in (path[0], *CHINESE_KEYS.get(path[0], ())):
            if key in data:
                return (key,)
    return path


_KIND = {dict: "字段表", list: "列表", str: "文字", int: "整数", bool: "是/否", type(None): "空值"}


def _kind(value: Any) -> str:
    return _KIND.get(type(value), "数字" if hasattr(value, "as_tuple") else type(value).__name__)


def _shown(value: Any) -> str:
    text = str(value)
    return f'"{text[:40]}…"' if len(text) > 40 else f'"{text}"'


def _message(err: Mapping[str, Any], data: Any, path: tuple[Any, ...]) -> str:
    kind, value = err["type"], err.get("input")
    if kind == "missing":
        return "缺少必填字段"
    if kind == "extra_forbidden":
        return "未知字段" + _suggest(str(path[-1]) if path else "", err, data, path)
    if kind in {"decimal_parsing", "decimal_type", "float_parsing", "float_type"}:
        return f"应为数字，收到 {_shown(value)}（不要带 % 或单位）"
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return f"应为整数，收到 {_shown(value)}"
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        limit = next(iter((err.get("ctx") or {}).values()), "")
        word = "不能小于" if "greater" in kind else "不能大于"
        return f"{word} {limit}，收到 {_shown(value)}"
    if kind in {"enum", "literal_error"}:
        return f"无法识别 {_shown(value)}，应为 {(err.get('ctx') or {}).get('expected', '')}"
    if kind in {"date_from_datetime_parsing", "date_parsing", "date_type"}:
        return f"日期格式应为 2025-04-18，收到 {_shown(value)}"
    if kind == "string_type":
        return f"应为文字，收到{_kind(value)} {_shown(value)}（可给内容加引号）"
    if kind == "list_type":
        return f"应为列表（每项以“- ”开头），收到{_kind(value)}"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return f"应为字段表（“键: 值”），收到{_kind(value)}"
    if kind == "string_too_long":
        limit = (err.get("ctx") or {}).get("max_length", "")
        return f"过长（不超过 {limit} 字），收到 {len(str(value))} 字"
    if kind == "too_long":
        limit = (err.get("ctx") or {}).get("max_length", "")
        return f"条目过多（不超过 {limit} 项）"
    if kind == "bool_parsing":
        return f"应为 true 或 false，收到 {_shown(value)}"
    if kind == "value_error":
        return str((err.get("ctx") or {}).get("error", err["msg"]))
    return err["msg"]


def _suggest(key: str, err: Mapping[str, Any], data: Any, path: tuple[Any, ...]) -> str:
    model = _model_at(Spec, data, path[:-1])
    if model is None:
        return ""
    names: list[str] = []
    for fname in model.model_fields:
        names += [fname, *CHINESE_KEYS.get(fname, ())]
    close = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
    if close:
        return f"，是否应为 “{close[0]}”？"
    return "，可用字段：" + "、".join(model.model_fields)


def _model_at(model: type[BaseModel], data: Any, path: tuple[Any, ...]) -> type[BaseModel] | None:
    """The pydantic model that validates the mapping at *path*."""
    import typing

    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = _field_for_key(current, part)
        if field is None:
            return None
        current = _inner_model(field.annotation, typing)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _field_for_key(model: type[BaseModel], key: str) -> Any:
    for fname, field in model.model_fields.items():
        if key == fname or key in CHINESE_KEYS.get(fname, ()):
            return field
    return None


def _inner_model(annotation: Any, typing: Any) -> Any:
    stack = [annotation]
    while stack:
        ann = stack.pop()
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            return ann
        stack.extend(typing.get_args(ann))
    return None
