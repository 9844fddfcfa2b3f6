"""The spec form, built from the pydantic spec model.

Every field of :class:`~speechgen.Spec` becomes a :class:`Widget` by its type, so a field
another issue adds to the model appears on the page without editing the page:

* ``str`` → text input (a few long-text names → textarea), ``int``/``Decimal`` → number text,
  ``bool`` → 是/否, ``date`` → date picker, ``Enum``/``Literal`` → select with Chinese labels,
  ``list[str]`` → one entry per line, a model → a group, ``list[model]`` → repeatable cards
  (a grid when the model is a flat row of many scalars, such as the indicator table);
* anything else (dicts, unions without a list-of-models arm) → a small YAML box for that
  field, so every field stays reachable.

Labels come from the model's Chinese alias table and field descriptions.  The browser script
turns the form back into a dict (see ``static/workbench.js``) whose keys are the English field
names; :func:`form_values` is the matching dict → values direction.
"""
from __future__ import annotations

import datetime as _dt
import enum
import re
import types
import typing
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from speechgen.spec.model import CHINESE_KEYS, MEETING_TYPE_NAMES, MeetingType, Spec

#: str fields shown as a multi-line box
LONG_TEXT = frozenset({"detail", "text", "body", "content", "summary", "situation", "note"})
#: a list of flat models with at least this many scalar fields is edited as a grid
GRID_MIN_FIELDS = 6
#: suggestions offered for free-text fields (value, label)
SUGGESTIONS: dict[str, list[tuple[str, str]]] = {  # (value offered, hint shown beside it)
    "period": [("一季度", "Q1"), ("上半年", "H1"), ("前三季度", "Q3"), ("全年", "year"), ("二季度", "Q2 当季"),
               ("四季度", "Q4 当季"), *((f"1—{n}月", f"M1-{n} 累计") for n in range(2, 12)),
               *((f"{n}月", f"M{n} 当月") for n in range(1, 13))],
    "region": [(v, "本级") for v in ("全市", "全县", "全区", "全州", "全盟", "全省")],
    "superior": [(v, "比较对象") for v in ("全省", "全市", "全国", "全区", "全州")],
}
SCALARS = frozenset({"str", "text", "num", "int", "bool", "date", "enum"})


@dataclass
class Widget:
    key: str
    label: str
    kind: str  # str text num int bool date enum lines obj list grid yaml
    help: str = ""
    required: bool = False
    options: list[tuple[str, str]] = field(default_factory=list)
    children: list["Widget"] = field(default_factory=list)  # obj fields; list/grid: the item's fields
    item_kind: str = ""  # list: "obj"

    @property
    def scalar(self) -> bool:
        return self.kind in SCALARS


def spec_widgets() -> list[Widget]:
    """The widgets of every top-level spec field, in model order."""
    return model_widgets(Spec)


def model_widgets(model: type[BaseModel]) -> list[Widget]:
    return [field_widget(name, info) for name, info in model.model_fields.items()]


def field_widget(name: str, info: FieldInfo) -> Widget:
    help_text = info.description or ""
    w = type_widget(name, info.annotation, help_text)
    w.required = info.is_required()
    return w


def type_widget(name: str, annotation: Any, help_text: str = "") -> Widget:
    label = field_label(name, help_text)
    tp = _unwrap(annotation)
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        arms = [_unwrap(a) for a in typing.get_args(tp) if a is not type(None)]
        listed = [a for a in arms if _is_model_list(a)]
        if listed:  # e.g. indicators: a table or a file reference → the table (uploads replace files)
            return type_widget(name, listed[0], help_text)
        return Widget(name, label, "yaml", help_text)
    if origin is typing.Literal:
        return Widget(name, label, "enum", help_text, options=_literal_options(typing.get_args(tp), help_text))
    if origin is list:
        (item,) = typing.get_args(tp) or (Any,)
        item = _unwrap(item)
        if item is str:
            return Widget(name, label, "lines", help_text or "每行一条")
        if _is_note(item):  # str or {text, verbatim}: one per line, 【照录】 marks the verbatim ones
            return Widget(name, label, "notes", help_text or f"每行一条；行首写{VERBATIM_MARK}表示照录原文、不改写")
        if _is_model(item):
            children = model_widgets(item)
            if _flat(children):  # a nested field of a table row (stage_target) is a YAML cell
                children = [c if c.scalar else replace(c, kind="yaml", children=[]) for c in children]
                return Widget(name, label, "grid", help_text, children=children, item_kind="obj")
            return Widget(name, label, "list", help_text, children=children, item_kind="obj")
        return Widget(name, label, "yaml", help_text)
    if _is_model(tp):
        return Widget(name, label, "obj", help_text, children=model_widgets(tp))
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return Widget(name, label, "enum", help_text, options=_enum_options(tp, help_text))
    return Widget(name, label, _scalar_kind(name, tp), help_text, options=SUGGESTIONS.get(name, []))


VERBATIM_MARK = "【照录】"


def _is_note(tp: Any) -> bool:
    """``Union[str, Model]`` where the model is only ``text`` + ``verbatim`` (a note kept as written)."""
    if typing.get_origin(tp) not in (typing.Union, types.UnionType):
        return False
    arms = [_unwrap(a) for a in typing.get_args(tp)]
    models = [a for a in arms if _is_model(a)]
    return str in arms and len(models) == 1 and set(models[0].model_fields) == {"text", "verbatim"}


def note_lines(values: Any) -> list[str]:
    """Notes as the form shows them: text, or 【照录】text for a verbatim one."""
    out = []
    for v in values or []:
        if isinstance(v, dict):
            out.append((VERBATIM_MARK if v.get("verbatim") else "") + str(v.get("text", "")))
        else:
            out.append(str(v))
    return out


def _scalar_kind(name: str, tp: Any) -> str:
    if tp is bool:
        return "bool"
    if tp is int:
        return "int"
    if tp in (Decimal, float):
        return "num"
    if tp is _dt.date:
        return "date"
    if tp is str:
        return "text" if name in LONG_TEXT else "str"
    return "yaml"


def _unwrap(tp: Any) -> Any:
    """Drop ``Annotated`` and ``Optional`` layers."""
    while True:
        if typing.get_origin(tp) is typing.Annotated:
            tp = typing.get_args(tp)[0]
            continue
        if typing.get_origin(tp) in (typing.Union, types.UnionType):
            arms = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(arms) == 1:
                tp = arms[0]
                continue
        return tp


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _is_model_list(tp: Any) -> bool:
    return typing.get_origin(tp) is list and _is_model(_unwrap((typing.get_args(tp) or (None,))[0]))


def _flat(children: list[Widget]) -> bool:
    """A row of many scalars; at most one small nested object (edited as a YAML cell)."""
    nested = [c for c in children if not c.scalar]
    return (len(children) - len(nested) >= GRID_MIN_FIELDS and len(nested) <= 1
            and all(c.kind == "obj" and all(g.scalar for g in c.children) for c in nested))


# ------------------------------------------------------------------ labels

def field_label(name: str, help_text: str = "") -> str:
    """Chinese label: the description's first phrase when short ("会议名称", "牵头单位"), else the first
    Chinese alias of the field, else the description's first phrase, else the name."""
    head = re.split(r"[，,：:（(；;。\s]", help_text, maxsplit=1)[0] if help_text else ""
    if head and len(head) <= 8:
        return head
    aliases = CHINESE_KEYS.get(name)
    if aliases:
        return aliases[0]
    return head or name


def _literal_options(values: tuple[Any, ...], help_text: str) -> list[tuple[str, str]]:
    return [(str(v), _value_label(str(v), help_text) or str(v) or "（空）") for v in values]


def _enum_options(tp: type[enum.Enum], help_text: str) -> list[tuple[str, str]]:
    names: dict[str, str] = {}
    if tp is MeetingType:
        for cn, member in MEETING_TYPE_NAMES.items():
            names.setdefault(member.value, cn)
    return [(str(m.value), names.get(str(m.value)) or _value_label(str(m.value), help_text) or str(m.value))
            for m in tp]


def _value_label(value: str, help_text: str) -> str:
    """'auto 自动、review 成绩' or '之前（before）' in a description → the Chinese word for *value*."""
    if not value or not help_text:
        return ""
    after = re.search(rf"(?<![A-Za-z_]){re.escape(value)}\s*[=：:]?\s*([\u4e00-\u9fff]+)", help_text)
    if after:
        return after.group(1)
    before = re.search(rf"([\u4e00-\u9fff]+)\s*[（(]{re.escape(value)}[)）]", help_text)
    return before.group(1)[-2:] if before else ""


# ------------------------------------------------------------------ values

def form_values(spec: Spec) -> dict[str, Any]:
    """The spec as plain values for the form (every field, defaults included)."""
    return plain(spec.model_dump(mode="python"))


def plain(value: Any) -> Any:
    """Decimals as text without exponent, enums as values, dates as ISO text."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return value


def leaf_paths(widgets: list[Widget], prefix: str = "") -> list[str]:
    """Dotted paths of every editable leaf (lists as ``[]``): what the form can reach."""
    out: list[str] = []
    for w in widgets:
        path = f"{prefix}{w.key}"
        if w.kind == "obj":
            out.extend(leaf_paths(w.children, path + "."))
        elif w.kind in ("list", "grid"):
            out.extend(leaf_paths(w.children, path + "[]."))
        else:
            out.append(path)
    return out


def path_label(path: str, widgets: list[Widget] | None = None) -> str:
    """'indicators[1].growth' → '指标 第2行 增速' (Chinese labels along a field path)."""
    widgets = spec_widgets() if widgets is None else widgets
    words: list[str] = []
    for key, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", path):
        if index:
            words.append(f"第{int(index) + 1}项")
            continue
        widget = next((w for w in widgets if w.key == key), None)
        if widget is None:
            words.append(key)
            widgets = []
            continue
        words.append(widget.label)
        widgets = widget.children
    return " ".join(words)
