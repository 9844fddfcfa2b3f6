"""The JSON Schema of a spec as the loader accepts it: English keys, their Chinese aliases, Chinese meeting types.

Pydantic's schema knows only the English field names.  :func:`json_schema` adds, model by model,
every Chinese key a field accepts (its ``validation_alias`` choices: :data:`~speechgen.spec.model.CHINESE_KEYS`
and the situation part's own table) beside the English one with the same sub-schema, turns each
required field into "the English key or one of its Chinese keys", and lets ``meeting.type`` take the
Chinese meeting-type names.
"""
from __future__ import annotations

import typing
from typing import Any

from pydantic import AliasChoices, BaseModel

from speechgen.spec.model import MEETING_TYPE_NAMES, Spec


def json_schema() -> dict[str, Any]:
    schema = Spec.model_json_schema(by_alias=False)
    defs = schema.get("$defs", {})
    for model in _models(Spec):
        node = schema if model is Spec else defs.get(model.__name__)
        if node is not None:
            _add_aliases(node, _aliases(model))
    enum = defs.get("MeetingType", {})
    if isinstance(enum.get("enum"), list):
        enum["enum"] = [*enum["enum"], *MEETING_TYPE_NAMES]
    return schema


def _aliases(model: type[BaseModel]) -> dict[str, list[str]]:
    out = {}
    for name, info in model.model_fields.items():
        alias = info.validation_alias
        if isinstance(alias, AliasChoices):
            out[name] = [c for c in alias.choices if isinstance(c, str) and c != name]
    return out


def _models(model: type[BaseModel], seen: set[type] | None = None) -> list[type[BaseModel]]:
    seen = seen if seen is not None else set()
    if model in seen:
        return []
    seen.add(model)
    found = [model]
    for info in model.model_fields.values():
        for sub in _classes(info.annotation):
            found += _models(sub, seen)
    return found


def _classes(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [c for arg in typing.get_args(annotation) for c in _classes(arg)]


def _add_aliases(node: dict[str, Any], aliases: dict[str, list[str]]) -> None:
    props = node.get("properties", {})
    for field, names in aliases.items():
        if field in props:
            for alias in names:
                props.setdefault(alias, props[field])
    required = node.get("required")
    if isinstance(required, list):
        plain = [r for r in required if not aliases.get(r)]
        either = [{"anyOf": [{"required": [key]} for key in (r, *aliases[r])]} for r in required if aliases.get(r)]
        if plain:
            node["required"] = plain
        else:
            node.pop("required")
        if either:
            node["allOf"] = [*node.get("allOf", []), *either]
