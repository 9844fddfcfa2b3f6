"""Read YAML safely while remembering where every value came from.

Only PyYAML's *safe* composer is used (no Python tags, no object
construction); we turn its node tree into plain data ourselves so that
floats become :class:`~decimal.Decimal` (5.80 keeps its trailing zero) and each
path (``("indicators", 2, "growth")``) maps to its 1-based line.
"""
from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any, Mapping

import yaml

from speechgen.core.limits import LIMITS, Budget, breach
from speechgen.errors import InputError

Path_ = tuple[Any, ...]

# libyaml's safe loader when PyYAML was built with it (10x faster); same node tree and marks.
SAFE_LOADER = _LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_DECIMAL_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_BOOL = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}


def decode(raw: bytes, source: str) -> str:
    """UTF-8 (with or without BOM) or a located Chinese error."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        hint = ""
        try:
            raw.decode("gb18030")
            hint = "；看起来是 GBK/GB18030 编码，请用记事本或 WPS 另存为 UTF-8"
        except UnicodeDecodeError:
            pass
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(f"{source} 第{line}行：文件不是 UTF-8 编码{hint}") from None


def load_yaml(text: str, source: str) -> tuple[Any, dict[Path_, int]]:
    """Parse *text*; return (data, {path: line}).  Errors name file and line."""
    try:
        try:
            _screen_events(text, source, _LOADER)  # depth, aliases, self-references: before composing
            node = yaml.compose(text, Loader=_LOADER)
        except yaml.YAMLError:  # re-parse in Python for its more precise messages
            _screen_events(text, source, yaml.SafeLoader)
            node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" 第{mark.line + 1}行第{mark.column + 1}列" if mark else ""
        raise InputError(f"{source}{where}：YAML 格式错误（{_yaml_problem(exc)}）") from None
    except yaml.YAMLError as exc:  # pragma: no cover - other scanner errors
        raise InputError(f"{source}：YAML 格式错误（{exc}）") from None
    if node is None:
        raise InputError(f"{source}：文件为空，请参照 `speechgen init` 填写")
    lines: dict[Path_, int] = {}
    return _build(node, (), lines, source, Budget("yaml_nodes", source)), lines


def _screen_events(text: str, source: str, loader: type) -> None:
    """Refuse, from the event stream (no recursion, nothing expanded), nesting deeper than
    ``yaml_depth``, more than ``yaml_aliases`` alias references, an expansion larger than
    ``yaml_nodes`` values (each anchor's expanded size is counted once, so a "billion laughs"
    file is refused in microseconds), and an alias inside its own anchor."""
    aliases = Budget("yaml_aliases", source)
    sizes: dict[str, int] = {}
    stack: list[list[Any]] = [[0, None]]  # [values so far, anchor] per open collection
    total = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            if len(stack) > LIMITS.yaml_depth:
                raise breach(f"{source} 第{event.start_mark.line + 1}行", "yaml_depth")
            stack.append([1, event.anchor])
            total += 1
        elif isinstance(event, yaml.CollectionEndEvent):
            count, anchor = stack.pop()
            if anchor is not None:
                sizes[anchor] = count
            stack[-1][0] += count
        elif isinstance(event, yaml.ScalarEvent):
            stack[-1][0] += 1
            total += 1
            if event.anchor is not None:
                sizes[event.anchor] = 1
        elif isinstance(event, yaml.AliasEvent):
            where = f"{source} 第{event.start_mark.line + 1}行"
            aliases.spend(1, where)
            if any(anchor == event.anchor for _, anchor in stack):
                raise InputError(f"{where}：别名 *{event.anchor} 引用了它自身所在的内容（循环引用）")
            size = sizes.get(event.anchor, 1)
            stack[-1][0] += size
            total += size
        if total > LIMITS.yaml_nodes:
            raise breach(f"{source} 第{event.start_mark.line + 1}行（按别名展开计）", "yaml_nodes", f"{total:,}")


def _yaml_problem(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "").strip()
    known = {
        "found character '\\t' that cannot start any token": "不能用 Tab 缩进，请改用空格",
        "mapping values are not allowed here": "此处不能出现冒号，冒号后要有空格，或给整段文字加引号",
        "could not find expected ':'": "缺少冒号",
        "found duplicate anchor": "重复的锚点",
    }
    for key, cn in known.items():
        if key in problem:
            return cn
    if "expected <block end>" in problem or "did not find expected" in problem:
        return "缩进不一致或列表项缺少“- ”"
    return problem or "无法解析"


_COLLECTION_TAGS = {yaml.MappingNode: "tag:yaml.org,2002:map", yaml.SequenceNode: "tag:yaml.org,2002:seq"}


def _build(node: yaml.Node, path: Path_, lines: dict[Path_, int], source: str, nodes: Budget) -> Any:
    lines[path] = node.start_mark.line + 1
    nodes.spend(1, f"{source} 第{node.start_mark.line + 1}行")
    expected = _COLLECTION_TAGS.get(type(node))
    if expected is not None and node.tag != expected:
        raise InputError(f"{source} 第{node.start_mark.line + 1}行：不支持的 YAML 标签 {node.tag}")
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for knode, vnode in node.value:
            key = _scalar(knode, source) if isinstance(knode, yaml.ScalarNode) else None
            if not isinstance(key, (str, int)):
                raise InputError(f"{source} 第{knode.start_mark.line + 1}行：字段名必须是文字")
            key = str(key)
            if key in out:
                raise InputError(f"{source} 第{knode.start_mark.line + 1}行：字段 {key} 重复出现")
            lines[path + (key,)] = knode.start_mark.line + 1
            out[key] = _build(vnode, path + (key,), lines, source, nodes)
            lines[path + (key,)] = knode.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(v, path + (i,), lines, source, nodes) for i, v in enumerate(node.value)]
    return _scalar(node, source)


def _scalar(node: yaml.Node, source: str) -> Any:
    value: str = node.value
    tag = node.tag
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return _BOOL[value.lower()]
    if tag == "tag:yaml.org,2002:int":  # only plain decimal digits: 1_000, 0x10, 0o17 stay text
        return int(value) if _DECIMAL_INT.fullmatch(value) else value
    if tag == "tag:yaml.org,2002:float":
        if "_" in value:
            return value  # 1_000.5 is not how a figure is written: the schema says so
        try:
            d = Decimal(value)
        except InvalidOperation:
            return value  # .inf / .nan: left as text, the schema rejects it
        return d if d.is_finite() else value
    if tag == "tag:yaml.org,2002:timestamp":
        try:
            return _dt.date.fromisoformat(value[:10]) if len(value) <= 10 else value
        except ValueError:
            return value
    if tag == "tag:yaml.org,2002:str":
        return value
    raise InputError(f"{source} 第{node.start_mark.line + 1}行：不支持的 YAML 标签 {tag}")


def nearest_line(lines: "Mapping[tuple[Any, ...], int]", path: tuple[Any, ...]) -> int:
    """The line of *path* in the YAML source, or of its nearest ancestor that has one (0: unknown)."""
    for n in range(len(path), -1, -1):
        if path[:n] in lines:
            return lines[path[:n]]
    return 0


def dotted(path: tuple[Any, ...]) -> str:
    """``("indicators", 2, "growth")`` → ``indicators[2].growth``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
