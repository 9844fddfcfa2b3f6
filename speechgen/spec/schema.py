"""The JSON Schema of a spec as the loader accepts it: English keys, their Chinese aliases, Chinese meeting types.

Pydantic's schema knows only the English field names; :func:`json_schema` adds every
Chinese key of :data:`~speechgen.spec.model.CHINESE_KEYS` beside its English field (same
sub-schema), turns each required field into "the English key or one of its Chinese
keys", and lets ``meeting.type`` take the Chinese meeting-type names.
"""
from __future__ import annotations

from typing import Any

from speechgen.spec.model import CHINESE_KEYS, MEETING_TYPE_NAMES, Spec


def json_schema() -> dict[str, Any]:
    schema = Spec.model_json_schema(by_alias=False)
    _add_aliases(schema)
    enum = schema.get("$defs", {}).get("MeetingType", {})
    if isinstance(enum.get("enum"), list):
        enum["enum"] = [*enum["enum"], *MEETING_TYPE_NAMES]
    return schema


def _add_aliases(node: Any) -> None:
    if isinstance(node, list):
        for item in node:
            _add_aliases(item)
        return
    if not isinstance(node, dict):
        return
    props = node.get("properties")
    if isinstance(props, dict):
        for field, aliases in CHINESE_KEYS.items():
            if field in props:
                for alias in aliases:
                    props.setdefault(alias, props[field])
        required = node.get("required")
        if isinstance(required, list):
            plain = [r for r in required if r not in CHINESE_KEYS]
            either = [{"anyOf": [{"required": [key]} for key in (r, *CHINESE_KEYS[r])]}
                      for r in required if r in CHINESE_KEYS]
            if plain:
                node["required"] = plain
            else:
                node.pop("required")
            if either:
                node["allOf"] = [*node.get("allOf", []), *either]
    for value in list(node.values()):
        _add_aliases(value)
